"""Keyword in context: every target mention with the text around it, ready to quote."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from framelab.config import Outlet
from framelab.tables import markdown_table

__all__ = ["KWIC_COLUMNS", "kwic", "kwic_markdown", "most_mentioned"]

KWIC_COLUMNS = [
    "target",
    "outlet",
    "doc_id",
    "sentence_id",
    "start",
    "end",
    "left",
    "match",
    "right",
]
_SPACE = re.compile(r"\s+")
_PARTIAL_START = re.compile(r"^\S+")
_PARTIAL_END = re.compile(r"\S+$")


def kwic(mentions: pd.DataFrame, docs: pd.DataFrame, *, window: int = 80) -> pd.DataFrame:
    """A concordance line per mention: ``window`` characters of clean text on each side.

    Parameters
    ----------
    mentions : DataFrame
        As from :func:`framelab.terms.targets.find_mentions` (offsets into the clean text).
    docs : DataFrame
        ``doc_id, text``: the clean documents.
    window : int, default=80
        Characters of context on each side, cut back to whole words.

    Returns
    -------
    DataFrame
        :data:`KWIC_COLUMNS`, sorted by target, outlet, doc_id and offset. Whitespace inside
        the context is folded to single spaces; ``start``/``end`` still index the clean text.
    """
    text_of = dict(zip(docs["doc_id"].tolist(), docs["text"].tolist(), strict=True))
    columns = ["target", "outlet", "doc_id", "sentence_id", "start", "end"]
    rows = []
    for target, outlet, doc_id, sentence_id, start, end in zip(
        *(mentions[c].tolist() for c in columns), strict=True
    ):
        text = text_of[doc_id]
        begin, stop = max(0, start - window), min(len(text), end + window)
        left, right = text[begin:start], text[end:stop]
        if begin > 0 and not text[begin - 1].isspace():  # drop a cut word
            left = _PARTIAL_START.sub("", left)
        if stop < len(text) and not text[stop].isspace():
            right = _PARTIAL_END.sub("", right)
        rows.append(
            (target, outlet, doc_id, sentence_id, start, end,
             _fold(left), _fold(text[start:end]), _fold(right))
        )  # fmt: skip
    table = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return table.sort_values(["target", "outlet", "doc_id", "start"], ignore_index=True)


def kwic_markdown(table: pd.DataFrame, outlets: dict[str, Outlet]) -> str:
    """The concordance as Markdown: a section per target, a table per outlet."""
    parts = ["# Keyword in context", ""]
    if table.empty:
        return "\n".join([*parts, "No target mentions were found."]) + "\n"
    for target, by_target in table.groupby("target", sort=True):
        parts += [f"## {target}", ""]
        for outlet_id in [o for o in outlets if o in set(by_target["outlet"])]:
            rows = by_target[by_target["outlet"] == outlet_id]
            n_docs = rows["doc_id"].nunique()
            parts += [
                f"### {outlets[outlet_id].name} ({len(rows)} mentions in {n_docs} documents)",
                "",
            ]
            shown = pd.DataFrame(
                {
                    "doc_id": rows["doc_id"],
                    "offset": rows["start"],
                    "left": rows["left"].map(lambda s: f"…{s}" if s else ""),
                    "match": rows["match"].map(lambda s: f"**{s}**"),
                    "right": rows["right"].map(lambda s: f"{s}…" if s else ""),
                }
            )
            parts += [markdown_table(shown), ""]
    return "\n".join(parts).rstrip() + "\n"


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def most_mentioned(concordance: pd.DataFrame, targets: Sequence[str]) -> str:
    """The target of ``targets`` with the most lines in ``concordance`` (:func:`kwic`); ties,
    and a concordance without any, go to the target listed first."""
    counts = concordance["target"].value_counts()
    return max(targets, key=lambda t: (int(counts.get(t, 0)), -targets.index(t)))
