rule frame_units:
    input:
        paragraphs="results/units/paragraphs-{shard}.parquet",
    output:
        units_out="results/features/frames/units-{shard}.parquet",
    log:
        "results/logs/frames/shard-{shard}.log",
    benchmark:
        "results/benchmarks/frames/shard-{shard}.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("frames", "clean"),
    script:
        "../scripts/run_stage.py"


rule frames:
    input:
        unit_scores=shard_paths("results/features/frames/units-{shard}.parquet"),
        paragraphs=shard_paths("results/units/paragraphs-{shard}.parquet"),
    output:
        units_out="results/features/frames/unit_frames.parquet",
        docs_out="results/features/frames/document_frames.csv",
        outlets_out="results/features/frames/outlet_frames.csv",
        validation_out="results/features/frames/validation_sample.csv",
    log:
        "results/logs/frames/outlets.log",
    benchmark:
        "results/benchmarks/frames/outlets.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for("frames", "stats", "random_state"),
    script:
        "../scripts/run_stage.py"


rule sources:
    input:
        sentences=shard_paths("results/units/sentences-{shard}.parquet"),
        docs=shard_paths("results/clean/shard-{shard}.parquet"),
    output:
        attributions_out="results/features/sources/attributions.parquet",
        outlets_out="results/features/sources/outlet_sources.csv",
    log:
        "results/logs/sources.log",
    benchmark:
        "results/benchmarks/sources.tsv"
    priority: 4  # a long job at scale: runs before the frame shards, not alone at the end
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for("sources"),
    script:
        "../scripts/run_stage.py"
