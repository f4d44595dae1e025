"""NLTK's word tokenizer, run faster: the same rules, skipped when they cannot apply.

:class:`nltk.tokenize.NLTKWordTokenizer` rewrites a text with about thirty regular-expression
substitutions and splits it on whitespace. NLTK runs each one through its ReDoS guard (the
``regex`` engine with a timeout). :class:`WordTokenizer` takes the same patterns, in the same
order, from the installed NLTK class and runs each with the engine NLTK uses for it (``regex``
for the guarded patterns, ``re`` for the plain ones), without the guard. A rule
is skipped when the text lacks a character every match of it needs (``"'"`` for the clitic
rules, ``"."`` for the final period, ...): a substitution without a match changes nothing, so
the tokens are the same. ``tests/test_tokens.py`` checks that against NLTK itself.

The rule that turns whitespace runs into single spaces runs as ``str.split`` and ``join`` on
text without :data:`SPLIT_NOT_SPACE`, where the two agree on what whitespace is.

A rule whose pattern is not in :data:`_NEEDS` always runs, and a pattern that cannot be
compiled makes the whole tokenizer fall back to NLTK's own. The engine matters: ``regex``
and the standard library's ``re`` disagree on what ``\\w`` and ``\\b`` match for characters such
as ``¼``, so the other engine would split some clitics differently from NLTK.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from framelab.regex_tools import FOLDS_TO_ASCII
from framelab.segment.nltk_import import import_nltk

__all__ = ["FOLDS_TO_ASCII", "SPLIT_NOT_SPACE", "WordTokenizer"]

#: Characters at least one of which must occur in the text for the pattern to match; only
#: non-letters, so case-insensitive patterns need nothing more. Keyed by pattern source.
_NEEDS: dict[str, str] = {
    "([«“‘„]|[`]+)": "«“‘„`",
    '^\\"': '"',
    "(``)": "`",
    "([ \\(\\[{<])(\\\"|\\'{2})": "\"'",
    "(?i)(?<!\\w)(\\')(?!(?:re|ve|ll|m|t|s|d|n)\\b)(?=\\w)": "'",
    "([^\\.])(\\.)([\\]\\)}>\"\\'»”’ ]*+)\\s*$": ".",
    "([:,])([^\\d])": ":,",
    "([:,])$": ":,",
    "\\.{2,}": ".",
    "[;@#$%&]": ";@#$%&",
    "[\\u2012-\\u2015]": "\u2012\u2013\u2014\u2015",
    "([^\\.])(\\.)([\\]\\)}>\"\\']*)\\s*$": ".",
    "[?!]": "?!",
    "([^'])' ": "'",
    "[*]": "*",
    "[\\]\\[\\(\\)\\{\\}\\<\\>]": "[](){}<>",
    "--": "-",
    "([»”’])": "»”’",
    "''": "'",
    '"': '"',
    "([^' ])('[sS]|'[mM]|'[dD]|') ": "'",
    "([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ": "'",
    "(?i)\\b(d)(?#X)('ye)\\b": "'",
    "(?i)\\b(more)(?#X)('n)\\b": "'",
    "(?i) ('t)(?#X)(is)\\b": "'",
    "(?i) ('t)(?#X)(was)\\b": "'",
}
#: Letters every match needs, for case-insensitive contraction patterns; used only on text
#: without :data:`FOLDS_TO_ASCII`, where case-insensitive matching of ASCII letters is plain
#: lowercase comparison.
_LETTERS: dict[str, str] = {
    "(?i)\\b(can)(?#X)(not)\\b": "cannot",
    "(?i)\\b(gim)(?#X)(me)\\b": "gimme",
    "(?i)\\b(gon)(?#X)(na)\\b": "gonna",
    "(?i)\\b(got)(?#X)(ta)\\b": "gotta",
    "(?i)\\b(lem)(?#X)(me)\\b": "lemme",
    "(?i)\\b(wan)(?#X)(na)(?=\\s)": "wanna",
    "(?i)\\b(d)(?#X)('ye)\\b": "d'ye",
    "(?i)\\b(more)(?#X)('n)\\b": "more'n",
}
#: Guarded patterns run with ``re`` although NLTK uses ``regex`` for them: they hold only
#: literals and explicit character sets (no ``\w``, ``\b``, ``\s``, ``\d``, no flags), which
#: both engines match alike, and ``re`` runs them about four times faster.
_RUN_WITH_RE = frozenset({"([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) "})
#: The only characters that ``str.split`` treats as whitespace and ``regex``'s ``\s`` does not
#: (the four information separators); ``tests/test_word_tokenizer.py`` recomputes them.
SPLIT_NOT_SPACE = "\x1c\x1d\x1e\x1f"
#: The rule that turns every run of whitespace into one space.
_SPACE_RUNS = ("\\s+", " ")
_GROUP_REF = re.compile(r"\\(?:\d+|g<\w+>)")  # \1, \g<0>: copies of matched text
_RE_FLAGS = regex.IGNORECASE | regex.MULTILINE | regex.DOTALL | regex.VERBOSE | regex.UNICODE


@dataclass(frozen=True)
class _Rule:
    """One substitution, with what a text needs for it to match."""

    pattern: regex.Pattern[str] | re.Pattern[str]
    replacement: str
    needs: frozenset[str]  # any of these characters (empty = always run)
    letters: str  # this lowercase substring, on text without FOLDS_TO_ASCII ("" = none)
    adds: frozenset[str]  # characters the replacement writes (besides the groups it copies)

    def sub(self, text: str) -> str:
        """``text`` after the substitution."""
        return self.pattern.sub(self.replacement, text)


@dataclass(frozen=True)
class _SpaceRunsRule(_Rule):
    """``\\s+`` -> one space, by ``str.split`` (much faster) where it splits the same way."""

    def sub(self, text: str) -> str:
        if any(c in text for c in SPLIT_NOT_SPACE):
            return self.pattern.sub(self.replacement, text)
        words = text.split()
        if not words:
            return " " if text else ""
        lead = " " if text[0].isspace() else ""
        trail = " " if text[-1].isspace() else ""
        return lead + " ".join(words) + trail


def _rule(pattern: object, replacement: str) -> _Rule:
    source = str(pattern.pattern)  # type: ignore[attr-defined]
    plain = isinstance(pattern, re.Pattern) or source in _RUN_WITH_RE
    engine = re if plain else regex  # NLTK's guard compiles with regex
    flags = int(pattern.flags) & _RE_FLAGS  # type: ignore[attr-defined]
    kind = _SpaceRunsRule if (source, replacement) == _SPACE_RUNS else _Rule
    return kind(
        pattern=engine.compile(source, flags),
        replacement=replacement,
        needs=frozenset(_NEEDS.get(source, "")),
        letters=_LETTERS.get(source, ""),
        adds=frozenset(_GROUP_REF.sub("", replacement)),
    )


class WordTokenizer:
    """Tokens of a text exactly as ``NLTKWordTokenizer().tokenize(text)`` gives them."""

    def __init__(self) -> None:
        cls = import_nltk("nltk.tokenize").NLTKWordTokenizer
        self._nltk = cls()
        try:
            self._before = [
                *(_rule(p, r) for p, r in cls.STARTING_QUOTES),
                *(_rule(p, r) for p, r in cls.PUNCTUATION),
                _rule(*cls.PARENS_BRACKETS),
                _rule(*cls.DOUBLE_DASHES),
            ]
            self._after = [
                *(_rule(p, r) for p, r in cls.ENDING_QUOTES),
                *(_rule(p, r" \1 \2 ") for p in cls.CONTRACTIONS2),
                *(_rule(p, r" \1 \2 ") for p in cls.CONTRACTIONS3),
            ]
        except (AttributeError, TypeError, re.error, regex.error):  # rules it does not know
            self._before = self._after = []

    def tokenize(self, text: str) -> list[str]:
        """The tokens of ``text``."""
        if not self._before:
            return self._nltk.tokenize(text)
        present = set(text)  # every character the text may hold, kept up to date
        plain_case = present.isdisjoint(FOLDS_TO_ASCII)  # rules never add these
        text = _apply(self._before, text, present, plain_case=plain_case)
        present.add(" ")
        return _apply(self._after, f" {text} ", present, plain_case=plain_case).split()


def _apply(rules: list[_Rule], text: str, present: set[str], *, plain_case: bool) -> str:
    """``text`` after each rule in turn, skipping those it cannot match (``present`` holds
    every character the text may have and grows with what the rules write)."""
    for rule in rules:
        if rule.needs and rule.needs.isdisjoint(present):
            continue
        if rule.letters and plain_case and rule.letters not in text.lower():
            continue
        text = rule.sub(text)
        present |= rule.adds
    return text
