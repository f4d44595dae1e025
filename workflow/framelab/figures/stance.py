"""Stance toward each target by outlet: the mean over documents of each document's mean
mention score, with document-bootstrap CIs."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from framelab.config import Outlet
from framelab.figures.style import FRAGILE_ALPHA, FULL_WIDTH_IN

__all__ = ["stance_figure"]


def stance_figure(
    table: pd.DataFrame,
    outlets: dict[str, Outlet],
    targets: list[str],
    *,
    ci: float,
    tests: pd.DataFrame | None = None,
    significance: float = 0.05,
) -> tuple[plt.Figure, pd.DataFrame]:
    """One panel per target: each outlet's mean stance (dot) and interval (whiskers).

    Outlets resting on fewer documents than ``stats.min_docs`` are drawn faded and grey-edged;
    with one document there is no interval and the dot is hollow. With the pair ``tests``
    (``target, p_adjusted``), each panel's title says how many outlet pairs differ at
    adjusted p < ``significance``.

    Returns
    -------
    figure, DataFrame
        The figure and the rows drawn.
    """
    present = [t for t in targets if t in set(table["target"])]
    n_cols = 2 if len(present) > 1 else 1
    n_rows = max(1, math.ceil(len(present) / n_cols))
    fig, axes = plt.subplots(
        n_rows, n_cols, figsize=(FULL_WIDTH_IN, 0.5 + 1.5 * n_rows), squeeze=False, sharex=True
    )
    for ax in axes.flat[len(present) :]:
        ax.set_visible(False)
    columns = ["target", "outlet", "n_mentions", "n_docs", "mean", "low", "high",
               "share_negative", "share_neutral", "share_positive", "fragile"]  # fmt: skip
    if not present:
        fig.text(0.5, 0.5, "No target mentions: the study defines no targets, or no outlet "
                 "mentions them", ha="center", va="center", color="0.35")  # fmt: skip
        return fig, pd.DataFrame(columns=columns)
    order = [o for o in outlets if o in set(table["outlet"])]
    drawn = []
    for ax, target in zip(axes.flat, present, strict=False):
        rows = table[table["target"] == target].set_index("outlet")
        for y, outlet_id in enumerate(reversed(order)):
            if outlet_id not in rows.index:
                continue
            row = rows.loc[outlet_id]
            colour = outlets[outlet_id].colour
            alpha = FRAGILE_ALPHA if row["fragile"] else 1.0
            if np.isfinite(row["low"]):
                ax.plot([row["low"], row["high"]], [y, y], color=colour, alpha=alpha, lw=1.2)
            hollow = not np.isfinite(row["low"])
            ax.plot(row["mean"], y, "o", ms=4.5, color=colour, alpha=alpha,
                    markerfacecolor="white" if hollow else colour)  # fmt: skip
            ax.annotate(f"n={int(row['n_mentions'])}/{int(row['n_docs'])}d", (1.02, y),
                        xycoords=("axes fraction", "data"), fontsize=6, va="center",
                        color="0.35")  # fmt: skip
            drawn.append(row.to_dict() | {"outlet": outlet_id, "target": target})
        ax.axvline(0, color="0.6", lw=0.6)
        ax.set_yticks(range(len(order)), [outlets[o].name for o in reversed(order)])
        ax.set_xlim(-1, 1)
        ax.set_title(
            target.replace("_", " ") + _pairs_note(tests, target, significance), loc="left"
        )
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_tick_params(labelbottom=True)
    for ax in axes[-1]:
        ax.set_xlabel(f"Stance (P(pos) − P(neg)), mean over documents, {ci:.0%} CI over documents")
    handles = [
        Line2D([], [], color="0.3", marker="o", ls="-", label="n = mentions / documents"),
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
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False)
    fig.tight_layout(rect=(0, 0.06, 0.97, 1))
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
    return f" ({k} of {len(family)} pairs differ, adjusted p < {significance:g})"
