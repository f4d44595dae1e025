"""Benchmark harness: run the whole DAG on synthetic corpora and tabulate time and memory.

    python bench/run.py 1000 10000      # or: make bench / BENCH_N=100000 make bench

For each size N it writes ``bench/results/bench-<N>.csv`` (stage, n_docs, wall_s, cpu_s,
max_rss_mb, mb_per_s, baseline, baseline_s, ratio, baseline_cpu_s, cpu_ratio; a final
``total`` row for the whole DAG) from Snakemake's per-job ``benchmark:`` files, and
``bench/results/planted-<N>.csv`` (check, outlet, term, rank, recovered, detail): whether what
``bench/synth.py`` planted is recovered (the outlets' furniture removed, distinctive terms,
stance toward its target only, a frame, topics; docs/benchmarks.md). The run exits with 1
when a planted check fails. Per-shard stages add up their shards' seconds, so their MB/s is
per core. ``baseline`` names the plain-library way of doing the stage's core work
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
    CHROME_WORDS,
    OUTLET_CHROME,
    OUTLETS,
    PLANTED_DECOY,
    PLANTED_FRAME,
    PLANTED_OTHER_TARGET,
    PLANTED_STANCE,
    PLANTED_TERMS,
    PLANTED_TOPICS,
    generate,
    planted_topic,
    write_config,
    write_corpus,
)

from framelab.stance.outlets import outlet_stance, stance_permutation_tests  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "bench" / "work"
TOP = 20
# the columns of bench/results/planted-<N>.csv: one row per planted fact
CHECK_COLUMNS = ["check", "outlet", "term", "rank", "recovered", "detail"]
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
    """Rank of every planted distinctive term in its outlet's Fightin' Words list.

    A term is recovered when it ranks in its outlet's top :data:`TOP` and, in the outlet of
    the decoy (a very common word used a little more often there), above the decoy: raw count
    differences put the decoy first.
    """
    rankings = {outlet: _ranking(fightin, outlet) for outlet in PLANTED_TERMS}
    decoy_outlet, decoy = PLANTED_DECOY["outlet"], PLANTED_DECOY["term"]
    decoy_rank = _rank(rankings[decoy_outlet], decoy)
    rows = []
    for outlet, terms in PLANTED_TERMS.items():
        for term in terms:
            rank = _rank(rankings[outlet], term)
            above_decoy = outlet != decoy_outlet or (
                rank is not None and (decoy_rank is None or rank < decoy_rank)
            )
            rows.append(
                {
                    "check": "terms",
                    "outlet": outlet,
                    "term": term,
                    "rank": rank,
                    "recovered": rank is not None and rank <= TOP and above_decoy,
                    "detail": f"decoy {decoy!r} at rank {decoy_rank}"
                    if outlet == decoy_outlet
                    else "",
                }
            )
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def chrome_terms_check(fightin: pd.DataFrame) -> pd.DataFrame:
    """Whether any word of the outlets' own furniture (``CHROME_WORDS``) is among an outlet's
    top :data:`TOP` distinctive terms: it should have been cleaned away."""
    rows = []
    for outlet in OUTLETS:
        top = _ranking(fightin, outlet)[:TOP]
        found = [term for term in top if set(term.split()) & set(CHROME_WORDS)]
        rows.append(
            {
                "check": "chrome_terms",
                "outlet": outlet,
                "term": f"no furniture word in the top {TOP}",
                "rank": None,
                "recovered": not found,
                "detail": ", ".join(found),
            }
        )
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def chrome_check(clean_docs: pd.DataFrame, *, max_share: float = 0.01) -> pd.DataFrame:
    """Share of each outlet's clean documents still holding a line of its furniture (the
    widget's fixed start or end, or a line of the sign-up block); recovered at most
    ``max_share``."""
    rows = []
    for outlet, chrome in OUTLET_CHROME.items():
        start, end = (part.strip() for part in chrome["widget"].split("{}"))
        markers = [start, end, *chrome["signup"]]
        texts = clean_docs.loc[clean_docs["outlet"] == outlet, "text"].fillna("")
        left = texts.map(lambda text, markers=markers: any(m in text for m in markers))
        share = float(left.mean()) if len(left) else float("nan")
        rows.append(
            {
                "check": "chrome",
                "outlet": outlet,
                "term": "widget and sign-up lines removed",
                "rank": None,
                "recovered": bool(share <= max_share),
                "detail": f"{int(left.sum())} of {len(left)} documents keep a furniture line",
            }
        )
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def planted_stance_check(
    scored: pd.DataFrame, *, n_boot: int = 1000, n_perm: int = 999, random_state: int = 0
) -> pd.DataFrame:
    """Whether the planted stance is recovered, toward its target only.

    ``scored`` holds the scored mentions (``doc_id, outlet, target, polarity, score``). Three
    rows:

    - the outlet with negative words around S-400 against the one with positive words: right
      sign and an adjusted permutation p below 0.05;
    - the outlet that uses those negative words about Iran: its Iran interval lies below its
      S-400 interval in the documents without them;
    - that outlet's S-400 estimate in the documents with the Iran words against the no-plant
      baseline, its S-400 estimate in the documents without them: the two intervals overlap.
      The baseline is not 0: the model scores neutral synthetic sentences about -0.2.
    """
    negative = next(o for o, words in PLANTED_STANCE.items() if "threat" in words)
    positive = next(o for o, words in PLANTED_STANCE.items() if "success" in words)
    arms, other = "russian_arms_offers", PLANTED_OTHER_TARGET["target"]
    settings = {"n_boot": n_boot, "ci": 0.95, "random_state": random_state, "min_docs": 3}
    stance = outlet_stance(scored, **settings).set_index(["outlet", "target"])
    tests = stance_permutation_tests(
        scored[scored["target"] == arms], n_perm=n_perm, random_state=random_state
    )
    pair = tests[
        (tests["outlet_a"] == min(negative, positive))
        & (tests["outlet_b"] == max(negative, positive))
    ]
    mean_neg, mean_pos = stance.loc[(negative, arms), "mean"], stance.loc[(positive, arms), "mean"]
    p = float(pair["p_adjusted"].iloc[0]) if len(pair) else float("nan")
    # the unplanted outlet's documents, split by whether they mention the other target
    outlet = PLANTED_OTHER_TARGET["outlet"]
    own = scored[scored["outlet"] == outlet]
    with_other = set(own.loc[own["target"] == other, "doc_id"])
    arms_own = own[own["target"] == arms]
    split = arms_own.assign(
        outlet=arms_own["doc_id"].isin(with_other).map({True: "with", False: "without"})
    )
    halves = outlet_stance(split, **settings).set_index("outlet")
    rows = [
        {
            "check": "stance",
            "outlet": f"{negative} vs {positive}",
            "term": f"stance toward {arms}",
            "rank": None,
            "recovered": bool(mean_neg < mean_pos and p < 0.05),
            "detail": f"means {mean_neg:.3f} vs {mean_pos:.3f}, adjusted permutation p={p:.4f}",
        }
    ]
    if {"with", "without"} <= set(halves.index) and (outlet, other) in stance.index:
        target_row, base, moved = (
            stance.loc[(outlet, other)],
            halves.loc["without"],
            halves.loc["with"],
        )
        rows += [
            {
                "check": "stance_other_target",
                "outlet": outlet,
                "term": f"stance toward {other} below {arms}",
                "rank": None,
                "recovered": bool(target_row["high"] < base["low"]),
                "detail": f"{other} {_interval(target_row)}; {arms} {_interval(base)}",
            },
            {
                "check": "stance_target_specific",
                "outlet": outlet,
                "term": f"{arms} unmoved by the words about {other}",
                "rank": None,
                "recovered": bool(moved["low"] <= base["high"] and base["low"] <= moved["high"]),
                "detail": f"documents with them {_interval(moved)}, without (baseline) "
                f"{_interval(base)}",
            },
        ]
    else:
        rows.append(
            {
                "check": "stance_target_specific",
                "outlet": outlet,
                "term": f"{arms} unmoved by the words about {other}",
                "rank": None,
                "recovered": False,
                "detail": f"no {other} mentions, or no documents without them, in {outlet}",
            }
        )
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def planted_frame_check(frames: pd.DataFrame) -> pd.DataFrame:
    """Whether the planted frame is recovered by the per-outlet frame statistic.

    ``frames`` is the outlet table (``outlet, frame, mean_density, density_low,
    density_high``). The planted outlet's density interval must lie above every other
    outlet's, and every other outlet's interval must contain 0: the synthetic vocabulary holds
    no frame term, only words with one inside them ("software").
    """
    outlet, frame = PLANTED_FRAME["outlet"], PLANTED_FRAME["frame"]
    rows = frames[frames["frame"] == frame].set_index("outlet")
    others = rows.drop(index=outlet, errors="ignore")
    planted = rows.loc[outlet] if outlet in rows.index else None
    above = planted is not None and bool((planted["density_low"] > others["density_high"]).all())
    zero = bool((others["density_low"] <= 0).all())
    detail = "; ".join(
        f"{name} {row['mean_density']:.3f} [{row['density_low']:.3f}, {row['density_high']:.3f}]"
        for name, row in rows.iterrows()
    )
    return pd.DataFrame(
        [
            {
                "check": "frame",
                "outlet": outlet,
                "term": f"{frame} density per 100 words",
                "rank": None,
                "recovered": above and zero,
                "detail": detail,
            }
        ],
        columns=CHECK_COLUMNS,
    )


def planted_topic_check(
    topic_words: pd.DataFrame,
    doc_topic: pd.DataFrame,
    *,
    min_purity: float = 0.5,
    min_concentration: float = 0.8,
) -> pd.DataFrame:
    """Whether each planted topical vocabulary comes out as a topic of its own.

    ``topic_words`` holds each topic's top words (``topic, term``) and ``doc_topic`` each
    document's shares (``doc_id, topic, share``). A vocabulary's topic is the one whose top
    words hold most of its words. It is recovered when that topic's top words are mostly its
    words, at least ``min_concentration`` of its words among all topics' top words are in that
    topic, no other vocabulary claims the same topic, and more than ``min_purity`` of the
    documents planted with it have that topic as their largest (random assignment gives
    about ``1 / K``).
    """
    dominant = doc_topic.sort_values(["doc_id", "share"], ascending=[True, False])
    dominant = dominant.drop_duplicates("doc_id").set_index("doc_id")["topic"]
    planted = {doc_id: planted_topic(int(doc_id.removeprefix("syn"))) for doc_id in dominant.index}
    chosen: dict[str, object] = {}
    rows = []
    for name, words in PLANTED_TOPICS.items():
        hits = topic_words[topic_words["term"].isin(words)].groupby("topic").size()
        sizes = topic_words.groupby("topic").size()
        best = hits.idxmax() if len(hits) else None
        majority = best is not None and hits[best] * 2 > sizes[best]
        concentration = float(hits.max() / hits.sum()) if len(hits) else 0.0
        docs = [doc_id for doc_id, topic in planted.items() if topic == name]
        purity = float((dominant.loc[docs] == best).mean()) if docs and best is not None else 0.0
        shared = best in chosen.values()
        chosen[name] = best
        rows.append(
            {
                "check": "topics",
                "outlet": "all",
                "term": f"topic {name}",
                "rank": None,
                "recovered": bool(
                    majority
                    and concentration >= min_concentration
                    and purity > min_purity
                    and not shared
                ),
                "detail": f"topic {best}: {int(hits.max()) if len(hits) else 0} of its "
                f"{int(sizes[best]) if best is not None else 0} top words, {concentration:.0%} "
                f"of the vocabulary's top-word places, {purity:.0%} of its {len(docs)} documents",
            }
        )
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def _ranking(fightin: pd.DataFrame, outlet: str) -> list[str]:
    """The outlet's terms, most distinctive first (the table is sorted by descending z)."""
    return fightin.loc[fightin["outlet"] == outlet, "term"].tolist()


def _rank(ranking: list[str], term: str) -> int | None:
    return ranking.index(term) + 1 if term in ranking else None


def _interval(row: pd.Series) -> str:
    return f"{row['mean']:.3f} [{row['low']:.3f}, {row['high']:.3f}]"


def planted_checks(results: Path) -> pd.DataFrame:
    """Every planted check on a synthetic study's results folder."""
    fightin = pd.read_parquet(results / "features/terms/fightin_words.parquet")
    clean_docs = pd.concat(
        pd.read_parquet(path, columns=["doc_id", "outlet", "text"])
        for path in sorted((results / "clean").glob("shard-*.parquet"))
    )
    return pd.concat(
        [
            planted_check(fightin),
            chrome_terms_check(fightin),
            chrome_check(clean_docs),
            planted_stance_check(pd.read_parquet(results / "features/stance/mentions.parquet")),
            planted_frame_check(pd.read_csv(results / "features/frames/outlet_frames.csv")),
            planted_topic_check(
                pd.read_csv(results / "topics/topic_words.csv", keep_default_na=False),
                pd.read_parquet(results / "topics/doc_topic.parquet"),
            ),
        ],
        ignore_index=True,
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
    planted = planted_checks(results)
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
            missed = planted.loc[~planted["recovered"], "check"].unique()
            print(f"[bench] N={n_docs}: planted checks NOT passed: {', '.join(missed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
