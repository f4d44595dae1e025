"""Numbers written into heatmap cells only where they fit the cell."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.font_manager import FontProperties
from matplotlib.image import AxesImage

__all__ = ["annotate_cells"]

_FILL = 0.9  # share of a cell's width and height the text may take


def annotate_cells(
    ax: plt.Axes,
    image: AxesImage,
    cells: Sequence[tuple[int, int]],
    estimates: Sequence[str],
    intervals: Sequence[str],
    *,
    fontsize: float = 7,
) -> list[bool]:
    """Write each cell's estimate and, below it, its interval, in black or white as the cell's
    colour needs. All cells are written alike: with intervals when every cell has room for
    both lines, with estimates only when not, and empty when even the estimates do not fit
    (the numbers are then only in the figure's CSV). Call once the layout is final.

    Parameters
    ----------
    cells : sequence of (row, column)
        The cells, in the image's data coordinates (cell centres at integers).

    Returns
    -------
    list of bool
        Whether each cell's interval was written.
    """
    if not len(cells):
        return []
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    origin = ax.transData.transform((0, 0))
    cell_w, cell_h = np.abs(ax.transData.transform((1, 1)) - origin)
    font = FontProperties(family="DejaVu Sans", size=fontsize)

    def fits(text: str) -> bool:
        lines = text.split("\n")
        sizes = [renderer.get_text_width_height_descent(line, font, False) for line in lines]
        width = max(w for w, _, _ in sizes)
        height = len(lines) * fontsize * 1.25 * fig.dpi / 72
        return width <= _FILL * cell_w and height <= _FILL * cell_h

    both = [f"{e}\n{i}" if i else e for e, i in zip(estimates, intervals, strict=True)]
    if all(fits(text) for text in both):
        shown, with_interval = both, [bool(i) for i in intervals]
    elif all(fits(text) for text in estimates):
        shown, with_interval = list(estimates), [False] * len(cells)
    else:
        return [False] * len(cells)
    for (row, col), text in zip(cells, shown, strict=True):
        value = image.get_array()[row, col]
        rgb = to_rgb(image.cmap(image.norm(value)))
        light = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] > 0.5
        ax.text(col, row, text, ha="center", va="center", fontsize=fontsize,
                color="black" if light else "white", linespacing=1.1)  # fmt: skip
    return with_interval
