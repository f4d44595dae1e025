"""Differences in topic prevalence between outlets, and prevalence over time.

Both resample documents within each outlet (or outlet and period), as stm's
``estimateEffect`` view of prevalence, but without a regression model: the estimand is the
difference in mean document share.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd

from framelab.stats import bootstrap_mean_ci, outlet_rng

__all__ = [
    "TIME_COLUMNS",
    "bootstrap_means",
    "prevalence_differences",
    "prevalence_over_time",
    "time_grain",
]

log = logging.getLogger(__name__)

_BLOCK = 256
TIME_COLUMNS = ["outlet", "period", "grain", "topic", "mean", "low", "high", "n_docs",
                "fragile", "note"]  # fmt: skip


def bootstrap_means(values: np.ndarray, *, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap column means, resampling rows (documents).

    Draws the resamples exactly as :func:`framelab.stats.bootstrap_mean_ci` does, so the
    same generator gives the same resamples.

    Returns
    -------
    ndarray of shape (n_boot, n_columns)
    """
    values = np.asarray(values, dtype=float)
    n_docs = values.shape[0]
    out = np.empty((n_boot, values.shape[1]))
    uniform = np.full(n_docs, 1.0 / n_docs)
    for start in range(0, n_boot, _BLOCK):
        size = min(_BLOCK, n_boot - start)
        weights = rng.multinomial(n_docs, uniform, size=size)
        out[start : start + size] = weights @ values / n_docs
    return out


def prevalence_differences(
    doc_topic: pd.DataFrame,
    outlets: Sequence[str],
    *,
    n_boot: int,
    ci: float,
    random_state: int,
    min_docs: int,
) -> pd.DataFrame:
    """Difference in mean topic share for every pair of outlets, with bootstrap intervals.

    Each outlet's documents are resampled independently (the stream of
    ``outlet_rng(random_state, outlet)``, as for its prevalence); the interval is the
    percentile interval of the difference of the resampled means. An outlet with one
    document gives no interval.

    Parameters
    ----------
    doc_topic : DataFrame
        ``doc_id, outlet, topic, share``.
    outlets : sequence of str
        Outlet ids in display order; pairs follow it (``a`` before ``b``).

    Returns
    -------
    DataFrame
        ``outlet_a, outlet_b, topic, mean_a, mean_b, difference, low, high, n_docs_a,
        n_docs_b, excludes_zero, fragile``.
    """
    wide = doc_topic.pivot_table(index=["outlet", "doc_id"], columns="topic", values="share")
    topics = [int(t) for t in wide.columns]
    present = [o for o in outlets if o in wide.index.get_level_values("outlet")]
    values = {o: wide.xs(o, level="outlet").to_numpy() for o in present}
    draws = {
        o: bootstrap_means(v, n_boot=n_boot, rng=outlet_rng(random_state, o))
        for o, v in values.items()
        if len(v) >= 2
    }
    alpha = (1.0 - ci) / 2.0
    rows = []
    for a, b in itertools.combinations(present, 2):
        mean_a, mean_b = values[a].mean(axis=0), values[b].mean(axis=0)
        if a in draws and b in draws:
            low, high = np.quantile(draws[a] - draws[b], [alpha, 1.0 - alpha], axis=0)
        else:
            low = high = np.full(len(topics), np.nan)
        for j, topic in enumerate(topics):
            rows.append((a, b, topic, mean_a[j], mean_b[j], mean_a[j] - mean_b[j], low[j],
                         high[j], len(values[a]), len(values[b])))  # fmt: skip
    columns = ["outlet_a", "outlet_b", "topic", "mean_a", "mean_b", "difference", "low", "high",
               "n_docs_a", "n_docs_b"]  # fmt: skip
    table = pd.DataFrame(rows, columns=columns)
    table["excludes_zero"] = (table["low"] > 0) | (table["high"] < 0)
    table["fragile"] = (table["n_docs_a"] < min_docs) | (table["n_docs_b"] < min_docs)
    if table["low"].isna().any():
        log.warning(
            "topic prevalence differences: %d of %d outlet pairs involve an outlet with a "
            "single document and have no interval",
            table.loc[table["low"].isna(), ["outlet_a", "outlet_b"]].drop_duplicates().shape[0],
            table[["outlet_a", "outlet_b"]].drop_duplicates().shape[0],
        )
    return table


def time_grain(precision: pd.Series) -> str:
    """``"year"`` if any document is dated to the year only, else ``"month"``."""
    return "year" if (precision == "year").any() else "month"


def prevalence_over_time(
    doc_topic: pd.DataFrame,
    dates: pd.DataFrame,
    *,
    n_boot: int,
    ci: float,
    random_state: int,
    min_docs: int,
) -> pd.DataFrame:
    """Mean topic share per outlet and period, with bootstrap intervals over documents.

    Periods are years when any document is dated to the year only, otherwise months, so
    no document is placed more precisely than its date allows.

    Parameters
    ----------
    doc_topic : DataFrame
        ``doc_id, outlet, topic, share``.
    dates : DataFrame
        ``doc_id, date, date_precision`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

    Returns
    -------
    DataFrame
        :data:`TIME_COLUMNS`. With fewer than two periods it holds one row whose ``note``
        says why there is no time series.
    """
    dated = dates[dates["date"].notna() & (dates["date"].astype(str) != "")]
    undated = sorted(set(doc_topic["doc_id"]) - set(dated["doc_id"]))
    if undated:
        log.warning("topics over time: %d documents have no date and are left out", len(undated))
    grain = time_grain(dated["date_precision"]) if len(dated) else "year"
    width = 4 if grain == "year" else 7
    period = dated.set_index("doc_id")["date"].astype(str).str[:width]
    shares = doc_topic[doc_topic["doc_id"].isin(period.index)].assign(
        period=lambda t: t["doc_id"].map(period)
    )
    periods = sorted(shares["period"].unique())
    if len(periods) < 2:
        note = (
            f"no time series: the documents fall into {len(periods)} {grain} "
            f"period{'s' if len(periods) != 1 else ''}; at least 2 are needed"
        )
        log.info("topics over time skipped: %s", note)
        return pd.DataFrame([dict.fromkeys(TIME_COLUMNS, None) | {"grain": grain, "note": note}])
    wide = shares.pivot_table(index=["outlet", "period", "doc_id"], columns="topic", values="share")
    rows = []
    for (outlet, when), block in wide.groupby(level=["outlet", "period"], sort=True):
        mean, low, high = bootstrap_mean_ci(
            block.to_numpy(), n_boot=n_boot, ci=ci, rng=outlet_rng(random_state, f"{outlet}|{when}")
        )
        for j, topic in enumerate(block.columns):
            rows.append((outlet, when, grain, int(topic), mean[j], low[j], high[j], len(block)))
    table = pd.DataFrame(rows, columns=TIME_COLUMNS[:8])
    table["fragile"] = table["n_docs"] < min_docs
    table["note"] = ""
    return table
