rule ingest:
    input:
        _sources=ingest_sources,
    output:
        shards=shard_paths("results/corpus/shard-{shard}.parquet"),
        ledger="results/corpus/ledger.csv",
    log:
        "results/logs/ingest.log",
    benchmark:
        "results/benchmarks/ingest.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("corpus", "outlets"),
    script:
        "../scripts/run_stage.py"
