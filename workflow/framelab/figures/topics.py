"""Topic prevalence per outlet: mean document share with bootstrap intervals."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from framelab.config import Outlet
from framelab.figures.style import FRAGILE_ALPHA, FULL_WIDTH_IN, wrap

SUSPECT_COLOUR = "0.6"  # grey: a topic marked suspect in topic_words.csv

__all__ = ["topic_prevalence_data", "topic_prevalence_figure"]


def topic_prevalence_data(
    prevalence: pd.DataFrame, topic_words: pd.DataFrame, outlets: dict[str, Outlet]
) -> pd.DataFrame:
    """The numbers the figure draws: prevalence rows with topic labels, outlet names and
    whether the topic is suspect (``topic_words.csv``; False when the column is absent)."""
    firsts = topic_words.drop_duplicates("topic").set_index("topic")
    labels = firsts["label"]
    suspect = firsts["suspect"].astype(bool) if "suspect" in firsts else labels.map(lambda _: False)
    data = prevalence.assign(
        label=prevalence["topic"].map(labels),
        suspect=prevalence["topic"].map(suspect).fillna(False).astype(bool),
        outlet_name=prevalence["outlet"].map(lambda o: outlets[o].name),
    )
    order = {o: i for i, o in enumerate(outlets)}
    data = data.sort_values(
        ["topic", "outlet"], key=lambda s: s.map(order) if s.name == "outlet" else s
    )
    columns = [
        "topic",
        "label",
        "outlet",
        "outlet_name",
        "mean",
        "low",
        "high",
        "n_docs",
        "fragile",
        "suspect",
    ]
    return data[columns].reset_index(drop=True)


def topic_prevalence_figure(
    data: pd.DataFrame, outlets: dict[str, Outlet], *, ci: float
) -> plt.Figure:
    """Dot-and-whisker plot: topics down the side, one marker per outlet.

    Outlets with too few documents are faded; with one document there is no interval and
    the marker is hollow. Suspect topics (page furniture, one document or outlet) are drawn
    faded in grey, with their labels in grey.
    """
    topics = data.drop_duplicates("topic").sort_values("topic")
    present = [o for o in outlets if o in set(data["outlet"])]
    legend_rows = -(-(len(present) + 1) // 3)
    height = 1.0 + 0.3 * legend_rows + len(topics) * max(0.3, 0.05 * len(present))
    fig, ax = plt.subplots(figsize=(FULL_WIDTH_IN, height), layout="constrained")
    offsets = np.linspace(-0.3, 0.3, len(present)) if len(present) > 1 else [0.0]
    y_of = {t: -i for i, t in enumerate(topics["topic"])}
    for offset, outlet_id in zip(offsets, present, strict=True):
        outlet = outlets[outlet_id]
        rows = data[data["outlet"] == outlet_id]
        for row in rows.itertuples(index=False):
            y = y_of[row.topic] - offset
            suspect = bool(getattr(row, "suspect", False))
            alpha = FRAGILE_ALPHA if row.fragile or suspect else 1.0
            colour = SUSPECT_COLOUR if suspect else outlet.colour
            if np.isfinite(row.low):
                ax.plot([row.low, row.high], [y, y], color=colour, alpha=alpha, lw=1.0)
            hollow = not np.isfinite(row.low)
            ax.plot(
                row.mean,
                y,
                marker="o",
                ms=4,
                color=colour,
                markerfacecolor="white" if hollow else colour,
                alpha=alpha,
                ls="none",
            )
    ax.set_yticks(list(y_of.values()), [wrap(str(label), 40) for label in topics["label"]])
    if "suspect" in topics:
        for tick, suspect in zip(ax.get_yticklabels(), topics["suspect"], strict=True):
            if suspect:
                tick.set_color(SUSPECT_COLOUR)
    ax.set_xlabel(f"Mean topic share per document ({ci:.0%} interval over documents)")
    ax.set_xlim(left=0)
    n_docs = data.drop_duplicates("outlet").set_index("outlet")["n_docs"]
    handles = [
        Line2D(
            [],
            [],
            color=outlets[o].colour,
            marker="o",
            ls="-",
            label=wrap(f"{outlets[o].name} (n\u00a0=\u00a0{int(n_docs[o]):,})", 34),
        )
        for o in present
    ]
    handles.append(
        Line2D(
            [],
            [],
            color="0.3",
            marker="o",
            markerfacecolor="white",
            ls="none",
            label="n = 1: no interval",
        )
    )
    fig.legend(handles=handles, loc="outside lower center", ncol=3, frameon=False)
    ax.tick_params(axis="y", length=0)
    return fig
