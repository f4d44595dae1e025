rule topics:
    input:
        paragraphs=shard_paths("results/units/paragraphs-{shard}.parquet"),
        docs=shard_paths("results/clean/shard-{shard}.parquet"),
        vocabulary=rules.terms.output.vocabulary_out,
    output:
        words_out="results/topics/topic_words.csv",
        doc_topic_out="results/topics/doc_topic.parquet",
        prevalence_out="results/topics/outlet_prevalence.csv",
        unit_topic_out="results/topics/unit_topic.parquet",
        selection_out="results/topics/model_selection.csv",
        frex_out="results/topics/topic_frex.csv",
        representative_out="results/topics/representative_units.csv",
    log:
        "results/logs/topics.log",
    benchmark:
        "results/benchmarks/topics.tsv"
    priority: 6  # terms -> topics -> topic figures: the longest chain at scale
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for(
            "topics", "terms", "clean", "segment", "stats", "random_state"
        ),
    script:
        "../scripts/run_stage.py"


rule topic_effects:
    input:
        doc_topic=rules.topics.output.doc_topic_out,
        docs=shard_paths("results/clean/shard-{shard}.parquet"),
    output:
        differences_out="results/topics/outlet_differences.csv",
        time_out="results/topics/prevalence_over_time.csv",
    log:
        "results/logs/topic_effects.log",
    benchmark:
        "results/benchmarks/topic_effects.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("outlets", "stats", "random_state"),
    script:
        "../scripts/run_stage.py"


rule topic_packages:
    input:
        doc_topic=rules.topics.output.doc_topic_out,
    output:
        network_out="results/topics/topic_network.csv",
        packages_out="results/topics/frame_packages.csv",
        package_prevalence_out="results/topics/package_prevalence.csv",
    log:
        "results/logs/topic_packages.log",
    benchmark:
        "results/benchmarks/topic_packages.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("stats", "random_state"),
    script:
        "../scripts/run_stage.py"
