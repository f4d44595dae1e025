"""The headline figure: how the outlets treat one target, in four aligned panels."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.font_manager import FontProperties

from framelab.config import Outlet
from framelab.figures.style import (
    FRAGILE_ALPHA,
    FULL_WIDTH_IN,
    display_name,
    freeze_layout,
    wrap,
)

__all__ = ["headline_figure"]

_NONE = "no mentions"
_SMALL = 7  # points: panel text


def headline_figure(
    target: str,
    rates: pd.DataFrame,
    stance: pd.DataFrame,
    collocates: pd.DataFrame,
    frames: pd.DataFrame,
    outlets: dict[str, Outlet],
    *,
    ci: float,
    n_collocates: int = 5,
    target_labels: Mapping[str, str] | None = None,
    frame_labels: Mapping[str, str] | None = None,
) -> tuple[plt.Figure, pd.DataFrame]:
    """Per outlet (rows): mention rate, stance with CI, top collocates and co-occurring frames
    (with a colour scale). An outlet that never mentions the target reads "no mentions" in
    every panel; collocates are written as many as fit their panel (at most ``n_collocates``).

    Returns
    -------
    figure, DataFrame
        The figure and one long table of every number drawn (``panel, outlet, key, value,
        low, high, n, drawn``): ``drawn`` is False for a collocate left out for room.
    """
    order = [o for o in outlets if o in set(rates["outlet"])]
    ys = {o: len(order) - 1 - i for i, o in enumerate(order)}
    mentioned = {row.outlet for row in rates.itertuples(index=False) if row.n_docs_with > 0} & set(
        ys
    )
    fig, axes = plt.subplots(
        1, 4, figsize=(FULL_WIDTH_IN, 2.4 + 0.3 * len(order)),
        gridspec_kw={"width_ratios": [0.8, 1.0, 1.7, 1.6]}, sharey=True, layout="constrained",
    )  # fmt: skip
    drawn: list[dict] = []
    ax = axes[0]
    for row in rates.itertuples(index=False):
        if row.outlet not in ys:
            continue
        ax.barh(ys[row.outlet], row.rate, color=outlets[row.outlet].colour, height=0.6)
        ax.text(row.rate + 0.03, ys[row.outlet], f"{row.n_docs_with}/{row.n_docs}",
                va="center", fontsize=_SMALL)  # fmt: skip
        drawn.append({"panel": "mention_rate", "outlet": row.outlet, "key": "documents",
                      "value": row.rate, "n": row.n_docs})  # fmt: skip
    ax.set_xlim(0, 1.6)
    ax.set_xticks([0, 0.5, 1], ["0", "0.5", "1"])
    ax.set_xlabel("Documents\nmentioning it")
    ax.set_yticks(list(ys.values()), [wrap(outlets[o].name, 24) for o in ys])
    ax.tick_params(axis="y", length=0)
    ax = axes[1]
    rows = stance[stance["target"] == target].set_index("outlet")
    for outlet_id, y in ys.items():
        if outlet_id not in rows.index:
            ax.text(0, y, _NONE, ha="center", va="center", fontsize=_SMALL, color="0.4")
            continue
        row = rows.loc[outlet_id]
        colour, alpha = outlets[outlet_id].colour, FRAGILE_ALPHA if row["fragile"] else 1.0
        if np.isfinite(row["low"]):
            ax.plot([row["low"], row["high"]], [y, y], color=colour, alpha=alpha)
        ax.plot(row["mean"], y, "o", color=colour, alpha=alpha, ms=4.5,
                markerfacecolor=colour if np.isfinite(row["low"]) else "white")  # fmt: skip
        drawn.append({"panel": "stance", "outlet": outlet_id, "key": "mean", "value": row["mean"],
                      "low": row["low"], "high": row["high"], "n": row["n_docs"]})  # fmt: skip
    ax.axvline(0, color="0.6", lw=0.6)
    ax.set_xlim(-1, 1)
    ax.set_xlabel(f"Stance (mean,\n{ci:.0%} interval)")
    collocate_ax = axes[2]
    collocate_ax.set_xlim(0, 1)
    collocate_ax.set_xticks([])
    collocate_ax.set_xlabel("Top collocates\n(likelihood ratio)")
    collocate_ax.spines[["bottom"]].set_visible(False)
    ax = axes[3]
    names = sorted(frames["frame"].unique()) if len(frames) else []
    matrix = np.full((len(order), max(1, len(names))), np.nan)
    lookup = frames.set_index(["outlet", "frame"]) if len(frames) else None
    for outlet_id, y in ys.items():
        for j, frame in enumerate(names):
            if lookup is not None and (outlet_id, frame) in lookup.index:
                cell = lookup.loc[(outlet_id, frame)]
                matrix[len(order) - 1 - y, j] = float(cell["share"])
                drawn.append(
                    {"panel": "frames", "outlet": outlet_id, "key": frame,
                     "value": float(cell["share"]), "low": cell.get("low"),
                     "high": cell.get("high"), "n": int(cell.get("n_docs", cell["n_paragraphs"]))}
                )  # fmt: skip
    top = float(np.nanmax(matrix)) if np.isfinite(matrix).any() else 1.0
    vmax = min(1.0, max(0.1, np.ceil(top * 10) / 10))  # the scale spans the shares drawn
    image = ax.imshow(matrix, cmap="cividis", vmin=0, vmax=vmax, aspect="auto",
                      extent=(-0.5, max(1, len(names)) - 0.5, -0.5, len(order) - 0.5))  # fmt: skip
    for outlet_id, y in ys.items():
        if outlet_id not in mentioned:
            ax.text((max(1, len(names)) - 1) / 2, y, _NONE, ha="center", va="center",
                    fontsize=_SMALL, color="0.4")  # fmt: skip
    ax.set_xticks(range(len(names)), [display_name(n, frame_labels) for n in names], rotation=90)
    ax.tick_params(axis="x", length=0)
    ax.spines[:].set_visible(False)
    bar = fig.colorbar(image, ax=ax, location="right", shrink=0.8, pad=0.02)
    bar.set_label("Share of target\nparagraphs with it")
    for panel in axes:
        panel.tick_params(axis="y", length=0)
    name = display_name(target, target_labels)
    fig.suptitle(wrap(f"How the outlets treat {name}", 90), x=0.01, ha="left", fontsize=9)
    freeze_layout(fig)
    for outlet_id, y in ys.items():
        top = collocates[(collocates["outlet"] == outlet_id) & (collocates["target"] == target)]
        terms = [str(t) for t in top.head(n_collocates)["term"]]
        shown = _fitting(collocate_ax, [t.replace("_", " ") for t in terms])
        text = shown or (_NONE if outlet_id not in mentioned else "no collocates")
        collocate_ax.text(0.02, y, text, va="center", fontsize=_SMALL,
                          color="0.4" if not shown else "black", linespacing=1.1)  # fmt: skip
        n_shown = shown.replace("\n", " ").count(", ") + 1 if shown else 0
        for rank, term in enumerate(terms, start=1):
            drawn.append({"panel": "collocates", "outlet": outlet_id, "key": term, "value": rank,
                          "drawn": rank <= n_shown})  # fmt: skip
    columns = ["panel", "outlet", "key", "value", "low", "high", "n", "drawn"]
    table = pd.DataFrame(drawn).reindex(columns=columns)
    table["drawn"] = table["drawn"].astype("boolean").fillna(True).astype(bool)
    return fig, table


def _fitting(ax: plt.Axes, words: list[str], *, max_lines: int = 2) -> str:
    """The first of ``words`` that fit the axes' width in at most ``max_lines`` lines,
    comma-separated."""
    renderer = ax.figure.canvas.get_renderer()
    width = 0.94 * ax.get_window_extent(renderer).width
    font = FontProperties(family="DejaVu Sans", size=_SMALL)

    def fits(line: str) -> bool:
        return renderer.get_text_width_height_descent(line, font, False)[0] <= width

    shown = ""
    for n in range(1, len(words) + 1):
        lines: list[str] = []
        for token in ", ".join(words[:n]).split(" "):  # a collocate may break between words
            if lines and fits(f"{lines[-1]} {token}"):
                lines[-1] = f"{lines[-1]} {token}"
            else:
                lines.append(token)
        if len(lines) > max_lines or not all(fits(line) for line in lines):
            break
        shown = "\n".join(lines)
    return shown
