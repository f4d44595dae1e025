rule segment:
    input:
        docs=result("clean/shard-{shard}.parquet"),
    output:
        paragraphs_out=result("units/paragraphs-{shard}.parquet"),
        sentences_out=result("units/sentences-{shard}.parquet"),
    log:
        result("logs/segment/shard-{shard}.log"),
    benchmark:
        result("benchmarks/segment/shard-{shard}.tsv")
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
