"""Per-outlet term statistics: counts and Fightin' Words (Monroe, Colaresi & Quinn 2008)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from framelab.tokens import Analyzer

__all__ = ["OUTLET_SIZE_COLUMNS", "fightin_words", "outlet_sizes", "outlet_term_counts"]

OUTLET_SIZE_COLUMNS = ["outlet", "n_docs", "n_tokens", "n_words"]


def outlet_term_counts(
    docs: pd.DataFrame, analyzer: Analyzer, *, min_count: int = 1
) -> pd.DataFrame:
    """Count terms per outlet.

    Parameters
    ----------
    docs : DataFrame
        Columns ``doc_id, outlet, text``.
    analyzer : Analyzer
        Text to terms.
    min_count : int, default=1
        Terms rarer than this in the whole corpus are dropped.

    Returns
    -------
    DataFrame
        Columns ``outlet, term, n, doc_freq`` (documents of the outlet using the term),
        sorted by outlet then term.
    """
    if docs.empty:
        raise ValueError("outlet_term_counts got no documents")
    vectorizer = CountVectorizer(analyzer=analyzer, lowercase=False)
    doc_term = vectorizer.fit_transform(docs["text"]).tocsc()
    vocabulary = vectorizer.get_feature_names_out()
    keep = np.flatnonzero(np.asarray(doc_term.sum(axis=0)).ravel() >= min_count)
    doc_term, vocabulary = doc_term[:, keep], vocabulary[keep]
    outlet_codes, outlet_names = pd.factorize(docs["outlet"], sort=True)
    membership = sp.csr_matrix(
        (np.ones(len(docs)), (outlet_codes, np.arange(len(docs)))),
        shape=(len(outlet_names), len(docs)),
    )
    counts = (membership @ doc_term).tocoo()
    doc_freq = (membership @ (doc_term > 0).astype(np.int64)).tocsr()
    table = pd.DataFrame(
        {
            "outlet": outlet_names[counts.row],
            "term": vocabulary[counts.col],
            "n": counts.data.astype(np.int64),
            "doc_freq": np.asarray(doc_freq[counts.row, counts.col]).ravel().astype(np.int64),
        }
    )
    return table.sort_values(["outlet", "term"], ignore_index=True)


def outlet_sizes(docs: pd.DataFrame, analyzer: Analyzer) -> pd.DataFrame:
    """Documents, analysed tokens and whitespace words per outlet (the n behind every claim)."""
    sizes = docs.assign(
        n_tokens=docs["text"].map(lambda t: len(analyzer.tokens(t))),
        n_words=docs["text"].str.split().str.len(),
    )
    table = sizes.groupby("outlet", sort=True).agg(
        n_docs=("doc_id", "size"), n_tokens=("n_tokens", "sum"), n_words=("n_words", "sum")
    )
    return table.reset_index()[OUTLET_SIZE_COLUMNS]


def fightin_words(counts: pd.DataFrame, *, prior_scale: float = 0.1) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior, each outlet against all the others.

    With ``y`` the term counts of an outlet (``i``) and of the rest (``j``), ``n`` their totals,
    and the prior ``alpha_w = prior_scale * (corpus count of w)``, ``alpha_0 = sum(alpha_w)``::

        delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w))
                - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
        var_w   = 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
        z_w     = delta_w / sqrt(var_w)

    Parameters
    ----------
    counts : DataFrame
        Columns ``outlet, term, n, doc_freq`` as from :func:`outlet_term_counts`.
    prior_scale : float, default=0.1
        Strength of the prior relative to the corpus counts (larger shrinks more).

    Returns
    -------
    DataFrame
        Columns ``outlet, term, n_outlet, n_rest, doc_freq, delta, se, z``, sorted by outlet
        then descending ``z``. ``doc_freq`` is the outlet's document frequency of the term.

    Raises
    ------
    ValueError
        If fewer than two outlets have terms, or ``prior_scale`` is not positive.

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' Words: Lexical feature
    selection and evaluation for identifying the content of political conflict.
    Political Analysis, 16(4), 372-403.
    """
    missing = {"outlet", "term", "n", "doc_freq"} - set(counts.columns)
    if missing:
        raise KeyError(f"term counts lack columns {sorted(missing)}")
    if prior_scale <= 0:
        raise ValueError(f"prior_scale must be > 0, got {prior_scale}")
    wide = counts.pivot_table(
        index="term", columns="outlet", values="n", fill_value=0, aggfunc="sum"
    )
    if wide.shape[1] < 2:
        raise ValueError(f"Fightin' Words needs at least two outlets, got {list(wide.columns)}")
    doc_freq = counts.pivot_table(
        index="term", columns="outlet", values="doc_freq", fill_value=0, aggfunc="sum"
    )
    y = wide.to_numpy(dtype=float)
    total_w = y.sum(axis=1)
    alpha_w = prior_scale * total_w
    alpha_0 = alpha_w.sum()
    frames = []
    for k, outlet in enumerate(wide.columns):
        y_i = y[:, k]
        y_j = total_w - y_i
        n_i, n_j = y_i.sum(), y_j.sum()
        delta = np.log((y_i + alpha_w) / (n_i + alpha_0 - y_i - alpha_w)) - np.log(
            (y_j + alpha_w) / (n_j + alpha_0 - y_j - alpha_w)
        )
        se = np.sqrt(1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w))
        frames.append(
            pd.DataFrame(
                {
                    "outlet": outlet,
                    "term": wide.index.to_numpy(),
                    "n_outlet": y_i.astype(np.int64),
                    "n_rest": y_j.astype(np.int64),
                    "doc_freq": doc_freq[outlet].to_numpy().astype(np.int64),
                    "delta": delta,
                    "se": se,
                    "z": delta / se,
                }
            )
        )
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values(
        ["outlet", "z", "term"], ascending=[True, False, True], ignore_index=True
    )
