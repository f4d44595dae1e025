"""Describing topics: FREX words and the units that represent each topic best."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import rankdata

__all__ = ["frex", "representative_units"]


def frex(
    topic_term: np.ndarray, terms: np.ndarray, *, weight: float = 0.5, n_top: int = 8
) -> pd.DataFrame:
    """FREX words: frequent in the topic and exclusive to it (Roberts et al., stm).

    For topic k and word w, frequency is ``beta_kw`` and exclusivity
    ``beta_kw / sum_j beta_jw``. Both are turned into ECDF ranks over the vocabulary within
    the topic, and FREX is their weighted harmonic mean,
    ``1 / (weight / exclusivity_rank + (1 - weight) / frequency_rank)``.

    Parameters
    ----------
    topic_term : ndarray of shape (k, n_terms)
        Topic-term distributions (rows sum to 1).
    terms : ndarray of str
    weight : float, default=0.5
        Weight on exclusivity (stm's ``frexw``).
    n_top : int, default=8
        Words listed per topic.

    Returns
    -------
    DataFrame
        ``topic, rank, term, frex, frequency, exclusivity``, best first; ties by term.
    """
    if not 0 <= weight <= 1:
        raise ValueError(f"FREX weight must lie in [0, 1], got {weight}")
    n_terms = topic_term.shape[1]
    totals = topic_term.sum(axis=0)
    exclusive = topic_term / np.where(totals > 0, totals, 1.0)
    rows = []
    for topic, (freq, excl) in enumerate(zip(topic_term, exclusive, strict=True)):
        freq_rank = rankdata(freq) / n_terms
        excl_rank = rankdata(excl) / n_terms
        score = 1.0 / (weight / excl_rank + (1.0 - weight) / freq_rank)
        order = np.lexsort((terms, -score))[:n_top]
        rows.extend(
            (topic, rank, str(terms[i]), float(score[i]), float(freq[i]), float(excl[i]))
            for rank, i in enumerate(order, start=1)
        )
    return pd.DataFrame(rows, columns=["topic", "rank", "term", "frex", "frequency", "exclusivity"])


def representative_units(
    unit_topic: pd.DataFrame, texts: pd.Series, *, n: int = 3, max_chars: int = 600
) -> pd.DataFrame:
    """The ``n`` units with the highest share of each topic, with their document ids.

    Parameters
    ----------
    unit_topic : DataFrame
        ``doc_id, outlet, unit_id, topic, loading, share`` (from
        :func:`framelab.topics.models.unit_shares`).
    texts : Series
        Unit text indexed by ``unit_id``.
    n : int, default=3
    max_chars : int, default=600
        Longer texts are cut at a word boundary and end with "…".

    Returns
    -------
    DataFrame
        ``topic, rank, doc_id, outlet, unit_id, share, text``. Ties in share go to the unit
        with the larger loading, then to the smaller ``unit_id``.
    """
    loaded = unit_topic[unit_topic["share"] > 0]
    ranked = loaded.sort_values(
        ["topic", "share", "loading", "unit_id"], ascending=[True, False, False, True]
    )
    top = ranked.groupby("topic", sort=True).head(n).copy()
    top["rank"] = top.groupby("topic").cumcount() + 1
    top["text"] = top["unit_id"].map(texts).map(lambda t: _shorten(str(t), max_chars))
    columns = ["topic", "rank", "doc_id", "outlet", "unit_id", "share", "text"]
    return top[columns].reset_index(drop=True)


def _shorten(text: str, max_chars: int) -> str:
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars].rsplit(" ", 1)[0]
    return cut + " …"
