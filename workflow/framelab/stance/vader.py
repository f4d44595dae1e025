"""VADER through NLTK, with the lexicon shipped by the installed ``vaderSentiment`` package.

NLTK 3.10 loads ``lexicon_file`` with :func:`nltk.data.load`, which only opens files under a
root listed in ``nltk.data.path``. The lexicon is therefore copied once into an NLTK data
folder inside the framelab cache (``<cache>/nltk_data/sentiment/framelab/vader_lexicon.txt``),
that folder is added to ``nltk.data.path`` and the copy is loaded from there. Nothing is
downloaded.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from importlib import resources
from pathlib import Path

import nltk.data
from nltk.sentiment.vader import SentimentIntensityAnalyzer

from framelab.io import atomic_path
from framelab.stance.paths import cache_dir

__all__ = ["VADER_RESOURCE", "ensure_vader_lexicon", "vader_analyzer"]

logger = logging.getLogger(__name__)

#: The lexicon's resource name relative to the NLTK data root that framelab builds.
VADER_RESOURCE = "sentiment/framelab/vader_lexicon.txt"


def _packaged_lexicon() -> bytes:
    """The bytes of ``vaderSentiment/vader_lexicon.txt`` from the installed package."""
    return resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_bytes()


def ensure_vader_lexicon(root: str | Path | None = None) -> Path:
    """Copy the vaderSentiment lexicon into an NLTK data folder and register that folder.

    Parameters
    ----------
    root : str or Path, optional
        The NLTK data root to build; default ``<cache>/nltk_data`` (see
        :func:`framelab.stance.paths.cache_dir`).

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


@functools.cache
def vader_analyzer() -> SentimentIntensityAnalyzer:
    """NLTK's VADER analyser on the vaderSentiment lexicon (built once per process)."""
    path = ensure_vader_lexicon()
    return SentimentIntensityAnalyzer(lexicon_file=path.as_uri())
