"""Topic models over units of analysis (paragraphs or documents) and per-outlet prevalence."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from framelab.stats import bootstrap_mean_ci, outlet_rng
from framelab.tokens import Analyzer

__all__ = ["TopicModel", "fit_nmf", "outlet_prevalence"]

log = logging.getLogger(__name__)


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
    """Fit NMF on TF-IDF of the units and aggregate unit loadings to document shares.

    Parameters
    ----------
    units : DataFrame
        Columns ``doc_id, outlet, unit_id, text``; one row per unit of analysis.
    analyzer : Analyzer
        The same analyzer the term stage uses.
    k : int
        Number of topics; must be smaller than the number of units.
    random_state : int
        Seed of the NMF initialisation.
    vocabulary : list of str, optional
        The study vocabulary (from the term stage); terms outside it are not modelled.
    min_df, max_df : int, float
        Further limits over units, applied within ``vocabulary``.
    n_top_words : int, default=8
        Terms listed per topic.

    Returns
    -------
    TopicModel
    """
    if k >= len(units):
        raise ValueError(
            f"topics.k={k} needs more units than topics, but there are {len(units)} units; "
            "lower config topics.k"
        )
    unit_analyzer = analyzer if vocabulary is None else _Restricted(analyzer, frozenset(vocabulary))
    vectorizer = TfidfVectorizer(
        analyzer=unit_analyzer, lowercase=False, min_df=min_df, max_df=max_df, sublinear_tf=True
    )
    unit_term = vectorizer.fit_transform(units["text"])
    terms = vectorizer.get_feature_names_out()
    if len(terms) < k:
        raise ValueError(f"topics.k={k} exceeds the vocabulary size {len(terms)}")
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=1000)
    unit_topic = model.fit_transform(unit_term)
    topic_words = _topic_words(model.components_, terms, n_top_words)
    doc_topic = _doc_shares(units, unit_topic)
    log.info("NMF k=%d on %d units, %d terms", k, unit_term.shape[0], unit_term.shape[1])
    return TopicModel(topic_words=topic_words, doc_topic=doc_topic)


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
    return table


class _Restricted:
    """An analyzer limited to a fixed vocabulary."""

    def __init__(self, analyzer: Analyzer, allowed: frozenset[str]) -> None:
        self.analyzer, self.allowed = analyzer, allowed

    def __call__(self, text: str) -> list[str]:
        return [term for term in self.analyzer(text) if term in self.allowed]


def _topic_words(components: np.ndarray, vocabulary: np.ndarray, n_top: int) -> pd.DataFrame:
    rows = []
    for topic, weights in enumerate(components):
        order = np.lexsort((vocabulary, -weights))[:n_top]
        label = f"T{topic + 1}: " + ", ".join(vocabulary[order[:3]])
        rows.extend(
            (topic, label, rank, vocabulary[i], float(weights[i]))
            for rank, i in enumerate(order, start=1)
        )
    return pd.DataFrame(rows, columns=["topic", "label", "rank", "term", "weight"])


def _doc_shares(units: pd.DataFrame, unit_topic: np.ndarray) -> pd.DataFrame:
    """Sum unit loadings per document and normalise to shares; empty documents are dropped."""
    loadings = pd.DataFrame(unit_topic, index=units["doc_id"].to_numpy())
    per_doc = loadings.groupby(level=0, sort=True).sum()
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
    long["outlet"] = long["doc_id"].map(outlet_of)
    long["n_units"] = long["doc_id"].map(n_units).astype(np.int64)
    return long[["doc_id", "outlet", "n_units", "topic", "share"]]
