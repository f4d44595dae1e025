"""Checks of a drawn figure's text: no two pieces of text overlap, none leaves the canvas, none
is smaller than print size allows."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

import matplotlib.pyplot as plt
from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["DrawnText", "drawn_texts", "text_problems"]


@dataclass(frozen=True)
class DrawnText:
    """One piece of text as drawn: its string, size in points and box in display pixels."""

    text: str
    size: float
    box: Bbox


def drawn_texts(fig: plt.Figure) -> list[DrawnText]:
    """Every non-empty text the figure draws (titles, tick labels, legends, annotations,
    colour-bar labels, cell text), with its box, in drawing order.

    The figure is drawn once; only texts that matplotlib actually renders are returned, so a
    tick label outside the axis limits or a hidden axes adds nothing.
    """
    found: list[DrawnText] = []
    with _recording(found):
        fig.canvas.draw()
    return found


def text_problems(
    fig: plt.Figure, *, tolerance_px: float = 0.5, min_size: float | None = None
) -> list[str]:
    """What a reader would stumble on: pairs of texts whose boxes overlap by more than
    ``tolerance_px`` both ways, texts reaching outside the figure, and (with ``min_size``)
    texts smaller than ``min_size`` points. An empty list means the text lays out cleanly."""
    texts = drawn_texts(fig)
    canvas = fig.bbox
    problems = []
    for item in texts:
        box = item.box
        if (
            box.x0 < canvas.x0 - tolerance_px
            or box.y0 < canvas.y0 - tolerance_px
            or box.x1 > canvas.x1 + tolerance_px
            or box.y1 > canvas.y1 + tolerance_px
        ):
            problems.append(f"leaves the figure: {item.text!r} at {_show(box)}")
        if min_size is not None and item.size < min_size - 1e-9:
            problems.append(f"smaller than {min_size} pt: {item.text!r} ({item.size:g} pt)")
    for i, first in enumerate(texts):
        for second in texts[i + 1 :]:
            dx = min(first.box.x1, second.box.x1) - max(first.box.x0, second.box.x0)
            dy = min(first.box.y1, second.box.y1) - max(first.box.y0, second.box.y0)
            if dx > tolerance_px and dy > tolerance_px:
                problems.append(f"overlap: {first.text!r} and {second.text!r}")
    return problems


@contextlib.contextmanager
def _recording(found: list[DrawnText]) -> Iterator[None]:
    """Record each text matplotlib draws while the block runs."""
    original = Text.draw

    def draw(self: Text, renderer) -> None:  # noqa: ANN001 - matplotlib's renderer
        original(self, renderer)
        if self.get_visible() and self.get_text().strip():
            box = self.get_window_extent(renderer)
            found.append(DrawnText(self.get_text(), float(self.get_fontsize()), box))

    Text.draw = draw
    try:
        yield
    finally:
        Text.draw = original


def _show(box: Bbox) -> str:
    return f"({box.x0:.0f}, {box.y0:.0f})-({box.x1:.0f}, {box.y1:.0f}) px"
