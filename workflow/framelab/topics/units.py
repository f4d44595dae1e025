"""Which units the topic model sees: short paragraphs, label-only lines and timestamp lines
are kept in the unit table with the reason they are not modelled.

A transcript's speaker labels ("MICHAEL BARBARO:"), widget words ("Advertisement"), section
heads in capitals and live-blog stamps ("Update 1335 BST", "12:45 p.m. ET") recur across many
documents with the same few words, and a topic model turns each of them into a "topic".
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

__all__ = [
    "EXCLUSION_REASONS",
    "TIME_WORDS",
    "screen_units",
    "strip_speaker_label",
    "unit_exclusion",
]

EXCLUSION_REASONS: dict[str, str] = {
    "timestamp": "a line of only times, dates, weekdays, time zones or 'update'",
    "label": "a label alone on its line: a speaker or section label ending in ':', or a short "
    "line of capitalised words that ends without sentence punctuation",
    "short": "fewer words than config topics.min_unit_words",
    "repeated": "the same text (its lowercase words in order; names, numbers, case and "
    "punctuation aside) in at least config topics.max_unit_repeats documents: a template "
    "the cleaning did not catch",
}

log = logging.getLogger(__name__)

# abbreviations that are also words ("may", "mar", "sat", "sun", "wed") are left out
_MONTHS = (
    "january february march april june july august september october november december "
    "jan feb apr jun jul aug sep sept oct nov dec"
)
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday mon tue tues thu thur fri"
_ZONES = "gmt bst utc est edt et cst cdt ct pst pdt pt cet cest msk".split()
_CLOCK = " ".join(["am pm noon midnight", *_ZONES])
TIME_WORDS: frozenset[str] = frozenset(
    (_MONTHS + " " + _WEEKDAYS + " " + _CLOCK + " update updated updates posted").split()
)
"""Month and weekday names, clock words and time zones (lowercase): the words of a timestamp."""

# allowed in a timestamp beside a number or a time word, but words of their own elsewhere
_TIME_FILLER = frozenset("at on of the a m p last this may mar sat sun wed".split())
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_PLAIN_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_SPEAKER_LABEL = re.compile(r"^\s*(?-i:[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3})\s*:\s+(?=\S)")
_ZONE_PATTERN = "|".join(_ZONES)
_STAMP_TOKEN = rf"(?:updated?|posted|\d{{1,2}}[:.]\d{{2}}|\d{{3,4}}|[ap]\.?m\.?|{_ZONE_PATTERN})"
# "Update 1335 BST: …", "12:45 p.m. ET — …": two stamp tokens or more open the paragraph
_LEADING_STAMP = re.compile(rf"^\W*{_STAMP_TOKEN}(?:[\s,:.–—-]+{_STAMP_TOKEN})+[\s:.–—-]+", re.I)
_MAX_LABEL_WORDS = 8
_LOWER_OK = frozenset("a an and as at by de for from in of on or the to vs with".split())


def unit_exclusion(text: str, *, min_words: int) -> str:
    """Why a unit is not modelled: a code of :data:`EXCLUSION_REASONS`, or ``""``.

    Parameters
    ----------
    text : str
        The unit's text.
    min_words : int
        Units with fewer words are ``"short"`` (config ``topics.min_unit_words``).
    """
    line = " ".join(str(text).split())
    tokens = [t.lower() for t in _TOKEN.findall(line)]
    if tokens and all(t.isdigit() or t in TIME_WORDS or t in _TIME_FILLER for t in tokens):
        if any(t.isdigit() or t in TIME_WORDS for t in tokens):
            return "timestamp"
    words = _WORD.findall(line)
    if 0 < len(words) <= _MAX_LABEL_WORDS and _is_label(line, words):
        return "label"
    if len(words) < min_words:
        return "short"
    return ""


def _is_label(line: str, words: list[str]) -> bool:
    """A label alone on its line: "NAME:" or a short run of capitalised words, no sentence."""
    if line.endswith(":"):
        return True
    if _SENTENCE_END.search(line):
        return False
    return all(w[0].isupper() or w.lower() in _LOWER_OK for w in words)


def _template_key(text: str) -> str:
    """What two copies of a template share: its lowercase words in order when it has three or
    more (a credit line with another name, a widget with another count), else the whole
    text with case, digits and punctuation aside."""
    lower = [w for w in _PLAIN_WORD.findall(text) if w[0].islower()]
    if len(lower) >= 3:
        return " ".join(lower)
    return " ".join(re.sub(r"[^\w\s]", "", re.sub(r"\d", "0", text.lower())).split())


def strip_speaker_label(text: str) -> str:
    """Drop a leading timestamp and a leading speaker label in capitals
    ("MICHAEL BARBARO: So …" -> "So …", "Update 1335 BST: Russian troops …" -> "Russian
    troops …")."""
    text = _LEADING_STAMP.sub("", str(text), count=1)
    return _SPEAKER_LABEL.sub("", text, count=1)


def screen_units(
    units: pd.DataFrame, *, min_words: int, max_repeats: int | None = None
) -> pd.DataFrame:
    """Mark which units the topic model sees, and why the others are left out.

    Parameters
    ----------
    units : DataFrame
        Columns ``doc_id, outlet, unit_id, text``.
    min_words : int
        Config ``topics.min_unit_words``.
    max_repeats : int, optional
        A unit whose text recurs in at least this many documents is ``"repeated"`` (config
        ``topics.max_unit_repeats``); None keeps repeats, and so does a corpus in which
        every otherwise modelled unit recurs (with a warning).

    Returns
    -------
    DataFrame
        The units in input order with ``n_words`` (words of the text), ``topic_unit`` (bool:
        modelled) and ``excluded_reason`` (a code of :data:`EXCLUSION_REASONS`, ``""`` when
        modelled). ``text`` loses a leading timestamp and a leading speaker label in
        capitals.
    """
    missing = {"doc_id", "outlet", "unit_id", "text"} - set(units.columns)
    if missing:
        raise KeyError(f"the topic units lack columns {sorted(missing)}")
    if min_words < 1:
        raise ValueError(f"topics.min_unit_words must be at least 1, got {min_words}")
    text = units["text"].fillna("").astype(str)
    reasons = np.array([unit_exclusion(t, min_words=min_words) for t in text], dtype=object)
    if max_repeats is not None:
        key = text.map(_template_key)
        n_docs = pd.Series(units["doc_id"].to_numpy()).groupby(key.to_numpy()).nunique()
        repeated = (key.map(n_docs).to_numpy() >= max_repeats) & (reasons == "")
        if repeated.any() and repeated.sum() == (reasons == "").sum():
            log.warning(
                "every unit left for the topic model recurs in %d or more documents "
                "(topics.max_unit_repeats); they are modelled all the same",
                max_repeats,
            )
        else:
            reasons[repeated] = "repeated"
    return units.assign(
        text=[strip_speaker_label(t) for t in text],
        n_words=[len(_WORD.findall(t)) for t in text],
        topic_unit=reasons == "",
        excluded_reason=reasons,
    ).reset_index(drop=True)
