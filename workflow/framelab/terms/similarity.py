"""How alike outlets' vocabularies are: Jensen-Shannon divergence with a document bootstrap."""

from __future__ import annotations

import itertools
import logging

import numpy as np
import pandas as pd
import scipy.sparse as sp

from framelab.stats import outlet_rng
from framelab.terms.counts import DocTerms

__all__ = ["jensen_shannon", "outlet_similarity"]

log = logging.getLogger(__name__)
_BLOCK = 100  # bootstrap resamples drawn at once, bounding memory at _BLOCK x vocabulary


def jensen_shannon(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Jensen-Shannon divergence (base 2, in [0, 1]) between distributions along the last axis."""
    m = (p + q) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        kl_p = np.where(p > 0, p * np.log2(p / m), 0.0).sum(axis=-1)
        kl_q = np.where(q > 0, q * np.log2(q / m), 0.0).sum(axis=-1)
    return (kl_p + kl_q) / 2


def outlet_similarity(
    doc_terms: DocTerms, *, n_boot: int, ci: float, random_state: int
) -> pd.DataFrame:
    """Jensen-Shannon divergence between every pair of outlets' term distributions.

    Intervals resample each outlet's documents (percentile bootstrap). Resampling makes
    distributions noisier, so bootstrap divergences sit above the point estimate; the
    interval shows how much the value depends on which documents were sampled.

    An outlet none of whose documents holds a counted term has no term distribution; it is
    left out (with a warning) rather than given a divergence.

    Returns
    -------
    DataFrame
        ``outlet_a, outlet_b, jsd, low, high, n_docs_a, n_docs_b``; ``low``/``high`` are NaN
        when either outlet has fewer than two documents.
    """
    blocks = {o: doc_terms.matrix[doc_terms.outlets == o] for o in sorted(set(doc_terms.outlets))}
    for outlet in [o for o, m in blocks.items() if not m.count_nonzero()]:
        log.warning("outlet %r has no counted term: left out of the similarity table", outlet)
        del blocks[outlet]
    outlets = list(blocks)
    pairs = list(itertools.combinations(outlets, 2))
    point = {o: _distribution(np.asarray(m.sum(axis=0), dtype=float)) for o, m in blocks.items()}
    rngs = {o: outlet_rng(random_state, o) for o in outlets}
    boot = {pair: np.empty(n_boot) for pair in pairs}
    for start in range(0, n_boot, _BLOCK):
        size = min(_BLOCK, n_boot - start)
        resampled = {o: _resample(m, size, rngs[o]) for o, m in blocks.items()}
        for a, b in pairs:
            boot[(a, b)][start : start + size] = jensen_shannon(resampled[a], resampled[b])
    alpha = (1 - ci) / 2
    rows = []
    for a, b in pairs:
        n_a, n_b = blocks[a].shape[0], blocks[b].shape[0]
        jsd = float(jensen_shannon(point[a], point[b])[0])
        low, high = (
            np.quantile(boot[(a, b)], [alpha, 1 - alpha]) if min(n_a, n_b) >= 2 else (np.nan,) * 2
        )
        rows.append((a, b, jsd, low, high, n_a, n_b))
    return pd.DataFrame(
        rows, columns=["outlet_a", "outlet_b", "jsd", "low", "high", "n_docs_a", "n_docs_b"]
    )


def _distribution(counts: np.ndarray) -> np.ndarray:
    """Rows of counts as probability distributions (a zero row stays zero)."""
    total = counts.sum(axis=-1, keepdims=True)
    return np.divide(counts, total, out=np.zeros_like(counts), where=total > 0)


def _resample(matrix: sp.csr_matrix, size: int, rng: np.random.Generator) -> np.ndarray:
    """Term distributions of ``size`` resamples of the matrix's documents (rows)."""
    n_docs = matrix.shape[0]
    weights = rng.multinomial(n_docs, np.full(n_docs, 1.0 / n_docs), size=size)
    # dense weights times the sparse matrix: one pass over its non-zeros for all resamples;
    # the counts are whole numbers, so the sums are exact in any order
    return _distribution(np.asarray(weights.astype(float) @ matrix))
