"""Stance per outlet and target: document-weighted means with document bootstrap CIs, and
permutation tests adjusted for multiplicity.

Mentions cluster within documents (one article may mention a target dozens of times in one
tone), so each document counts once: its mentions' scores are averaged first, and the outlet's
estimate is the mean of its documents' means. Every interval resamples documents and every
test permutes documents. The mention-weighted mean is kept beside it as ``mean_mentions``.
Mentions not scored (``scored`` false: captions, credits, bylines) are left out.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from framelab.errors import InputError
from framelab.stance.model import CLASSES
from framelab.stats import adjust_p, bootstrap_mean_ci, outlet_rng

__all__ = [
    "OUTLET_STANCE_COLUMNS",
    "OUTLET_TESTS_COLUMNS",
    "document_stance",
    "outlet_stance",
    "scored_only",
    "stance_permutation_tests",
]

OUTLET_STANCE_COLUMNS = [
    "outlet",
    "target",
    "n_mentions",
    "n_docs",
    "mean",
    "low",
    "high",
    "mean_mentions",
    "share_negative",
    "share_neutral",
    "share_positive",
    "n_skipped",
    "fragile",
]
OUTLET_TESTS_COLUMNS = [
    "target",
    "outlet_a",
    "outlet_b",
    "diff",
    "p",
    "p_adjusted",
    "n_docs_a",
    "n_docs_b",
    "n_mentions_a",
    "n_mentions_b",
]
_SHARES = [f"share_{label}" for label in CLASSES]  # one column per predicted polarity
_BLOCK = 256


def scored_only(mentions: pd.DataFrame) -> pd.DataFrame:
    """The mentions that were scored (all of them when there is no ``scored`` column)."""
    if "scored" not in mentions.columns:
        return mentions
    return mentions[mentions["scored"].astype(bool)]


def document_stance(mentions: pd.DataFrame) -> pd.DataFrame:
    """Each document's stance toward each target: the mean of its scored mentions.

    Parameters
    ----------
    mentions : DataFrame
        ``doc_id, outlet, target, polarity, score``; rows with ``scored`` false are left out.

    Returns
    -------
    DataFrame
        ``outlet, target, doc_id, n_mentions, score, share_negative, share_neutral,
        share_positive``, one row per document and target, sorted by the first three.
    """
    missing = [c for c in ("doc_id", "outlet", "target", "polarity", "score")
               if c not in mentions.columns]  # fmt: skip
    if missing:
        raise InputError(f"stance mentions lack column(s) {missing}; have {list(mentions.columns)}")
    scored = scored_only(mentions)
    table = scored.assign(
        **{f"share_{label}": (scored["polarity"] == label).astype(float) for label in CLASSES}
    )
    grouped = table.groupby(["outlet", "target", "doc_id"], sort=True)
    out = grouped.agg(
        n_mentions=("score", "size"),
        score=("score", "mean"),
        **{share: (share, "mean") for share in _SHARES},
    )
    return out.reset_index()


def outlet_stance(
    mentions: pd.DataFrame, *, n_boot: int, ci: float, random_state: int, min_docs: int
) -> pd.DataFrame:
    """Stance toward each target per outlet, each document weighted equally.

    Parameters
    ----------
    mentions : DataFrame
        ``doc_id, outlet, target, polarity, score``, optionally ``scored`` (one row per
        mention; unscored rows are counted in ``n_skipped`` only).
    n_boot, ci, random_state : int, float, int
        Bootstrap resamples, confidence level and seed (one stream per outlet and target).
    min_docs : int
        Fewer documents than this mark the row ``fragile``.

    Returns
    -------
    DataFrame
        :data:`OUTLET_STANCE_COLUMNS`. ``mean`` is the mean over documents of each
        document's mean mention score, ``low``/``high`` its percentile interval resampling
        documents (NaN with fewer than two); ``mean_mentions`` is the mean over mentions;
        ``share_*`` are document-weighted shares of predicted polarities; ``n_skipped``
        counts the outlet's unscored mentions of the target. Without scored mentions, the
        columns and no rows.
    """
    docs = document_stance(mentions)
    skipped = _skipped_counts(mentions)
    rows = []
    for (outlet, target), block in docs.groupby(["outlet", "target"], sort=True):
        values = block[["score", *_SHARES]].to_numpy(float)
        rng = outlet_rng(random_state, f"{outlet}|{target}")
        mean, low, high = bootstrap_mean_ci(values, n_boot=n_boot, ci=ci, rng=rng)
        weights = block["n_mentions"].to_numpy(float)
        rows.append(
            {
                "outlet": outlet,
                "target": target,
                "n_mentions": int(weights.sum()),
                "n_docs": len(block),
                "mean": float(mean[0]),
                "low": float(low[0]),
                "high": float(high[0]),
                "mean_mentions": float(weights @ values[:, 0] / weights.sum()),
                **{share: float(m) for share, m in zip(_SHARES, mean[1:], strict=True)},
                "n_skipped": int(skipped.get((outlet, target), 0)),
            }
        )
    table = pd.DataFrame(rows, columns=OUTLET_STANCE_COLUMNS[:-1])
    table["fragile"] = table["n_docs"] < min_docs
    return table


def stance_permutation_tests(
    mentions: pd.DataFrame, *, n_perm: int, random_state: int, p_adjust: str = "holm"
) -> pd.DataFrame:
    """For each target and pair of outlets: difference in stance and its permutation p.

    ``diff`` is the difference of the two outlets' document-weighted means (as ``mean`` of
    :func:`outlet_stance`). Documents are shuffled between the two outlets; ``p`` is the
    two-sided share of permutations at least as extreme, ``(1 + hits) / (1 + n_perm)``.
    ``p_adjusted`` adjusts ``p`` (:func:`~framelab.stats.adjust_p`, ``p_adjust``)
    within the family of all outlet pairs of one target.

    Returns
    -------
    DataFrame
        :data:`OUTLET_TESTS_COLUMNS` with ``diff = mean_a - mean_b``.
    """
    docs = document_stance(mentions)
    rows = []
    for target, by_target in docs.groupby("target", sort=True):
        family = []
        outlets = sorted(by_target["outlet"].unique())
        for a, b in itertools.combinations(outlets, 2):
            block_a = by_target[by_target["outlet"] == a]
            block_b = by_target[by_target["outlet"] == b]
            scores_a = block_a["score"].to_numpy(float)
            scores_b = block_b["score"].to_numpy(float)
            diff = float(scores_a.mean() - scores_b.mean())
            p = _permutation_p(
                np.concatenate([scores_a, scores_b]),
                len(scores_a),
                diff,
                n_perm=n_perm,
                rng=outlet_rng(random_state, f"{target}|{a}|{b}"),
            )
            family.append(
                [target, a, b, diff, p, np.nan, len(scores_a), len(scores_b),
                 int(block_a["n_mentions"].sum()), int(block_b["n_mentions"].sum())]
            )  # fmt: skip
        adjusted = adjust_p([row[4] for row in family], p_adjust)
        for row, p_adj in zip(family, adjusted, strict=True):
            row[5] = float(p_adj)
        rows += family
    return pd.DataFrame(rows, columns=OUTLET_TESTS_COLUMNS)


def _skipped_counts(mentions: pd.DataFrame) -> dict[tuple[object, object], int]:
    """Unscored mentions per (outlet, target)."""
    if "scored" not in mentions.columns:
        return {}
    unscored = mentions[~mentions["scored"].astype(bool)]
    return unscored.groupby(["outlet", "target"]).size().to_dict()


def _permutation_p(
    scores: np.ndarray, n_a: int, observed: float, *, n_perm: int, rng: np.random.Generator
) -> float:
    """Two-sided permutation p of a difference in means of document scores."""
    n, n_b = len(scores), len(scores) - n_a
    total = scores.sum()
    hits = 0
    for start in range(0, n_perm, _BLOCK):
        size = min(_BLOCK, n_perm - start)
        orders = rng.permuted(np.tile(np.arange(n), (size, 1)), axis=1)
        sum_a = scores[orders[:, :n_a]].sum(axis=1)
        diffs = sum_a / n_a - (total - sum_a) / n_b
        hits += int((np.abs(diffs) >= abs(observed) - 1e-12).sum())
    return (1 + hits) / (1 + n_perm)
