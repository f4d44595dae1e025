"""Topic models over units of analysis (paragraphs or documents) and per-outlet prevalence.

NMF on sublinear TF-IDF or LDA on counts, over the study vocabulary. Above a configured number
of units the minibatch variants (MiniBatchNMF, online LDA) are used. Every fit is seeded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.decomposition import NMF, LatentDirichletAllocation, MiniBatchNMF
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from framelab.segment.tokens import Analyzer
from framelab.stats import bootstrap_mean_ci, outlet_rng

__all__ = [
    "ENGINES",
    "FittedTopics",
    "TopicModel",
    "UnitMatrix",
    "doc_shares",
    "document_frequency",
    "fit_nmf",
    "fit_topics",
    "outlet_prevalence",
    "top_terms",
    "topic_words_table",
    "unit_matrix",
    "unit_shares",
]

log = logging.getLogger(__name__)

ENGINES = ("nmf", "lda")
_MAX_ITER = {"nmf": 1000, "lda": 100}
_MINIBATCH_MAX_ITER = {"nmf": 200, "lda": 10}
_BATCH_SIZE = 2048


@dataclass(frozen=True)
class TopicModel:
    """A fitted topic model as tables.

    Attributes
    ----------
    topic_words : DataFrame
        ``topic, label, rank, term, weight``: the top terms of each topic.
    doc_topic : DataFrame
        ``doc_id, outlet, n_units, topic, share``: each document's topic shares (sum 1).
    """

    topic_words: pd.DataFrame
    doc_topic: pd.DataFrame


@dataclass(frozen=True)
class UnitMatrix:
    """The units of analysis as the models see them.

    Attributes
    ----------
    units : DataFrame
        ``doc_id, outlet, unit_id`` (and ``text``), one row per unit, in input order.
    counts : sparse matrix of shape (n_units, n_terms)
        Term counts (what LDA models).
    tfidf : sparse matrix of shape (n_units, n_terms)
        Sublinear TF-IDF, rows L2-normalised (what NMF models).
    terms : ndarray of str
        Column names, sorted.
    tokens : list of list of str
        Each unit's terms in text order, limited to ``terms`` (for coherence windows).
    """

    units: pd.DataFrame
    counts: sparse.csr_matrix
    tfidf: sparse.csr_matrix
    terms: np.ndarray
    tokens: list[list[str]]

    def matrix(self, engine: str) -> sparse.csr_matrix:
        """The input matrix of ``engine``: TF-IDF for NMF, counts for LDA."""
        return self.tfidf if engine == "nmf" else self.counts


@dataclass(frozen=True)
class FittedTopics:
    """One fitted model.

    Attributes
    ----------
    loadings : ndarray of shape (n_units, k)
        Unit loadings: NMF weights, or LDA topic proportions times the unit's length.
    components : ndarray of shape (k, n_terms)
        Topic-term weights (non-negative).
    objective : float
        Lower is better: NMF reconstruction error, or LDA's negative approximate
        log-likelihood.
    seed : int
    minibatch : bool
    """

    loadings: np.ndarray
    components: np.ndarray
    objective: float
    seed: int
    minibatch: bool

    @property
    def topic_term(self) -> np.ndarray:
        """Each topic's term distribution (rows sum to 1)."""
        totals = self.components.sum(axis=1, keepdims=True)
        return self.components / np.where(totals > 0, totals, 1.0)


def unit_matrix(
    units: pd.DataFrame,
    analyzer: Analyzer,
    *,
    vocabulary: list[str] | None = None,
    min_df: int = 2,
    max_df: float = 0.9,
    min_docs: int = 1,
    max_doc_share: float = 1.0,
) -> UnitMatrix:
    """Tokenise the units once and build counts and TF-IDF over the shared vocabulary.

    Terms are pruned by document frequency as well as by unit frequency: a term of one
    document (a name in one article) or of most documents (a word every article of the corpus
    shares) describes no topic, however many paragraphs it fills.

    Parameters
    ----------
    units : DataFrame
        Columns ``doc_id, outlet, unit_id, text``; one row per unit of analysis.
    analyzer : Analyzer
        The analyzer the term stage uses.
    vocabulary : list of str, optional
        The study vocabulary (from the term stage); terms outside it are not modelled.
    min_df, max_df : int, float
        Further limits over units (config ``topics.min_df``, ``topics.max_df``).
    min_docs : int, default=1
        Drop terms found in fewer documents than this (config ``topics.min_docs``).
    max_doc_share : float, default=1.0
        Drop terms found in more than this share of the documents (config
        ``topics.max_doc_share``). The limit is never below ``min_docs`` documents, so that
        a corpus of a handful of documents keeps a vocabulary; when the two limits together
        leave no term, a warning is logged and only the unit limits apply.
    """
    allowed = None if vocabulary is None else frozenset(vocabulary)
    tokens = [
        [t for t in analyzer(text) if allowed is None or t in allowed] for text in units["text"]
    ]
    vectorizer = CountVectorizer(
        analyzer=_identity, lowercase=False, min_df=min_df, max_df=max_df, dtype=np.float64
    )
    try:
        counts = vectorizer.fit_transform(tokens).tocsr()
    except ValueError as err:  # every term pruned
        raise ValueError(
            f"no term is left for the topic model after topics.min_df={min_df} and "
            f"topics.max_df={max_df} over {len(units)} units: {err}"
        ) from None
    terms = vectorizer.get_feature_names_out()
    keep = _document_frequency_mask(
        counts, units["doc_id"].to_numpy(), min_docs=min_docs, max_doc_share=max_doc_share
    )
    if not keep.any():  # a handful of near-identical documents: prune by units only
        log.warning(
            "no term is left after topics.min_docs=%d and topics.max_doc_share=%s over %d "
            "documents (they share their vocabulary); the terms are pruned by units only",
            min_docs,
            max_doc_share,
            units["doc_id"].nunique(),
        )
        keep = np.ones(len(terms), dtype=bool)
    counts, terms = counts[:, np.flatnonzero(keep)].tocsr(), terms[keep]
    kept = frozenset(terms)
    tokens = [[t for t in unit if t in kept] for unit in tokens]
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(counts).tocsr()
    return UnitMatrix(
        units=units.reset_index(drop=True),
        counts=counts,
        tfidf=tfidf,
        terms=np.asarray(terms, dtype=object),
        tokens=tokens,
    )


def fit_topics(
    data: UnitMatrix,
    *,
    engine: str,
    k: int,
    seed: int,
    minibatch_above: int,
    init: str = "random",
) -> FittedTopics:
    """Fit one seeded model with ``k`` topics.

    Parameters
    ----------
    data : UnitMatrix
    engine : {"nmf", "lda"}
    k : int
        Number of topics; must be smaller than the number of units and terms.
    seed : int
        ``random_state`` of the initialisation (and of the minibatch order).
    minibatch_above : int
        Use MiniBatchNMF / online LDA when there are more units than this
        (config ``topics.minibatch_above``).
    init : str, default="random"
        NMF initialisation; restarts differ only through ``seed`` with ``"random"``.
    """
    if engine not in ENGINES:
        raise ValueError(f"topics.engine={engine!r} is not one of {list(ENGINES)}")
    n_units, n_terms = data.counts.shape
    if k >= n_units:
        raise ValueError(
            f"topics.k={k} needs more units than topics, but there are {n_units} units; "
            "lower config topics.k (or topics.k_grid)"
        )
    if k > n_terms:
        raise ValueError(
            f"topics.k={k} exceeds the vocabulary size {n_terms}; lower config topics.k "
            "(or topics.k_grid)"
        )
    minibatch = n_units > minibatch_above
    matrix = data.matrix(engine)
    if engine == "nmf":
        model = _nmf(k, seed, init, minibatch, n_units)
        loadings = model.fit_transform(matrix)
        objective = float(model.reconstruction_err_)
    else:
        model = LatentDirichletAllocation(
            n_components=k,
            learning_method="online" if minibatch else "batch",
            batch_size=_BATCH_SIZE,
            max_iter=_MINIBATCH_MAX_ITER["lda"] if minibatch else _MAX_ITER["lda"],
            total_samples=n_units,
            random_state=seed,
        )
        theta = model.fit_transform(matrix)
        lengths = np.asarray(matrix.sum(axis=1)).ravel()
        loadings = theta * lengths[:, None]
        objective = float(-model.score(matrix))
    log.info(
        "%s%s k=%d seed=%d on %d units, %d terms: objective %.6g",
        "minibatch " if minibatch else "",
        engine.upper(),
        k,
        seed,
        n_units,
        n_terms,
        objective,
    )
    return FittedTopics(
        loadings=np.asarray(loadings, dtype=float),
        components=np.asarray(model.components_, dtype=float),
        objective=objective,
        seed=seed,
        minibatch=minibatch,
    )


def fit_nmf(
    units: pd.DataFrame,
    analyzer: Analyzer,
    *,
    k: int,
    random_state: int,
    vocabulary: list[str] | None = None,
    min_df: int = 2,
    max_df: float = 0.9,
    n_top_words: int = 8,
) -> TopicModel:
    """Fit one NMF (``init="nndsvda"``) on TF-IDF of the units; shares per document.

    Returns
    -------
    TopicModel
    """
    data = unit_matrix(units, analyzer, vocabulary=vocabulary, min_df=min_df, max_df=max_df)
    fitted = fit_topics(
        data, engine="nmf", k=k, seed=random_state, minibatch_above=len(units), init="nndsvda"
    )
    return TopicModel(
        topic_words=topic_words_table(fitted.components, data.terms, n_top_words),
        doc_topic=doc_shares(data.units, fitted.loadings),
    )


def top_terms(components: np.ndarray, terms: np.ndarray, n_top: int) -> list[list[str]]:
    """Each topic's ``n_top`` heaviest terms (ties broken alphabetically)."""
    return [
        [str(terms[i]) for i in np.lexsort((terms, -weights))[:n_top]] for weights in components
    ]


def topic_words_table(components: np.ndarray, terms: np.ndarray, n_top: int) -> pd.DataFrame:
    """``topic, label, rank, term, weight``: the top terms of each topic, labelled."""
    rows = []
    for topic, weights in enumerate(components):
        order = np.lexsort((terms, -weights))[:n_top]
        label = f"T{topic + 1}: " + ", ".join(str(t) for t in terms[order[:3]])
        rows.extend(
            (topic, label, rank, str(terms[i]), float(weights[i]))
            for rank, i in enumerate(order, start=1)
        )
    return pd.DataFrame(rows, columns=["topic", "label", "rank", "term", "weight"])


def unit_shares(units: pd.DataFrame, loadings: np.ndarray) -> pd.DataFrame:
    """``doc_id, outlet, unit_id, topic, loading, share``: each unit's topic shares.

    A unit without any loading (no modelled term) has share 0 for every topic.
    """
    totals = loadings.sum(axis=1, keepdims=True)
    shares = loadings / np.where(totals > 0, totals, 1.0)
    k = loadings.shape[1]
    n = len(units)
    return pd.DataFrame(
        {
            "doc_id": np.repeat(units["doc_id"].to_numpy(dtype=object), k),
            "outlet": np.repeat(units["outlet"].to_numpy(dtype=object), k),
            "unit_id": np.repeat(units["unit_id"].to_numpy(dtype=object), k),
            "topic": np.tile(np.arange(k, dtype=np.int64), n),
            "loading": loadings.ravel(),
            "share": shares.ravel(),
        }
    )


def doc_shares(units: pd.DataFrame, loadings: np.ndarray) -> pd.DataFrame:
    """Sum unit loadings per document and normalise to shares; empty documents are dropped.

    Returns
    -------
    DataFrame
        ``doc_id, outlet, n_units, topic, share``, sorted by document and topic.
    """
    frame = pd.DataFrame(loadings, index=units["doc_id"].to_numpy())
    per_doc = frame.groupby(level=0, sort=True).sum()
    totals = per_doc.sum(axis=1)
    empty = totals.index[totals <= 0]
    if len(empty):
        log.warning(
            "%d documents have no topic loading and are left out: %s", len(empty), list(empty)
        )
    per_doc = per_doc.loc[totals > 0].div(totals[totals > 0], axis=0)
    outlet_of = units.drop_duplicates("doc_id").set_index("doc_id")["outlet"]
    n_units = units.groupby("doc_id").size()
    long = per_doc.stack().rename("share").reset_index()
    long.columns = ["doc_id", "topic", "share"]
    long["topic"] = long["topic"].astype(np.int64)
    long["outlet"] = long["doc_id"].map(outlet_of)
    long["n_units"] = long["doc_id"].map(n_units).astype(np.int64)
    return long[["doc_id", "outlet", "n_units", "topic", "share"]]


def outlet_prevalence(
    doc_topic: pd.DataFrame,
    *,
    n_boot: int,
    ci: float,
    random_state: int,
    min_docs: int,
) -> pd.DataFrame:
    """Mean topic share per outlet with bootstrap intervals over documents.

    Returns
    -------
    DataFrame
        ``outlet, topic, mean, low, high, n_docs, fragile``; ``low``/``high`` are NaN for an
        outlet with one document; ``fragile`` marks ``n_docs < min_docs``.
    """
    wide = doc_topic.pivot_table(index=["outlet", "doc_id"], columns="topic", values="share")
    rows = []
    for outlet, block in wide.groupby(level="outlet", sort=True):
        values = block.to_numpy()
        mean, low, high = bootstrap_mean_ci(
            values, n_boot=n_boot, ci=ci, rng=outlet_rng(random_state, str(outlet))
        )
        for j, topic in enumerate(block.columns):
            rows.append((outlet, int(topic), mean[j], low[j], high[j], len(block)))
    table = pd.DataFrame(rows, columns=["outlet", "topic", "mean", "low", "high", "n_docs"])
    table["fragile"] = table["n_docs"] < min_docs
    one = sorted(table.loc[table["n_docs"] == 1, "outlet"].unique())
    if one:
        log.warning(
            "topic prevalence of %s rests on a single document each: no interval, "
            "and the estimate describes that article, not the outlet",
            one,
        )
    return table


def document_frequency(counts: sparse.csr_matrix, doc_ids: np.ndarray) -> np.ndarray:
    """In how many documents each column occurs (units grouped by ``doc_ids``)."""
    docs, row_doc = np.unique(doc_ids.astype(str), return_inverse=True)
    membership = sparse.csr_matrix(
        (np.ones(len(row_doc)), (row_doc, np.arange(len(row_doc)))),
        shape=(len(docs), counts.shape[0]),
    )
    present = (membership @ (counts > 0).astype(np.float64)) > 0
    return np.asarray(present.sum(axis=0)).ravel().astype(np.int64)


def _document_frequency_mask(
    counts: sparse.csr_matrix, doc_ids: np.ndarray, *, min_docs: int, max_doc_share: float
) -> np.ndarray:
    """Columns found in at least ``min_docs`` and at most ``max_doc_share`` of the documents."""
    if not 0 < max_doc_share <= 1:
        raise ValueError(f"topics.max_doc_share must lie in (0, 1], got {max_doc_share}")
    df = document_frequency(counts, doc_ids)
    n_docs = len(np.unique(doc_ids.astype(str)))
    ceiling = max(max_doc_share * n_docs, min_docs)
    return (df >= min_docs) & (df <= ceiling)


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _nmf(k: int, seed: int, init: str, minibatch: bool, n_units: int) -> NMF | MiniBatchNMF:
    if minibatch:
        return MiniBatchNMF(
            n_components=k,
            init=init,
            batch_size=min(_BATCH_SIZE, n_units),
            max_iter=_MINIBATCH_MAX_ITER["nmf"],
            random_state=seed,
        )
    return NMF(n_components=k, init=init, random_state=seed, max_iter=_MAX_ITER["nmf"])
