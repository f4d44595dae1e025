"""Model selection: coherence, diversity, exclusivity and stability for each K."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from framelab.figures.style import FULL_WIDTH_IN

__all__ = ["topic_selection_data", "topic_selection_figure"]

_COLUMNS = ["k", "coherence", "coherence_min", "coherence_max", "diversity", "exclusivity",
            "stability", "stability_min", "chosen", "n_units", "n_docs", "restarts"]  # fmt: skip
_PANELS = [
    ("coherence", "NPMI coherence", "coherence_min", "coherence_max"),
    ("diversity", "Topic diversity", None, None),
    ("exclusivity", "Exclusivity", None, None),
    ("stability", "Stability (Jaccard)", "stability_min", "stability"),
]


def topic_selection_data(selection: pd.DataFrame) -> pd.DataFrame:
    """The numbers the figure draws, one row per K, with ``degenerate`` (False when the table
    has no such column)."""
    columns = _COLUMNS + (["degenerate"] if "degenerate" in selection else [])
    data = selection[columns].sort_values("k").reset_index(drop=True)
    if "degenerate" not in data:
        data["degenerate"] = False
    return data


def topic_selection_figure(data: pd.DataFrame, *, unit: str, min_stability: float) -> plt.Figure:
    """Four panels against K; the chosen K is marked by a dashed line.

    Coherence is drawn for the best restart, with whiskers spanning all restarts; stability
    is the mean matched Jaccard similarity between restarts, with a whisker down to the
    least similar pair. A degenerate K (one topic filling every outlet, or near-empty topics)
    is marked with a red cross in every panel.
    """
    fig, axes = plt.subplots(1, 4, figsize=(FULL_WIDTH_IN, 1.9), sharex=True)
    chosen = data.loc[data["chosen"], "k"]
    for ax, (column, title, low, high) in zip(axes, _PANELS, strict=True):
        ax.plot(data["k"], data[column], marker="o", ms=3.5, color="0.2")
        if low is not None and data[low].notna().any():
            ax.vlines(data["k"], data[low], data[high], color="0.2", lw=0.8)
        for k in chosen:
            ax.axvline(k, color="#D55E00", ls="--", lw=0.8)
        flagged = data[data["degenerate"].astype(bool)]
        if not flagged.empty:
            ax.plot(flagged["k"], flagged[column], marker="x", ms=6, ls="none", color="#D55E00")
        ax.set_title(title)
        ax.set_xlabel("K (topics)")
        ax.set_xticks(data["k"].tolist())
    axes[3].axhline(min_stability, color="0.6", ls=":", lw=0.8)
    axes[3].set_ylim(0, 1.05)
    first = data.iloc[0]
    restarts = int(first["restarts"])
    fig.suptitle(
        f"Choosing K: {int(first['n_units']):,} {unit}s from {int(first['n_docs']):,} documents, "
        f"{restarts} restart{'s' if restarts != 1 else ''} per K"
        + (f"; chosen K = {int(chosen.iloc[0])}" if len(chosen) else "")
        + ("; ×: degenerate" if data["degenerate"].astype(bool).any() else ""),
        x=0.01,
        ha="left",
    )
    if np.isnan(data["stability"]).all():
        axes[3].text(0.5, 0.5, "one restart:\nno stability", transform=axes[3].transAxes,
                     ha="center", va="center", color="0.4")  # fmt: skip
    fig.tight_layout()
    return fig
