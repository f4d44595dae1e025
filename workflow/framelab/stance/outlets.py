"""Stance per outlet and target: means with document bootstrap CIs, and permutation tests.

Mentions cluster within documents (one article mentions a target many times in one tone), so
every interval resamples documents, not mentions, and every test permutes documents.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from framelab.stats import outlet_rng

__all__ = ["OUTLET_STANCE_COLUMNS", "outlet_stance", "stance_permutation_tests"]

OUTLET_STANCE_COLUMNS = [
    "outlet",
    "target",
    "n_mentions",
    "n_docs",
    "mean",
    "low",
    "high",
    "share_negative",
    "share_neutral",
    "share_positive",
    "fragile",
]

_BLOCK = 256


def outlet_stance(
    mentions: pd.DataFrame, *, n_boot: int, ci: float, random_state: int, min_docs: int
) -> pd.DataFrame:
    """Mean stance toward each target per outlet, with shares and a document bootstrap CI.

    Parameters
    ----------
    mentions : DataFrame
        ``doc_id, outlet, target, polarity, score`` (one row per scored mention).

    Returns
    -------
    DataFrame
        ``outlet, target, n_mentions, n_docs, mean, low, high, share_negative,
        share_neutral, share_positive, fragile``; ``mean`` is the mean mention score and
        ``low``/``high`` its percentile interval resampling the documents that mention the
        target (NaN with fewer than two); ``fragile`` marks ``n_docs < min_docs``. Without
        mentions (a study with no targets, or none mentioned), the columns and no rows.
    """
    rows = []
    for (outlet, target), block in mentions.groupby(["outlet", "target"], sort=True):
        sums, counts = _per_document(block)
        low, high = _cluster_interval(
            sums, counts, n_boot=n_boot, ci=ci, rng=outlet_rng(random_state, f"{outlet}|{target}")
        )
        shares = block["polarity"].value_counts(normalize=True)
        rows.append(
            {
                "outlet": outlet,
                "target": target,
                "n_mentions": len(block),
                "n_docs": len(sums),
                "mean": float(block["score"].mean()),
                "low": low,
                "high": high,
                "share_negative": float(shares.get("negative", 0.0)),
                "share_neutral": float(shares.get("neutral", 0.0)),
                "share_positive": float(shares.get("positive", 0.0)),
            }
        )
    table = pd.DataFrame(rows, columns=OUTLET_STANCE_COLUMNS[:-1])
    table["fragile"] = table["n_docs"] < min_docs
    return table


def stance_permutation_tests(
    mentions: pd.DataFrame, *, n_perm: int, random_state: int
) -> pd.DataFrame:
    """For each target and pair of outlets: difference in mean stance and its permutation p.

    Documents (with all their mentions) are shuffled between the two outlets; ``p`` is the
    two-sided share of permutations at least as extreme, ``(1 + hits) / (1 + n_perm)``.

    Returns
    -------
    DataFrame
        ``target, outlet_a, outlet_b, diff, p, n_docs_a, n_docs_b, n_mentions_a,
        n_mentions_b`` with ``diff = mean_a - mean_b``.
    """
    rows = []
    for target, by_target in mentions.groupby("target", sort=True):
        outlets = sorted(by_target["outlet"].unique())
        for a, b in itertools.combinations(outlets, 2):
            sums_a, counts_a = _per_document(by_target[by_target["outlet"] == a])
            sums_b, counts_b = _per_document(by_target[by_target["outlet"] == b])
            diff = sums_a.sum() / counts_a.sum() - sums_b.sum() / counts_b.sum()
            p = _permutation_p(
                np.concatenate([sums_a, sums_b]),
                np.concatenate([counts_a, counts_b]),
                len(sums_a),
                diff,
                n_perm=n_perm,
                rng=outlet_rng(random_state, f"{target}|{a}|{b}"),
            )
            rows.append(
                (
                    target,
                    a,
                    b,
                    diff,
                    p,
                    len(sums_a),
                    len(sums_b),
                    int(counts_a.sum()),
                    int(counts_b.sum()),
                )  # fmt: skip
            )
    columns = ["target", "outlet_a", "outlet_b", "diff", "p", "n_docs_a", "n_docs_b",
               "n_mentions_a", "n_mentions_b"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def _per_document(block: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Sum of scores and number of mentions per document (sorted by doc_id)."""
    grouped = block.groupby("doc_id", sort=True)["score"].agg(["sum", "size"])
    return grouped["sum"].to_numpy(float), grouped["size"].to_numpy(float)


def _cluster_interval(
    sums: np.ndarray, counts: np.ndarray, *, n_boot: int, ci: float, rng: np.random.Generator
) -> tuple[float, float]:
    n_docs = len(sums)
    if n_docs < 2:
        return np.nan, np.nan
    means = np.empty(n_boot)
    uniform = np.full(n_docs, 1.0 / n_docs)
    for start in range(0, n_boot, _BLOCK):
        size = min(_BLOCK, n_boot - start)
        weights = rng.multinomial(n_docs, uniform, size=size)
        means[start : start + size] = (weights @ sums) / (weights @ counts)
    alpha = (1 - ci) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(low), float(high)


def _permutation_p(
    sums: np.ndarray,
    counts: np.ndarray,
    n_a: int,
    observed: float,
    *,
    n_perm: int,
    rng: np.random.Generator,
) -> float:
    hits = 0
    for _ in range(n_perm):
        order = rng.permutation(len(sums))
        a, b = order[:n_a], order[n_a:]
        diff = sums[a].sum() / counts[a].sum() - sums[b].sum() / counts[b].sum()
        hits += abs(diff) >= abs(observed) - 1e-12
    return (1 + hits) / (1 + n_perm)
