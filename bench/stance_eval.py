"""Evaluate the default stance model on the NewsMTSC dev splits.

    .venv/bin/python bench/stance_eval.py [--data ../shared/data/newsmtsc] [--lexicon]
    .venv/bin/python bench/stance_eval.py --engine transformer [--epochs 3] [--save M.zip]

Trains the default model on the shipped training split (data/stance/), then prints macro-F1
and accuracy on ``dev.jsonl`` (real-world distribution) and ``dev-mt.jsonl`` (multi-target
sentences), the training time and prediction speed. ``--lexicon`` also scores the
transparent lexicon measure, read as a label by a fixed rule (|score| < 0.05 is neutral).
Skips with a message when the dev data is absent. ``--engine transformer`` (the
``transformer`` extra) fine-tunes all-MiniLM-L6-v2 instead, on ``--threads`` threads, logs its
progress, and scores the dev splits with the 8-bit quantised model (as the pipeline does) and
the full-precision one; ``--model`` scores a saved model without fine-tuning.
"""

from __future__ import annotations

import argparse
import logging
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
    parser.add_argument("--engine", choices=("linear", "transformer"), default="linear")
    parser.add_argument("--epochs", type=int, default=None, help="transformer epochs")
    parser.add_argument("--threads", type=int, default=2, help="transformer torch threads")
    parser.add_argument("--save", type=Path, help="write the fine-tuned transformer here")
    parser.add_argument("--model", type=Path, help="score this saved transformer model")
    args = parser.parse_args()
    missing = [s for s in SPLITS if not (args.data / s).is_file()]
    if missing:
        print(f"skipped: {', '.join(missing)} not found in {args.data}")
        return 0
    if args.engine == "transformer":
        return transformer(args)
    start = time.perf_counter()
    model = train_default_model()
    print(f"trained the default model in {time.perf_counter() - start:.1f} s")
    evaluate(model, args.data, lexicon=args.lexicon)
    return 0


def transformer(args: argparse.Namespace) -> int:
    """Fine-tune (or read) the transformer engine and score the dev splits with it."""
    from framelab.stance import transformer as tf

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    path = args.model or args.save or Path("/tmp/framelab-stance-transformer.zip")
    if args.model is None:
        data = read_labelled(tf.DEFAULT_TRAIN_PATH)
        settings = {} if args.epochs is None else {"epochs": args.epochs}
        start = time.perf_counter()
        model = tf.fine_tune(data.sentences, data.spans, data.labels, settings=settings,
                             random_state=0, threads=args.threads)  # fmt: skip
        print(f"fine-tuned on {len(data.labels)} mentions in {time.perf_counter() - start:.0f} s "
              f"({args.threads} threads)", flush=True)  # fmt: skip
        tf.save_transformer(model, path)
    for precision in tf.PRECISIONS:
        print(f"-- scored in {precision}", flush=True)
        evaluate(tf.load_transformer(path, threads=args.threads, precision=precision), args.data)
    return 0


def evaluate(model, data_dir: Path, *, lexicon: bool = False) -> None:
    """Print macro-F1, accuracy and mentions/s of ``model`` on each dev split."""
    for split in SPLITS:
        data = read_labelled(data_dir / split)
        gold = np.array(data.labels)
        start = time.perf_counter()
        pred = model.predict(data.sentences, data.spans)
        rate = len(gold) / (time.perf_counter() - start)
        print(
            f"{split}: n={len(gold)} macro-F1 {f1_score(gold, pred, average='macro'):.3f} "
            f"accuracy {accuracy_score(gold, pred):.3f} ({rate:.0f} mentions/s)",
            flush=True,
        )
        if lexicon:
            scores = np.array([lexicon_stance(s, a, b) for s, (a, b) in
                               zip(data.sentences, data.spans, strict=True)])  # fmt: skip
            lex = np.where(scores > LEXICON_NEUTRAL, "positive",
                           np.where(scores < -LEXICON_NEUTRAL, "negative", "neutral"))  # fmt: skip
            print(
                f"{split} lexicon_stance: macro-F1 {f1_score(gold, lex, average='macro'):.3f} "
                f"accuracy {accuracy_score(gold, lex):.3f}"
            )


if __name__ == "__main__":
    sys.exit(main())
