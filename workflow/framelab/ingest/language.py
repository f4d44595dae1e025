"""Language identification of documents (offline, py3langid), so an untranslated text is
never silently analysed as if it were in the study language."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from zipfile import BadZipFile

import pandas as pd

from framelab.ingest.langid_model import load_unpacked, unpacked_model

__all__ = ["LanguageGuess", "apply_language_policy", "detect_language", "language_sample"]

log = logging.getLogger(__name__)
#: characters classified per document: a stable guess, and time bounded whatever its length
SAMPLE_CHARS = 3_000


@dataclass(frozen=True)
class LanguageGuess:
    """ISO 639-1 code and its normalised probability."""

    language: str
    probability: float


@functools.cache
def _identifier():  # noqa: ANN202 - py3langid's LanguageIdentifier
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    try:
        unpacked = unpacked_model(MODEL_DIR / MODEL_FILE)
    except OSError as err:  # e.g. a read-only cache
        log.warning("py3langid's model not unpacked (%s); loading it the package's way", err)
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    try:
        return load_unpacked(LanguageIdentifier, unpacked)
    except (OSError, EOFError, BadZipFile, KeyError, ValueError) as err:
        log.warning("%s: a damaged copy of py3langid's model (%s); removed", unpacked, err)
        unpacked.unlink(missing_ok=True)  # the next job unpacks it again
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """The middle ``size`` characters of ``text`` (all of it when shorter): the body of an
    article, away from the site chrome or English credits at its start and end."""
    if len(text) <= size:
        return text
    start = (len(text) - size) // 2
    return text[start : start + size]


def detect_language(text: str) -> LanguageGuess:
    """Most likely language of ``text``, from :func:`language_sample`."""
    language, probability = _identifier().classify(language_sample(text))
    return LanguageGuess(str(language), round(float(probability), 4))


def apply_language_policy(
    corpus: pd.DataFrame,
    ledger: pd.DataFrame,
    *,
    study_language: str,
    policy: str,
    min_probability: float,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Detect each document's language; exclude or keep (and flag) those in another language.

    A document counts as another language when the guess differs from ``study_language``
    with at least ``min_probability``. With ``policy="exclude"`` it leaves the corpus and its
    ledger row says why; with ``"keep"`` it stays and the ledger row flags it. Either way a
    warning names it.

    Returns
    -------
    corpus, ledger : DataFrame
        Both with ``language_detected`` and ``language_probability`` columns.
    """
    if policy not in {"exclude", "keep"}:
        raise ValueError(f"language policy must be 'exclude' or 'keep', got {policy!r}")
    guesses = [detect_language(text) for text in corpus["text"]]
    corpus = corpus.assign(
        language_detected=[g.language for g in guesses],
        language_probability=[g.probability for g in guesses],
    )
    other = (corpus["language_detected"] != study_language) & (
        corpus["language_probability"] >= min_probability
    )
    detected = corpus[["doc_id", "language_detected", "language_probability"]]
    ledger = ledger.drop(columns=list(detected.columns[1:]), errors="ignore").merge(
        detected, on="doc_id", how="left"
    )
    for row in corpus[other].itertuples(index=False):
        reason = (
            f"detected language {row.language_detected!r} (p={row.language_probability:.2f}), "
            f"study language {study_language!r}"
        )
        log.warning("%s: %s; %s", row.doc_id, reason, "excluded" if policy == "exclude" else "kept")
        at = ledger["doc_id"] == row.doc_id
        ledger.loc[at, "reason"] = reason
        if policy == "exclude":
            ledger.loc[at, "status"] = "excluded"
    if policy == "exclude":
        corpus = corpus[~other]
    return corpus.reset_index(drop=True), ledger
