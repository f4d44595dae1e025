"""Frame profile by outlet: prevalence of each dictionary frame with its interval."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from framelab.config import Outlet
from framelab.figures.cells import annotate_cells
from framelab.figures.style import FULL_WIDTH_IN, display_name, freeze_layout, wrap

__all__ = ["frame_profile_figure"]


def frame_profile_figure(
    table: pd.DataFrame,
    outlets: dict[str, Outlet],
    *,
    ci: float,
    frame_labels: Mapping[str, str] | None = None,
) -> tuple[plt.Figure, pd.DataFrame]:
    """Heatmap of frame prevalence (share of documents using the frame), outlets by frames,
    with a colour scale; each cell states the share and, where it fits, its interval. Frames
    are named by ``frame_labels`` (the lexicon's display names).

    Returns
    -------
    figure, DataFrame
        The figure and the rows drawn, with ``interval`` (as text) and ``interval_drawn``.
    """
    present = [o for o in outlets if o in set(table["outlet"])]
    frames = sorted(table["frame"].unique())
    lookup = table.set_index(["outlet", "frame"])
    matrix = np.array([[lookup.loc[(o, f), "prevalence"] for f in frames] for o in present])
    fig, ax = plt.subplots(figsize=(FULL_WIDTH_IN, 1.6 + 0.32 * len(present)), layout="constrained")
    top = float(np.nanmax(matrix)) if np.isfinite(matrix).any() else 1.0
    vmax = min(1.0, max(0.1, np.ceil(top * 10) / 10))  # the scale spans the shares drawn
    image = ax.imshow(matrix, cmap="cividis", vmin=0, vmax=vmax, aspect="auto")
    n_docs = table.drop_duplicates("outlet").set_index("outlet")["n_docs"]
    ax.set_yticks(
        range(len(present)),
        [wrap(f"{outlets[o].name} (n\u00a0=\u00a0{n_docs[o]:,})", 34) for o in present],
    )
    names = [wrap(display_name(f, frame_labels), 16) for f in frames]
    ax.set_xticks(range(len(frames)), names, rotation=90)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    bar = fig.colorbar(image, ax=ax, shrink=0.9, pad=0.01)
    bar.set_label("Share of documents\nusing the frame")
    ax.set_title(f"Frame profile by outlet ({ci:.0%} interval over documents)")
    freeze_layout(fig)
    cells = [(i, j) for i in range(len(present)) for j in range(len(frames))]
    rows = [lookup.loc[(present[i], frames[j])] for i, j in cells]
    intervals = [
        f"[{r['low']:.2f}, {r['high']:.2f}]" if np.isfinite(r["low"]) else "" for r in rows
    ]
    drawn = annotate_cells(ax, image, cells, [f"{r['prevalence']:.2f}" for r in rows], intervals)
    data = pd.DataFrame([r.to_dict() for r in rows])
    data.insert(0, "frame", [frames[j] for _, j in cells])
    data.insert(0, "outlet", [present[i] for i, _ in cells])
    data["interval"] = intervals
    data["interval_drawn"] = drawn
    return fig, data.sort_values(["outlet", "frame"]).reset_index(drop=True)
