"""Which target mentions are not scored: those in caption, photo-credit or byline sentences.

A caption ("FILE PHOTO: Ann Lee speaks in Kyiv. REUTERS/Bo Chen") describes a picture, and a
byline names a writer; neither is the outlet's stance toward what it names. Cleaning removes
most such lines; a sentence that survives it is checked again here, with the same evidence:

* the clean stage's lexicon (config ``clean.rules``): its ``credit_or_caption`` and
  ``byline_or_dateline`` line patterns, tried on the sentence; a byline hit also needs most
  words after the first to be capitalised (names), so "By Friday, the senators had left" is
  not a byline;
* line shapes (:func:`framelab.clean.shapes.line_shape`): a credit at the end of the
  sentence, a parenthesised credit, or a caption label opening it, as below;
* a photographer's credit opening the sentence, as pages print it before the caption when
  flattened to text ("Evan Vucci/AP President Trump speaks …", "| Ann Lee/AFP/Getty Images
  …"): a name of at least two capitalised words, none a stopword of the clean lexicon, right
  before a slash and another capitalised word, and no lowercase word right after it.

Skipped mentions stay in the mentions table with ``scored`` false and a ``skip_reason``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from framelab.clean.rules import CleanRules, LinePattern
from framelab.clean.shapes import is_word, line_shape

__all__ = ["SKIP_REASONS", "CreditDetector", "mark_unscored"]

#: Why a mention is not scored.
SKIP_REASONS: dict[str, str] = {
    "caption": "the sentence is a photo or video caption or credit",
    "byline": "the sentence is an author byline or credit line",
}
_LEXICON_REASONS = {"credit_or_caption": "caption", "byline_or_dateline": "byline"}
#: words that label a caption or credit when they open a sentence ("Image caption", "FILE
#: PHOTO:", "Photograph:", "Credit:")
_LABELS = frozenset(
    "photo photos photograph photographs image images picture pictures video file caption "
    "credit credits illustration graphic".split()
)
_CREDIT_TAIL_TOKENS = 6  # a trailing credit ("REUTERS/Ann Lee/File Photo") is this short
_NAME = "<name>"


@dataclass(frozen=True)
class CreditDetector:
    """Finds caption, credit and byline sentences.

    Attributes
    ----------
    patterns : tuple of (str, LinePattern)
        The skip reason and the clean lexicon pattern that gives it.
    stopwords : frozenset of str
        Lowercase function words; a name in a credit has none.
    """

    patterns: tuple[tuple[str, LinePattern], ...]
    stopwords: frozenset[str] = frozenset()

    @classmethod
    def from_rules(cls, rules: CleanRules) -> CreditDetector:
        """The detector using ``rules``' caption, credit and byline patterns."""
        return cls(
            tuple(
                (_LEXICON_REASONS[p.reason], p)
                for p in rules.patterns
                if p.reason in _LEXICON_REASONS
            ),
            rules.stopwords,
        )

    def reason(self, sentence: str) -> str | None:
        """``"caption"``, ``"byline"`` or None (an ordinary sentence)."""
        stripped = " ".join(str(sentence).split())
        if not stripped:
            return None
        shape = line_shape(stripped)
        for reason, pattern in self.patterns:
            if pattern.regex.search(stripped) and (reason != "byline" or _names_only(stripped)):
                return reason
        if _label_first(shape) or _credit_tail(shape) or _credit_in_brackets(shape):
            return "caption"
        if self._credit_first(stripped):
            return "caption"
        return None

    def _credit_first(self, text: str) -> bool:
        """Opens with "First Last/AGENCY" (a photographer's credit printed before a caption),
        not followed by a lowercase word that would continue a phrase ("via" excepted)."""
        tokens = text.lstrip(" |•·-–—").split()
        for i, token in enumerate(tokens[:_CREDIT_TAIL_TOKENS]):
            if "/" not in token:
                continue
            parts = token.split("/")
            name = [*tokens[:i], parts[0]]
            words = [w.strip(".,") for w in (*name, *parts[1:])]
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            runs_on = after[:1].islower() and after != "via"  # "President Trump/Russia probe"
            return (
                len(name) >= 2
                and not runs_on
                and all(w[:1].isupper() and w.lower() not in self.stopwords for w in words)
            )
        return False


def mark_unscored(mentions: pd.DataFrame, detector: CreditDetector) -> pd.DataFrame:
    """Add ``scored`` (bool) and ``skip_reason`` (a :data:`SKIP_REASONS` key, or "").

    Parameters
    ----------
    mentions : DataFrame
        With a ``sentence`` column; other columns are kept.
    detector : CreditDetector

    Returns
    -------
    DataFrame
        A copy with the two columns.
    """
    reasons = {s: detector.reason(s) or "" for s in dict.fromkeys(mentions["sentence"])}
    out = mentions.copy()
    out["skip_reason"] = pd.Series(
        [reasons[s] for s in mentions["sentence"]], index=mentions.index, dtype=object
    )
    out["scored"] = out["skip_reason"] == ""
    return out


def _names_only(text: str) -> bool:
    """Most words after the first are capitalised: a list of names, as in a byline."""
    words = [w for w in text.split()[1:] if w[:1].isalpha()]
    return bool(words) and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def _label_first(shape: tuple[str, ...]) -> bool:
    """Opens with a caption label: "Image caption …", "FILE PHOTO: …", "Photo credit: …"."""
    n = 0
    while n < min(2, len(shape)) and shape[n] in _LABELS:
        n += 1
    if n == 0:
        return False
    follows = shape[n] if n < len(shape) else ""
    return follows == ":" or (n == 2 and shape[1] in {"caption", "credit", "photo"})


def _credit_tail(shape: tuple[str, ...]) -> bool:
    """Ends in a short segment with a name beside a slash, after a stop, bracket, colon or
    dash: "… REUTERS/Ann Lee/File Photo"."""
    end = len(shape)
    while end and shape[end - 1] in {".", ")", "]"}:
        end -= 1
    start = end
    while start and shape[start - 1] not in {".", "(", "[", ":", "|", "—", "–"}:
        start -= 1
    tail = shape[start:end]
    return start > 0 and 0 < len(tail) <= _CREDIT_TAIL_TOKENS and _slash_name(tail)


def _credit_in_brackets(shape: tuple[str, ...]) -> bool:
    """A bracketed credit anywhere: "(Photo: Ann Lee/AP)", "(AP Photo/Ann Lee)", "(Reuters
    photo: Ann Lee)"."""
    for group in _bracketed(shape):
        labelled = any(
            token in _LABELS and group[i + 1 : i + 2] == (":",) for i, token in enumerate(group[:3])
        )
        if len(group) <= _CREDIT_TAIL_TOKENS + 2 and (_slash_name(group) or labelled):
            return True
    return False


def _bracketed(shape: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    start = None
    for i, token in enumerate(shape):
        if token in {"(", "["}:
            start = i + 1
        elif token in {")", "]"} and start is not None:
            yield shape[start:i]
            start = None


def _slash_name(tokens: tuple[str, ...]) -> bool:
    """A name placeholder next to a slash, with a word or name on the slash's other side."""
    for i, token in enumerate(tokens):
        if token != "/" or not 0 < i < len(tokens) - 1:
            continue
        left, right = tokens[i - 1], tokens[i + 1]
        if _NAME in (left, right) and all(t == _NAME or is_word(t) for t in (left, right)):
            return True
    return False
