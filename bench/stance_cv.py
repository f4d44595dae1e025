"""Cross-validate the default stance model on its training split, grouped by article.

    .venv/bin/python bench/stance_cv.py [--folds 5] [--data data/stance/newsmtsc-train.jsonl]

NewsMTSC's sentences come from news articles, and sentences of one article share names,
topics and wording. Folds that split an article would let the model recognise its held-out
sentences; here every article's sentences fall in one fold (for AllSides, every story's:
:func:`article_of`), so the figure predicts sentences from articles the model never saw, as
the unseen test splits are. Prints per fold and overall macro-F1 and
accuracy; the last line is ``article-grouped CV macro-F1=… (sd …) accuracy=… folds=… n=…``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold

from framelab.stance import read_labelled
from framelab.stance.cues import load_cues
from framelab.stance.model import StanceModel
from framelab.stance.training import DEFAULT_CUES_PATH, DEFAULT_PARAMS, DEFAULT_TRAIN_PATH


def article_of(mention_id: str) -> str:
    """The article a NewsMTSC mention comes from, or for AllSides its story.

    POLUSA ids read ``polusa_v1_<article>_…``. AllSides ids read
    ``allsides_<article>_<story>_<sentence>_…``, where a story is one event as covered by
    several outlets (AllSides' left, centre and right articles): those articles share quotes
    and wording, so the story, not the article, is the group.
    """
    fields = mention_id.split("_")
    if fields[0] == "allsides":
        return f"allsides_story_{fields[2]}"
    return "_".join(fields[:3])


def article_folds(ids: list[str] | tuple[str, ...], folds: int) -> list[tuple[np.ndarray, ...]]:
    """``(train, test)`` index arrays of ``folds`` folds that never split an article."""
    groups = [article_of(i) for i in ids]
    return list(GroupKFold(n_splits=folds).split(np.zeros(len(ids)), groups=groups))


def cross_validate(path: Path, folds: int) -> list[tuple[float, float, int]]:
    """Per fold: macro-F1, accuracy and number of held-out mentions."""
    data = read_labelled(path)
    labels = np.array(data.labels)
    cues = load_cues(DEFAULT_CUES_PATH)
    out = []
    for train, test in article_folds(data.ids, folds):
        model = StanceModel(**DEFAULT_PARAMS, cues=cues, random_state=0)
        model.fit([data.sentences[i] for i in train], [data.spans[i] for i in train],
                  labels[train].tolist())  # fmt: skip
        pred = model.predict([data.sentences[i] for i in test], [data.spans[i] for i in test])
        out.append(
            (
                float(f1_score(labels[test], pred, average="macro")),
                float(accuracy_score(labels[test], pred)),
                len(test),
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_TRAIN_PATH)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    results = cross_validate(args.data, args.folds)
    for k, (f1, acc, n) in enumerate(results, start=1):
        print(f"fold {k}: macro-F1 {f1:.3f} accuracy {acc:.3f} n={n}")
    f1s = np.array([r[0] for r in results])
    print(
        f"article-grouped CV macro-F1={f1s.mean():.3f} (sd {f1s.std(ddof=1):.3f}) "
        f"accuracy={np.mean([r[1] for r in results]):.3f} folds={args.folds} "
        f"n={sum(r[2] for r in results)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
