"""Segmentation of clean text into paragraphs and sentences, with character offsets.

Sentences come from NLTK's Punkt algorithm with an abbreviation list the project ships, so no
NLTK data is downloaded.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd

from framelab.segment.nltk_import import import_nltk
from framelab.tables import column_rows

__all__ = [
    "PARAGRAPH_COLUMNS",
    "SENTENCE_COLUMNS",
    "SentenceSplitter",
    "paragraph_spans",
    "segment_documents",
]

PARAGRAPH_COLUMNS = ["doc_id", "outlet", "unit_id", "paragraph_no", "start", "end", "text"]
SENTENCE_COLUMNS = [
    "doc_id",
    "outlet",
    "unit_id",
    "paragraph_id",
    "paragraph_no",
    "sentence_no",
    "start",
    "end",
    "text",
]
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class SentenceSplitter:
    """Punkt sentence splitter with a fixed abbreviation list.

    Parameters
    ----------
    abbreviations : collection of str
        Lowercase abbreviations without the final period (``"u.s"``, ``"gen"``).
    """

    def __init__(self, abbreviations: Collection[str]) -> None:
        # imported here: loading NLTK takes about a second, which jobs that only import this
        # module (cleaning, mentions) should not pay
        punkt = import_nltk("nltk.tokenize.punkt")

        self.abbreviations = abbreviations
        params = punkt.PunktParameters()
        params.abbrev_types = {a.lower().rstrip(".") for a in abbreviations}
        self._punkt = punkt.PunktSentenceTokenizer(params)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of the sentences in ``text``."""
        return list(self._punkt.span_tokenize(text))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank paragraphs of ``text`` (separated by blank lines), stripped."""
    spans, start = [], 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + lead, start + len(chunk.rstrip())))
        if match:
            start = match.end()
    return spans


def segment_documents(
    docs: pd.DataFrame, splitter: SentenceSplitter
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split each document's clean text into paragraphs and sentences.

    Parameters
    ----------
    docs : DataFrame
        Columns ``doc_id, outlet, text``.
    splitter : SentenceSplitter

    Returns
    -------
    paragraphs : DataFrame
        :data:`PARAGRAPH_COLUMNS`; offsets index the document's clean text.
    sentences : DataFrame
        :data:`SENTENCE_COLUMNS`; offsets index the document's clean text.
    """
    paragraphs, sentences = [], []
    for doc_id, outlet, text in column_rows(docs, ["doc_id", "outlet", "text"]):
        for p_no, (p_start, p_end) in enumerate(paragraph_spans(text), start=1):
            paragraph_id = f"{doc_id}:p{p_no:03d}"
            paragraph = text[p_start:p_end]
            paragraphs.append((doc_id, outlet, paragraph_id, p_no, p_start, p_end, paragraph))
            for s_no, (s_start, s_end) in enumerate(splitter.spans(paragraph), start=1):
                sentences.append(
                    (
                        doc_id,
                        outlet,
                        f"{paragraph_id}:s{s_no:03d}",
                        paragraph_id,
                        p_no,
                        s_no,
                        p_start + s_start,
                        p_start + s_end,
                        paragraph[s_start:s_end],
                    )
                )
    return (
        pd.DataFrame(paragraphs, columns=PARAGRAPH_COLUMNS),
        pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
    )
