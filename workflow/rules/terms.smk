rule terms:
    input:
        docs=shard_paths(result("clean/shard-{shard}.parquet")),
        entities=shard_paths(result("clean/entities-{shard}.parquet")),
        _ledger=rules.ledger.output.ledger,  # stops here if no document is left to analyse
    output:
        vocabulary_out=result("features/terms/vocabulary.csv"),
        counts_out=result("features/terms/outlet_counts.parquet"),
        sizes_out=result("features/terms/outlet_sizes.csv"),
        fightin_out=result("features/terms/fightin_words.parquet"),
        pairs_out=result("features/terms/fightin_words_pairs.parquet"),
        keyness_out=result("features/terms/keyness.parquet"),
        similarity_out=result("features/terms/outlet_similarity.csv"),
    log:
        result("logs/terms.log"),
    benchmark:
        result("benchmarks/terms.tsv")
    priority: 6  # terms -> topics -> topic figures: the longest chain at scale
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for("terms", "clean", "stats", "random_state", "outlets"),
    script:
        "../scripts/run_stage.py"


rule mentions:
    input:
        sentences=result("units/sentences-{shard}.parquet"),
    output:
        mentions_out=result("features/targets/mentions-{shard}.parquet"),
    log:
        result("logs/mentions/shard-{shard}.log"),
    benchmark:
        result("benchmarks/mentions/shard-{shard}.tsv")
    priority: 5  # stance scoring waits for the mentions
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("targets"),
    script:
        "../scripts/run_stage.py"


rule context:
    input:
        mentions=shard_paths(result("features/targets/mentions-{shard}.parquet")),
        sentences=shard_paths(result("units/sentences-{shard}.parquet")),
        docs=shard_paths(result("clean/shard-{shard}.parquet")),
        counts=rules.terms.output.counts_out,
    output:
        kwic_out=result("features/terms/kwic.csv"),
        kwic_md_out=result("features/terms/kwic.md"),
        collocations_out=result("features/terms/collocations.csv"),
    log:
        result("logs/context.log"),
    benchmark:
        result("benchmarks/context.tsv")
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for("outlets", "terms", "clean", "targets"),
    script:
        "../scripts/run_stage.py"
