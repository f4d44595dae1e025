"""How alike outlets' vocabularies are: Jensen-Shannon divergence, bias-corrected, with a
document bootstrap interval and a permutation null.

The plug-in divergence between two samples' term distributions overstates the divergence of
the outlets they come from: sampling noise makes any two finite samples look different. A
percentile bootstrap inherits that bias twice (resampled documents are noisier still), so its
interval lies above the estimate. Here the estimate is bias-corrected with the same resamples
that give its interval (the basic bootstrap), so the interval contains it by construction:

- ``jsd = 2 * plug-in - median(bootstrap)``,
- ``[low, high] = [2 * plug-in - q(1 - alpha), 2 * plug-in - q(alpha)]``,

each clipped at 0 (a divergence is not negative). A permutation null says how far above chance
each pair is: the two outlets' documents are pooled and their outlet labels shuffled, keeping
both sample sizes, and the plug-in divergence of every shuffle is the chance level it is
compared with.
"""

from __future__ import annotations

import itertools
import logging

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.special import entr

from framelab.stats import adjust_p, outlet_rng
from framelab.terms.counts import DocTerms

__all__ = ["SIMILARITY_COLUMNS", "jensen_shannon", "outlet_similarity", "permutation_null"]

log = logging.getLogger(__name__)
_BLOCK = 100  # resamples or shuffles drawn at once, bounding memory at _BLOCK x vocabulary

SIMILARITY_COLUMNS = [
    "outlet_a",
    "outlet_b",
    "jsd",
    "low",
    "high",
    "jsd_plugin",
    "null_mean",
    "null_high",
    "excess",
    "p",
    "p_adjusted",
    "n_docs_a",
    "n_docs_b",
]


def jensen_shannon(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Jensen-Shannon divergence (base 2, in [0, 1]) between distributions along the last axis."""
    return _jsd_from_entropies(p, q, _entropy(p), _entropy(q))


def _entropy(p: np.ndarray) -> np.ndarray:
    """Shannon entropy in bits along the last axis (0 log 0 = 0)."""
    return entr(p).sum(axis=-1) / np.log(2)


def _jsd_from_entropies(
    p: np.ndarray, q: np.ndarray, h_p: np.ndarray, h_q: np.ndarray
) -> np.ndarray:
    """JSD as the entropy of the mixture less the mean entropy of its parts (clipped at 0)."""
    return np.maximum(_entropy((p + q) / 2) - (h_p + h_q) / 2, 0.0)


def outlet_similarity(
    doc_terms: DocTerms,
    *,
    n_boot: int,
    ci: float,
    n_perm: int,
    random_state: int,
    p_adjust: str = "holm",
) -> pd.DataFrame:
    """Jensen-Shannon divergence between every pair of outlets' term distributions.

    Parameters
    ----------
    doc_terms : DocTerms
        Term counts per document, with each document's outlet.
    n_boot : int
        Bootstrap resamples of each outlet's documents.
    ci : float
        Confidence level of the interval, e.g. 0.95.
    n_perm : int
        Shuffles of the outlet labels per pair for the permutation null.
    random_state : int
    p_adjust : str, default="holm"
        How ``p_adjusted`` adjusts ``p`` over all pairs of the table
        (:func:`~framelab.stats.adjust_p`).

    Returns
    -------
    DataFrame
        One row per pair (columns :data:`SIMILARITY_COLUMNS`): ``jsd`` is the bias-corrected
        divergence and ``low``/``high`` its basic bootstrap interval, which contains it;
        ``jsd_plugin`` the divergence of the pooled counts as observed; ``null_mean`` and
        ``null_high`` the mean and upper ``ci`` quantile of the plug-in divergence with
        outlet labels shuffled; ``excess`` how far the plug-in value lies above that chance
        level (``jsd_plugin - null_mean``); ``p`` the permutation p-value of ``jsd_plugin``
        against that null, ``(1 + hits) / (1 + n_perm)``, and ``p_adjusted`` that p adjusted
        over all pairs. Intervals and the null are NaN when either
        outlet has fewer than two documents. An outlet none of whose documents holds a
        counted term is left out (with a warning).
    """
    blocks = {o: doc_terms.matrix[doc_terms.outlets == o] for o in sorted(set(doc_terms.outlets))}
    for outlet in [o for o, m in blocks.items() if not m.count_nonzero()]:
        log.warning("outlet %r has no counted term: left out of the similarity table", outlet)
        del blocks[outlet]
    pairs = list(itertools.combinations(blocks, 2))
    point = {o: _distribution(np.asarray(m.sum(axis=0), dtype=float)) for o, m in blocks.items()}
    boot = _bootstrap(blocks, pairs, n_boot=n_boot, random_state=random_state)
    alpha = (1 - ci) / 2
    rows = []
    for a, b in pairs:
        n_a, n_b = blocks[a].shape[0], blocks[b].shape[0]
        plugin = float(jensen_shannon(point[a], point[b])[0])
        row = {"outlet_a": a, "outlet_b": b, "jsd_plugin": plugin, "n_docs_a": n_a, "n_docs_b": n_b}
        if min(n_a, n_b) < 2:
            rows.append({**row, "jsd": plugin})
            continue
        q_low, median, q_high = np.quantile(boot[(a, b)], [alpha, 0.5, 1 - alpha])
        null = permutation_null(
            blocks[a], blocks[b], n_perm=n_perm, rng=outlet_rng(random_state, f"null|{a}|{b}")
        )
        rows.append(
            {
                **row,
                "jsd": max(0.0, 2 * plugin - median),
                "low": max(0.0, 2 * plugin - q_high),
                "high": max(0.0, 2 * plugin - q_low),
                "null_mean": float(null.mean()),
                "null_high": float(np.quantile(null, 1 - 2 * alpha)),
                "excess": plugin - float(null.mean()),
                "p": (1 + int((null >= plugin - 1e-12).sum())) / (1 + n_perm),
            }
        )
    table = pd.DataFrame(rows, columns=SIMILARITY_COLUMNS)
    table["p_adjusted"] = adjust_p(table["p"].to_numpy(float), p_adjust)
    return table


def permutation_null(
    a: sp.csr_matrix, b: sp.csr_matrix, *, n_perm: int, rng: np.random.Generator
) -> np.ndarray:
    """Plug-in divergences of ``n_perm`` shuffles of the outlet labels over ``a``'s and ``b``'s
    documents, each shuffle keeping both outlets' numbers of documents."""
    pooled = sp.vstack([a, b]).tocsr().astype(float)
    pooled = pooled[:, np.unique(pooled.indices)]  # the pair's own vocabulary: same divergences
    total = np.asarray(pooled.sum(axis=0))
    n_docs, n_a = pooled.shape[0], a.shape[0]
    null = np.empty(n_perm)
    for start in range(0, n_perm, _BLOCK):
        size = min(_BLOCK, n_perm - start)
        labels = np.zeros((size, n_docs))
        for row in range(size):
            labels[row, rng.permutation(n_docs)[:n_a]] = 1.0
        counts_a = np.asarray(labels @ pooled)
        null[start : start + size] = jensen_shannon(
            _distribution(counts_a), _distribution(total - counts_a)
        )
    return null


def _bootstrap(
    blocks: dict[str, sp.csr_matrix],
    pairs: list[tuple[str, str]],
    *,
    n_boot: int,
    random_state: int,
) -> dict[tuple[str, str], np.ndarray]:
    """Plug-in divergence of every pair in ``n_boot`` resamples of each outlet's documents."""
    rngs = {o: outlet_rng(random_state, o) for o in blocks}
    boot = {pair: np.empty(n_boot) for pair in pairs}
    for start in range(0, n_boot, _BLOCK):
        size = min(_BLOCK, n_boot - start)
        resampled = {o: _resample(m, size, rngs[o]) for o, m in blocks.items()}
        entropies = {o: _entropy(dist) for o, dist in resampled.items()}
        for a, b in pairs:
            boot[(a, b)][start : start + size] = _jsd_from_entropies(
                resampled[a], resampled[b], entropies[a], entropies[b]
            )
    return boot


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
