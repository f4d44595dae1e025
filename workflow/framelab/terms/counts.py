"""Per-outlet term statistics: the document-term matrix, counts and Fightin' Words.

Fightin' Words is the log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi
& Quinn (2008), computed for each outlet against all others and for every pair of outlets.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from framelab.segment.tokens import Analyzer

__all__ = [
    "OUTLET_SIZE_COLUMNS",
    "DocTerms",
    "doc_term_matrix",
    "fightin_words",
    "fightin_words_pairs",
    "outlet_sizes",
    "outlet_term_counts",
    "term_by_outlet",
    "vocabulary_table",
]

OUTLET_SIZE_COLUMNS = ["outlet", "n_docs", "n_tokens", "n_words"]


@dataclass(frozen=True)
class DocTerms:
    """Term counts per document over the study's vocabulary.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix of shape (n_docs, n_terms)
    vocabulary : ndarray of str, sorted
    doc_ids, outlets : ndarray of str, one per row
    n_tokens : ndarray of int, optional
        Analysed tokens per document (before n-grams and ``min_count``), when known.
    """

    matrix: sp.csr_matrix
    vocabulary: np.ndarray
    doc_ids: np.ndarray
    outlets: np.ndarray
    n_tokens: np.ndarray | None = None


def doc_term_matrix(docs: pd.DataFrame, analyzer: Analyzer, *, min_count: int = 1) -> DocTerms:
    """Count terms per document; terms rarer than ``min_count`` in the corpus are dropped.

    Parameters
    ----------
    docs : DataFrame
        Columns ``doc_id, outlet, text``.
    analyzer : Analyzer
        Text to terms (the one the topic stage uses too).
    min_count : int, default=1

    Returns
    -------
    DocTerms
    """
    if docs.empty:
        raise ValueError("doc_term_matrix got no documents")
    n_tokens: list[int] = []

    def terms_counting_tokens(text: str) -> list[str]:  # one tokenisation gives both
        tokens = analyzer.tokens(text)
        n_tokens.append(len(tokens))
        return analyzer.terms(tokens)

    vectorizer = CountVectorizer(analyzer=terms_counting_tokens, lowercase=False, dtype=np.int64)
    matrix = vectorizer.fit_transform(docs["text"]).tocsc()
    vocabulary = vectorizer.get_feature_names_out()
    keep = np.flatnonzero(np.asarray(matrix.sum(axis=0)).ravel() >= min_count)
    return DocTerms(
        matrix=matrix[:, keep].tocsr(),
        vocabulary=vocabulary[keep],
        doc_ids=docs["doc_id"].to_numpy(dtype=str),
        outlets=docs["outlet"].to_numpy(dtype=str),
        n_tokens=np.asarray(n_tokens, dtype=np.int64),
    )


def vocabulary_table(doc_terms: DocTerms) -> pd.DataFrame:
    """The shared vocabulary: ``term, count, doc_freq`` over the corpus, sorted by term."""
    matrix = doc_terms.matrix
    return pd.DataFrame(
        {
            "term": doc_terms.vocabulary,
            "count": np.asarray(matrix.sum(axis=0)).ravel(),
            "doc_freq": np.asarray((matrix > 0).sum(axis=0)).ravel(),
        }
    )


def outlet_term_counts(doc_terms: DocTerms) -> pd.DataFrame:
    """Term counts per outlet.

    Returns
    -------
    DataFrame
        ``outlet, term, n, doc_freq`` (documents of the outlet using the term), sorted by
        outlet then term; terms an outlet never uses are absent.
    """
    codes, names = pd.factorize(pd.Series(doc_terms.outlets), sort=True)
    n_docs = len(codes)
    membership = sp.csr_matrix(
        (np.ones(n_docs, dtype=np.int64), (codes, np.arange(n_docs))), shape=(len(names), n_docs)
    )
    counts = (membership @ doc_terms.matrix).tocoo()
    doc_freq = (membership @ (doc_terms.matrix > 0).astype(np.int64)).tocsr()
    table = pd.DataFrame(
        {
            "outlet": np.asarray(names)[counts.row],
            "term": doc_terms.vocabulary[counts.col],
            "n": counts.data.astype(np.int64),
            "doc_freq": np.asarray(doc_freq[counts.row, counts.col]).ravel().astype(np.int64),
        }
    )
    return table.sort_values(["outlet", "term"], ignore_index=True)


def outlet_sizes(
    docs: pd.DataFrame, analyzer: Analyzer, *, n_tokens: np.ndarray | None = None
) -> pd.DataFrame:
    """Documents, analysed tokens and whitespace words per outlet (the n behind every claim).

    ``n_tokens`` (tokens per document, in ``docs`` order, e.g. :attr:`DocTerms.n_tokens`)
    saves tokenising the texts again.
    """
    if n_tokens is None:
        n_tokens = np.array([len(analyzer.tokens(t)) for t in docs["text"]], dtype=np.int64)
    # counted text by text: ``.str.split()`` would hold every word of the corpus at once
    # (60 million strings, 3 GB, at 100,000 documents)
    n_words = np.array(
        [len(text.split()) if isinstance(text, str) else 0 for text in docs["text"].tolist()],
        dtype=np.int64,
    )
    sizes = docs.assign(n_tokens=n_tokens, n_words=n_words)
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
        ``outlet, term, n, doc_freq`` as from :func:`outlet_term_counts`.
    prior_scale : float, default=0.1
        Strength of the prior relative to the corpus counts (larger shrinks more).

    Returns
    -------
    DataFrame
        ``outlet, term, n_outlet, n_rest, doc_freq, delta, se, z``, sorted by outlet then
        descending ``z``; ``doc_freq`` is the outlet's document frequency of the term.

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
    wide, doc_freq = _wide(counts, prior_scale)
    y = wide.to_numpy(dtype=float)
    total_w = y.sum(axis=1)
    alpha_w = prior_scale * total_w
    frames = []
    for k, outlet in enumerate(wide.columns):
        delta, se = _log_odds(y[:, k], total_w - y[:, k], alpha_w)
        frames.append(
            pd.DataFrame(
                {
                    "outlet": outlet,
                    "term": wide.index.to_numpy(),
                    "n_outlet": y[:, k].astype(np.int64),
                    "n_rest": (total_w - y[:, k]).astype(np.int64),
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


def fightin_words_pairs(counts: pd.DataFrame, *, prior_scale: float = 0.1) -> pd.DataFrame:
    """Fightin' Words for every pair of outlets (``outlet_a`` against ``outlet_b``).

    The prior comes from the whole corpus, as in :func:`fightin_words`. Positive ``z`` favours
    ``outlet_a``. Each unordered pair appears once, with ``outlet_a < outlet_b``.

    Returns
    -------
    DataFrame
        ``outlet_a, outlet_b, term, n_a, n_b, doc_freq_a, doc_freq_b, delta, se, z``, sorted by
        pair then descending ``z``; terms neither outlet uses are left out.
    """
    wide, doc_freq = _wide(counts, prior_scale)
    y = wide.to_numpy(dtype=float)
    alpha_w = prior_scale * y.sum(axis=1)
    frames = []
    for a, b in itertools.combinations(range(len(wide.columns)), 2):
        delta, se = _log_odds(y[:, a], y[:, b], alpha_w)
        used = (y[:, a] + y[:, b]) > 0
        delta, se = delta[used], se[used]
        name_a, name_b = wide.columns[a], wide.columns[b]
        frames.append(
            pd.DataFrame(
                {
                    "outlet_a": name_a,
                    "outlet_b": name_b,
                    "term": wide.index.to_numpy()[used],
                    "n_a": y[used, a].astype(np.int64),
                    "n_b": y[used, b].astype(np.int64),
                    "doc_freq_a": doc_freq[name_a].to_numpy()[used].astype(np.int64),
                    "doc_freq_b": doc_freq[name_b].to_numpy()[used].astype(np.int64),
                    "delta": delta,
                    "se": se,
                    "z": delta / se,
                }
            )
        )
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values(
        ["outlet_a", "outlet_b", "z", "term"],
        ascending=[True, True, False, True],
        ignore_index=True,
    )


def term_by_outlet(counts: pd.DataFrame, *, measure: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts and document frequencies as term x outlet tables (zeros where unused).

    Raises
    ------
    KeyError
        If ``counts`` lacks ``outlet, term, n, doc_freq``.
    ValueError
        If fewer than two outlets have terms (``measure`` names the statistic in the message).
    """
    missing = {"outlet", "term", "n", "doc_freq"} - set(counts.columns)
    if missing:
        raise KeyError(f"term counts lack columns {sorted(missing)}")
    wide = counts.pivot_table(
        index="term", columns="outlet", values="n", fill_value=0, aggfunc="sum"
    )
    if wide.shape[1] < 2:
        raise ValueError(f"{measure} needs at least two outlets, got {list(wide.columns)}")
    doc_freq = counts.pivot_table(
        index="term", columns="outlet", values="doc_freq", fill_value=0, aggfunc="sum"
    )
    return wide, doc_freq


def _wide(counts: pd.DataFrame, prior_scale: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`term_by_outlet` for Fightin' Words, after checking the prior."""
    if prior_scale <= 0:
        raise ValueError(f"prior_scale must be > 0, got {prior_scale}")
    return term_by_outlet(counts, measure="Fightin' Words")


def _log_odds(
    y_i: np.ndarray, y_j: np.ndarray, alpha_w: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Prior-smoothed log-odds difference of each term between two groups, and its SE."""
    n_i, n_j, alpha_0 = y_i.sum(), y_j.sum(), alpha_w.sum()
    delta = np.log((y_i + alpha_w) / (n_i + alpha_0 - y_i - alpha_w)) - np.log(
        (y_j + alpha_w) / (n_j + alpha_0 - y_j - alpha_w)
    )
    se = np.sqrt(1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w))
    return delta, se
