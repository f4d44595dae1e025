rule figures_terms:
    input:
        **figure_inputs(
            "distinctive_terms",
            fightin=rules.terms.output.fightin_out,
            sizes=rules.terms.output.sizes_out,
        ),
        **figure_inputs(
            "fightin_words",
            fightin=rules.terms.output.fightin_out,
            sizes=rules.terms.output.sizes_out,
        ),
        **figure_inputs("fightin_words_pair", pairs=rules.terms.output.pairs_out),
        **figure_inputs(
            "outlet_similarity", similarity=rules.terms.output.similarity_out
        ),
    output:
        **figure_outputs("distinctive_terms", "Terms"),
        **figure_outputs("fightin_words", "Terms"),
        **figure_outputs("fightin_words_pair", "Terms"),
        **figure_outputs("outlet_similarity", "Terms"),
    log:
        "results/logs/figures/terms.log",
    benchmark:
        "results/benchmarks/figures/terms.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("outlets", "terms", "clean", "stats", "figures"),
    script:
        "../scripts/run_stage.py"


rule figure_index:
    input:
        figures=lambda wildcards: figure_pngs(),
    output:
        index_out="results/figures/index.csv",
    log:
        "results/logs/figures/index.log",
    benchmark:
        "results/benchmarks/figures/index.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=1000,
    params:
        config=lambda wildcards: config_for() | {"manifest": figure_manifest_entries()},
    script:
        "../scripts/run_stage.py"
