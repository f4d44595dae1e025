"""Benchmark harness: run the whole DAG on synthetic corpora and tabulate time and memory.

    python bench/run.py 1000 10000      # or: make bench / BENCH_N=100000 make bench

For each size N it writes ``bench/results/bench-<N>.csv`` (stage, n_docs, wall_s, max_rss_mb,
mb_per_s; a final ``total`` row for the whole DAG) from Snakemake's per-job ``benchmark:``
files, and ``bench/results/planted-<N>.csv``, the check that the planted differences between
outlets are recovered. Per-shard stages add up their shards' seconds, so their MB/s is per core.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import PLANTED_STANCE, PLANTED_TERMS, generate, write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "bench" / "work"
TOP = 20


def stage_of(tsv: Path, benchmarks: Path) -> str:
    """Stage label from a benchmark file path: per-shard files count towards their stage."""
    parts = list(tsv.relative_to(benchmarks).with_suffix("").parts)
    if parts[-1].startswith("shard-"):
        parts = parts[:-1]
    return "_".join(parts)


def stage_table(benchmarks: Path, *, n_docs: int, corpus_mb: float) -> pd.DataFrame:
    """One row per stage from Snakemake's benchmark TSVs."""
    rows = []
    for tsv in sorted(benchmarks.rglob("*.tsv")):
        record = pd.read_csv(tsv, sep="\t").iloc[0]
        rows.append(
            {"stage": stage_of(tsv, benchmarks), "s": record["s"], "rss": record["max_rss"]}
        )
    jobs = pd.DataFrame(rows)
    table = jobs.groupby("stage", sort=False).agg(wall_s=("s", "sum"), max_rss_mb=("rss", "max"))
    table = table.reset_index()
    table.insert(1, "n_docs", n_docs)
    table["mb_per_s"] = corpus_mb / table["wall_s"]
    return table


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
    positive in another) is recovered: right sign, and a permutation p below 0.05."""
    negative = next(o for o, words in PLANTED_STANCE.items() if "threat" in words)
    positive = next(o for o, words in PLANTED_STANCE.items() if "success" in words)
    arms = stance[stance["target"] == "russian_arms_offers"].set_index("outlet")
    pair = tests[
        (tests["target"] == "russian_arms_offers")
        & (tests["outlet_a"] == min(negative, positive))
        & (tests["outlet_b"] == max(negative, positive))
    ]
    mean_neg, mean_pos = arms.loc[negative, "mean"], arms.loc[positive, "mean"]
    p = float(pair["p"].iloc[0]) if len(pair) else float("nan")
    return pd.DataFrame(
        [
            {
                "outlet": f"{negative} vs {positive}",
                "term": "stance toward russian_arms_offers",
                "rank": None,
                "recovered": bool(mean_neg < mean_pos and p < 0.05),
                "detail": f"means {mean_neg:.3f} vs {mean_pos:.3f}, permutation p={p:.4f}",
            }
        ]
    )


def run_size(n_docs: int, *, cores: int, keep: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    folder = WORK / str(n_docs)
    shutil.rmtree(folder, ignore_errors=True)
    corpus = generate(n_docs, seed=7)
    config = write_corpus(corpus, folder, shard_size=max(250, n_docs // 8))
    corpus_mb = corpus.n_bytes / 1e6
    print(f"[bench] {n_docs} documents, {corpus_mb:.1f} MB -> {folder}", flush=True)
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
    table = stage_table(folder / "results" / "benchmarks", n_docs=n_docs, corpus_mb=corpus_mb)
    total = {
        "stage": "total",
        "n_docs": n_docs,
        "wall_s": wall,
        "max_rss_mb": max(peak_mb, table["max_rss_mb"].max()),
        "mb_per_s": corpus_mb / wall,
    }
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    results = folder / "results"
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
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    failed = False
    for n_docs in args.sizes:
        table, planted = run_size(n_docs, cores=args.cores, keep=args.keep)
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
