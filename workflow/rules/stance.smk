TRANSFORMER = config["stance"]["engine"] == "transformer"
# the study's coded mentions: the model learns them
CODED = config["stance"].get("coded")


rule stance_model:
    input:
        **({"coded": CODED} if CODED else {}),
        training=lookup(dpath="stance/training", within=config),
        cues=lookup(dpath="stance/cues", within=config),  # the model's lexicon features
    output:
        model_out=result(
            "models/stance-transformer.zip" if TRANSFORMER else "models/stance.pkl"
        ),
    log:
        result("logs/stance/model.log"),
    benchmark:
        result("benchmarks/stance/model.tsv")
    priority: 8  # needs no corpus: starts first; the longest job of a small study
    conda:
        "../../environment.yml"
    threads: config["stance"]["transformer"]["threads"] if TRANSFORMER else 1
    resources:
        mem_mb=4000,  # the transformer fine-tune peaks near 2 GB
    params:
        **({"coded_weight": config["stance"]["coded_weight"]} if CODED else {}),
        config=config_for("random_state") | stance_engine(),
    script:
        "../scripts/run_stage.py"


rule stance_score:
    input:
        mentions=result("features/targets/mentions-{shard}.parquet"),
        sentences=result("units/sentences-{shard}.parquet"),
        model=rules.stance_model.output.model_out,
    output:
        scored_out=result("features/stance/scored-{shard}.parquet"),
    log:
        result("logs/stance/score/shard-{shard}.log"),
    benchmark:
        result("benchmarks/stance/score/shard-{shard}.tsv")
    priority: 5  # every stance result waits for the scored mentions
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("stance", "clean"),  # clean.rules: caption and byline patterns
    script:
        "../scripts/run_stage.py"


rule stance:
    input:
        scored=shard_paths(result("features/stance/scored-{shard}.parquet")),
    output:
        scored_out=result("features/stance/mentions.parquet"),
        outlets_out=result("features/stance/outlet_stance.csv"),
        tests_out=result("features/stance/outlet_tests.csv"),
    log:
        result("logs/stance/outlets.log"),
    benchmark:
        result("benchmarks/stance/outlets.tsv")
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for("stance", "stats", "random_state"),
    script:
        "../scripts/run_stage.py"


if CODED:

    rule stance_agreement:
        input:
            training=lookup(dpath="stance/training", within=config),
            cues=lookup(dpath="stance/cues", within=config),
            coded=CODED,
        output:
            agreement_out=result("features/stance/agreement.csv"),
        log:
            result("logs/stance/agreement.log"),
        benchmark:
            result("benchmarks/stance/agreement.tsv")
        conda:
            "../../environment.yml"
        threads: config["stance"]["transformer"]["threads"] if TRANSFORMER else 1
        resources:
            mem_mb=4000,
        params:
            config=config_for("stance", "stats", "random_state"),
        script:
            "../scripts/run_stage.py"
