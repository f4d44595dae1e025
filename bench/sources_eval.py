"""Score who-is-quoted extraction and source typing on the hand-labelled uspress-dev sample.

    PYTHONPATH=workflow python bench/sources_eval.py RESULTS [--labels CSV] [--lexicon YAML]
        [--pronoun-window N] [--as-run]

``RESULTS`` is the results folder of a pipeline run on ``../shared/data/uspress-dev``
(``framelab init uspress --metadata …/metadata.csv`` then ``snakemake --configfile
uspress.yaml``: ``results/uspress``). The attributions are extracted and typed afresh from its
``units/sentences-*.parquet`` with ``--lexicon`` (default: the general lexicon alone, as
``framelab init`` configures a study), so the scorer measures the code as it is; with
``--as-run`` the run's own ``features/sources/attributions.parquet`` is scored instead.
``tests/fixtures/sources/attribution-labels.csv`` (see the README beside it) gives every
attribution of 260 sentences, by sentence key and speaker offsets.

A prediction matches a gold attribution of its sentence when their speaker spans overlap.
Printed, per type and overall:

* type precision: of the matched predictions given a type (not ``unknown`` or
  ``pronoun_unresolved``), the share whose type is the gold type;
* strict precision: the same over every typed prediction in the labelled sentences, an
  extraction with no gold attribution counting as wrong;
* recall: of the gold attributions of a type, the share found and given that type;

and, over the whole corpus, the share of attributions typed ``unknown`` or
``pronoun_unresolved``. The last line is ``all: type precision=… strict precision=…
recall=… untyped share=… n=…``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from framelab.framing import extract_attributions, load_source_types
from framelab.framing.source_lexicon import PRONOUN_UNRESOLVED, UNKNOWN
from framelab.framing.speakers import document_years, type_attributions

REPO = Path(__file__).resolve().parents[1]
DEFAULT_LABELS = REPO / "tests" / "fixtures" / "sources" / "attribution-labels.csv"
UNTYPED = {UNKNOWN, PRONOUN_UNRESOLVED}


def sentence_key(text: str) -> str:
    """The key the labels give a sentence: 16 hex digits of its SHA-1."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def read_labels(path: Path) -> dict[tuple[str, str], list[tuple[int, int, str]]]:
    """Gold attributions per (doc_id, sentence_key); a sentence without any maps to []."""
    gold: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            spans = gold[(row["doc_id"], row["sentence_key"])]
            if row["source_type"] != "none":
                spans.append((int(row["start"]), int(row["end"]), row["source_type"]))
    return dict(gold)


def typed_attributions(
    results: Path, lexicon_paths: list[str], pronoun_window: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentences of the run and their attributions, typed with the current code."""
    sentences = read_sentences(results)
    lexicon = load_source_types(lexicon_paths)
    found = extract_attributions(sentences, lexicon)
    docs = pd.concat(
        [
            pd.read_parquet(p, columns=["doc_id", "date"])
            for p in (results / "clean").glob("shard-*.parquet")
        ]
    )
    typed = type_attributions(
        found, sentences, lexicon, pronoun_window=pronoun_window, years=document_years(docs)
    )
    return sentences, typed


def speaker_span(text: str, speaker: str, start: int) -> tuple[int, int]:
    """Offsets of ``speaker`` in ``text``, searched from the match ``start``."""
    at = text.find(speaker, start)
    at = at if at >= 0 else text.find(speaker)
    return at, at + len(speaker)


def score(
    sentences: pd.DataFrame, typed: pd.DataFrame, gold: dict[tuple[str, str], list]
) -> dict[str, Counter[str]]:
    """Counts per type: gold, found (gold matched with its type), predicted and correct
    (matched predictions with a type), strict (every typed prediction in the sample)."""
    keyed = sentences.assign(key=sentences["text"].map(sentence_key))
    keyed = keyed[[(d, k) in gold for d, k in zip(keyed["doc_id"], keyed["key"], strict=True)]]
    text_of = dict(zip(keyed["unit_id"], keyed["text"], strict=True))
    key_of = dict(zip(keyed["unit_id"], keyed["key"], strict=True))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    seen = set()
    for unit_id, rows in typed[typed["unit_id"].isin(text_of)].groupby("unit_id"):
        doc_id = rows["doc_id"].iloc[0]
        seen.add((doc_id, key_of[unit_id]))
        spans = gold[(doc_id, key_of[unit_id])]
        matched_gold = set()
        for row in rows.itertuples():
            s, e = speaker_span(text_of[unit_id], row.speaker, row.start)
            overlapping = [i for i, (gs, ge, _) in enumerate(spans) if s < ge and gs < e]
            hit = next((i for i in overlapping if i not in matched_gold), None)
            typed_pred = row.source_type not in UNTYPED
            if typed_pred:
                counts[row.source_type]["strict_predicted"] += 1
            if hit is None:
                counts["(no attribution)"]["false_extraction"] += 1
                continue
            matched_gold.add(hit)
            gold_type = spans[hit][2]
            if typed_pred:
                counts[row.source_type]["predicted"] += 1
                if row.source_type == gold_type:
                    counts[row.source_type]["correct"] += 1
            if row.source_type == gold_type:
                counts[gold_type]["found"] += 1
        for _, _, gold_type in spans:
            counts[gold_type]["gold"] += 1
    for key, spans in gold.items():
        if key not in seen:
            for _, _, gold_type in spans:
                counts[gold_type]["gold"] += 1
    present = set(zip(keyed["doc_id"], keyed["key"], strict=True))
    counts["(sentences)"]["labelled"] = len(gold)
    counts["(sentences)"]["in_run"] = len(present)
    missing = [k for k in gold if k not in present]
    if missing:
        print(f"warning: {len(missing)} labelled sentences are not in the run", file=sys.stderr)
    return counts


def read_sentences(results: Path) -> pd.DataFrame:
    """The sentence units of a run."""
    paths = sorted((results / "units").glob("sentences-*.parquet"))
    return pd.concat([pd.read_parquet(p) for p in paths], ignore_index=True)


def summary(counts: dict[str, Counter[str]], typed: pd.DataFrame) -> dict[str, float]:
    """The overall figures: type precision, strict precision, recall, untyped share, n."""
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    return {
        "type_precision": total["correct"] / max(total["predicted"], 1),
        "strict_precision": total["correct"] / max(total["strict_predicted"], 1),
        "recall": total["found"] / max(total["gold"], 1),
        "untyped_share": float(typed["source_type"].isin(UNTYPED).mean()) if len(typed) else 0.0,
        "n": total["gold"],
        "n_typed": total["predicted"],
        "false_extractions": total["false_extraction"],
        "sentences_in_run": counts["(sentences)"]["in_run"]
        / max(counts["(sentences)"]["labelled"], 1),
    }


def score_run(results: Path, labels: Path = DEFAULT_LABELS) -> dict[str, float]:
    """The overall figures of a run's own attributions (``--as-run``)."""
    typed = pd.read_parquet(results / "features" / "sources" / "attributions.parquet")
    return summary(score(read_sentences(results), typed, read_labels(labels)), typed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--lexicon", action="append", default=None)
    parser.add_argument("--pronoun-window", type=int, default=1)
    parser.add_argument("--as-run", action="store_true", help="score the run's attributions")
    args = parser.parse_args(argv)
    lexicon = args.lexicon or [str(REPO / "data" / "lexicons" / "sources.yaml")]
    if args.as_run:
        sentences = read_sentences(args.results)
        typed = pd.read_parquet(args.results / "features" / "sources" / "attributions.parquet")
    else:
        sentences, typed = typed_attributions(args.results, lexicon, args.pronoun_window)
    counts = score(sentences, typed, read_labels(args.labels))
    for name in sorted(n for n in counts if not n.startswith("(")):
        c = counts[name]
        p = c["correct"] / c["predicted"] if c["predicted"] else float("nan")
        r = c["found"] / c["gold"] if c["gold"] else float("nan")
        print(f"{name:20s} gold={c['gold']:4d} predicted={c['predicted']:4d} "
              f"precision={p:.3f} recall={r:.3f}")  # fmt: skip
    print("types in the corpus:", typed["source_type"].value_counts().to_dict())
    print("bases in the corpus:", typed["type_basis"].value_counts().to_dict())
    s = summary(counts, typed)
    print(
        f"all: type precision={s['type_precision']:.3f} "
        f"strict precision={s['strict_precision']:.3f} recall={s['recall']:.3f} "
        f"untyped share={s['untyped_share']:.3f} n={s['n']} "
        f"false extractions={s['false_extractions']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
