"""How well the stance model agrees with a study's coder, measured on mentions it did not
learn from: K-fold cross-validation over the coded documents.

The base model learns from the training split only, so every coded mention is new to it. The
adapted model of fold k learns from the training split plus the coded mentions of the other
folds' documents and scores fold k's; a document's mentions are never split between training
and scoring. Agreement (:func:`~framelab.stance.sampling.agreement`) pools the held-out
predictions, with intervals from a bootstrap over documents.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np
import pandas as pd

from framelab.errors import InputError
from framelab.stance.coded import CodedMentions
from framelab.stance.cues import CueLexicon
from framelab.stance.sampling import agreement
from framelab.stance.training import (
    DEFAULT_CODED_WEIGHT,
    LabelledMentions,
    TrainingSet,
    fit_linear,
    training_set,
)
from framelab.stats import outlet_rng

__all__ = [
    "AGREEMENT_CV_COLUMNS",
    "PREDICTION_COLUMNS",
    "cross_validated_agreement",
    "document_folds",
    "engine_fitter",
]

AGREEMENT_CV_COLUMNS = [
    "engine", "model",
    "macro_f1", "macro_f1_low", "macro_f1_high",
    "accuracy", "accuracy_low", "accuracy_high",
    "kappa", "kappa_low", "kappa_high",
    "n_mentions", "n_documents", "folds", "coded_weight",
]  # fmt: skip
PREDICTION_COLUMNS = ["row", "doc_id", "target", "fold", "coder_label", "base_label",
                      "adapted_label"]  # fmt: skip


class Predictor(Protocol):
    def predict(self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]) -> Any: ...


Fitter = Callable[[TrainingSet], Predictor]


def engine_fitter(
    engine: str,
    *,
    cues: CueLexicon,
    random_state: int,
    settings: dict[str, Any] | None = None,
    threads: int | None = None,
) -> Fitter:
    """The function that fits ``engine`` on a :class:`TrainingSet` (seeded): the linear
    model with the cue lexicon ``cues``, or the transformer with its ``settings`` and
    ``threads``. A transformer fit is a whole fine-tune (20-40 minutes on 2 cores), so a
    cross-validation with it takes one per fold and one for the base model.

    Raises
    ------
    InputError
        For an unknown engine.
    """
    if engine == "linear":
        return lambda data: fit_linear(data, cues=cues, random_state=random_state)
    if engine == "transformer":
        from framelab.stance.transformer import fit_transformer

        return lambda data: fit_transformer(
            data, settings=settings, random_state=random_state, threads=threads
        )
    raise InputError(f"stance.engine {engine!r}: unknown; allowed: 'linear', 'transformer'")


def document_folds(doc_ids: Sequence[str], folds: int, *, random_state: int) -> np.ndarray:
    """The fold (0 to ``folds`` - 1) of each mention, whole documents per fold.

    Documents are sorted, shuffled with a seeded generator and dealt to the folds in turn, so
    folds differ in size by at most one document and do not depend on row order.

    Raises
    ------
    InputError
        If ``folds`` < 2 or the mentions come from fewer than ``folds`` documents.
    """
    docs = np.asarray([str(d) for d in doc_ids], dtype=object)
    unique = np.array(sorted(set(docs)), dtype=object)
    if folds < 2:
        raise InputError(f"cross-validation needs at least 2 folds, got {folds}")
    if len(unique) < folds:
        raise InputError(
            f"{folds}-fold cross-validation by document needs coded mentions in at least "
            f"{folds} documents; they come from {len(unique)}"
        )
    order = outlet_rng(random_state, "stance-coded-folds").permutation(len(unique))
    fold_of = {doc: rank % folds for rank, doc in enumerate(unique[order])}
    return np.array([fold_of[d] for d in docs], dtype=int)


def cross_validated_agreement(
    training: LabelledMentions,
    coded: CodedMentions,
    *,
    fit: Fitter,
    engine: str = "linear",
    folds: int = 5,
    coded_weight: float = DEFAULT_CODED_WEIGHT,
    n_boot: int = 2000,
    ci: float = 0.95,
    random_state: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Agreement with the coder of the base and the adapted model, by document folds.

    Parameters
    ----------
    training : LabelledMentions
        The training split (``stance.training``).
    coded : CodedMentions
        The study's coded mentions (``stance.coded``).
    fit : callable
        Fits the engine on a :class:`TrainingSet` (e.g. :func:`engine_fitter`); the result's
        ``predict(sentences, spans)`` gives labels.
    engine : str
        The engine's name, for the table.
    folds : int
        K of the K-fold split of the coded documents (:func:`document_folds`).
    coded_weight : float
        Weight of each coded mention in the adapted models.
    n_boot, ci, random_state : int, float, int
        Bootstrap over documents; ``random_state`` also seeds the folds.

    Returns
    -------
    table : DataFrame
        :data:`AGREEMENT_CV_COLUMNS`, rows ``base`` then ``adapted``: macro-F1, accuracy and
        Cohen's kappa of the held-out predictions against the coder, each with its interval.
    predictions : DataFrame
        :data:`PREDICTION_COLUMNS`, one row per coded mention (``row`` of the sheet).
    """
    fold = document_folds(coded.doc_ids, folds, random_state=random_state)
    sentences, spans = list(coded.sentences), list(coded.spans)
    base = np.asarray(fit(training_set(training)).predict(sentences, spans), dtype=object)
    adapted = np.empty(len(coded), dtype=object)
    for k in range(folds):
        held_out = np.flatnonzero(fold == k)
        learn = coded.subset(np.flatnonzero(fold != k).tolist())
        model = fit(training_set(training, learn, coded_weight=coded_weight))
        adapted[held_out] = model.predict([sentences[i] for i in held_out],
                                          [spans[i] for i in held_out])  # fmt: skip
    predictions = pd.DataFrame(
        {
            "row": coded.rows, "doc_id": coded.doc_ids, "target": coded.targets, "fold": fold,
            "coder_label": coded.labels, "base_label": base, "adapted_label": adapted,
        },
        columns=PREDICTION_COLUMNS,
    )  # fmt: skip
    rows = []
    for name, column in (("base", "base_label"), ("adapted", "adapted_label")):
        scores = agreement(
            predictions.rename(columns={column: "model_label"}),
            n_boot=n_boot, ci=ci, random_state=random_state,
        ).set_index("metric")  # fmt: skip
        row: dict[str, Any] = {"engine": engine, "model": name}
        for metric, key in (("macro_f1", "macro_f1"), ("accuracy", "accuracy"),
                            ("cohen_kappa", "kappa")):  # fmt: skip
            row[key] = scores.loc[metric, "value"]
            row[f"{key}_low"] = scores.loc[metric, "low"]
            row[f"{key}_high"] = scores.loc[metric, "high"]
        row |= {"n_mentions": len(coded), "n_documents": int(scores["n_docs"].iloc[0]),
                "folds": folds, "coded_weight": float(coded_weight)}  # fmt: skip
        rows.append(row)
    return pd.DataFrame(rows, columns=AGREEMENT_CV_COLUMNS), predictions
