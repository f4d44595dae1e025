rule summary:
    input:
        ledger=rules.ledger.output.ledger,
        docs=shard_paths(result("clean/shard-{shard}.parquet")),
        removed=rules.clean_tables.output.removed_out,
        sizes=rules.terms.output.sizes_out,
        fightin=rules.terms.output.fightin_out,
        kwic=rules.context.output.kwic_out,
        similarity=rules.terms.output.similarity_out,
        topic_words=rules.topics.output.words_out,
        prevalence=rules.topics.output.prevalence_out,
        topic_selection=rules.topics.output.selection_out,
        topic_frex=rules.topics.output.frex_out,
        frame_packages=rules.topic_packages.output.packages_out,
        topic_units=rules.topics.output.units_out,
        stance=rules.stance.output.outlets_out,
        stance_tests=rules.stance.output.tests_out,
        **({"stance_agreement": rules.stance_agreement.output.agreement_out} if CODED else {}),
    output:
        output=report(result("summary.md"), category="Summary"),
    log:
        result("logs/summary.log"),
    benchmark:
        result("benchmarks/summary.tsv")
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for(
            "study",
            "outlets",
            "targets",
            "stance",
            "terms",
            "topics",
            "segment",
            "stats",
            "random_state",
        ),
    script:
        "../scripts/run_stage.py"


rule provenance:
    output:
        config_out=report(
            result("provenance/config.yaml"),
            caption="../report/provenance.rst",
            category="Provenance",
        ),
        software_out=report(
            result("provenance/software.csv"),
            caption="../report/provenance.rst",
            category="Provenance",
        ),
    log:
        result("logs/provenance.log"),
    conda:
        "../../environment.yml"
    threads: 1
    params:
        config=config_for(*sorted(config)),
    script:
        "../scripts/run_stage.py"
