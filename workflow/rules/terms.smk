rule terms:
    input:
        docs=shard_paths("results/clean/shard-{shard}.parquet"),
        entities=shard_paths("results/clean/entities-{shard}.parquet"),
        _ledger=rules.ledger.output.ledger,  # stops here if no document is left to analyse
    output:
        vocabulary_out="results/features/terms/vocabulary.csv",
        counts_out="results/features/terms/outlet_counts.parquet",
        sizes_out="results/features/terms/outlet_sizes.csv",
        fightin_out="results/features/terms/fightin_words.parquet",
        pairs_out="results/features/terms/fightin_words_pairs.parquet",
        keyness_out="results/features/terms/keyness.parquet",
        similarity_out="results/features/terms/outlet_similarity.csv",
    log:
        "results/logs/terms.log",
    benchmark:
        "results/benchmarks/terms.tsv"
    priority: 6  # terms -> topics -> topic figures: the longest chain at scale
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for("terms", "clean", "stats", "random_state"),
    script:
        "../scripts/run_stage.py"


rule mentions:
    input:
        sentences="results/units/sentences-{shard}.parquet",
    output:
        mentions_out="results/features/targets/mentions-{shard}.parquet",
    log:
        "results/logs/mentions/shard-{shard}.log",
    benchmark:
        "results/benchmarks/mentions/shard-{shard}.tsv"
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
        mentions=shard_paths("results/features/targets/mentions-{shard}.parquet"),
        sentences=shard_paths("results/units/sentences-{shard}.parquet"),
        docs=shard_paths("results/clean/shard-{shard}.parquet"),
        counts=rules.terms.output.counts_out,
    output:
        kwic_out="results/features/terms/kwic.csv",
        kwic_md_out="results/features/terms/kwic.md",
        collocations_out="results/features/terms/collocations.csv",
    log:
        "results/logs/context.log",
    benchmark:
        "results/benchmarks/context.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for("outlets", "terms", "clean", "targets"),
    script:
        "../scripts/run_stage.py"
