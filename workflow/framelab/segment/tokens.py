"""The analyzer shared by every term-based stage: text in, terms out.

Tokens come from NLTK's data-free word tokenizer on lowercased text (its rules run by
:class:`~framelab.segment.word_tokenizer.WordTokenizer`); entity surface forms are first
rewritten to canonical ids so that spelling variants never count as different words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from framelab.segment.nltk_import import import_nltk
from framelab.segment.word_tokenizer import WordTokenizer

__all__ = ["Analyzer"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_TOKEN = re.compile(r"^[a-z0-9][a-z0-9_\-.']*$")
_HAS_LETTER = re.compile(r"[a-z]")
_UNSEEN: Any = object()
_CACHE_LIMIT = 500_000  # distinct raw tokens remembered (a few tens of MB at most)


class Analyzer:
    """Turn a text into its terms: unigrams and n-grams of content tokens.

    Parameters
    ----------
    stopwords : collection of str
        Lowercase words dropped before n-grams are formed.
    ngram_max : int, default=1
        Longest n-gram; n-grams are joined with a space.
    normalise : callable, optional
        Text-to-text function applied first (e.g. entity canonicalisation).
    stem : bool, default=False
        Reduce tokens to their Snowball (Porter 2) stems; canonical entity ids (with ``_``)
        and tokens with digits are left as they are.
    """

    def __init__(
        self,
        stopwords: Collection[str],
        *,
        ngram_max: int = 1,
        normalise: Callable[[str], str] | None = None,
        stem: bool = False,
    ) -> None:
        self.stopwords = frozenset(stopwords)
        self.ngram_max = ngram_max
        self.normalise = normalise
        self.stem = stem
        self._tokenizer = WordTokenizer()
        self._stemmer = _snowball() if stem else None
        self._kept: dict[str, str | None] = {}  # raw token -> its term, or None if dropped

    def tokens(self, text: str) -> list[str]:
        """Content tokens of ``text``: lowercased, with a letter, not a stopword."""
        if self.normalise is not None:
            text = self.normalise(text)
        kept = self._kept
        if len(kept) > _CACHE_LIMIT:
            kept.clear()
        out = []
        for raw in self._tokenizer.tokenize(text.lower().translate(_APOSTROPHES)):
            term = kept.get(raw, _UNSEEN)
            if term is _UNSEEN:
                term = kept[raw] = self._keep(raw)
            if term is not None:
                out.append(term)
        return out

    def _keep(self, raw: str) -> str | None:
        """The term a raw token becomes, or None when it is dropped."""
        token = raw.rstrip(".'")
        if _TOKEN.match(token) and _HAS_LETTER.search(token) and token not in self.stopwords:
            return self._stem(token)
        return None

    def _stem(self, token: str) -> str:
        if self._stemmer is None or "_" in token or any(c.isdigit() for c in token):
            return token
        return self._stemmer.stem(token)

    def __call__(self, text: str) -> list[str]:
        """Terms of ``text``: its tokens, then n-grams up to ``ngram_max``."""
        return self.terms(self.tokens(text))

    def terms(self, tokens: list[str]) -> list[str]:
        """Terms of a text given its :meth:`tokens`: the tokens, then n-grams."""
        terms = list(tokens)
        for n in range(2, self.ngram_max + 1):
            terms.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return terms


def _snowball() -> Any:  # NLTK's stemmer, imported only when stemming is asked for
    return import_nltk("nltk.stem.snowball").SnowballStemmer("english")
