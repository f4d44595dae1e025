"""Keyness: each outlet against the rest, by log-likelihood G2 and chi-square, with effect sizes.

The second view of distinctive vocabulary that corpus linguists (and quanteda's
``textstat_keyness``) use: a 2x2 table per term (term vs other terms, outlet vs rest).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import chi2

from framelab.terms.counts import term_by_outlet

__all__ = ["keyness"]


def keyness(counts: pd.DataFrame) -> pd.DataFrame:
    """G2, chi-square (Yates-uncorrected), p-values and effect sizes per outlet and term.

    Parameters
    ----------
    counts : DataFrame
        ``outlet, term, n, doc_freq`` as from :func:`framelab.terms.counts.outlet_term_counts`.

    Returns
    -------
    DataFrame
        ``outlet, term, n_outlet, n_rest, doc_freq, g2, chi2, p_g2, log_ratio, direction``:
        ``log_ratio`` is Hardie's Log Ratio, the binary log of the ratio of relative
        frequencies (outlet over rest, 0.5 added to zero counts); ``g2`` and ``chi2`` are signed
        by ``direction`` (+1 over-used by the outlet, -1 under-used). Sorted by outlet then
        descending signed ``g2``.

    References
    ----------
    Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling.
    Hardie, A. (2014). Log Ratio: an informal introduction. CASS, Lancaster University.
    """
    wide, doc_freq = term_by_outlet(counts, measure="keyness")
    y = wide.to_numpy(dtype=float)
    total_w = y.sum(axis=1)
    frames = []
    for k, outlet in enumerate(wide.columns):
        a = y[:, k]  # term in outlet
        b = total_w - a  # term in rest
        n_a, n_b = a.sum(), b.sum()
        c, d = n_a - a, n_b - b  # other terms in outlet / rest
        n = n_a + n_b
        observed = np.stack([a, b, c, d])
        expected = np.stack(
            [
                (a + b) * n_a / n,
                (a + b) * n_b / n,
                (c + d) * n_a / n,
                (c + d) * n_b / n,
            ]
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
            g2 = 2 * terms.sum(axis=0)
            chi_sq = ((observed - expected) ** 2 / expected).sum(axis=0)
        rel_a = np.where(a > 0, a, 0.5) / n_a
        rel_b = np.where(b > 0, b, 0.5) / n_b
        log_ratio = np.log2(rel_a / rel_b)
        direction = np.where(a / n_a >= b / n_b, 1, -1)
        frames.append(
            pd.DataFrame(
                {
                    "outlet": outlet,
                    "term": wide.index.to_numpy(),
                    "n_outlet": a.astype(np.int64),
                    "n_rest": b.astype(np.int64),
                    "doc_freq": doc_freq[outlet].to_numpy().astype(np.int64),
                    "g2": direction * g2,
                    "chi2": direction * chi_sq,
                    "p_g2": chi2.sf(g2, df=1),
                    "log_ratio": log_ratio,
                    "direction": direction,
                }
            )
        )
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values(
        ["outlet", "g2", "term"], ascending=[True, False, True], ignore_index=True
    )
