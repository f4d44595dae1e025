"""Point labels that never overlap, placed by textalloc (Kjellson's greedy allocator)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import textalloc

__all__ = ["place_labels"]


def place_labels(
    ax: plt.Axes,
    xs: Sequence[float],
    ys: Sequence[float],
    texts: Sequence[str],
    *,
    color: str = "black",
    fontsize: float = 7,
    avoid_x: Sequence[float] | None = None,
    avoid_y: Sequence[float] | None = None,
) -> list[bool]:
    """Label points in the order given (most important first) near their point, with a thin
    leader line when moved away; a label that finds no free place inside the axes is left
    out. Call after the figure's layout is final: the places are computed in display space.

    Parameters
    ----------
    avoid_x, avoid_y : sequence of float, optional
        Further points (e.g. every point of the scatter) that labels must not cover.

    Returns
    -------
    list of bool
        Whether each point got its label.
    """
    if not len(texts):
        return []
    scatter = {}
    if avoid_x is not None and avoid_y is not None and len(avoid_x):
        scatter = {"x_scatter": np.asarray(avoid_x, float), "y_scatter": np.asarray(avoid_y, float)}
    with contextlib.redirect_stdout(io.StringIO()):  # it prints when nothing fits
        _, _, drawn, _ = textalloc.allocate(
            ax, np.asarray(xs, float), np.asarray(ys, float), list(texts), **scatter,
            textsize=fontsize, textcolor=color, linecolor=color, linewidth=0.4,
            draw_all=False, margin=0.004, min_distance=0.01, max_distance=0.12,
            nbr_candidates=150, avoid_label_lines_overlap=True, clip_on=True,
        )  # fmt: skip
    return [artist is not None for artist in drawn]
