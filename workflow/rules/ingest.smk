# Ingest: read and check each shard's documents; one ledger accounts for every input.
if INGEST.documents:

    rule ingest_table:
        input:
            INGEST.documents,
        output:
            shards=shard_paths(result("corpus/shard-{shard}.parquet")),
            ledgers=shard_paths(result("corpus/ledger-{shard}.parquet")),
        log:
            result("logs/ingest.log"),
        benchmark:
            result("benchmarks/ingest.tsv")
        priority: 10  # bad input stops the run before modelling starts
        conda:
            "../../environment.yml"
        threads: 1
        resources:
            mem_mb=4000,
        params:
            config=config_for("corpus", "outlets", "language"),
            shard_ids=SHARDS,
        script:
            "../scripts/run_stage.py"

else:

    rule ingest:
        output:
            shard_out=result("corpus/shard-{shard}.parquet"),
            ledger_out=result("corpus/ledger-{shard}.parquet"),
        log:
            result("logs/ingest/shard-{shard}.log"),
        benchmark:
            result("benchmarks/ingest/shard-{shard}.tsv")
        priority: 10  # bad input stops the run before modelling starts
        conda:
            "../../environment.yml"
        threads: 1
        resources:
            mem_mb=2000,
        params:
            config=config_for("corpus", "outlets", "language"),
            documents=shard_documents,
            shard="{shard}",
        script:
            "../scripts/run_stage.py"


rule ledger:
    input:
        parts=shard_paths(result("corpus/ledger-{shard}.parquet")),
        docs=shard_paths(result("clean/shard-{shard}.parquet")),  # what cleaning emptied
    output:
        ledger=report(
            result("corpus/ledger.csv"),
            caption="../report/ledger.rst",
            category="Corpus",
        ),
    log:
        result("logs/ledger.log"),
    benchmark:
        result("benchmarks/ledger.tsv")
    priority: 7  # the terms stage, and every analysis after it, waits for the ledger
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=1000,
    params:
        config=config_for("corpus", "outlets", "language"),
    script:
        "../scripts/run_stage.py"
