rule terms:
    input:
        docs=shard_paths("results/clean/shard-{shard}.parquet"),
    output:
        counts_out="results/features/terms/outlet_counts.parquet",
        fightin_out="results/features/terms/fightin_words.parquet",
        sizes_out="results/features/terms/outlet_sizes.csv",
    log:
        "results/logs/terms.log",
    benchmark:
        "results/benchmarks/terms.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for("terms", "clean"),
    script:
        "../scripts/run_stage.py"
