"""Voices quoted by outlet: stacked shares of attributions by source type."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from framelab.config import Outlet
from framelab.figures.style import FULL_WIDTH_IN, display_name, wrap

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
    totals = table.drop_duplicates("outlet").set_index("outlet")
    labels = [wrap(f"{outlets[o].name} ({_counts(totals.loc[o])})", 40) for o in reversed(present)]
    row_in = 0.3 if any("\n" in label for label in labels) else 0.2
    fig, ax = plt.subplots(
        figsize=(FULL_WIDTH_IN, 1.3 + row_in * max(len(present), 1)), layout="constrained"
    )
    for y, outlet_id in enumerate(reversed(present)):
        left = 0.0
        for group in groups:
            share = float(wide.loc[outlet_id].get(group, 0.0))
            ax.barh(y, share, left=left, color=colours[group], edgecolor="white", lw=0.4)
            left += share
    ax.set_yticks(range(len(present)), labels)
    ax.set_xlim(0, 1)
    ax.set_xlabel("Share of attributions")
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[g]) for g in groups]
    n_rest = sum(1 for t, g in drawn_as.items() if g == REST and t != REST)
    names = [f"{n_rest} rarer types" if g == REST else display_name(g) for g in groups]
    fig.legend(handles, names, ncol=min(5, max(1, len(names))), frameon=False,
               loc="outside lower center")  # fmt: skip
    if not present:
        ax.text(0.5, 0.5, "No attributions found", ha="center", va="center",
                transform=ax.transAxes)  # fmt: skip
    ax.set_title("Voices quoted, by source type")
    ax.tick_params(axis="y", length=0)
    data = data.sort_values(["outlet", "source_type"])
    return fig, data.reset_index(drop=True)


def _counts(row: pd.Series) -> str:
    """``n = 1,234 quotes, 56 docs``, with no line break inside a count."""
    docs = "doc" if row["n_docs"] == 1 else "docs"
    nbsp = "\u00a0"
    return (
        f"n{nbsp}={nbsp}{int(row['n_attributions']):,}{nbsp}quotes, "
        f"{int(row['n_docs']):,}{nbsp}{docs}"
    )
