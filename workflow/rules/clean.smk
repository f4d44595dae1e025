rule clean:
    input:
        shard="results/corpus/shard-{shard}.parquet",
    output:
        docs_out="results/clean/shard-{shard}.parquet",
        removed_out="results/clean/removed-{shard}.parquet",
        repairs_out="results/clean/repairs-{shard}.parquet",
        entities_out="results/clean/entities-{shard}.parquet",
        templates_out="results/clean/templates-{shard}.parquet",
        audit_out="results/clean/audit-{shard}.html",
    log:
        "results/logs/clean/shard-{shard}.log",
    benchmark:
        "results/benchmarks/clean/shard-{shard}.tsv"
    priority: 7  # every later stage waits for all shards' clean texts
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("clean", "language"),
    script:
        "../scripts/run_stage.py"


rule clean_tables:
    input:
        removed=shard_paths("results/clean/removed-{shard}.parquet"),
        repairs=shard_paths("results/clean/repairs-{shard}.parquet"),
        entities=shard_paths("results/clean/entities-{shard}.parquet"),
        templates=shard_paths("results/clean/templates-{shard}.parquet"),
    output:
        removed_out="results/clean/removed_lines.csv",
        repairs_out="results/clean/repairs.csv",
        entities_out="results/clean/entity_mentions.csv",
        templates_out="results/clean/templates.csv",
    log:
        "results/logs/clean/tables.log",
    benchmark:
        "results/benchmarks/clean/tables.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("clean"),
    script:
        "../scripts/run_stage.py"
