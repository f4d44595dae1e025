"""VADER through NLTK, with the lexicon shipped by the installed ``vaderSentiment`` package.

NLTK 3.10 loads ``lexicon_file`` with :func:`nltk.data.load`, which only opens files under a
root listed in ``nltk.data.path``. The lexicon is therefore copied once into an NLTK data
folder inside the framelab cache (``<cache>/nltk_data/sentiment/framelab/vader_lexicon.txt``),
that folder is added to ``nltk.data.path`` and the copy is loaded from there. Nothing is
downloaded.

:class:`VaderAnalyzer` gives NLTK's scores exactly, without the (punctuation × word)
dictionary NLTK's ``SentiText`` builds for every text it scores, which was most of the time
stance scoring spent.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import string
from importlib import resources
from pathlib import Path

import nltk.data
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText

from framelab.cache import cache_dir
from framelab.io import atomic_path

__all__ = ["VADER_RESOURCE", "VaderAnalyzer", "ensure_vader_lexicon", "vader_analyzer"]

logger = logging.getLogger(__name__)

#: The lexicon's resource name relative to the NLTK data root that framelab builds.
VADER_RESOURCE = "sentiment/framelab/vader_lexicon.txt"
_MEMO_LIMIT = 200_000  # texts whose scores are remembered (tens of MB at most)


def _packaged_lexicon() -> bytes:
    """The bytes of ``vaderSentiment/vader_lexicon.txt`` from the installed package."""
    return resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_bytes()


def ensure_vader_lexicon(root: str | Path | None = None) -> Path:
    """Copy the vaderSentiment lexicon into an NLTK data folder and register that folder.

    Parameters
    ----------
    root : str or Path, optional
        The NLTK data root to build; default ``<cache>/nltk_data`` (see
        :func:`framelab.cache.cache_dir`).

    Returns
    -------
    Path
        The copied lexicon file. It is rewritten when its bytes differ from the package's.
    """
    root = Path(root) if root is not None else cache_dir() / "nltk_data"
    root = root.resolve()
    target = root / VADER_RESOURCE
    data = _packaged_lexicon()
    if not target.is_file() or target.read_bytes() != data:
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
        logger.info(
            "copied the VADER lexicon (sha256 %s) to %s", hashlib.sha256(data).hexdigest(), target
        )
    if str(root) not in nltk.data.path:
        nltk.data.path.append(str(root))
    return target


_PUNCTUATION = frozenset(string.punctuation)  # what NLTK's REGEX_REMOVE_PUNCTUATION removes


def _strip_punctuation(token: str, punc_list: frozenset[str]) -> str:
    """``token`` without a leading or trailing run of punctuation, as NLTK's ``SentiText`` does:
    only when the run is in VADER's ``PUNC_LIST`` and what remains is a punctuation-free word
    of two or more characters."""
    if token[0] in _PUNCTUATION:
        word = token.lstrip(string.punctuation)
        run = token[: len(token) - len(word)]
    elif token[-1] in _PUNCTUATION:
        word = token.rstrip(string.punctuation)
        run = token[len(word) :]
    else:
        return token
    if run in punc_list and len(word) > 1 and _PUNCTUATION.isdisjoint(word):
        return word
    return token


class _SentiText(SentiText):
    """NLTK's ``SentiText``, its words found token by token.

    NLTK maps each token through a dictionary of every (punctuation mark, word) pair of the
    text; a token is in it exactly when it is one ``PUNC_LIST`` entry plus a word without
    punctuation, so checking that on the token gives the same words.
    """

    def _words_and_emoticons(self) -> list[str]:
        punc_list = frozenset(self.PUNC_LIST)
        return [_strip_punctuation(we, punc_list) for we in self.text.split() if len(we) > 1]


class VaderAnalyzer(SentimentIntensityAnalyzer):
    """NLTK's VADER with :class:`_SentiText`; its scores equal NLTK's (tested).

    A word outside the lexicon scores 0 without a call to ``sentiment_valence``, which for
    such a word only appends the 0 it is given.

    Scores are remembered per text (stance features and the lexicon score read the same
    windows), up to :data:`_MEMO_LIMIT` texts at a time.
    """

    def __init__(self, lexicon_file: str) -> None:
        super().__init__(lexicon_file=lexicon_file)
        self._memo: dict[str, dict[str, float]] = {}

    def polarity_scores(self, text: str) -> dict[str, float]:
        """NLTK's ``polarity_scores``, on :class:`_SentiText` (a new dict on every call)."""
        scores = self._memo.get(text)
        if scores is None:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            scores = self._memo[text] = self._polarity_scores(text)
        return dict(scores)

    def _polarity_scores(self, text: str) -> dict[str, float]:
        sentitext = _SentiText(
            text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION
        )
        sentiments: list[float] = []
        words_and_emoticons = sentitext.words_and_emoticons
        first_index: dict[str, int] = {}
        for idx, token in enumerate(words_and_emoticons):
            first_index.setdefault(token, idx)
        lexicon, boosters = self.lexicon, self.constants.BOOSTER_DICT
        for item in words_and_emoticons:
            lowered = item.lower()
            # a word outside the lexicon gets the valence NLTK's sentiment_valence starts from
            if lowered not in lexicon or lowered in boosters:
                sentiments.append(0)
                continue
            i = first_index[item]
            if (
                lowered == "kind"
                and i < len(words_and_emoticons) - 1
                and words_and_emoticons[i + 1].lower() == "of"
            ):
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text)


@functools.cache
def vader_analyzer() -> VaderAnalyzer:
    """VADER on the vaderSentiment lexicon (built once per process)."""
    path = ensure_vader_lexicon()
    return VaderAnalyzer(lexicon_file=path.as_uri())
