"""Frame profile by outlet: prevalence of each dictionary frame with its interval."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from framelab.config import Outlet
from framelab.figures.style import FULL_WIDTH_IN

__all__ = ["frame_profile_figure"]


def frame_profile_figure(
    table: pd.DataFrame, outlets: dict[str, Outlet], *, ci: float
) -> tuple[plt.Figure, pd.DataFrame]:
    """Heatmap of frame prevalence (share of documents using the frame), outlets by frames;
    each cell states the share and its interval (or n = 1).

    Returns
    -------
    figure, DataFrame
        The figure and the rows drawn.
    """
    present = [o for o in outlets if o in set(table["outlet"])]
    frames = sorted(table["frame"].unique())
    lookup = table.set_index(["outlet", "frame"])
    matrix = np.array([[lookup.loc[(o, f), "prevalence"] for f in frames] for o in present])
    fig, ax = plt.subplots(figsize=(FULL_WIDTH_IN, 0.9 + 0.42 * len(present)))
    image = ax.imshow(matrix, cmap="cividis", vmin=0, vmax=1, aspect="auto")
    for i, outlet_id in enumerate(present):
        for j, frame in enumerate(frames):
            row = lookup.loc[(outlet_id, frame)]
            interval = f"\n[{row['low']:.2f}, {row['high']:.2f}]" if np.isfinite(row["low"]) else ""
            shade = "white" if row["prevalence"] < 0.6 else "black"
            label = f"{row['prevalence']:.2f}{interval}"
            ax.text(j, i, label, ha="center", va="center", fontsize=5.5, color=shade)
    n_docs = table.drop_duplicates("outlet").set_index("outlet")["n_docs"]
    ax.set_yticks(range(len(present)), [f"{outlets[o].name} (n = {n_docs[o]})" for o in present])
    ax.set_xticks(
        range(len(frames)), [f.replace("_", " ") for f in frames], rotation=35, ha="right"
    )
    ax.spines[:].set_visible(False)
    bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.01)
    bar.set_label("Share of documents using the frame")
    ax.set_title(f"Frame profile by outlet ({ci:.0%} bootstrap CI over documents)", loc="left")
    fig.tight_layout()
    return fig, table[table["outlet"].isin(present)].sort_values(["outlet", "frame"]).reset_index(
        drop=True
    )
