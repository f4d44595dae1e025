"""Benchmark harness: run the whole DAG on synthetic corpora and tabulate time and memory.

    python bench/run.py 1000 10000      # or: make bench / BENCH_N=100000 make bench

For each size N it writes ``bench/results/bench-<N>.csv`` (stage, n_docs, wall_s, cpu_s,
max_rss_mb, mb_per_s, baseline, baseline_s, ratio, baseline_cpu_s, cpu_ratio; a final
``total`` row for the whole DAG) from Snakemake's per-job ``benchmark:`` files, and
``bench/results/planted-<N>.csv``, the check that the planted differences between outlets are
recovered. Per-shard stages add up their shards' seconds, so their MB/s is per core.
``baseline`` names the plain-library way of doing the stage's core work
(``bench/baselines.py``), ``baseline_s`` is its time on the same corpus and ``ratio`` is
``wall_s / baseline_s``; ``cpu_ratio`` compares CPU seconds, which other work on the machine
disturbs less than wall-clock time.

Shards hold ``min(10000, max(250, ceil(N / cores)))`` documents unless ``--shard-size`` says
otherwise: every core gets a shard, and a shard is big enough (10-25 s of work per job at
10,000 documents) that a job's start-up stays a small part of it: about 0.7 s of CPU for
Python, pandas and framelab, up to 2 s where a job also loads scikit-learn and the stance
model or the language identifier, so about 7 s for the six per-shard jobs of one shard.
"""

from __future__ import annotations

import argparse
import math
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baselines import BASELINES, NO_BASELINE  # noqa: E402
from synth import (  # noqa: E402
    PLANTED_STANCE,
    PLANTED_TERMS,
    generate,
    write_config,
    write_corpus,
)

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "bench" / "work"
TOP = 20
CPU_LINE = re.compile(r"cpu_s=([0-9.]+)")
MAX_SHARD = 10_000


def bench_shard_size(n_docs: int, cores: int) -> int:
    """Documents per shard: one shard per core at least, at most MAX_SHARD per shard."""
    return min(MAX_SHARD, max(250, math.ceil(n_docs / cores)))


def stage_of(tsv: Path, benchmarks: Path) -> str:
    """Stage label from a benchmark file path: per-shard files count towards their stage."""
    parts = list(tsv.relative_to(benchmarks).with_suffix("").parts)
    if parts[-1].startswith("shard-"):
        parts = parts[:-1]
    return "_".join(parts)


def job_cpu_seconds(tsv: Path, benchmarks: Path) -> float:
    """CPU seconds of a job, from the ``cpu_s=`` line ``run_stage.py`` ends its log with (the
    log sits at the benchmark file's place under ``logs/``); NaN when absent. Snakemake's own
    ``cpu_time`` samples the process at intervals and misses the end of longer jobs."""
    log = benchmarks.parent / "logs" / tsv.relative_to(benchmarks).with_suffix(".log")
    found = CPU_LINE.findall(log.read_text(encoding="utf-8")) if log.is_file() else []
    return float(found[-1]) if found else float("nan")


def stage_table(benchmarks: Path, *, n_docs: int, corpus_mb: float) -> pd.DataFrame:
    """One row per stage from Snakemake's benchmark TSVs."""
    rows = []
    for tsv in sorted(benchmarks.rglob("*.tsv")):
        record = pd.read_csv(tsv, sep="\t").iloc[0]
        rows.append(
            {
                "stage": stage_of(tsv, benchmarks),
                "s": record["s"],
                "cpu": job_cpu_seconds(tsv, benchmarks),
                "rss": record["max_rss"],
            }
        )
    jobs = pd.DataFrame(rows)
    table = jobs.groupby("stage", sort=False).agg(
        wall_s=("s", "sum"), cpu_s=("cpu", "sum"), max_rss_mb=("rss", "max")
    )
    table = table.reset_index()
    table.insert(1, "n_docs", n_docs)
    table["mb_per_s"] = corpus_mb / table["wall_s"]
    return table


def baseline_columns(table: pd.DataFrame, folder: Path) -> pd.DataFrame:
    """Add ``baseline, baseline_s, ratio, baseline_cpu_s, cpu_ratio``: each stage against its
    library baseline, run in a fresh process on the same folder (one run per distinct
    baseline function)."""
    seconds: dict[object, tuple[float, float]] = {}
    names, walls, cpus = [], [], []
    nan = float("nan")
    for stage in table["stage"]:
        if stage in BASELINES:
            name, work = BASELINES[stage]
            if work not in seconds:
                seconds[work] = _time_baseline(folder, stage)
            names.append(name)
            walls.append(seconds[work][0])
            cpus.append(seconds[work][1])
        else:
            names.append(NO_BASELINE.get(stage, "none"))
            walls.append(nan)
            cpus.append(nan)
    walls_s, cpus_s = pd.Series(walls, index=table.index), pd.Series(cpus, index=table.index)
    return table.assign(
        baseline=names,
        baseline_s=walls_s,
        ratio=table["wall_s"] / walls_s,
        baseline_cpu_s=cpus_s,
        cpu_ratio=table["cpu_s"] / cpus_s,
    )


def _time_baseline(folder: Path, stage: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one baseline."""
    print(f"[bench] baseline for {stage}", flush=True)
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "baselines.py"), str(folder), stage],
        capture_output=True,
        text=True,
        cwd=folder,
    )
    if run.returncode != 0:
        print(f"[bench] baseline {stage} failed:\n{run.stderr[-2000:]}", flush=True)
        return float("nan"), float("nan")
    cpu, wall = run.stdout.split()[-2:]
    return float(wall), float(cpu)


def planted_check(fightin: pd.DataFrame) -> pd.DataFrame:
    """Rank of every planted distinctive term in its outlet's Fightin' Words list."""
    rows = []
    for outlet, terms in PLANTED_TERMS.items():
        ranking = fightin[fightin["outlet"] == outlet]["term"].tolist()
        for term in terms:
            rank = ranking.index(term) + 1 if term in ranking else None
            rows.append({"outlet": outlet, "term": term, "rank": rank,
                         "recovered": rank is not None and rank <= TOP})  # fmt: skip
    return pd.DataFrame(rows)


def planted_stance_check(stance: pd.DataFrame, tests: pd.DataFrame) -> pd.DataFrame:
    """Whether the planted stance difference (negative words around S-400 in one outlet,
    positive in another) is recovered: right sign, and an adjusted permutation p below 0.05."""
    negative = next(o for o, words in PLANTED_STANCE.items() if "threat" in words)
    positive = next(o for o, words in PLANTED_STANCE.items() if "success" in words)
    arms = stance[stance["target"] == "russian_arms_offers"].set_index("outlet")
    pair = tests[
        (tests["target"] == "russian_arms_offers")
        & (tests["outlet_a"] == min(negative, positive))
        & (tests["outlet_b"] == max(negative, positive))
    ]
    mean_neg, mean_pos = arms.loc[negative, "mean"], arms.loc[positive, "mean"]
    p = float(pair["p_adjusted"].iloc[0]) if len(pair) else float("nan")
    return pd.DataFrame(
        [
            {
                "outlet": f"{negative} vs {positive}",
                "term": "stance toward russian_arms_offers",
                "rank": None,
                "recovered": bool(mean_neg < mean_pos and p < 0.05),
                "detail": f"means {mean_neg:.3f} vs {mean_pos:.3f}, adjusted permutation p={p:.4f}",
            }
        ]
    )


def prepare_corpus(n_docs: int, shard_size: int, *, reuse: bool) -> tuple[Path, float]:
    """``bench/work/<N>`` with the synthetic corpus and its config; its MB of text.

    With ``reuse``, the corpus a ``--keep`` run left there is kept (generating 100,000
    documents takes minutes): its results are removed and its config written anew.
    """
    folder = WORK / str(n_docs)
    config = folder / "config.yaml"
    if reuse and config.is_file():
        with open(config, encoding="utf-8") as handle:
            kept = yaml.safe_load(handle)
        if kept["study"] == f"synthetic-{n_docs}":
            for generated in ("results", ".snakemake"):
                shutil.rmtree(folder / generated, ignore_errors=True)
            raw = Path(kept["corpus"]["raw_dir"])
            corpus_mb = sum(f.stat().st_size for f in raw.iterdir()) / 1e6
            return write_config(folder, n_docs, shard_size=shard_size), corpus_mb
    shutil.rmtree(folder, ignore_errors=True)
    corpus = generate(n_docs, seed=7)
    return write_corpus(corpus, folder, shard_size=shard_size), corpus.n_bytes / 1e6


def run_size(
    n_docs: int,
    *,
    cores: int,
    keep: bool,
    shard_size: int | None,
    baselines: bool,
    reuse: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    folder = WORK / str(n_docs)
    shard_size = shard_size or bench_shard_size(n_docs, cores)
    config, corpus_mb = prepare_corpus(n_docs, shard_size, reuse=reuse)
    print(
        f"[bench] {n_docs} documents, {corpus_mb:.1f} MB, {shard_size} per shard -> {folder}",
        flush=True,
    )
    started = time.perf_counter()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--snakefile",
            str(ROOT / "Snakefile"),
            "--directory",
            str(folder),
            "--configfile",
            str(config),
            "--cores",
            str(cores),
            "--quiet",
            "rules",
        ],  # fmt: skip
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit(
            f"[bench] snakemake failed at N={n_docs}:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    results = folder / "results" / f"synthetic-{n_docs}"  # the config's study
    table = stage_table(results / "benchmarks", n_docs=n_docs, corpus_mb=corpus_mb)
    total = {
        "stage": "total",
        "n_docs": n_docs,
        "wall_s": wall,
        "cpu_s": table["cpu_s"].sum(),
        "max_rss_mb": max(peak_mb, table["max_rss_mb"].max()),
        "mb_per_s": corpus_mb / wall,
    }
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    if baselines:
        table = baseline_columns(table, folder)
    planted = pd.concat(
        [
            planted_check(pd.read_parquet(results / "features/terms/fightin_words.parquet")),
            planted_stance_check(
                pd.read_csv(results / "features/stance/outlet_stance.csv"),
                pd.read_csv(results / "features/stance/outlet_tests.csv"),
            ),
        ],
        ignore_index=True,
    )
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
    return table, planted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+", help="corpus sizes in documents")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep bench/work/<N> afterwards")
    parser.add_argument("--shard-size", type=int, help="documents per shard (default: see above)")
    parser.add_argument("--no-baselines", action="store_true", help="skip the library baselines")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the corpus a --keep run left (same N)"
    )
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    failed = False
    for n_docs in args.sizes:
        table, planted = run_size(
            n_docs,
            cores=args.cores,
            keep=args.keep,
            shard_size=args.shard_size,
            baselines=not args.no_baselines,
            reuse=args.reuse,
        )
        table.to_csv(RESULTS / f"bench-{n_docs}.csv", index=False, float_format="%.3f")
        planted.to_csv(RESULTS / f"planted-{n_docs}.csv", index=False)
        print(table.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
        print(planted.to_string(index=False))
        if not planted["recovered"].all():
            failed = True
            print(f"[bench] N={n_docs}: planted terms NOT all in their outlet's top {TOP}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
