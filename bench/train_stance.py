"""Cross-validate stance model settings on the shipped NewsMTSC training split.

    .venv/bin/python bench/train_stance.py [--folds 5] [--params '{"classifier": "logreg"}' ...]

Folds are grouped by sentence text (a sentence with several targets never straddles train and
test). Prints mean and standard deviation of macro-F1 and accuracy per setting, and the time
to fit the full model. Reads only ``data/stance/newsmtsc-train.jsonl``; the dev splits are for
bench/stance_eval.py. With no --params, the default model (framelab.stance.training.
DEFAULT_PARAMS) is cross-validated.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold

from framelab.stance import DEFAULT_TRAIN_PATH, StanceModel, read_labelled
from framelab.stance.training import DEFAULT_PARAMS


def cross_validate(params: dict, folds: int, random_state: int = 0) -> dict:
    """Macro-F1 and accuracy of ``StanceModel(**params)`` under grouped k-fold CV."""
    data = read_labelled(DEFAULT_TRAIN_PATH)
    sentences, spans = list(data.sentences), list(data.spans)
    labels = np.array(data.labels)
    groups = np.unique(sentences, return_inverse=True)[1]
    f1s, accs = [], []
    for train, test in GroupKFold(folds).split(sentences, labels, groups):
        model = StanceModel(**params, random_state=random_state)
        model.fit([sentences[i] for i in train], [spans[i] for i in train], labels[train])
        pred = model.predict([sentences[i] for i in test], [spans[i] for i in test])
        f1s.append(f1_score(labels[test], pred, average="macro"))
        accs.append(accuracy_score(labels[test], pred))
    start = time.perf_counter()
    StanceModel(**params, random_state=random_state).fit(sentences, spans, labels)
    return {
        "macro_f1": float(np.mean(f1s)),
        "macro_f1_sd": float(np.std(f1s)),
        "accuracy": float(np.mean(accs)),
        "fit_seconds": time.perf_counter() - start,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--params", action="append", type=json.loads,
                        help="JSON object of StanceModel parameters; repeatable")  # fmt: skip
    args = parser.parse_args()
    for params in args.params or [DEFAULT_PARAMS]:
        result = cross_validate(params, args.folds)
        print(
            f"{json.dumps(params)}: CV macro-F1 {result['macro_f1']:.3f} "
            f"+- {result['macro_f1_sd']:.3f}, accuracy {result['accuracy']:.3f}, "
            f"full fit {result['fit_seconds']:.1f} s",
            flush=True,
        )


if __name__ == "__main__":
    main()
