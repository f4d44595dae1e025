"""Topic prevalence over time per outlet, or a note saying why there is no time series."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from framelab.config import Outlet
from framelab.figures.style import FRAGILE_ALPHA, FULL_WIDTH_IN

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
    x_of = {p: period_position(p) for p in periods}
    ncols = min(3, len(topics))
    nrows = -(-len(topics) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(FULL_WIDTH_IN, 1.7 * nrows + 0.4),
                             sharex=True, sharey=True, squeeze=False)  # fmt: skip
    present = [o for o in outlets if o in set(data["outlet"])]
    firsts = data.drop_duplicates("topic").set_index("topic")
    labels = firsts["label"]
    suspect = firsts["suspect"] if "suspect" in firsts else labels.map(lambda _: False)
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
        if faded:
            ax.set_title(title + " (suspect)", loc="left", color="0.5")
        else:
            ax.set_title(title, loc="left")
    _time_axis(axes.flat[0], [x_of[p] for p in periods], monthly=len(periods[0]) > 4)
    top = np.nanmax(np.r_[data["mean"].to_numpy(float), data["high"].to_numpy(float)])
    axes.flat[0].set_ylim(0, 1.08 * top if np.isfinite(top) and top > 0 else 1)
    for ax in list(axes.flat)[len(topics) :]:
        ax.set_axis_off()
    grain = str(data["grain"].iloc[0])
    n_docs = data[data["topic"] == topics[0]].groupby("outlet")["n_docs"].sum()
    fig.legend(
        handles=[plt.Line2D([], [], color=outlets[o].colour, marker="o",
                            label=f"{outlets[o].name} (n = {int(n_docs[o])})") for o in present],
        loc="lower center", ncol=len(present), frameon=False, bbox_to_anchor=(0.5, -0.02),
    )  # fmt: skip
    fig.supylabel(f"Mean share ({ci:.0%} CI)")
    fig.suptitle(f"Topic share per {grain}; hollow: one document, no interval", x=0.01,
                 ha="left")  # fmt: skip
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def period_position(period: str) -> float:
    """A period's middle in years (``"2021"`` -> 2021.5, ``"2021-07"`` -> 2021.54...), so
    periods stand as far apart on the axis as they are in time."""
    year, _, month = period.partition("-")
    return int(year) + ((int(month) - 0.5) / 12 if month else 0.5)


def _time_axis(ax: plt.Axes, positions: list[float], *, monthly: bool) -> None:
    """Year ticks (and month ticks over a short monthly span) on a shared time axis."""
    first, last = min(positions), max(positions)
    pad = max(0.5 if not monthly else 1 / 12, 0.04 * (last - first))
    ax.set_xlim(first - pad, last + pad)
    if monthly and last - first <= 3:
        step = max(1, int(np.ceil((last - first) * 12 / 6)))
        start = int(np.floor(first * 12)) // step * step
        ticks = np.arange(start, int(np.ceil(last * 12)) + 1, step)
        ax.set_xticks(ticks / 12, [f"{t // 12}-{t % 12 + 1:02d}" for t in ticks])
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:.0f}"))


def _short(label: str, words: int = 2) -> str:
    """``T2: general, baghdad, qasem_soleimani`` -> ``T2: general, baghdad``."""
    head, _, rest = label.partition(": ")
    return f"{head}: {', '.join(rest.split(', ')[:words])}" if rest else label
