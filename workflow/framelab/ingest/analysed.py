"""What is left to analyse once cleaning has run: the documents with text, the ledger
marking those cleaning emptied, and the outlets that can be compared."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import pandas as pd

from framelab.errors import InputError

__all__ = ["EMPTIED", "analysed_documents", "compared_documents", "has_text", "mark_emptied"]

log = logging.getLogger(__name__)

#: the ledger's reason for a document cleaning left without text
EMPTIED = "no text left after cleaning (every line removed: clean/removed_lines.csv)"


def mark_emptied(ledger: pd.DataFrame, clean_docs: pd.DataFrame) -> pd.DataFrame:
    """The ledger with each ingested document whose clean text is blank excluded, its
    reason :data:`EMPTIED` (see :func:`analysed_documents`).

    Parameters
    ----------
    ledger : DataFrame
        With :data:`LEDGER_COLUMNS`.
    clean_docs : DataFrame
        ``doc_id, text``: the clean text of every ingested document.
    """
    emptied = set(clean_docs["doc_id"][~has_text(clean_docs["text"])])
    at = ledger["doc_id"].isin(emptied) & ledger["status"].eq("ingested")
    if not at.any():
        return ledger
    marked = ledger.copy()
    marked.loc[at, "status"] = "excluded"
    marked.loc[at, "reason"] = EMPTIED
    return marked


def has_text(texts: pd.Series) -> pd.Series:
    """Whether each clean text holds anything but whitespace."""
    return texts.fillna("").str.strip().ne("")


def analysed_documents(clean_docs: pd.DataFrame) -> pd.DataFrame:
    """The documents every analysis reads: those whose clean text is not blank. A document
    cleaning empties stays in the clean tables and its audit, and the ledger excludes it
    (:func:`mark_emptied`); an outlet all of whose documents it empties has none here."""
    return clean_docs[has_text(clean_docs["text"])].reset_index(drop=True)


def compared_documents(
    clean_docs: pd.DataFrame, outlets: Mapping[str, str], compare: Sequence[str] = ()
) -> pd.DataFrame:
    """The clean documents the outlets are compared on (:func:`analysed_documents`), once
    each declared outlet without one is named in a warning.

    Parameters
    ----------
    clean_docs : DataFrame
        ``doc_id, outlet, text`` and any other columns: every ingested document.
    outlets : mapping of str to str
        Each declared outlet's id -> its display name.
    compare : sequence of str
        The outlets of config ``terms.compare``, which must have analysable text.

    Raises
    ------
    InputError
        When fewer than two outlets have analysable text (there is nothing to compare), or a
        ``compare`` outlet has none.
    """
    analysed = analysed_documents(clean_docs)
    with_text = set(analysed["outlet"])
    for outlet, name in outlets.items():
        if outlet not in with_text:
            log.warning(
                "outlet %r (%s) has no analysable text (no documents, every one excluded, or "
                "every one emptied by cleaning); it is left out of every comparison",
                outlet,
                name,
            )
    if len(with_text) < 2:
        raise InputError(
            f"only {sorted(with_text) or 'no outlet'} {'has' if len(with_text) == 1 else 'have'} "
            "analysable text after ingest and cleaning: framelab compares outlets, so a study "
            "needs the text of at least two (see corpus/ledger.csv)"
        )
    lacking = [o for o in compare if o not in with_text]
    if lacking:
        raise InputError(
            f"terms.compare: {lacking} {'has' if len(lacking) == 1 else 'have'} no analysable "
            "text after ingest and cleaning (see corpus/ledger.csv); set terms.compare to two "
            f"of {sorted(with_text)}"
        )
    return analysed
