"""Outlet similarity heatmap: Jensen-Shannon divergence with its bootstrap interval."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from framelab.config import Outlet
from framelab.figures.style import COLUMN_WIDTH_IN

__all__ = ["similarity_figure"]


def similarity_figure(
    similarity: pd.DataFrame, outlets: dict[str, Outlet], *, ci: float
) -> tuple[plt.Figure, pd.DataFrame]:
    """A symmetric heatmap of JSD between outlets, each cell annotated with its interval.

    Returns
    -------
    figure, DataFrame
        The figure and the numbers drawn: the similarity table, both directions.
    """
    present = [o for o in outlets if o in set(similarity["outlet_a"]) | set(similarity["outlet_b"])]
    flipped = similarity.rename(
        columns={
            "outlet_a": "outlet_b",
            "outlet_b": "outlet_a",
            "n_docs_a": "n_docs_b",
            "n_docs_b": "n_docs_a",
        }  # fmt: skip
    )
    both = pd.concat([similarity, flipped], ignore_index=True)
    lookup = both.set_index(["outlet_a", "outlet_b"])
    n = len(present)
    matrix = np.full((n, n), np.nan)
    for i, a in enumerate(present):
        for j, b in enumerate(present):
            if i != j:
                matrix[i, j] = lookup.loc[(a, b), "jsd"]
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH_IN * 1.25, COLUMN_WIDTH_IN * 1.05))
    image = ax.imshow(matrix, cmap="viridis", vmin=0, vmax=max(np.nanmax(matrix), 1e-9))
    n_docs = {o: int(lookup.xs(o, level="outlet_a")["n_docs_a"].iloc[0]) for o in present}
    labels = [f"{outlets[o].name}\n(n = {n_docs[o]})" for o in present]
    ax.set_xticks(range(n), labels, rotation=40, ha="right")
    ax.set_yticks(range(n), labels)
    for i, a in enumerate(present):
        for j, b in enumerate(present):
            if i == j:
                continue
            row = lookup.loc[(a, b)]
            interval = f"\n[{row['low']:.2f}, {row['high']:.2f}]" if np.isfinite(row["low"]) else ""
            shade = image.norm(matrix[i, j])
            ax.text(j, i, f"{row['jsd']:.2f}{interval}", ha="center", va="center", fontsize=6,
                    color="black" if shade > 0.6 else "white")  # fmt: skip
    bar = fig.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label("Jensen–Shannon divergence (bits)")
    ax.set_title(f"Vocabulary divergence ({ci:.0%} bootstrap CI over documents)", loc="left")
    ax.spines[:].set_visible(False)
    fig.tight_layout()
    data = both[both["outlet_a"].isin(present)].sort_values(["outlet_a", "outlet_b"])
    return fig, data.reset_index(drop=True)
