"""The headline figure: how the outlets treat one target, in four aligned panels."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from framelab.config import Outlet
from framelab.figures.style import FRAGILE_ALPHA, FULL_WIDTH_IN

__all__ = ["headline_figure"]


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
) -> tuple[plt.Figure, pd.DataFrame]:
    """Per outlet (rows): mention rate, stance with CI, top collocates and co-occurring frames.

    Returns
    -------
    figure, DataFrame
        The figure and one long table of every number drawn (``panel, outlet, key, value,
        low, high, n``).
    """
    order = [o for o in outlets if o in set(rates["outlet"])]
    ys = {o: len(order) - 1 - i for i, o in enumerate(order)}
    fig, axes = plt.subplots(
        1, 4, figsize=(FULL_WIDTH_IN, 2.2 + 0.4 * len(order)),
        gridspec_kw={"width_ratios": [1, 1.2, 1.3, 1.6]}, sharey=True,
    )  # fmt: skip
    drawn: list[dict] = []
    ax = axes[0]
    for row in rates.itertuples(index=False):
        if row.outlet not in ys:
            continue
        ax.barh(ys[row.outlet], row.rate, color=outlets[row.outlet].colour, height=0.6)
        ax.text(
            row.rate + 0.03,
            ys[row.outlet],
            f"{row.n_docs_with}/{row.n_docs}",
            va="center",
            fontsize=6,
        )
        drawn.append({"panel": "mention_rate", "outlet": row.outlet, "key": "documents",
                      "value": row.rate, "n": row.n_docs})  # fmt: skip
    ax.set_xlim(0, 1.3)
    ax.set_xlabel("Documents\nmentioning it")
    ax.set_yticks(list(ys.values()), [outlets[o].name for o in ys])
    ax = axes[1]
    rows = stance[stance["target"] == target].set_index("outlet")
    for outlet_id, y in ys.items():
        if outlet_id not in rows.index:
            ax.text(0, y, "no mentions", ha="center", va="center", fontsize=6, color="0.5")
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
    ax.set_xlabel(f"Stance\n({ci:.0%} CI over documents)")
    ax = axes[2]
    ax.set_xlim(0, 1)
    ax.set_xticks([])
    for outlet_id, y in ys.items():
        top = collocates[(collocates["outlet"] == outlet_id) & (collocates["target"] == target)]
        top = top.head(n_collocates)
        words = ", ".join(top["term"]) if len(top) else "—"
        ax.text(0.02, y, words, va="center", fontsize=6)
        for rank, term in enumerate(top["term"], start=1):
            drawn.append({"panel": "collocates", "outlet": outlet_id, "key": term, "value": rank})
    ax.set_xlabel("Top collocates\n(likelihood ratio)")
    ax.spines[["bottom"]].set_visible(False)
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
    ax.imshow(matrix, cmap="cividis", vmin=0, vmax=1, aspect="auto",
              extent=(-0.5, max(1, len(names)) - 0.5, -0.5, len(order) - 0.5))  # fmt: skip
    ax.set_xticks(range(len(names)), [n.replace("_", " ") for n in names], rotation=60,
                  ha="right", fontsize=5.5)  # fmt: skip
    ax.set_xlabel("Share of its target paragraphs\nwith each frame (per document)")
    fig.suptitle(f"How outlets treat {target.replace('_', ' ')}", x=0.01, ha="left")
    fig.tight_layout()
    columns = ["panel", "outlet", "key", "value", "low", "high", "n"]
    return fig, pd.DataFrame(drawn).reindex(columns=columns)
