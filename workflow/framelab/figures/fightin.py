"""Monroe-style Fightin' Words plots: z-score against frequency, distinctive terms labelled."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from framelab.config import Outlet
from framelab.figures.labels import place_labels
from framelab.figures.style import (
    FULL_WIDTH_IN,
    freeze_layout,
    grid_shape,
    text_colour,
    wrap_titles,
)

__all__ = ["Z_CRITICAL", "monroe_figure", "pair_figure"]

Z_CRITICAL = 1.96
_GREY = "0.75"


def monroe_figure(
    fightin: pd.DataFrame,
    sizes: pd.DataFrame,
    outlets: dict[str, Outlet],
    *,
    top_n: int,
    term_labels: Mapping[str, str] | None = None,
) -> tuple[plt.Figure, pd.DataFrame]:
    """One panel per outlet: every term's z (outlet vs the rest) against its corpus frequency.

    Terms with ``z > 1.96`` are drawn in the outlet's colour, ``z < -1.96`` in dark grey; the
    ``top_n`` terms by z are labelled where a free place is found (textalloc), in a darker
    shade of the outlet's colour that reads on white, entity ids by their display names from
    ``term_labels``.

    Returns
    -------
    figure, DataFrame
        The figure and the numbers drawn: ``outlet, term, frequency, z, doc_freq,
        significant, labelled``.
    """
    present = [o for o in outlets if o in set(fightin["outlet"])]
    n_rows, n_cols = grid_shape(len(present))
    fig, axes = plt.subplots(
        n_rows, n_cols, figsize=(FULL_WIDTH_IN, 0.7 + 2.0 * n_rows), squeeze=False,
        sharey=True, layout="constrained",
    )  # fmt: skip
    for ax in axes.flat[len(present) :]:
        ax.set_visible(False)
    z_max = float(fightin["z"].abs().max()) * 1.1 or 1.0
    panels, titles = [], {}
    for ax, outlet_id in zip(axes.flat, present, strict=False):
        rows = fightin[fightin["outlet"] == outlet_id].copy()
        rows["frequency"] = rows["n_outlet"] + rows["n_rest"]
        _scatter(ax, rows, outlets[outlet_id].colour)
        size = sizes.set_index("outlet").loc[outlet_id]
        docs = "document" if size["n_docs"] == 1 else "documents"
        title = (
            f"{outlets[outlet_id].name} vs rest (n = {size['n_docs']:,} {docs}, "
            f"{size['n_tokens']:,} tokens)"
        )
        titles[ax] = title
        ax.set_ylim(-z_max, z_max)
        ax.tick_params(labelleft=True)
        panels.append((ax, outlet_id, rows))
    fig.supxlabel("Corpus frequency (log10 count)", fontsize=8)
    fig.supylabel("z-score (log-odds, informative prior)", fontsize=8)
    fig.legend(handles=_legend(), loc="outside upper center", ncol=3, frameon=False)
    wrap_titles(fig, titles)
    freeze_layout(fig)
    frames = []
    for ax, outlet_id, rows in panels:
        top = rows[rows["z"] > Z_CRITICAL].sort_values("z", ascending=False).head(top_n)
        done = place_labels(
            ax, np.log10(top["frequency"]), top["z"], _display(top["term"], term_labels),
            color=text_colour(outlets[outlet_id].colour),
            avoid_x=np.log10(rows["frequency"]), avoid_y=rows["z"],
        )  # fmt: skip
        rows["labelled"] = rows["term"].isin(top["term"][done])
        frames.append(rows)
    data = pd.concat(frames, ignore_index=True)
    data["significant"] = data["z"].abs() > Z_CRITICAL
    columns = ["outlet", "term", "frequency", "z", "doc_freq", "significant", "labelled"]
    return fig, data[columns]


def pair_figure(
    pairs: pd.DataFrame,
    outlets: dict[str, Outlet],
    pair: list[str],
    *,
    top_n: int,
    term_labels: Mapping[str, str] | None = None,
) -> tuple[plt.Figure, pd.DataFrame]:
    """Two outlets against each other: positive z favours the first, negative the second;
    the ``top_n`` terms on each side are labelled in that outlet's colour.

    Returns
    -------
    figure, DataFrame
        The figure and the numbers drawn: ``outlet_a, outlet_b, term, frequency, z,
        favours, labelled``.
    """
    a, b = pair
    flipped = (a, b) != tuple(sorted((a, b)))
    rows = pairs[(pairs["outlet_a"] == min(a, b)) & (pairs["outlet_b"] == max(a, b))].copy()
    if flipped:
        rows["z"] = -rows["z"]
        rows[["n_a", "n_b"]] = rows[["n_b", "n_a"]].to_numpy()
    rows["outlet_a"], rows["outlet_b"] = a, b
    rows["frequency"] = rows["n_a"] + rows["n_b"]
    rows["favours"] = np.where(rows["z"] > Z_CRITICAL, a, np.where(rows["z"] < -Z_CRITICAL, b, ""))
    fig, ax = plt.subplots(figsize=(FULL_WIDTH_IN * 0.8, 3.6), layout="constrained")
    colours = np.where(
        rows["favours"] == a,
        outlets[a].colour,
        np.where(rows["favours"] == b, outlets[b].colour, _GREY),
    )
    ax.scatter(np.log10(rows["frequency"]), rows["z"], s=6, c=list(colours), linewidths=0)
    ax.axhline(0, color="0.5", lw=0.5)
    for side in (Z_CRITICAL, -Z_CRITICAL):
        ax.axhline(side, color="0.5", lw=0.5, ls="--")
    top_a = rows.sort_values("z", ascending=False).query("z > @Z_CRITICAL").head(top_n)
    top_b = rows.sort_values("z").query("z < -@Z_CRITICAL").head(top_n)
    limit = float(rows["z"].abs().max()) * 1.15 or 1.0
    ax.set_ylim(-limit, limit)
    ax.set_xlabel("Frequency in the two outlets (log10 count)")
    ax.set_ylabel("z-score (log-odds, informative prior)")
    title = f"{outlets[a].name} (z > 0, up) vs {outlets[b].name} (z < 0, down)"
    wrap_titles(fig, {ax: title})
    freeze_layout(fig)
    labelled: set[str] = set()
    for top, outlet_id in ((top_a, a), (top_b, b)):
        done = place_labels(
            ax, np.log10(top["frequency"]), top["z"], _display(top["term"], term_labels),
            color=text_colour(outlets[outlet_id].colour),
            avoid_x=np.log10(rows["frequency"]), avoid_y=rows["z"],
        )  # fmt: skip
        labelled |= set(top["term"][done])
    rows["labelled"] = rows["term"].isin(labelled)
    columns = ["outlet_a", "outlet_b", "term", "frequency", "z", "favours", "labelled"]
    return fig, rows[columns].reset_index(drop=True)


def _display(terms: pd.Series, term_labels: Mapping[str, str] | None) -> list[str]:
    labels = term_labels or {}
    return [labels.get(term, term) for term in terms]


def _scatter(ax: plt.Axes, rows: pd.DataFrame, colour: str) -> None:
    x = np.log10(rows["frequency"])
    up, down = rows["z"] > Z_CRITICAL, rows["z"] < -Z_CRITICAL
    middle = ~(up | down)
    ax.scatter(x[middle], rows["z"][middle], s=4, c=_GREY, linewidths=0)
    ax.scatter(x[down], rows["z"][down], s=5, c="0.35", linewidths=0)
    ax.scatter(x[up], rows["z"][up], s=7, c=colour, linewidths=0)
    ax.axhline(0, color="0.5", lw=0.5)
    for side in (Z_CRITICAL, -Z_CRITICAL):
        ax.axhline(side, color="0.5", lw=0.5, ls="--")


def _legend() -> list[Line2D]:
    dot = {"marker": "o", "ls": "none", "ms": 3}
    return [
        Line2D(
            [], [], color="0.3", label="over-used by the outlet (z > 1.96), outlet colour", **dot
        ),
        Line2D([], [], color="0.35", label="under-used (z < −1.96)", **dot),
        Line2D([], [], color=_GREY, label="not distinctive", **dot),
    ]
