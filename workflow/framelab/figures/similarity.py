"""Outlet similarity heatmap: Jensen-Shannon divergence with its bootstrap interval, one
triangle (each pair once)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from framelab.config import Outlet
from framelab.figures.cells import annotate_cells
from framelab.figures.style import (
    COLUMN_WIDTH_IN,
    FULL_WIDTH_IN,
    freeze_layout,
    wrap,
    wrap_to,
)

__all__ = ["similarity_figure"]


def similarity_figure(
    similarity: pd.DataFrame, outlets: dict[str, Outlet], *, ci: float
) -> tuple[plt.Figure, pd.DataFrame]:
    """The lower triangle of the JSD matrix between outlets: each pair drawn once, its cell
    stating the estimate and, where it fits the cell, the interval.

    Returns
    -------
    figure, DataFrame
        The figure and the numbers drawn: the similarity table, one row per pair in the
        drawn order, with ``interval`` (the interval as text) and ``interval_drawn`` (whether
        it fits its cell; otherwise it is only in this table).
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
    rows_of, cols_of = present[1:], present[:-1]  # row i pairs with the columns before it
    n = max(1, len(rows_of))
    matrix = np.full((n, n), np.nan)
    pairs = []
    for i, a in enumerate(rows_of):
        for j, b in enumerate(cols_of[: i + 1]):
            matrix[i, j] = lookup.loc[(a, b), "jsd"]
            pairs.append((i, j, a, b))
    width = COLUMN_WIDTH_IN if len(present) <= 5 else FULL_WIDTH_IN
    fig, ax = plt.subplots(figsize=(width, width * 0.9 + 0.6), layout="constrained")
    top = np.nanmax(matrix) if np.isfinite(matrix).any() else 1.0
    image = ax.imshow(matrix, cmap="viridis", vmin=0, vmax=max(top, 1e-9))
    n_docs = {o: int(lookup.xs(o, level="outlet_a")["n_docs_a"].iloc[0]) for o in present}
    label = {o: wrap(f"{outlets[o].name} (n\u00a0=\u00a0{n_docs[o]:,})", 28) for o in present}
    ax.set_xticks(range(len(cols_of)), [label[o] for o in cols_of], rotation=90)
    ax.set_yticks(range(len(rows_of)), [label[o] for o in rows_of])
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    # a single pair's one cell leaves no height beside it for an upright scale
    location = "right" if len(present) > 2 else "bottom"
    bar = fig.colorbar(image, ax=ax, shrink=0.7, location=location)
    bar.set_label(
        "Jensen–Shannon\ndivergence (bits)"
        if location == "right"
        else "Jensen–Shannon divergence (bits)"
    )
    title = f"Vocabulary divergence between outlets ({ci:.0%} interval over documents)"
    fig.suptitle(wrap_to(title, width - 0.2, 8), x=0.02, ha="left", fontsize=8)
    freeze_layout(fig)
    estimates = [f"{lookup.loc[(a, b), 'jsd']:.2f}" for _, _, a, b in pairs]
    intervals = [_interval(lookup.loc[(a, b)]) for _, _, a, b in pairs]
    drawn = annotate_cells(ax, image, [(i, j) for i, j, _, _ in pairs], estimates, intervals)
    data = pd.DataFrame(
        [lookup.loc[(a, b)].to_dict() | {"outlet_a": a, "outlet_b": b} for _, _, a, b in pairs],
    )
    data = data[
        ["outlet_a", "outlet_b", *[c for c in both.columns if c not in ("outlet_a", "outlet_b")]]
    ]
    data["interval"] = intervals
    data["interval_drawn"] = [bool(d) and bool(t) for d, t in zip(drawn, intervals, strict=True)]
    return fig, data.reset_index(drop=True)


def _interval(row: pd.Series) -> str:
    """``[low, high]`` to two decimals, or "" without an interval."""
    return f"[{row['low']:.2f}, {row['high']:.2f}]" if np.isfinite(row["low"]) else ""
