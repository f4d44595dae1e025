"""Voices quoted by outlet: stacked shares of attributions by source type."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from framelab.config import Outlet
from framelab.figures.style import FULL_WIDTH_IN

__all__ = ["MAX_NAMED_TYPES", "SOURCE_COLOURS", "UNTYPED_COLOURS", "voices_figure"]

# Okabe-Ito, distinguishable for colour-blind readers: one colour per drawn type
SOURCE_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
# the types drawn in grey, always last: the rarer types together, then what is not typed
REST = "rest"
UNTYPED_COLOURS = {REST: "#666666", "pronoun_unresolved": "#BBBBBB", "unknown": "#DDDDDD"}
MAX_NAMED_TYPES = len(SOURCE_COLOURS)


def _drawn_types(table: pd.DataFrame) -> tuple[list[str], dict[str, str]]:
    """The types drawn in colour (the most frequent over all outlets, at most
    ``MAX_NAMED_TYPES``) and the name each type is drawn under."""
    named = table[~table["source_type"].isin(UNTYPED_COLOURS)]
    totals = named.groupby("source_type")["n"].sum()
    ranked = sorted(totals.index, key=lambda t: (-totals[t], t))
    keep = ranked if len(ranked) <= MAX_NAMED_TYPES else ranked[: MAX_NAMED_TYPES - 1]
    drawn_as = {t: (t if t in keep else REST) for t in totals.index}
    drawn_as.update({t: t for t in UNTYPED_COLOURS if t in set(table["source_type"])})
    return keep, drawn_as


def voices_figure(
    table: pd.DataFrame, outlets: dict[str, Outlet]
) -> tuple[plt.Figure, pd.DataFrame]:
    """Horizontal stacked bars: for each outlet, the share of its attributions by source type,
    with the number of attributions and documents in the label.

    The most frequent types are drawn in colour (in order of frequency over all outlets); the
    rarer ones together as "rest" (the CSV keeps each type and the group it is drawn in);
    ``pronoun_unresolved`` and ``unknown`` come last, in light greys.

    Returns
    -------
    figure, DataFrame
        The figure and the rows drawn, with the column ``drawn_as``.
    """
    present = [o for o in outlets if o in set(table["outlet"])]
    keep, drawn_as = _drawn_types(table)
    data = table[table["outlet"].isin(present)].copy()
    data["drawn_as"] = data["source_type"].map(drawn_as)
    groups = keep + [g for g in UNTYPED_COLOURS if g in set(data["drawn_as"])]
    colours = {**dict(zip(keep, SOURCE_COLOURS, strict=False)), **UNTYPED_COLOURS}
    wide = data.pivot_table(index="outlet", columns="drawn_as", values="share", aggfunc="sum")
    wide = wide.fillna(0.0)
    height = 0.9 + 0.35 * max(len(present), 1)
    fig, (ax, key) = plt.subplots(
        2, 1, figsize=(FULL_WIDTH_IN, height + 0.9), height_ratios=[height, 0.9]
    )
    for y, outlet_id in enumerate(reversed(present)):
        left = 0.0
        for group in groups:
            share = float(wide.loc[outlet_id].get(group, 0.0))
            ax.barh(y, share, left=left, color=colours[group], edgecolor="white", lw=0.4)
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
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[g]) for g in groups]
    n_rest = sum(1 for t, g in drawn_as.items() if g == REST and t != REST)
    names = [f"{n_rest} rarer types" if g == REST else g.replace("_", " ") for g in groups]
    key.axis("off")
    key.legend(handles, names, ncol=3, frameon=False, loc="center")
    if not present:
        ax.text(0.5, 0.5, "No attributions found", ha="center", va="center",
                transform=ax.transAxes)  # fmt: skip
    ax.set_title("Voices quoted, by source type", loc="left")
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    data = data.sort_values(["outlet", "source_type"])
    return fig, data.reset_index(drop=True)
