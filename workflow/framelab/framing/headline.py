"""The headline comparison of one target across outlets: the tables behind the headline figure."""

from __future__ import annotations

import pandas as pd

from framelab.stats import bootstrap_mean_ci, outlet_rng

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
    mentions: pd.DataFrame,
    unit_frames: pd.DataFrame,
    target: str,
    *,
    n_boot: int = 2000,
    ci: float = 0.95,
    random_state: int = 0,
) -> pd.DataFrame:
    """Per outlet, how often the paragraphs mentioning ``target`` use each frame, each
    document weighted equally.

    Parameters
    ----------
    mentions : DataFrame
        ``outlet, target, sentence_id`` (sentence ids are ``<doc_id>:<paragraph>:<sentence>``)
        and ``doc_id`` (derived from the sentence id when absent).
    unit_frames : DataFrame
        Paragraph-level frame scores: ``unit_id, frame, present``.
    n_boot, ci, random_state : int, float, int
        Percentile bootstrap over the outlet's documents (one stream per outlet).

    Returns
    -------
    DataFrame
        ``outlet, frame, n_docs, n_paragraphs, share, low, high, share_paragraphs``:
        ``share`` is the mean over documents of the share of each document's target
        paragraphs that use the frame, ``low``/``high`` its interval (NaN with one document);
        ``share_paragraphs`` pools the paragraphs instead (a long document weighs more).
    """
    hits = mentions[mentions["target"] == target].assign(
        unit_id=lambda t: t["sentence_id"].str.rsplit(":", n=1).str[0]
    )
    if "doc_id" not in hits.columns:
        hits = hits.assign(doc_id=hits["unit_id"].str.rsplit(":", n=1).str[0])
    paragraphs = hits[["outlet", "doc_id", "unit_id"]].drop_duplicates()
    joined = paragraphs.merge(unit_frames[["unit_id", "frame", "present"]], on="unit_id")
    joined["present"] = joined["present"].astype(float)
    per_doc = joined.groupby(["outlet", "frame", "doc_id"], sort=True)["present"].mean()
    rows = []
    for outlet, by_outlet in per_doc.groupby(level="outlet", sort=True):
        shares = by_outlet.unstack("frame").sort_index()  # documents x frames
        rng = outlet_rng(random_state, f"frames_with_target|{outlet}|{target}")
        mean, low, high = bootstrap_mean_ci(shares.to_numpy(float), n_boot=n_boot, ci=ci, rng=rng)
        block = joined[joined["outlet"] == outlet]
        for j, frame in enumerate(shares.columns):
            units = block[block["frame"] == frame]
            rows.append((outlet, frame, int(shares[frame].notna().sum()),
                         units["unit_id"].nunique(), float(mean[j]), float(low[j]),
                         float(high[j]), float(units["present"].mean())))  # fmt: skip
    columns = ["outlet", "frame", "n_docs", "n_paragraphs", "share", "low", "high",
               "share_paragraphs"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def kwic_examples(kwic: pd.DataFrame, target: str, *, per_outlet: int) -> pd.DataFrame:
    """The first ``per_outlet`` concordance lines of ``target`` per outlet, in text order."""
    lines = kwic[kwic["target"] == target].sort_values(["outlet", "doc_id", "start"])
    return lines.groupby("outlet", sort=True).head(per_outlet).reset_index(drop=True)
