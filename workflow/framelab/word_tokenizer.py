"""NLTK's word tokenizer, run faster: the same rules, skipped when they cannot apply.

:class:`nltk.tokenize.NLTKWordTokenizer` rewrites a text with about thirty regular-expression
substitutions and splits it on whitespace. NLTK runs each one through its ReDoS guard (the
``regex`` engine with a timeout). :class:`WordTokenizer` takes the same patterns, in the same
order, from the installed NLTK class and runs them with the standard library's ``re``. A rule
is skipped when the text lacks a character every match of it needs (``"'"`` for the clitic
rules, ``"."`` for the final period, ...): a substitution without a match changes nothing, so
the tokens are the same. ``tests/test_tokens.py`` checks that against NLTK itself.

A rule whose pattern is not in :data:`_NEEDS` always runs, and a pattern the standard library
cannot compile makes the whole tokenizer fall back to NLTK's own. The two engines disagree on
a few characters (``re`` counts ``¹`` as a word character, ``regex`` does not, and
``\x1c``-``\x1f`` as spaces): a text containing one goes through NLTK's own tokenizer.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

__all__ = ["WordTokenizer"]

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
#: Letters every match needs, for case-insensitive contraction patterns; used only on ASCII
#: text, where case-insensitive matching of ASCII letters is plain lowercase comparison.
_LETTERS: dict[str, str] = {
    "(?i)\\b(can)(?#X)(not)\\b": "cannot",
    "(?i)\\b(gim)(?#X)(me)\\b": "gimme",
    "(?i)\\b(gon)(?#X)(na)\\b": "gonna",
    "(?i)\\b(got)(?#X)(ta)\\b": "gotta",
    "(?i)\\b(lem)(?#X)(me)\\b": "lemme",
    "(?i)\\b(wan)(?#X)(na)(?=\\s)": "wanna",
}
_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.UNICODE
#: What the rules' patterns ask of a character: word, digit, space, or an ASCII letter
#: matched case-insensitively.
_PROBES = (r"\w", r"\d", r"\s", *(f"(?i){letter}" for letter in string.ascii_lowercase))


@dataclass(frozen=True)
class _Rule:
    """One substitution, with what a text needs for it to match."""

    pattern: re.Pattern[str]
    replacement: str
    needs: str  # any of these characters ("" = always run)
    letters: str  # on ASCII text, this lowercase substring ("" = no condition)

    def apply(self, text: str) -> str:
        if self.needs and not any(c in text for c in self.needs):
            return text
        if self.letters and text.isascii() and self.letters not in text.lower():
            return text
        return self.pattern.sub(self.replacement, text)


def _rule(pattern: object, replacement: str) -> _Rule:
    source = str(pattern.pattern)  # type: ignore[attr-defined]
    flags = int(pattern.flags) & _RE_FLAGS  # type: ignore[attr-defined]
    return _Rule(
        re.compile(source, flags), replacement, _NEEDS.get(source, ""), _LETTERS.get(source, "")
    )


class WordTokenizer:
    """Tokens of a text exactly as ``NLTKWordTokenizer().tokenize(text)`` gives them."""

    def __init__(self) -> None:
        from nltk.tokenize import NLTKWordTokenizer

        self._nltk = NLTKWordTokenizer()
        self._agree: set[str] = set()  # characters both engines read alike
        self._disagree: set[str] = set()
        cls = NLTKWordTokenizer
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
        except (AttributeError, TypeError, re.error):  # rules this module does not know
            self._before = self._after = []

    def tokenize(self, text: str) -> list[str]:
        """The tokens of ``text``."""
        if not self._before or not self._engines_agree(text):
            return self._nltk.tokenize(text)
        for rule in self._before:
            text = rule.apply(text)
        text = " " + text + " "
        for rule in self._after:
            text = rule.apply(text)
        return text.split()

    def _engines_agree(self, text: str) -> bool:
        """Whether ``re`` and NLTK's ``regex`` read every character of ``text`` alike."""
        unknown = set(text) - self._agree
        if not unknown:
            return True
        if unknown & self._disagree:
            return False
        import regex

        for char in unknown:
            alike = all(
                (re.fullmatch(p, char) is None) == (regex.fullmatch(p, char) is None)
                for p in _PROBES
            )
            (self._agree if alike else self._disagree).add(char)
        return not unknown & self._disagree
