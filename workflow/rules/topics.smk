rule topics:
    input:
        paragraphs=shard_paths(result("units/paragraphs-{shard}.parquet")),
        docs=shard_paths(result("clean/shard-{shard}.parquet")),
        removed=shard_paths(result("clean/removed-{shard}.parquet")),
        vocabulary=rules.terms.output.vocabulary_out,
    output:
        words_out=result("topics/topic_words.csv"),
        doc_topic_out=result("topics/doc_topic.parquet"),
        prevalence_out=result("topics/outlet_prevalence.csv"),
        unit_topic_out=result("topics/unit_topic.parquet"),
        selection_out=result("topics/model_selection.csv"),
        frex_out=result("topics/topic_frex.csv"),
        representative_out=result("topics/representative_units.csv"),
        units_out=result("topics/topic_units.parquet"),
    log:
        result("logs/topics.log"),
    benchmark:
        result("benchmarks/topics.tsv")
    priority: 6  # terms -> topics -> topic figures: the longest chain at scale
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for(
            "topics", "terms", "clean", "segment", "stats", "outlets", "random_state"
        ),
    script:
        "../scripts/run_stage.py"


rule topic_effects:
    input:
        doc_topic=rules.topics.output.doc_topic_out,
        docs=shard_paths(result("clean/shard-{shard}.parquet")),
    output:
        differences_out=result("topics/outlet_differences.csv"),
        time_out=result("topics/prevalence_over_time.csv"),
    log:
        result("logs/topic_effects.log"),
    benchmark:
        result("benchmarks/topic_effects.tsv")
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
        network_out=result("topics/topic_network.csv"),
        packages_out=result("topics/frame_packages.csv"),
        package_prevalence_out=result("topics/package_prevalence.csv"),
    log:
        result("logs/topic_packages.log"),
    benchmark:
        result("benchmarks/topic_packages.tsv")
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("stats", "random_state"),
    script:
        "../scripts/run_stage.py"
