"""Stance toward each target by outlet: the mean over documents of each document's mean
mention score, with document-bootstrap CIs."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from framelab.config import Outlet
from framelab.figures.style import (
    FRAGILE_ALPHA,
    FULL_WIDTH_IN,
    display_name,
    grid_shape,
    wrap,
    wrap_titles,
)

__all__ = ["stance_figure"]


def stance_figure(
    table: pd.DataFrame,
    outlets: dict[str, Outlet],
    targets: list[str],
    *,
    ci: float,
    tests: pd.DataFrame | None = None,
    significance: float = 0.05,
    target_labels: Mapping[str, str] | None = None,
) -> tuple[plt.Figure, pd.DataFrame]:
    """One panel per target: each outlet's mean stance (dot) and interval (whiskers).

    Outlets resting on fewer documents than ``stats.min_docs`` are drawn faded and grey-edged;
    with one document there is no interval and the dot is hollow. With the pair ``tests``
    (``target, p_adjusted``), each panel's title says how many outlet pairs differ at
    adjusted p < ``significance``. Targets are named by ``target_labels`` (the lexicon's
    display names).

    Returns
    -------
    figure, DataFrame
        The figure and the rows drawn.
    """
    present = [t for t in targets if t in set(table["target"])]
    n_rows, n_cols = grid_shape(len(present), max_cols=2)
    order = [o for o in outlets if o in set(table["outlet"])]
    names = [wrap(outlets[o].name, 34) for o in reversed(order)]
    row_in = 0.27 if any("\n" in name for name in names) else 0.17
    fig, axes = plt.subplots(
        n_rows, n_cols, figsize=(FULL_WIDTH_IN, 0.9 + (0.6 + row_in * len(order)) * n_rows),
        squeeze=False, sharex=True, sharey=True, layout="constrained",
    )  # fmt: skip
    for ax in axes.flat[len(present) :]:
        ax.set_visible(False)
    columns = ["target", "outlet", "n_mentions", "n_docs", "mean", "low", "high",
               "share_negative", "share_neutral", "share_positive", "fragile"]  # fmt: skip
    if not present:
        fig.text(0.5, 0.5, "No target mentions: the study defines no targets, or no outlet "
                 "mentions them", ha="center", va="center", color="0.35")  # fmt: skip
        return fig, pd.DataFrame(columns=columns)
    drawn, titles = [], {}
    for ax, target in zip(axes.flat, present, strict=False):
        rows = table[table["target"] == target].set_index("outlet")
        for y, outlet_id in enumerate(reversed(order)):
            if outlet_id not in rows.index:
                ax.text(0, y, "no mentions", ha="center", va="center", fontsize=7, color="0.4")
                continue
            row = rows.loc[outlet_id]
            colour = outlets[outlet_id].colour
            alpha = FRAGILE_ALPHA if row["fragile"] else 1.0
            if np.isfinite(row["low"]):
                ax.plot([row["low"], row["high"]], [y, y], color=colour, alpha=alpha, lw=1.2)
            hollow = not np.isfinite(row["low"])
            ax.plot(row["mean"], y, "o", ms=4.5, color=colour, alpha=alpha,
                    markerfacecolor="white" if hollow else colour)  # fmt: skip
            ax.annotate(f"{int(row['n_mentions'])}/{int(row['n_docs'])}", (1.02, y),
                        xycoords=("axes fraction", "data"), fontsize=7, va="center",
                        color="0.35")  # fmt: skip
            drawn.append(row.to_dict() | {"outlet": outlet_id, "target": target})
        ax.axvline(0, color="0.6", lw=0.6)
        ax.set_yticks(range(len(order)), names)
        ax.set_ylim(-0.6, len(order) - 0.4)
        ax.set_xlim(-1, 1)
        titles[ax] = display_name(target, target_labels) + _pairs_note(tests, target, significance)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_tick_params(labelbottom=True)
    fig.supxlabel(
        f"Stance (P(pos) − P(neg)), mean over documents, {ci:.0%} interval over documents",
        fontsize=8,
    )
    handles = [
        Line2D([], [], color="0.3", marker="o", ls="-", label="right: mentions / documents"),
        Line2D(
            [],
            [],
            color="0.3",
            marker="o",
            markerfacecolor="white",
            ls="none",
            label="one document: no interval",
        ),  # fmt: skip
        Line2D(
            [],
            [],
            color="0.3",
            alpha=FRAGILE_ALPHA,
            marker="o",
            ls="none",
            label="faded: too few documents",
        ),  # fmt: skip
    ]
    fig.legend(handles=handles, loc="outside upper center", ncol=3, frameon=False)
    wrap_titles(fig, titles)
    return fig, pd.DataFrame(drawn)[columns] if drawn else pd.DataFrame(columns=columns)


def _pairs_note(tests: pd.DataFrame | None, target: str, significance: float) -> str:
    """ " (k of n pairs differ, adjusted p < significance)", or "" without tests for the
    target."""
    if tests is None or "p_adjusted" not in tests.columns:
        return ""
    family = tests[tests["target"] == target]
    if family.empty:
        return ""
    k = int((family["p_adjusted"] < significance).sum())
    pairs = "pair differs" if len(family) == 1 else "pairs differ"
    return f" ({k} of {len(family)} {pairs}, adjusted p < {significance:g})"
