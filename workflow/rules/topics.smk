rule topics:
    input:
        paragraphs=shard_paths("results/units/paragraphs-{shard}.parquet"),
        docs=shard_paths("results/clean/shard-{shard}.parquet"),
        vocabulary=rules.terms.output.vocabulary_out,
    output:
        words_out="results/topics/topic_words.csv",
        doc_topic_out="results/topics/doc_topic.parquet",
        prevalence_out="results/topics/outlet_prevalence.csv",
    log:
        "results/logs/topics.log",
    benchmark:
        "results/benchmarks/topics.tsv"
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


rule figure_topics:
    input:
        topic_words=rules.topics.output.words_out,
        prevalence=rules.topics.output.prevalence_out,
    output:
        vector=figure_vector("topic_prevalence"),
        png=report(
            "results/figures/topic_prevalence.png",
            caption="../report/topic_prevalence.rst",
            category="Topics",
        ),
        csv="results/figures/topic_prevalence.csv",
    log:
        "results/logs/figures/topic_prevalence.log",
    benchmark:
        "results/benchmarks/figures/topic_prevalence.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("outlets", "stats", "figures"),
    script:
        "../scripts/run_stage.py"
