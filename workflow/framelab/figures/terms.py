"""Distinctive terms per outlet: Fightin' Words z-scores, one panel per outlet."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from framelab.config import Outlet
from framelab.figures.style import FRAGILE_ALPHA, FULL_WIDTH_IN, grid_shape, wrap_titles

__all__ = ["Z_CRITICAL", "distinctive_terms_data", "distinctive_terms_figure"]

Z_CRITICAL = 1.96


def distinctive_terms_data(
    fightin: pd.DataFrame, sizes: pd.DataFrame, outlets: dict[str, Outlet], *, top_n: int
) -> pd.DataFrame:
    """The numbers the figure draws: each outlet's ``top_n`` terms by z (z > 0 only).

    Returns
    -------
    DataFrame
        ``outlet, outlet_name, rank, term, z, n_outlet, doc_freq, single_doc, n_docs, n_tokens``.
    """
    top = (
        fightin[fightin["z"] > 0].groupby("outlet", sort=False, group_keys=False).head(top_n).copy()
    )
    top["rank"] = top.groupby("outlet").cumcount() + 1
    top["single_doc"] = top["doc_freq"] <= 1
    top["outlet_name"] = top["outlet"].map(lambda o: outlets[o].name)
    top = top.merge(sizes[["outlet", "n_docs", "n_tokens"]], on="outlet", how="left")
    order = {o: i for i, o in enumerate(outlets)}
    top = top.sort_values(
        ["outlet", "rank"], key=lambda s: s.map(order) if s.name == "outlet" else s
    )
    columns = ["outlet", "outlet_name", "rank", "term", "z", "n_outlet", "doc_freq", "single_doc"]
    return top[[*columns, "n_docs", "n_tokens"]].reset_index(drop=True)


def distinctive_terms_figure(
    data: pd.DataFrame, outlets: dict[str, Outlet], *, term_labels: Mapping[str, str] | None = None
) -> plt.Figure:
    """Horizontal bars of z per term, one panel per outlet, in the outlet's colour.

    Terms used in only one of the outlet's documents are drawn faded: they may reflect one
    article rather than the outlet.
    """
    present = [o for o in outlets if o in set(data["outlet"])]
    n_rows, n_cols = grid_shape(len(present))
    top_n = int(data["rank"].max()) if len(data) else 1
    height = 0.5 + n_rows * (0.8 + 0.125 * top_n)  # 9 pt a bar: 7 pt labels never touch
    fig, axes = plt.subplots(
        n_rows, n_cols, figsize=(FULL_WIDTH_IN, height), squeeze=False, layout="constrained"
    )
    for ax in axes.flat[len(present) :]:
        ax.set_visible(False)
    titles = {}
    for ax, outlet_id in zip(axes.flat, present, strict=False):
        outlet = outlets[outlet_id]
        rows = data[data["outlet"] == outlet_id].sort_values("rank", ascending=False)
        alphas = [FRAGILE_ALPHA if single else 1.0 for single in rows["single_doc"]]
        colours = [(*plt.matplotlib.colors.to_rgb(outlet.colour), a) for a in alphas]
        names = [(term_labels or {}).get(t, t) for t in rows["term"]]
        ax.barh(names, rows["z"], color=colours, height=0.7)
        ax.axvline(Z_CRITICAL, color="0.4", lw=0.6, ls="--")
        n_docs = int(rows["n_docs"].iloc[0]) if len(rows) else 0
        n_tokens = int(rows["n_tokens"].iloc[0]) if len(rows) else 0
        docs = "document" if n_docs == 1 else "documents"
        titles[ax] = f"{outlet.name} (n = {n_docs:,} {docs}, {n_tokens:,} tokens)"
        ax.tick_params(axis="y", length=0)
    handles = [
        Patch(facecolor="0.3", label="term in ≥ 2 of the outlet's documents"),
        Patch(facecolor="0.3", alpha=FRAGILE_ALPHA, label="term in 1 document only"),
        plt.Line2D([], [], color="0.4", lw=0.6, ls="--", label=f"z = {Z_CRITICAL}"),
    ]
    fig.supxlabel("z-score, log-odds vs all other outlets", fontsize=8)
    fig.legend(handles=handles, loc="outside upper center", ncol=3, frameon=False)
    wrap_titles(fig, titles)
    return fig
