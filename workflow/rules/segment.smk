rule segment:
    input:
        docs="results/clean/shard-{shard}.parquet",
    output:
        paragraphs_out="results/units/paragraphs-{shard}.parquet",
        sentences_out="results/units/sentences-{shard}.parquet",
    log:
        "results/logs/segment/shard-{shard}.log",
    benchmark:
        "results/benchmarks/segment/shard-{shard}.tsv"
    priority: 7  # topics and scoring wait for every shard's units
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("segment"),
    script:
        "../scripts/run_stage.py"
