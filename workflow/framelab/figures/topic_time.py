"""Topic prevalence over time per outlet, or a note saying why there is no time series."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MultipleLocator

from framelab.config import Outlet
from framelab.figures.style import FRAGILE_ALPHA, FULL_WIDTH_IN, grid_shape, wrap, wrap_titles

MAX_LINES = 3  # more outlets than this: one small heatmap per outlet instead of tangled lines

__all__ = ["period_position", "topic_time_data", "topic_time_figure"]


def topic_time_data(time: pd.DataFrame, topic_words: pd.DataFrame) -> pd.DataFrame:
    """The numbers drawn: the time table with topic labels and whether the topic is suspect
    (or its one-row note)."""
    firsts = topic_words.drop_duplicates("topic").set_index("topic")
    labels = firsts["label"]
    suspect = firsts["suspect"].astype(bool) if "suspect" in firsts else labels.map(lambda _: False)
    data = time.copy()
    data.insert(data.columns.get_loc("topic") + 1, "label", data["topic"].map(labels))
    data.insert(
        data.columns.get_loc("label") + 1,
        "suspect",
        data["topic"].map(suspect).fillna(False).astype(bool),
    )
    return data


def topic_time_figure(data: pd.DataFrame, outlets: dict[str, Outlet], *, ci: float) -> plt.Figure:
    """One panel per topic: mean share per outlet and period with bootstrap CIs, each
    period at its middle on a time axis (years apart as far as they are in time).

    Periods without an interval (one document) are hollow; fragile estimates are faded;
    suspect topics are drawn faded in grey, "(suspect)" in their panel title.
    """
    notes = data["note"].fillna("").astype(str)
    if notes.ne("").all():
        fig, ax = plt.subplots(figsize=(FULL_WIDTH_IN * 0.6, 1.2))
        ax.text(0.5, 0.5, "Topics over time not drawn:\n" + notes.iloc[0], ha="center",
                va="center", wrap=True)  # fmt: skip
        ax.set_axis_off()
        return fig
    topics = sorted(data["topic"].astype(int).unique())
    periods = sorted(data["period"].astype(str).unique())
    present = [o for o in outlets if o in set(data["outlet"])]
    if len(present) > MAX_LINES:
        return _outlet_heatmaps(data, outlets, present, topics, periods)
    x_of = {p: period_position(p) for p in periods}
    ncols = min(3, len(topics))
    nrows = -(-len(topics) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(FULL_WIDTH_IN, 1.7 * nrows + 0.9),
                             sharex=True, sharey=True, squeeze=False,
                             layout="constrained")  # fmt: skip
    firsts = data.drop_duplicates("topic").set_index("topic")
    labels = firsts["label"]
    suspect = firsts["suspect"] if "suspect" in firsts else labels.map(lambda _: False)
    titles = {}
    for ax, topic in zip(axes.flat, topics, strict=False):
        block = data[data["topic"] == topic]
        faded = bool(suspect[topic])
        for outlet_id in present:
            rows = block[block["outlet"] == outlet_id].sort_values("period")
            if rows.empty:
                continue
            colour = "0.6" if faded else outlets[outlet_id].colour
            xs = [x_of[str(p)] for p in rows["period"]]
            ax.plot(xs, rows["mean"], color=colour, lw=0.8, alpha=FRAGILE_ALPHA if faded else 1)
            for x, r in zip(xs, rows.itertuples(), strict=True):
                alpha = FRAGILE_ALPHA if bool(r.fragile) or faded else 1.0
                if np.isfinite(r.low):
                    ax.plot([x, x], [r.low, r.high], color=colour, alpha=alpha, lw=1.0)
                ax.plot(x, r.mean, marker="o", ms=3.5, ls="none", color=colour, alpha=alpha,
                        markerfacecolor=colour if np.isfinite(r.low) else "white")  # fmt: skip
        title = _short(str(labels[topic]).removesuffix(" (suspect)"))
        titles[ax] = title + " (suspect)" if faded else title
        if faded:
            ax.title.set_color("0.5")
    _time_axis(axes.flat[0], [x_of[p] for p in periods], grain=str(data["grain"].iloc[0]))
    top = np.nanmax(np.r_[data["mean"].to_numpy(float), data["high"].to_numpy(float)])
    axes.flat[0].set_ylim(0, 1.08 * top if np.isfinite(top) and top > 0 else 1)
    for ax in list(axes.flat)[len(topics) :]:
        ax.set_axis_off()
    grain = str(data["grain"].iloc[0])
    n_docs = data[data["topic"] == topics[0]].groupby("outlet")["n_docs"].sum()
    fig.legend(
        handles=[plt.Line2D([], [], color=outlets[o].colour, marker="o",
                            label=wrap(f"{outlets[o].name} (n\u00a0=\u00a0{int(n_docs[o]):,})",
                                       34)) for o in present],
        loc="outside lower center", ncol=min(3, len(present)), frameon=False,
    )  # fmt: skip
    fig.supylabel(f"Mean share ({ci:.0%} interval)", fontsize=8)
    fig.suptitle(f"Topic share per {grain}; hollow: one document, no interval", x=0.01,
                 ha="left", fontsize=8)  # fmt: skip
    wrap_titles(fig, titles)
    for ax, topic in zip(axes.flat, topics, strict=False):
        if bool(suspect[topic]):
            ax.title.set_color("0.5")
    return fig


def _outlet_heatmaps(
    data: pd.DataFrame,
    outlets: dict[str, Outlet],
    present: list[str],
    topics: list[int],
    periods: list[str],
) -> plt.Figure:
    """Small multiples, one per outlet: topics down the side, time along, colour the mean
    share of the topic in the outlet's documents of that period (blank: no documents).
    Lines of many outlets would tangle; intervals are in the CSV."""
    grain = str(data["grain"].iloc[0])
    edges = [_period_edges(p) for p in periods]
    first, last = min(e[0] for e in edges), max(e[1] for e in edges)
    n_rows, n_cols = grid_shape(len(present))
    firsts = data.drop_duplicates("topic").set_index("topic")
    suspect = firsts["suspect"] if "suspect" in firsts else firsts["label"].map(lambda _: False)
    names = {
        t: _short(str(firsts.loc[t, "label"]).removesuffix(" (suspect)"))
        + (" (suspect)" if bool(suspect[t]) else "")
        for t in topics
    }
    fig, axes = plt.subplots(
        n_rows, n_cols, figsize=(FULL_WIDTH_IN, 1.0 + n_rows * (0.45 + 0.115 * len(topics))),
        sharex=True, sharey=True, squeeze=False, layout="constrained",
    )  # fmt: skip
    top = float(np.nanmax(data["mean"].to_numpy(float))) if len(data) else 1.0
    vmax = min(1.0, max(0.1, np.ceil(top * 10) / 10))
    image = None
    titles = {}
    slots = _slots(first, last, grain)  # every period of the span, with or without documents
    x_edges = [*(_period_edges(p)[0] for p in slots), last]
    slot_of = {p: j for j, p in enumerate(slots)}
    for ax, outlet_id in zip(axes.flat, present, strict=False):
        rows = data[data["outlet"] == outlet_id]
        n_docs = int(rows[rows["topic"] == topics[0]]["n_docs"].sum())
        matrix = np.full((len(topics), len(slots)), np.nan)
        row_of = {t: i for i, t in enumerate(topics)}
        for r in rows.itertuples():
            matrix[row_of[int(r.topic)], slot_of[str(r.period)]] = r.mean
        image = ax.pcolormesh(
            x_edges, np.arange(len(topics) + 1) - 0.5, np.ma.masked_invalid(matrix),
            cmap="cividis", vmin=0, vmax=vmax,
        )  # fmt: skip
        for i, topic in enumerate(topics):
            if bool(suspect[topic]):  # faded like the other figures' suspect topics
                ax.axhspan(i - 0.5, i + 0.5, color="white", alpha=1 - FRAGILE_ALPHA, lw=0)
        docs = "document" if n_docs == 1 else "documents"
        titles[ax] = f"{outlets[outlet_id].name} (n = {n_docs:,} {docs})"
        ax.set_ylim(len(topics) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
    for ax in list(axes.flat)[len(present) :]:
        ax.set_visible(False)
    for ax in list(axes.flat)[max(0, len(present) - n_cols) : len(present)]:
        ax.tick_params(labelbottom=True)  # the lowest panel of each column carries the dates
    axes.flat[0].set_yticks(range(len(topics)), [names[t] for t in topics])
    for ax in axes[:, 0]:
        for tick, topic in zip(ax.get_yticklabels(), topics, strict=True):
            if bool(suspect[topic]):
                tick.set_color("0.5")
    _time_axis(axes.flat[0], [first, last], grain=grain, edges=True)
    if image is not None:
        bar = fig.colorbar(image, ax=axes, shrink=0.6, location="right")
        bar.set_label(f"Mean topic share per {grain}")
    fig.suptitle(
        f"Topic share per {grain} and outlet (blank: no documents; intervals in the CSV)",
        x=0.01, ha="left", fontsize=8,
    )  # fmt: skip
    wrap_titles(fig, titles)
    return fig


def _slots(first: float, last: float, grain: str) -> list[str]:
    """Every period from ``first`` to ``last`` (years on the axis) at ``grain``."""
    if grain == "month":
        start, stop = round(first * 12), round(last * 12)
        return [f"{m // 12}-{m % 12 + 1:02d}" for m in range(start, stop)]
    return [str(y) for y in range(round(first), round(last))]


def _period_edges(period: str) -> tuple[float, float]:
    """Where a period starts and ends on the axis, in years."""
    year, _, month = period.partition("-")
    if month:
        return int(year) + (int(month) - 1) / 12, int(year) + int(month) / 12
    return float(year), float(year) + 1


def period_position(period: str) -> float:
    """A period's middle in years (``"2021"`` -> 2021.5, ``"2021-07"`` -> 2021.54...), so
    periods stand as far apart on the axis as they are in time."""
    year, _, month = period.partition("-")
    return int(year) + ((int(month) - 0.5) / 12 if month else 0.5)


def _time_axis(ax: plt.Axes, positions: list[float], *, grain: str, edges: bool = False) -> None:
    """A shared time axis whose ticks follow the span: years (every few years over a long
    span), years with quarter minor ticks over a few years, months over a year or so. A
    yearly grain never gets month ticks."""
    first, last = min(positions), max(positions)
    pad = 0 if edges else max(1 / 12 if grain == "month" else 0.5, 0.04 * (last - first))
    ax.set_xlim(first - pad, last + pad)
    span = last - first
    if grain == "month" and span <= 1.5:
        step = max(1, int(np.ceil(span * 12 / 6)))
        start = int(np.floor(first * 12)) // step * step
        ticks = np.arange(start, int(np.ceil(last * 12)) + 1, step)
        ax.set_xticks(ticks / 12, [f"{t // 12}-{t % 12 + 1:02d}" for t in ticks])
        return
    step = max(1, int(np.ceil((span + 1) / 6)))
    years = np.arange(int(np.ceil(first - pad)), int(np.floor(last + pad)) + 1)
    years = years[years % step == 0] if len(years) > 6 else years
    centre = 0.0 if grain == "month" else 0.5  # a year's tick at its middle
    ax.set_xticks(years + centre, [str(y) for y in years])
    if grain == "month" and span <= 4:
        ax.xaxis.set_minor_locator(MultipleLocator(0.25))  # quarters


def _short(label: str, words: int = 2) -> str:
    """``T2: general, baghdad, qasem_soleimani`` -> ``T2: general, baghdad``."""
    head, _, rest = label.partition(": ")
    return f"{head}: {', '.join(rest.split(', ')[:words])}" if rest else label
