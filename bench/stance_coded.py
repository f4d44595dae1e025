"""Rebuild the coded uspress-dev stance sheet from a run, and measure agreement with the coder.

    .venv/bin/python bench/stance_coded.py RESULTS/features/stance/mentions.parquet \
        [--out uspress-coded-sheet.csv] [--folds 5] [--coded-weight 5]

``tests/fixtures/stance/uspress-coded.csv`` holds 150 mentions of the uspress-dev study
(targets trump, russia, obama, congress), drawn by ``framelab stance-sample --n 300 --seed 0``
and coded by hand with the NewsMTSC guideline, as ids and labels only (``doc_id,
sentence_id, start, end, target, coder_label``): the articles' text is not shipped. This
script joins them to a run's ``mentions.parquet`` to write a sheet that ``stance.coded`` and
``framelab stance-agreement`` read, then prints the cross-validated agreement of the base and
the adapted model. Exits with a message when the mentions file is absent.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from framelab.cli import main as framelab
from framelab.io import write_csv

REPO = Path(__file__).resolve().parents[1]
CODES = REPO / "tests" / "fixtures" / "stance" / "uspress-coded.csv"
KEY = ["doc_id", "sentence_id", "start", "end", "target"]


def coded_sheet(mentions: pd.DataFrame, codes: pd.DataFrame) -> pd.DataFrame:
    """The stance-sample columns the refit reads, for every coded mention found in ``mentions``.

    Raises
    ------
    SystemExit
        Naming the coded mentions the run does not have (another corpus or segmentation).
    """
    joined = codes.merge(mentions, on=KEY, how="left", validate="one_to_one")
    lost = joined[joined["sentence"].isna()]
    if len(lost):
        raise SystemExit(
            f"{len(lost)} coded mentions not in the run, e.g. {lost[KEY].iloc[0].to_dict()}"
        )
    rows = []
    for row in joined.itertuples(index=False):
        a, b = int(row.sentence_start), int(row.sentence_end)
        sentence = str(row.sentence)
        rows.append({
            "sample_id": len(rows) + 1, "doc_id": row.doc_id, "outlet": row.outlet,
            "target": row.target, "mention": sentence[a:b], "sentence": sentence,
            "context": f"{sentence[:a]}[[{sentence[a:b]}]]{sentence[b:]}",
            "coder_label": row.coder_label,
        })  # fmt: skip
    return pd.DataFrame(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mentions", type=Path, help="features/stance/mentions.parquet of a run")
    parser.add_argument("--out", type=Path, default=Path("uspress-coded-sheet.csv"))
    parser.add_argument("--folds", default="5")
    parser.add_argument("--coded-weight", default="5")
    args = parser.parse_args()
    if not args.mentions.is_file():
        print(f"skipped: {args.mentions} not found (run the uspress-dev study first)")
        return 0
    columns = [*KEY, "outlet", "sentence", "sentence_start", "sentence_end"]
    mentions = pd.read_parquet(args.mentions, columns=columns)
    write_csv(coded_sheet(mentions, pd.read_csv(CODES, dtype={"start": int, "end": int})), args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return framelab(["stance-agreement", str(args.out), "--folds", args.folds,
                     "--coded-weight", args.coded_weight])  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
