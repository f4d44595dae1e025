rule clean:
    input:
        shard=result("corpus/shard-{shard}.parquet"),
    output:
        docs_out=result("clean/shard-{shard}.parquet"),
        removed_out=result("clean/removed-{shard}.parquet"),
        repairs_out=result("clean/repairs-{shard}.parquet"),
        entities_out=result("clean/entities-{shard}.parquet"),
        templates_out=result("clean/templates-{shard}.parquet"),
        audit_out=result("clean/audit-{shard}.html"),
    log:
        result("logs/clean/shard-{shard}.log"),
    benchmark:
        result("benchmarks/clean/shard-{shard}.tsv")
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
        removed=shard_paths(result("clean/removed-{shard}.parquet")),
        repairs=shard_paths(result("clean/repairs-{shard}.parquet")),
        entities=shard_paths(result("clean/entities-{shard}.parquet")),
        templates=shard_paths(result("clean/templates-{shard}.parquet")),
    output:
        removed_out=result("clean/removed_lines.csv"),
        repairs_out=result("clean/repairs.csv"),
        entities_out=result("clean/entity_mentions.csv"),
        templates_out=result("clean/templates.csv"),
    log:
        result("logs/clean/tables.log"),
    benchmark:
        result("benchmarks/clean/tables.tsv")
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("clean"),
    script:
        "../scripts/run_stage.py"
