"""Checking the stance model on a study's own corpus: a stratified sample of scored mentions
for hand coding, and the agreement of the model with the coder.

:func:`stance_sample` draws mentions stratified by outlet, target and predicted label, so
that rare labels and small outlets are checked too; :func:`agreement` compares the coder's
labels with the model's (macro-F1, accuracy, Cohen's kappa) with intervals from a bootstrap
over documents (a document's mentions are resampled together).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score, f1_score

from framelab.errors import InputError
from framelab.stance.model import CLASSES
from framelab.stance.outlets import scored_only
from framelab.stats import outlet_rng

__all__ = [
    "AGREEMENT_COLUMNS",
    "SAMPLE_COLUMNS",
    "agreement",
    "normalise_label",
    "read_coded",
    "stance_sample",
]

SAMPLE_COLUMNS = [
    "sample_id",
    "doc_id",
    "outlet",
    "target",
    "mention",
    "sentence",
    "context",
    "model_label",
    "model_score",
    "stratum_size",
    "coder_label",
]
AGREEMENT_COLUMNS = ["metric", "value", "low", "high", "n_coded", "n_docs"]
_REQUIRED = ("doc_id", "outlet", "target", "sentence", "sentence_start", "sentence_end",
             "polarity", "score")  # fmt: skip
_CODED_REQUIRED = ("doc_id", "model_label", "coder_label")


def stance_sample(mentions: pd.DataFrame, *, n: int, random_state: int) -> pd.DataFrame:
    """A stratified random sample of scored mentions, with an empty ``coder_label`` column.

    Parameters
    ----------
    mentions : DataFrame
        ``features/stance/mentions.parquet``: ``doc_id, outlet, target, sentence,
        sentence_start, sentence_end, polarity, score`` (unscored rows are left out).
    n : int
        Mentions to draw in all. Strata (outlet x target x predicted label) get equal
        shares, a stratum smaller than its share gives all its mentions and the rest goes to
        the others.
    random_state : int
        Seed; each stratum draws from ``outlet_rng(random_state, "stance-sample|<stratum>")``
        over its mentions sorted by document and position (``sentence_id, start`` when
        present, then the sentence), so the sample does not depend on row order.

    Returns
    -------
    DataFrame
        :data:`SAMPLE_COLUMNS`, sorted by outlet, target, model label and document.
        ``context`` is the sentence with the mention in ``[[ ]]``; ``stratum_size`` is the
        number of scored mentions in the stratum (to weight the sample back to the corpus).
    """
    missing = [c for c in _REQUIRED if c not in mentions.columns]
    if missing:
        raise InputError(f"stance mentions lack column(s) {missing}; have {list(mentions.columns)}")
    if n < 1:
        raise InputError(f"sample size must be at least 1, got {n}")
    order = ["outlet", "target", "polarity", "doc_id",
             *(c for c in ("sentence_id", "start") if c in mentions.columns),
             "sentence", "sentence_start"]  # fmt: skip
    scored = scored_only(mentions).sort_values(order, kind="stable")
    strata = {key: block for key, block in scored.groupby(["outlet", "target", "polarity"])}
    sizes = _allocate(n, {key: len(block) for key, block in strata.items()})
    rows = []
    for key, block in strata.items():
        take = sizes[key]
        rng = outlet_rng(random_state, "stance-sample|" + "|".join(map(str, key)))
        chosen = block.iloc[np.sort(rng.choice(len(block), size=take, replace=False))]
        for row in chosen.itertuples(index=False):
            start, end = int(row.sentence_start), int(row.sentence_end)
            sentence = str(row.sentence)
            rows.append({
                "doc_id": row.doc_id, "outlet": row.outlet, "target": row.target,
                "mention": sentence[start:end], "sentence": sentence,
                "context": f"{sentence[:start]}[[{sentence[start:end]}]]{sentence[end:]}",
                "model_label": row.polarity, "model_score": round(float(row.score), 4),
                "stratum_size": len(block), "coder_label": "",
            })  # fmt: skip
    table = pd.DataFrame(rows, columns=SAMPLE_COLUMNS[1:])
    table.insert(0, "sample_id", range(1, len(table) + 1))
    return table


def read_coded(sheet: pd.DataFrame, *, source: str = "coded sample") -> pd.DataFrame:
    """The coded rows of a sample sheet: ``doc_id, model_label, coder_label`` checked.

    Labels are negative, neutral or positive (any case; -1, 0, 1 also); a blank
    ``coder_label`` means not coded.

    Raises
    ------
    InputError
        Naming ``source`` and the missing columns; or every row (1-based, with its CSV line)
        and column holding a label that is not allowed; or when no row is coded.
    """
    missing = [c for c in _CODED_REQUIRED if c not in sheet.columns]
    if missing:
        raise InputError(f"{source}: missing column(s) {missing}; have {list(sheet.columns)}")
    problems, rows = [], []
    for position, record in enumerate(sheet[list(_CODED_REQUIRED)].itertuples(index=False)):
        coder = normalise_label(record.coder_label)
        if coder == "":
            continue
        model = normalise_label(record.model_label)
        for column, value, label in (("coder_label", record.coder_label, coder),
                                     ("model_label", record.model_label, model)):  # fmt: skip
            if label not in CLASSES:
                problems.append(
                    f"{source} row {position + 1} (CSV line {position + 2}), column "
                    f"{column!r}: {value!r} is not one of {list(CLASSES)} (or -1, 0, 1)"
                )
        rows.append((str(record.doc_id), model, coder))
    if problems:
        raise InputError(problems[:20])
    if not rows:
        raise InputError(
            f"{source}: no coded rows (column 'coder_label' is blank in all {len(sheet)} rows)"
        )
    return pd.DataFrame(rows, columns=list(_CODED_REQUIRED))


def agreement(
    coded: pd.DataFrame, *, n_boot: int = 2000, ci: float = 0.95, random_state: int = 0
) -> pd.DataFrame:
    """Macro-F1, accuracy and Cohen's kappa of the model against the coder.

    Parameters
    ----------
    coded : DataFrame
        From :func:`read_coded`: ``doc_id, model_label, coder_label``.
    n_boot, ci, random_state : int, float, int
        Percentile bootstrap over documents (each resample draws documents with replacement
        and keeps all their coded mentions).

    Returns
    -------
    DataFrame
        :data:`AGREEMENT_COLUMNS`, one row per metric (``macro_f1``, ``accuracy``,
        ``cohen_kappa``); macro-F1 averages the F1 of the classes that occur (in the coder's or
        the model's labels), with the coder as truth.
        Intervals are NaN with fewer than two documents.
    """
    truth = coded["coder_label"].to_numpy(object)
    predicted = coded["model_label"].to_numpy(object)
    values = _metrics(truth, predicted)
    docs = coded["doc_id"].astype(str).to_numpy()
    doc_ids, doc_index = np.unique(docs, return_inverse=True)
    low = high = np.full(len(values), np.nan)
    if len(doc_ids) >= 2:
        members = [np.flatnonzero(doc_index == i) for i in range(len(doc_ids))]
        rng = outlet_rng(random_state, "stance-agreement")
        boot = np.empty((n_boot, len(values)))
        for b in range(n_boot):
            rows = np.concatenate([members[i] for i in rng.integers(len(doc_ids),
                                                                   size=len(doc_ids))])  # fmt: skip
            boot[b] = _metrics(truth[rows], predicted[rows])
        alpha = (1 - ci) / 2
        low, high = np.nanquantile(boot, [alpha, 1 - alpha], axis=0)
    return pd.DataFrame(
        {
            "metric": ["macro_f1", "accuracy", "cohen_kappa"],
            "value": values,
            "low": low,
            "high": high,
            "n_coded": len(coded),
            "n_docs": len(doc_ids),
        },
        columns=AGREEMENT_COLUMNS,
    )


def _metrics(truth: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    present = [c for c in CLASSES if c in set(truth) | set(predicted)]
    macro_f1 = f1_score(truth, predicted, labels=present, average="macro", zero_division=0)
    accuracy = float(np.mean(truth == predicted))
    if len(set(truth) | set(predicted)) < 2:
        kappa = 1.0 if accuracy == 1.0 else math.nan  # one label on both sides: agreement
    else:
        kappa = cohen_kappa_score(truth, predicted, labels=list(CLASSES))
    return np.array([macro_f1, accuracy, kappa], dtype=float)


def _allocate(n: int, sizes: dict[tuple, int]) -> dict[tuple, int]:
    """``n`` draws shared equally among strata, none more than its size (water-filling)."""
    take = dict.fromkeys(sizes, 0)
    left = min(n, sum(sizes.values()))
    open_ = sorted(sizes, key=lambda k: (sizes[k], tuple(map(str, k))))
    while left > 0 and open_:
        share, extra = divmod(left, len(open_))
        for i, key in enumerate(list(open_)):
            want = share + (1 if i >= len(open_) - extra else 0)
            got = min(want, sizes[key] - take[key])
            take[key] += got
            left -= got
        open_ = [k for k in open_ if take[k] < sizes[k]]
    return take


_LABEL_ALIASES = {"-1": "negative", "0": "neutral", "1": "positive", "+1": "positive"}


def normalise_label(value: object) -> str:
    """A label lowercased and stripped, with -1/0/1 spelled out; "" for blank."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip().lower()
    if text in ("nan", ""):
        return ""
    return _LABEL_ALIASES.get(text, text)
