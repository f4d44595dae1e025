"""``framelab stance PAIRS.jsonl``: the polarity toward each mention, as JSON lines on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from framelab.errors import InputError
from framelab.logs import log_to

__all__ = ["main", "read_pairs"]


def read_pairs(lines: Iterable[str], source: str) -> list[dict]:
    """Parse ``{"id", "sentence", "target", "from", "to"}`` lines; blank lines are skipped.

    Raises
    ------
    InputError
        Naming ``source`` and the line number of every bad line.
    """
    pairs, problems = [], []
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source} line {no}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(f"{where}: not JSON ({err.msg})")
            continue
        if not isinstance(row, dict):
            problems.append(f"{where}: expected a JSON object, got {type(row).__name__}")
            continue
        missing = [k for k in ("id", "sentence", "from", "to") if k not in row]
        if missing:
            problems.append(f"{where}: missing field(s) {missing}")
            continue
        sentence, start, end = row["sentence"], row["from"], row["to"]
        if not isinstance(sentence, str):
            problems.append(f"{where}: 'sentence' must be a string, got {type(sentence).__name__}")
        elif type(start) is not int or type(end) is not int:
            problems.append(f"{where}: 'from' and 'to' must be integers, got {start!r}, {end!r}")
        elif not 0 <= start < end <= len(sentence):
            problems.append(
                f"{where}: span from={start} to={end} is not inside the sentence of length "
                f"{len(sentence)}"
            )
        else:
            pairs.append(row)
    if problems:
        raise InputError(problems)
    return pairs


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (2 for bad input)."""
    args = _parser().parse_args(argv)
    try:
        with log_to(None, level=20 if args.verbose else 30):
            return _run(args)
    except InputError as err:
        print(f"framelab stance: {err}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    if args.pairs == "-":
        pairs = read_pairs(sys.stdin.read().splitlines(), "<stdin>")
    else:
        path = Path(args.pairs)
        if not path.is_file():
            raise InputError(f"{path}: file not found")
        pairs = read_pairs(path.read_text(encoding="utf-8").splitlines(), str(path))
    model = _model(args)
    sentences = [p["sentence"] for p in pairs]
    spans = [(p["from"], p["to"]) for p in pairs]
    proba = model.predict_proba(sentences, spans)
    out = sys.stdout
    for pair, row in zip(pairs, proba, strict=True):
        record = {
            "id": pair["id"],
            "polarity": str(model.classes_[int(row.argmax())]),
            "score": round(float(row[2] - row[0]), 4),
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def _model(args: argparse.Namespace):
    """The model to score with: ``--model`` if given, else the cached one of ``--engine``
    (trained and cached first if absent)."""
    if args.engine == "transformer":
        from framelab.stance import transformer

        transformer.require_extra()
        if args.model:
            return transformer.load_transformer(args.model, threads=args.threads)
        return transformer.cached_transformer_model(args.cache, threads=args.threads)
    from framelab.stance.training import cached_default_model, load_model

    return load_model(args.model) if args.model else cached_default_model(args.cache)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framelab stance",
        description="Polarity of each sentence toward its target mention (negative, neutral, "
        "positive) and a score in [-1, 1], written as JSON lines {id, polarity, score}.",
    )
    parser.add_argument(
        "pairs", help='JSON lines {"id", "sentence", "target", "from", "to"}; - for stdin'
    )
    parser.add_argument(
        "--engine",
        choices=("linear", "transformer"),
        default="linear",
        help="linear (default) or transformer (the optional extra; fine-tuned on the shipped "
        "NewsMTSC train split the first time, about 20-40 minutes on 2 cores, then cached)",
    )
    parser.add_argument(
        "--model",
        help="a model saved with framelab.stance.save_model (linear) or save_transformer, e.g. "
        "a study's results/<study>/models/stance.pkl or stance-transformer.zip",
    )
    parser.add_argument(
        "--cache",
        help="folder for the trained default models (default $FRAMELAB_CACHE, the source "
        "tree's .cache/, or ~/.cache/framelab)",
    )
    parser.add_argument(
        "--threads", type=int, default=2, help="torch threads of the transformer (default 2)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    return parser
