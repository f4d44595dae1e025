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
        result("logs/figures/terms.log"),
    benchmark:
        result("benchmarks/figures/terms.tsv")
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("outlets", "terms", "clean", "stats", "figures"),
    script:
        "../scripts/run_stage.py"


rule figures_topics:
    input:
        **figure_inputs(
            "topic_prevalence",
            topic_words=rules.topics.output.words_out,
            prevalence=rules.topics.output.prevalence_out,
        ),
        **figure_inputs("topic_selection", selection=rules.topics.output.selection_out),
        **figure_inputs(
            "topic_network",
            topic_words=rules.topics.output.words_out,
            network=rules.topic_packages.output.network_out,
            packages=rules.topic_packages.output.packages_out,
            package_prevalence=rules.topic_packages.output.package_prevalence_out,
        ),
        **figure_inputs(
            "topic_time",
            topic_words=rules.topics.output.words_out,
            time=rules.topic_effects.output.time_out,
        ),
    output:
        **figure_outputs("topic_prevalence", "Topics"),
        **figure_outputs("topic_selection", "Topics"),
        **figure_outputs("topic_network", "Topics"),
        **figure_outputs("topic_time", "Topics"),
    log:
        result("logs/figures/topics.log"),
    benchmark:
        result("benchmarks/figures/topics.tsv")
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for(
            "outlets", "topics", "segment", "stats", "figures", "random_state"
        ),
    script:
        "../scripts/run_stage.py"


rule figures_framing:
    input:
        **figure_inputs("frames", frames=rules.frames.output.outlets_out),
        **figure_inputs("voices", sources=rules.sources.output.outlets_out),
    output:
        **figure_outputs("frames", "Frames"),
        **figure_outputs("voices", "Sources"),
    log:
        result("logs/figures/framing.log"),
    benchmark:
        result("benchmarks/figures/framing.tsv")
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("outlets", "stats", "figures", "frames"),
    script:
        "../scripts/run_stage.py"


rule figures_stance:
    input:
        **figure_inputs(
            "stance",
            stance=rules.stance.output.outlets_out,
            tests=rules.stance.output.tests_out,
        ),
        **headline_figure(
            figure_inputs,
            kwic=rules.context.output.kwic_out,
            sizes=rules.terms.output.sizes_out,
            stance=rules.stance.output.outlets_out,
            collocations=rules.context.output.collocations_out,
            unit_frames=rules.frames.output.units_out,
        ),
    output:
        **figure_outputs("stance", "Stance"),
        **headline_figure(
            figure_outputs, "Headline", examples_out=result("figures/headline_kwic.md")
        ),
    log:
        result("logs/figures/stance.log"),
    benchmark:
        result("benchmarks/figures/stance.tsv")
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for(
            "outlets",
            "targets",
            "frames",
            "headline",
            "stance",  # the caption names the engine and the coded mentions
            "stats",
            "figures",
            "random_state",
        ),
    script:
        "../scripts/run_stage.py"


rule figure_index:
    input:
        pngs=lambda wildcards: figure_pngs(),
    output:
        index_out=result("figures/index.csv"),
    log:
        result("logs/figures/index.log"),
    benchmark:
        result("benchmarks/figures/index.tsv")
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=1000,
    params:
        config=lambda wildcards: config_for("stats", "topics", "terms", "frames", "stance")
        | {"manifest": figure_manifest_entries()},
    script:
        "../scripts/run_stage.py"
