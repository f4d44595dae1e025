"""Adjusting p-values for multiplicity: Holm, Bonferroni and Benjamini–Hochberg."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["P_ADJUST_METHODS", "adjust_p"]

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
