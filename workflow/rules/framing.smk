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
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for("sources"),
    script:
        "../scripts/run_stage.py"


rule figure_frames:
    input:
        frames=rules.frames.output.outlets_out,
    output:
        vector=figure_vector("frames"),
        png=report(
            "results/figures/frames.png",
            caption="../report/frames.rst",
            category="Frames",
        ),
        csv="results/figures/frames.csv",
    log:
        "results/logs/figures/frames.log",
    benchmark:
        "results/benchmarks/figures/frames.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("outlets", "stats", "figures"),
    script:
        "../scripts/run_stage.py"


rule figure_voices:
    input:
        sources=rules.sources.output.outlets_out,
    output:
        vector=figure_vector("voices"),
        png=report(
            "results/figures/voices.png",
            caption="../report/voices.rst",
            category="Sources",
        ),
        csv="results/figures/voices.csv",
    log:
        "results/logs/figures/voices.log",
    benchmark:
        "results/benchmarks/figures/voices.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("outlets", "figures"),
    script:
        "../scripts/run_stage.py"


rule figure_headline:
    input:
        kwic=rules.context.output.kwic_out,
        sizes=rules.terms.output.sizes_out,
        stance=rules.stance.output.outlets_out,
        collocations=rules.context.output.collocations_out,
        unit_frames=rules.frames.output.units_out,
    output:
        vector=figure_vector("headline"),
        png=report(
            "results/figures/headline.png",
            caption="../report/headline.rst",
            category="Headline",
        ),
        csv="results/figures/headline.csv",
        examples_out="results/figures/headline_kwic.md",
    log:
        "results/logs/figures/headline.log",
    benchmark:
        "results/benchmarks/figures/headline.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("outlets", "headline", "stats", "figures"),
    script:
        "../scripts/run_stage.py"
