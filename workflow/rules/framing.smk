rule frame_units:
    input:
        paragraphs=result("units/paragraphs-{shard}.parquet"),
    output:
        units_out=result("features/frames/units-{shard}.parquet"),
    log:
        result("logs/frames/shard-{shard}.log"),
    benchmark:
        result("benchmarks/frames/shard-{shard}.tsv")
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
        unit_scores=shard_paths(result("features/frames/units-{shard}.parquet")),
        paragraphs=shard_paths(result("units/paragraphs-{shard}.parquet")),
    output:
        units_out=result("features/frames/unit_frames.parquet"),
        docs_out=result("features/frames/document_frames.csv"),
        outlets_out=result("features/frames/outlet_frames.csv"),
        validation_out=result("features/frames/validation_sample.csv"),
    log:
        result("logs/frames/outlets.log"),
    benchmark:
        result("benchmarks/frames/outlets.tsv")
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
        sentences=shard_paths(result("units/sentences-{shard}.parquet")),
        docs=shard_paths(result("clean/shard-{shard}.parquet")),
    output:
        attributions_out=result("features/sources/attributions.parquet"),
        outlets_out=result("features/sources/outlet_sources.csv"),
    log:
        result("logs/sources.log"),
    benchmark:
        result("benchmarks/sources.tsv")
    priority: 4  # a long job at scale: runs before the frame shards, not alone at the end
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for("sources", "stats", "random_state"),
    script:
        "../scripts/run_stage.py"
