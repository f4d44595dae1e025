"""One look for every figure: journal sizes, readable fonts, outlet colours, byte-stable files."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from framelab.figures.manifest import CAPTION_DIR, caption_path  # noqa: E402
from framelab.io import atomic_path, write_csv, write_text  # noqa: E402

__all__ = [
    "CAPTION_DIR",
    "COLUMN_WIDTH_IN",
    "FULL_WIDTH_IN",
    "FRAGILE_ALPHA",
    "figure_style",
    "render_figure",
    "save_figure",
]

_CAPTION_SUFFIX = ".caption.txt"
MM_PER_IN = 25.4
COLUMN_WIDTH_IN = 85 / MM_PER_IN  # one journal column
FULL_WIDTH_IN = 174 / MM_PER_IN  # two columns
FRAGILE_ALPHA = 0.45  # estimates resting on too few documents are drawn faded

_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 8,
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
) -> None:
    """Write ``fig`` to each path (format from the suffix) and ``data`` to ``csv``.

    A path ending in ``.caption.txt`` receives the figure's caption, the text of
    ``workflow/report/<name>.rst``. The files carry no timestamps, so the same figure gives the
    same bytes on every run.
    """
    for path in map(Path, paths):
        if path.name.endswith(_CAPTION_SUFFIX):
            name = path.name.removesuffix(_CAPTION_SUFFIX)
            caption = caption_path(name).read_text(encoding="utf-8")
            write_text(" ".join(caption.split()) + "\n", path)
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
) -> None:
    """Draw a figure in the house style with ``build`` (returning the figure and the numbers
    it shows) and write it to ``paths`` and its numbers to ``csv``."""
    with figure_style():
        fig, data = build()
        save_figure(fig, paths, csv=csv, data=data, dpi=dpi)
