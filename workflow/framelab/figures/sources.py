"""Voices quoted by outlet: stacked shares of attributions by source type."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from framelab.config import Outlet
from framelab.figures.style import FULL_WIDTH_IN

__all__ = ["SOURCE_COLOURS", "voices_figure"]

# Okabe-Ito plus greys: distinguishable for colour-blind readers, unknown always grey
SOURCE_COLOURS = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
    "#000000", "#999999", "#DDDDDD",
]  # fmt: skip


def voices_figure(
    table: pd.DataFrame, outlets: dict[str, Outlet]
) -> tuple[plt.Figure, pd.DataFrame]:
    """Horizontal stacked bars: for each outlet, the share of its attributions by source type,
    with the number of attributions and documents in the label.

    Returns
    -------
    figure, DataFrame
        The figure and the rows drawn.
    """
    present = [o for o in outlets if o in set(table["outlet"])]
    types = sorted(t for t in table["source_type"].unique() if t != "unknown")
    if "unknown" in set(table["source_type"]):
        types.append("unknown")
    colours = {t: SOURCE_COLOURS[i % (len(SOURCE_COLOURS) - 1)] for i, t in enumerate(types)}
    colours["unknown"] = SOURCE_COLOURS[-1]
    fig, ax = plt.subplots(figsize=(FULL_WIDTH_IN, 1.6 + 0.35 * len(present)))
    wide = table.pivot_table(index="outlet", columns="source_type", values="share", fill_value=0)
    for y, outlet_id in enumerate(reversed(present)):
        left = 0.0
        for source_type in types:
            share = float(wide.loc[outlet_id].get(source_type, 0.0))
            ax.barh(y, share, left=left, color=colours[source_type], edgecolor="white", lw=0.4)
            left += share
    totals = table.drop_duplicates("outlet").set_index("outlet")
    labels = [
        f"{outlets[o].name} (n = {int(totals.loc[o, 'n_attributions'])} quotes, "
        f"{int(totals.loc[o, 'n_docs'])} doc{'' if totals.loc[o, 'n_docs'] == 1 else 's'})"
        for o in reversed(present)
    ]
    ax.set_yticks(range(len(present)), labels)
    ax.set_xlim(0, 1)
    ax.set_xlabel("Share of attributions")
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[t]) for t in types]
    below = -0.3 - 0.6 / max(len(present), 1)
    ax.legend(handles, [t.replace("_", " ") for t in types], ncol=4, frameon=False,
              loc="upper center", bbox_to_anchor=(0.5, below))  # fmt: skip
    if not present:
        ax.text(0.5, 0.5, "No attributions found", ha="center", va="center",
                transform=ax.transAxes)  # fmt: skip
    ax.set_title("Voices quoted, by source type", loc="left")
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    data = table[table["outlet"].isin(present)].sort_values(["outlet", "source_type"])
    return fig, data.reset_index(drop=True)
