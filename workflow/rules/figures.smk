rule figure_terms:
    input:
        fightin=rules.terms.output.fightin_out,
        sizes=rules.terms.output.sizes_out,
    output:
        vector=figure_vector("distinctive_terms"),
        png=report(
            "results/figures/distinctive_terms.png",
            caption="../report/distinctive_terms.rst",
            category="Terms",
        ),
        csv="results/figures/distinctive_terms.csv",
    log:
        "results/logs/figures/distinctive_terms.log",
    benchmark:
        "results/benchmarks/figures/distinctive_terms.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("outlets", "terms", "clean", "figures"),
    script:
        "../scripts/run_stage.py"


rule figure_fightin:
    input:
        fightin=rules.terms.output.fightin_out,
        sizes=rules.terms.output.sizes_out,
    output:
        vector=figure_vector("fightin_words"),
        png=report(
            "results/figures/fightin_words.png",
            caption="../report/fightin_words.rst",
            category="Terms",
        ),
        csv="results/figures/fightin_words.csv",
    log:
        "results/logs/figures/fightin_words.log",
    benchmark:
        "results/benchmarks/figures/fightin_words.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("outlets", "terms", "clean", "figures"),
    script:
        "../scripts/run_stage.py"


rule figure_pair:
    input:
        pairs=rules.terms.output.pairs_out,
    output:
        vector=figure_vector("fightin_words_pair"),
        png=report(
            "results/figures/fightin_words_pair.png",
            caption="../report/fightin_words_pair.rst",
            category="Terms",
        ),
        csv="results/figures/fightin_words_pair.csv",
    log:
        "results/logs/figures/fightin_words_pair.log",
    benchmark:
        "results/benchmarks/figures/fightin_words_pair.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("outlets", "terms", "clean", "figures"),
    script:
        "../scripts/run_stage.py"


rule figure_similarity:
    input:
        similarity=rules.terms.output.similarity_out,
    output:
        vector=figure_vector("outlet_similarity"),
        png=report(
            "results/figures/outlet_similarity.png",
            caption="../report/outlet_similarity.rst",
            category="Terms",
        ),
        csv="results/figures/outlet_similarity.csv",
    log:
        "results/logs/figures/outlet_similarity.log",
    benchmark:
        "results/benchmarks/figures/outlet_similarity.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("outlets", "stats", "figures"),
    script:
        "../scripts/run_stage.py"


rule figure_index:
    input:
        figures=lambda wildcards: [
            str(getattr(rules, r.name).output.png) for r in figure_rules()
        ],
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
