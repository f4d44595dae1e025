"""The headline comparison of one target across outlets: the tables behind the headline figure."""

from __future__ import annotations

import pandas as pd

__all__ = ["frames_with_target", "kwic_examples", "mention_rates"]


def mention_rates(mentions: pd.DataFrame, sizes: pd.DataFrame, target: str) -> pd.DataFrame:
    """Per outlet: mentions of ``target``, documents mentioning it, and their share.

    Returns
    -------
    DataFrame
        ``outlet, n_mentions, n_docs_with, n_docs, rate`` for every outlet in ``sizes``.
    """
    hits = mentions[mentions["target"] == target]
    counts = hits.groupby("outlet").agg(
        n_mentions=("doc_id", "size"), n_docs_with=("doc_id", "nunique")
    )
    table = sizes[["outlet", "n_docs"]].merge(counts, on="outlet", how="left").fillna(0)
    table[["n_mentions", "n_docs_with"]] = table[["n_mentions", "n_docs_with"]].astype(int)
    table["rate"] = table["n_docs_with"] / table["n_docs"]
    return table[["outlet", "n_mentions", "n_docs_with", "n_docs", "rate"]]


def frames_with_target(
    mentions: pd.DataFrame, unit_frames: pd.DataFrame, target: str
) -> pd.DataFrame:
    """Share of the paragraphs mentioning ``target`` that use each frame, per outlet.

    Parameters
    ----------
    mentions : DataFrame
        ``outlet, target, sentence_id`` (sentence ids are ``<paragraph id>:sNNN``).
    unit_frames : DataFrame
        Paragraph-level frame scores: ``unit_id, frame, present``.

    Returns
    -------
    DataFrame
        ``outlet, frame, n_paragraphs, share``.
    """
    hits = mentions[mentions["target"] == target].assign(
        unit_id=lambda t: t["sentence_id"].str.rsplit(":", n=1).str[0]
    )
    paragraphs = hits[["outlet", "unit_id"]].drop_duplicates()
    joined = paragraphs.merge(unit_frames[["unit_id", "frame", "present"]], on="unit_id")
    table = joined.groupby(["outlet", "frame"], sort=True).agg(
        n_paragraphs=("unit_id", "nunique"), share=("present", "mean")
    )
    return table.reset_index()


def kwic_examples(kwic: pd.DataFrame, target: str, *, per_outlet: int) -> pd.DataFrame:
    """The first ``per_outlet`` concordance lines of ``target`` per outlet, in text order."""
    lines = kwic[kwic["target"] == target].sort_values(["outlet", "doc_id", "start"])
    return lines.groupby("outlet", sort=True).head(per_outlet).reset_index(drop=True)
