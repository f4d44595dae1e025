"""Evaluate the default stance model on the NewsMTSC dev splits.

    .venv/bin/python bench/stance_eval.py [--data ../shared/data/newsmtsc] [--lexicon]

Trains the default model on the shipped training split (data/stance/), then prints macro-F1
and accuracy on ``dev.jsonl`` (real-world distribution) and ``dev-mt.jsonl`` (multi-target
sentences), the training time and prediction speed. ``--lexicon`` also scores the
transparent lexicon measure, read as a label by a fixed rule (|score| < 0.05 is neutral).
Skips with a message when the dev data is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score

from framelab.stance import lexicon_stance, read_labelled, train_default_model

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "newsmtsc"
SPLITS = ("dev.jsonl", "dev-mt.jsonl")
LEXICON_NEUTRAL = 0.05


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--lexicon", action="store_true", help="also score lexicon_stance")
    args = parser.parse_args()
    missing = [s for s in SPLITS if not (args.data / s).is_file()]
    if missing:
        print(f"skipped: {', '.join(missing)} not found in {args.data}")
        return 0
    start = time.perf_counter()
    model = train_default_model()
    print(f"trained the default model in {time.perf_counter() - start:.1f} s")
    for split in SPLITS:
        data = read_labelled(args.data / split)
        gold = np.array(data.labels)
        start = time.perf_counter()
        pred = model.predict(data.sentences, data.spans)
        rate = len(gold) / (time.perf_counter() - start)
        print(
            f"{split}: n={len(gold)} macro-F1 {f1_score(gold, pred, average='macro'):.3f} "
            f"accuracy {accuracy_score(gold, pred):.3f} ({rate:.0f} mentions/s)"
        )
        if args.lexicon:
            scores = np.array([lexicon_stance(s, a, b) for s, (a, b) in
                               zip(data.sentences, data.spans, strict=True)])  # fmt: skip
            lex = np.where(scores > LEXICON_NEUTRAL, "positive",
                           np.where(scores < -LEXICON_NEUTRAL, "negative", "neutral"))  # fmt: skip
            print(
                f"{split} lexicon_stance: macro-F1 {f1_score(gold, lex, average='macro'):.3f} "
                f"accuracy {accuracy_score(gold, lex):.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
