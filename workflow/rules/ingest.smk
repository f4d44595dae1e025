rule ingest:
    input:
        _sources=ingest_sources,
    output:
        shards=shard_paths("results/corpus/shard-{shard}.parquet"),
        ledger=report(
            "results/corpus/ledger.csv",
            caption="../report/ledger.rst",
            category="Corpus",
        ),
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
