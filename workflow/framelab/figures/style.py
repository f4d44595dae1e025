"""One look for every figure: journal sizes, readable fonts, outlet colours, byte-stable files."""

from __future__ import annotations

import colorsys
import contextlib
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import to_hex, to_rgb  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

from framelab.display import display_name  # noqa: E402
from framelab.figures.manifest import CAPTION_DIR, caption_text  # noqa: E402
from framelab.io import atomic_path, write_csv, write_text  # noqa: E402

__all__ = [
    "CAPTION_DIR",
    "COLUMN_WIDTH_IN",
    "FULL_WIDTH_IN",
    "FRAGILE_ALPHA",
    "MIN_FONT_PT",
    "display_name",
    "figure_style",
    "freeze_layout",
    "grid_shape",
    "render_figure",
    "save_figure",
    "text_colour",
    "wrap",
    "wrap_titles",
    "wrap_to",
]

_CAPTION_SUFFIX = ".caption.txt"
MM_PER_IN = 25.4
COLUMN_WIDTH_IN = 85 / MM_PER_IN  # one journal column
FULL_WIDTH_IN = 175 / MM_PER_IN  # two columns
MIN_FONT_PT = 7  # the smallest text at print size
FRAGILE_ALPHA = 0.45  # estimates resting on too few documents are drawn faded

_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 8,
    "axes.titlelocation": "left",
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "figure.titlesize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 0.6,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "lines.linewidth": 1.0,
    "pdf.fonttype": 42,  # embed TrueType so text stays text in the PDF
    "svg.fonttype": "none",
    "svg.hashsalt": "framelab",
    "path.simplify": False,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.02,
}
_METADATA = {
    "pdf": {"CreationDate": None, "ModDate": None},
    "svg": {"Date": None},
    "png": {"Software": None},
}


def text_colour(colour: str, *, min_contrast: float = 4.5) -> str:
    """``colour`` darkened (same hue) until text in it reads on white: a WCAG contrast ratio of
    at least ``min_contrast``. Dark colours come back unchanged, as hex."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*to_rgb(colour))
    while lightness > 0 and _contrast_on_white(colorsys.hls_to_rgb(hue, lightness, saturation)) < (
        min_contrast
    ):
        lightness = max(0.0, lightness - 0.02)
    return to_hex(colorsys.hls_to_rgb(hue, lightness, saturation))


def _contrast_on_white(rgb: Sequence[float]) -> float:
    """WCAG 2 contrast ratio of ``rgb`` against white."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters (a longer word stays whole)."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def wrap_to(text: str, width_in: float, fontsize: float) -> str:
    """``text`` wrapped to lines that fit ``width_in`` inches at ``fontsize`` points (an
    average DejaVu Sans character is taken as 0.6 of the font size wide)."""
    return wrap(text, max(8, int(width_in * 72 / (0.6 * fontsize))))


def wrap_titles(fig: plt.Figure, titles: Mapping[plt.Axes, str], *, fontsize: float = 8) -> None:
    """Set each axes' left-aligned title, broken into lines no wider than the axes once the
    figure is laid out (measured with the renderer, not guessed)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    font = FontProperties(family=_RC["font.family"], size=fontsize)
    for ax, title in titles.items():
        width = ax.get_window_extent(renderer).width
        lines: list[str] = []
        for word in title.split():
            trial = f"{lines[-1]} {word}" if lines else word
            if lines and renderer.get_text_width_height_descent(trial, font, False)[0] <= width:
                lines[-1] = trial
            else:
                lines.append(word)
        ax.set_title("\n".join(lines), loc="left", fontsize=fontsize)


def grid_shape(n_panels: int, *, max_cols: int = 3) -> tuple[int, int]:
    """Rows and columns of small multiples on a double-column page: one column for one
    panel, two up to six panels, then ``max_cols``."""
    n_cols = 1 if n_panels <= 1 else 2 if n_panels <= 6 or max_cols < 3 else max_cols
    return max(1, -(-n_panels // n_cols)), n_cols


def freeze_layout(fig: plt.Figure) -> None:
    """Let the figure's layout engine place everything once, then keep it: labels placed in
    display space afterwards stay where they were put."""
    fig.canvas.draw()
    fig.set_layout_engine("none")


@contextlib.contextmanager
def figure_style() -> Iterator[None]:
    """Apply the house style for the duration of the block."""
    with plt.rc_context(_RC):
        yield


def save_figure(
    fig: plt.Figure,
    paths: Sequence[str | Path],
    *,
    csv: str | Path,
    data: pd.DataFrame,
    dpi: int = 300,
    config: Mapping[str, Any] | None = None,
) -> None:
    """Write ``fig`` to each path (format from the suffix) and ``data`` to ``csv``.

    A path ending in ``.caption.txt`` receives the figure's caption, ``workflow/report/<name>.rst``
    rendered with the study's ``config`` (:func:`caption_text`), the same text the report
    shows. The files carry no timestamps, so the same figure gives the same bytes on every run.
    """
    for path in map(Path, paths):
        if path.name.endswith(_CAPTION_SUFFIX):
            name = path.name.removesuffix(_CAPTION_SUFFIX)
            write_text(caption_text(name, config) + "\n", path)
            continue
        fmt = path.suffix.lstrip(".")
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format=fmt, dpi=dpi, metadata=_METADATA.get(fmt))
    write_csv(data, csv)
    plt.close(fig)


def render_figure(
    build: Callable[[], tuple[plt.Figure, pd.DataFrame]],
    paths: Sequence[str | Path],
    *,
    csv: str | Path,
    dpi: int = 300,
    config: Mapping[str, Any] | None = None,
) -> None:
    """Draw a figure in the house style with ``build`` (returning the figure and the numbers
    it shows) and write it to ``paths``, its numbers to ``csv`` and its caption rendered with
    ``config``."""
    with figure_style():
        fig, data = build()
        save_figure(fig, paths, csv=csv, data=data, dpi=dpi, config=config)
