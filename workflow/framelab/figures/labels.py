"""Point labels that never overlap: a greedy placement tried in priority order."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
from matplotlib.transforms import Bbox

__all__ = ["place_labels"]

# offsets in points: right, left, above, below, then the diagonals
_OFFSETS = [(4, 0), (-4, 0), (0, 4), (0, -4), (4, 4), (-4, 4), (4, -4), (-4, -4)]
_ALIGN = {
    (4, 0): ("left", "center"),
    (-4, 0): ("right", "center"),
    (0, 4): ("center", "bottom"),
    (0, -4): ("center", "top"),
    (4, 4): ("left", "bottom"),
    (-4, 4): ("right", "bottom"),
    (4, -4): ("left", "top"),
    (-4, -4): ("right", "top"),
}


def place_labels(
    ax: plt.Axes,
    xs: Sequence[float],
    ys: Sequence[float],
    texts: Sequence[str],
    *,
    color: str = "black",
    fontsize: float = 6.5,
) -> list[bool]:
    """Label points in the order given (most important first), skipping any label that
    would overlap an earlier one or leave the axes.

    Returns
    -------
    list of bool
        Whether each point got its label.
    """
    fig = ax.figure
    fig.canvas.draw()  # fixes the layout so extents are final
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed: list[Bbox] = []
    labelled = []
    for x, y, text in zip(xs, ys, texts, strict=True):
        done = False
        for offset in _OFFSETS:
            ha, va = _ALIGN[offset]
            artist = ax.annotate(
                text, (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
                fontsize=fontsize, color=color,
            )  # fmt: skip
            box = artist.get_window_extent(renderer).expanded(1.05, 1.1)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                done = True
                break
            artist.remove()
        labelled.append(done)
    return labelled
