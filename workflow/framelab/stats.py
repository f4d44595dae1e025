"""Uncertainty for per-outlet estimates: bootstrap over documents, and p-values adjusted for
multiplicity (Holm, Bonferroni, Benjamini–Hochberg)."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

__all__ = [
    "P_ADJUST_METHODS",
    "adjust_p",
    "bootstrap_mean_ci",
    "bootstrap_ratio_ci",
    "outlet_rng",
]

_BLOCK = 256  # resamples drawn at once, bounding memory at _BLOCK x n_docs


def outlet_rng(random_state: int, key: str) -> np.random.Generator:
    """A generator for one outlet (or any named stratum) that does not depend on run order."""
    return np.random.default_rng([random_state, zlib.crc32(key.encode("utf-8"))])


def bootstrap_mean_ci(
    values: np.ndarray, *, n_boot: int, ci: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Column means with percentile bootstrap intervals, resampling rows (documents).

    Parameters
    ----------
    values : ndarray of shape (n_docs, n_columns)
        One row per document.
    n_boot : int
        Number of resamples.
    ci : float
        Confidence level, e.g. 0.95.
    rng : numpy Generator

    Returns
    -------
    mean, low, high : ndarray of shape (n_columns,)
        ``low`` and ``high`` are NaN when there are fewer than two documents: one document
        carries no information about between-document variation.
    """
    values = np.asarray(values, dtype=float)
    if values.ndim == 1:
        values = values[:, None]
    n_docs = values.shape[0]
    if n_docs == 0:
        raise ValueError("bootstrap_mean_ci needs at least one document, got 0")
    mean = values.mean(axis=0)
    if n_docs < 2:
        nan = np.full_like(mean, np.nan)
        return mean, nan, nan.copy()
    boot_means = _resampled_means(values, n_boot=n_boot, rng=rng)
    alpha = (1.0 - ci) / 2.0
    low, high = np.quantile(boot_means, [alpha, 1.0 - alpha], axis=0)
    return mean, low, high


def _resampled_means(values: np.ndarray, *, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Column means of ``n_boot`` resamples of the rows: shape (n_boot, n_columns)."""
    n_docs = values.shape[0]
    boot_means = np.empty((n_boot, values.shape[1]))
    uniform = np.full(n_docs, 1.0 / n_docs)
    for start in range(0, n_boot, _BLOCK):
        size = min(_BLOCK, n_boot - start)
        weights = rng.multinomial(n_docs, uniform, size=size)  # resample counts per document
        boot_means[start : start + size] = weights @ values / n_docs
    return boot_means


def bootstrap_ratio_ci(
    counts: np.ndarray, totals: np.ndarray, *, n_boot: int, ci: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shares ``counts.sum(0) / totals.sum()`` with percentile bootstrap intervals,
    resampling rows (documents): e.g. each source type's share of an outlet's attributions,
    the documents being the units sampled.

    Parameters
    ----------
    counts : ndarray of shape (n_docs, n_columns)
        Per document, the count of each kind.
    totals : ndarray of shape (n_docs,)
        Per document, the count of all kinds (the denominator).

    Returns
    -------
    share, low, high : ndarray of shape (n_columns,)
        NaN intervals with fewer than two documents; a resample whose documents hold no
        count at all is left out of the quantiles.
    """
    counts = np.asarray(counts, dtype=float)
    totals = np.asarray(totals, dtype=float)
    if counts.shape[0] == 0 or totals.sum() == 0:
        raise ValueError("bootstrap_ratio_ci needs a document with a count, got none")
    share = counts.sum(axis=0) / totals.sum()
    if counts.shape[0] < 2:
        nan = np.full_like(share, np.nan)
        return share, nan, nan.copy()
    boot = _resampled_means(np.column_stack([counts, totals]), n_boot=n_boot, rng=rng)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = boot[:, :-1] / boot[:, -1:]
    alpha = (1.0 - ci) / 2.0
    low, high = np.nanquantile(ratios, [alpha, 1.0 - alpha], axis=0)
    return share, low, high


#: Accepted by :func:`adjust_p` (and config ``stats.p_adjust``).
P_ADJUST_METHODS = ("holm", "bonferroni", "fdr_bh", "none")


def adjust_p(p: Sequence[float] | np.ndarray, method: str = "holm") -> np.ndarray:
    """P-values adjusted for the number of tests in one family.

    Parameters
    ----------
    p : sequence of float
        The raw p-values of one family of tests, in any order; NaN entries are left NaN
        and do not count as tests.
    method : {"holm", "bonferroni", "fdr_bh", "none"}, default="holm"
        Holm's step-down (family-wise error), Bonferroni (family-wise error),
        Benjamini–Hochberg (false discovery rate) or no adjustment.

    Returns
    -------
    ndarray of float
        The adjusted p-values in the order of ``p``, capped at 1; for ``holm`` and
        ``fdr_bh`` monotone in the raw p-values.

    Raises
    ------
    ValueError
        For an unknown method or a p-value outside [0, 1].
    """
    if method not in P_ADJUST_METHODS:
        raise ValueError(f"p_adjust must be one of {list(P_ADJUST_METHODS)}, got {method!r}")
    values = np.asarray(p, dtype=float).reshape(-1)
    finite = ~np.isnan(values)
    if ((values[finite] < 0) | (values[finite] > 1)).any():
        raise ValueError(f"p-values must lie in [0, 1], got {values[finite].tolist()}")
    out = np.full(values.shape, np.nan)
    raw = values[finite]
    m = len(raw)
    if m == 0 or method == "none":
        out[finite] = raw
        return out
    order = np.argsort(raw, kind="stable")
    ranked = raw[order]
    if method == "bonferroni":
        adjusted = ranked * m
    elif method == "holm":
        adjusted = np.maximum.accumulate(ranked * (m - np.arange(m)))
    else:  # fdr_bh: step-up, a minimum taken from the largest p down
        adjusted = np.minimum.accumulate((ranked * m / np.arange(1, m + 1))[::-1])[::-1]
    result = np.empty(m)
    result[order] = np.minimum(adjusted, 1.0)
    out[finite] = result
    return out
