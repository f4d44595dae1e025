rule stance_model:
    input:
        training=lookup(dpath="stance/training", within=config),
    output:
        model_out="results/models/stance.pkl",
    log:
        "results/logs/stance/model.log",
    benchmark:
        "results/benchmarks/stance/model.tsv"
    priority: 8  # needs no corpus: starts first; the longest job of a small study
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for("random_state"),
    script:
        "../scripts/run_stage.py"


rule stance_score:
    input:
        mentions="results/features/targets/mentions-{shard}.parquet",
        sentences="results/units/sentences-{shard}.parquet",
        model=rules.stance_model.output.model_out,
    output:
        scored_out="results/features/stance/scored-{shard}.parquet",
    log:
        "results/logs/stance/score/shard-{shard}.log",
    benchmark:
        "results/benchmarks/stance/score/shard-{shard}.tsv"
    priority: 5  # every stance result waits for the scored mentions
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=2000,
    params:
        config=config_for("stance"),
    script:
        "../scripts/run_stage.py"


rule stance:
    input:
        scored=shard_paths("results/features/stance/scored-{shard}.parquet"),
    output:
        scored_out="results/features/stance/mentions.parquet",
        outlets_out="results/features/stance/outlet_stance.csv",
        tests_out="results/features/stance/outlet_tests.csv",
    log:
        "results/logs/stance/outlets.log",
    benchmark:
        "results/benchmarks/stance/outlets.tsv"
    conda:
        "../../environment.yml"
    threads: 1
    resources:
        mem_mb=4000,
    params:
        config=config_for("stance", "stats", "random_state"),
    script:
        "../scripts/run_stage.py"
