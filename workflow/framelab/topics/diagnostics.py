"""Diagnostics of fitted topics: where a topic's mass comes from and what its top words are.

A topic that one document or one outlet fills, or whose top words are page furniture
(widget, credit and sharing words from the boilerplate lexicon), clock and calendar words,
or the names of the study's own outlets, describes the pages rather than the news. Such
topics are marked ``suspect`` with the reasons, and are reported, drawn faded and warned
about rather than presented as findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from framelab.topics.units import TIME_WORDS

__all__ = [
    "FURNITURE_SECTIONS",
    "SuspectThresholds",
    "everyday_words",
    "furniture_words",
    "mostly_removed_words",
    "outlet_words",
    "topic_diagnostics",
]

FURNITURE_SECTIONS = (
    "site_chrome",
    "credit_or_caption",
    "download_prompt",
    "related_links",
    "social_embed",
    "comments_section",
    "transcript_cue",
)
"""Sections of a boilerplate lexicon (reason codes of ``framelab.clean.REASONS``) whose words
are page furniture."""

_WORD = re.compile(r"[^\W\d_]{3,}")
_ESCAPE = re.compile(r"\\[A-Za-z]")


@dataclass(frozen=True)
class SuspectThresholds:
    """When a topic is suspect (config ``topics.suspect_*``).

    Attributes
    ----------
    doc_share : float
        Its top document holds at least this share of its mass.
    outlet_share : float
        Its top outlet holds at least this share of its outlet-normalised mass (checked with
        three outlets or more).
    word_share : float
        At least this share of its top words are furniture, time or outlet-name words.
    """

    doc_share: float = 0.25
    outlet_share: float = 0.8
    word_share: float = 0.35


def furniture_words(
    lexicons: Iterable[Mapping[str, Any]], stopwords: Iterable[str] = ()
) -> frozenset[str]:
    """The words of the furniture sections of boilerplate lexicons.

    Words of three letters or more are taken from each section's ``exact`` entries and from
    its ``patterns`` (with regex escapes such as ``\\b`` removed), lowercased, minus
    ``stopwords``.

    Parameters
    ----------
    lexicons : iterable of mappings
        Parsed boilerplate lexicons (config ``clean.rules``).
    stopwords : iterable of str
    """
    words: set[str] = set()
    for lexicon in lexicons:
        for section in FURNITURE_SECTIONS:
            entries = lexicon.get(section) or {}
            if not isinstance(entries, Mapping):
                continue
            for entry in entries.get("exact") or []:
                words.update(_WORD.findall(str(entry).lower()))
            for pattern in entries.get("patterns") or []:
                words.update(_WORD.findall(_ESCAPE.sub(" ", str(pattern)).lower()))
    return frozenset(words - {w.lower() for w in stopwords})


def everyday_words(
    counts: sparse.spmatrix,
    terms: np.ndarray,
    units: pd.DataFrame,
    *,
    min_doc_share: float = 0.05,
    min_unit_terms: int = 15,
) -> frozenset[str]:
    """Terms in at least ``min_doc_share`` of the documents of at least half of the outlets,
    counting only units of at least ``min_unit_terms`` modelled terms.

    A word of the furniture lexicon that the study's articles use everywhere ("report",
    "policy", "twitter") is a word of the news, not of the page: such words are taken out of
    the furniture words before topics are checked. Only long units count, so that widget and
    caption lines that every page repeats do not make their own words "everyday".

    Parameters
    ----------
    counts : sparse matrix of shape (n_units, n_terms)
    terms : ndarray of str
    units : DataFrame
        ``doc_id, outlet`` of each row of ``counts``.
    min_doc_share : float, default=0.05
    min_unit_terms : int, default=15
    """
    counts = sparse.csr_matrix(counts)
    long_rows = np.asarray(counts.sum(axis=1)).ravel() >= min_unit_terms
    present = counts > 0
    present = present.multiply(long_rows[:, None]).tocsr()
    doc_ids = units["doc_id"].astype(str).to_numpy()
    docs, row_doc = np.unique(doc_ids, return_inverse=True)
    membership = sparse.csr_matrix(
        (np.ones(len(row_doc)), (row_doc, np.arange(len(row_doc)))),
        shape=(len(docs), len(row_doc)),
    )
    doc_term = (membership @ present.astype(np.float64)) > 0
    outlet_of_doc = pd.Series(units["outlet"].astype(str).to_numpy(), index=doc_ids)
    outlet_of_doc = outlet_of_doc[~outlet_of_doc.index.duplicated()].reindex(docs).to_numpy()
    outlets = np.unique(outlet_of_doc)
    widespread = np.zeros(len(terms), dtype=np.int64)
    for outlet in outlets:
        rows = doc_term[np.flatnonzero(outlet_of_doc == outlet)]
        share = np.asarray(rows.sum(axis=0)).ravel() / max(rows.shape[0], 1)
        widespread += share >= min_doc_share
    return frozenset(str(t) for t in np.asarray(terms)[widespread >= len(outlets) / 2])


def mostly_removed_words(
    removed: pd.DataFrame,
    doc_frequency: Mapping[str, int],
    *,
    reasons: Iterable[str] = (*FURNITURE_SECTIONS, "repeated_template"),
) -> frozenset[str]:
    """Words found in more documents' removed furniture lines than in modelled text.

    When cleaning removed most lines that carry a word ("photo" in credit lines, "video" in
    player widgets), the corpus itself says the word is furniture, however common it is.

    Parameters
    ----------
    removed : DataFrame
        ``doc_id, text, reason``: the lines cleaning removed (``clean/removed-*.parquet``).
    doc_frequency : mapping of str to int
        In how many documents each term occurs in the modelled units.
    reasons : iterable of str
        The removal reasons that count as furniture.

    Returns
    -------
    frozenset of str
        Lowercased words of three letters or more, found in at least as many documents'
        removed lines as in modelled text, and in at least two documents' removed lines.
    """
    lines = removed[removed["reason"].isin(set(reasons))]
    if lines.empty:
        return frozenset()
    words = lines["text"].astype(str).str.lower().str.findall(_WORD.pattern)
    pairs = lines.assign(word=words)[["doc_id", "word"]].explode("word").dropna()
    n_docs = pairs.drop_duplicates().groupby("word")["doc_id"].size()
    return frozenset(
        str(w) for w, n in n_docs.items() if n >= 2 and n >= doc_frequency.get(str(w), 0)
    )


def outlet_words(
    outlets: Mapping[str, str], stopwords: Iterable[str] = ()
) -> dict[str, frozenset[str]]:
    """The words of each outlet's id and display name, lowercased, minus stopwords.

    Parameters
    ----------
    outlets : mapping of str to str
        Outlet id to display name (config ``outlets``).

    Returns
    -------
    dict of str to frozenset of str
        Outlet id to its words (``"the_hill"``, "The Hill" -> ``{"hill"}``).
    """
    stop = {w.lower() for w in stopwords}
    return {
        str(outlet_id): frozenset(
            set(_WORD.findall(str(outlet_id).replace("_", " ").lower()))
            | set(_WORD.findall(str(name).lower()))
        )
        - stop
        for outlet_id, name in outlets.items()
    }


def topic_diagnostics(
    loadings: np.ndarray,
    units: pd.DataFrame,
    top_words: list[list[str]],
    *,
    furniture: frozenset[str],
    outlet_names: Mapping[str, frozenset[str]],
    thresholds: SuspectThresholds,
    time_words: frozenset[str] = TIME_WORDS,
) -> pd.DataFrame:
    """One row per topic: where its mass comes from, what its top words are, and whether it is
    suspect.

    Parameters
    ----------
    loadings : ndarray of shape (n_units, k)
        Unit loadings of the fitted model.
    units : DataFrame
        ``doc_id, outlet`` of each row of ``loadings``.
    top_words : list of list of str
        Each topic's top words.
    furniture : frozenset of str
        From :func:`furniture_words`.
    outlet_names : mapping of str to frozenset of str
        From :func:`outlet_words`. Only the name of the topic's top outlet counts: an outlet
        naming itself in its own pages is furniture ("Copyright The Washington Times"), while
        a topic about the media that names outlets across the corpus is not.
    thresholds : SuspectThresholds
    time_words : frozenset of str, default=TIME_WORDS

    Returns
    -------
    DataFrame
        ``topic, mass_share, top_doc_id, top_doc_share, top_outlet, top_outlet_share,
        furniture_share, time_share, outlet_name_share, suspect, suspect_reason``. Shares of
        top words count each word once, in the first matching class (furniture, time, the
        top outlet's name); ``top_outlet_share`` compares outlets by the topic's share of each
        outlet's loading, so that a large outlet does not look dominant for its size alone.
        ``suspect_reason`` joins the failed checks with "; " (``""`` when none fails).
    """
    loadings = np.asarray(loadings, dtype=float)
    k = loadings.shape[1]
    if len(top_words) != k:
        raise ValueError(f"{len(top_words)} lists of top words for a model with {k} topics")
    frame = pd.DataFrame(loadings)
    per_doc = frame.groupby(units["doc_id"].astype(str).to_numpy()).sum()
    per_outlet = frame.groupby(units["outlet"].astype(str).to_numpy()).sum()
    outlet_totals = per_outlet.sum(axis=1)
    outlet_profile = per_outlet[outlet_totals > 0].div(outlet_totals[outlet_totals > 0], axis=0)
    n_outlets = len(outlet_profile)
    totals = loadings.sum(axis=0)
    grand = totals.sum()
    rows = []
    for topic in range(k):
        total = totals[topic]
        doc_column = per_doc[topic]
        top_doc = str(doc_column.idxmax()) if total > 0 else ""
        doc_share = float(doc_column.max() / total) if total > 0 else np.nan
        profile = outlet_profile[topic] if n_outlets else pd.Series(dtype=float)
        profile_total = profile.sum()
        top_outlet = str(profile.idxmax()) if profile_total > 0 else ""
        outlet_share = float(profile.max() / profile_total) if profile_total > 0 else np.nan
        words = top_words[topic]
        own_name = outlet_names.get(top_outlet, frozenset())
        kinds = [_word_kind(w, furniture, time_words, own_name) for w in words]
        n_words = max(len(words), 1)
        furniture_share = kinds.count("furniture") / n_words
        time_share = kinds.count("time") / n_words
        outlet_name_share = kinds.count("outlet") / n_words
        reasons = []
        if total <= 0:
            reasons.append("empty topic")
        if doc_share >= thresholds.doc_share:
            reasons.append(f"{doc_share:.0%} of its mass from one document")
        if n_outlets >= 3 and outlet_share >= thresholds.outlet_share:
            reasons.append(f"{outlet_share:.0%} of its mass from one outlet")
        debris = furniture_share + time_share + outlet_name_share
        if debris >= thresholds.word_share:
            reasons.append(
                f"{debris:.0%} of its top words are page furniture, time or outlet names"
            )
        rows.append(
            {
                "topic": topic,
                "mass_share": float(total / grand) if grand > 0 else np.nan,
                "top_doc_id": top_doc,
                "top_doc_share": doc_share,
                "top_outlet": top_outlet,
                "top_outlet_share": outlet_share,
                "furniture_share": furniture_share,
                "time_share": time_share,
                "outlet_name_share": outlet_name_share,
                "suspect": bool(reasons),
                "suspect_reason": "; ".join(reasons),
            }
        )
    return pd.DataFrame(rows)


def _word_kind(
    word: str, furniture: frozenset[str], time_words: frozenset[str], outlets: frozenset[str]
) -> str:
    """``furniture``, ``time``, ``outlet`` or ``""``: the class of a top word (or n-gram: a
    phrase counts when any of its words does)."""
    parts = word.lower().replace("_", " ").split()
    if any(p in furniture for p in parts):
        return "furniture"
    if any(p in time_words or p.isdigit() for p in parts):
        return "time"
    if any(p in outlets for p in parts):
        return "outlet"
    return ""
