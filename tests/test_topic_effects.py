import numpy as np
import pandas as pd
import pytest

from framelab.stats import bootstrap_mean_ci, outlet_rng
from framelab.topics.effects import (
    bootstrap_means,
    prevalence_differences,
    prevalence_over_time,
    time_grain,
)


def doc_topic(shares: dict[str, tuple[str, list[float]]]) -> pd.DataFrame:
    rows = [
        (doc_id, outlet, topic, share)
        for doc_id, (outlet, values) in shares.items()
        for topic, share in enumerate(values)
    ]
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "topic", "share"])


def planted(n: int = 12, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    docs = {}
    for i in range(n):
        a = rng.uniform(0.6, 0.8)
        docs[f"a{i}"] = ("alpha", [a, 1 - a])
        b = rng.uniform(0.2, 0.4)
        docs[f"b{i}"] = ("beta", [b, 1 - b])
    return doc_topic(docs)


def test_planted_difference_has_an_interval_that_excludes_zero():
    table = prevalence_differences(
        planted(), ["alpha", "beta"], n_boot=1000, ci=0.95, random_state=1, min_docs=3
    )
    row = table[table["topic"] == 0].iloc[0]
    assert (row["outlet_a"], row["outlet_b"]) == ("alpha", "beta")
    assert row["difference"] == pytest.approx(row["mean_a"] - row["mean_b"])
    assert 0 < row["low"] < row["difference"] < row["high"]
    assert row["excludes_zero"] and not row["fragile"]
    assert table[table["topic"] == 1].iloc[0]["high"] < 0


def test_no_difference_gives_an_interval_around_zero():
    mixed = planted()
    even = mixed["doc_id"].str[1:].astype(int) % 2 == 0
    same = mixed.assign(outlet=np.where(even, "alpha", "beta"))
    table = prevalence_differences(
        same, ["alpha", "beta"], n_boot=1000, ci=0.95, random_state=1, min_docs=3
    )
    assert (table["low"] < 0).all() and (table["high"] > 0).all()


def test_an_outlet_with_one_document_gives_no_interval(caplog):
    shares = doc_topic({"a1": ("alpha", [0.5, 0.5]), "a2": ("alpha", [0.7, 0.3]),
                        "b1": ("beta", [0.1, 0.9])})  # fmt: skip
    table = prevalence_differences(
        shares, ["alpha", "beta"], n_boot=200, ci=0.95, random_state=1, min_docs=3
    )
    assert table["low"].isna().all() and table["fragile"].all()
    assert "single document" in caplog.text


def test_bootstrap_draws_match_the_shared_interval_function():
    values = np.random.default_rng(2).uniform(size=(9, 3))
    draws = bootstrap_means(values, n_boot=500, rng=outlet_rng(5, "x"))
    _, low, high = bootstrap_mean_ci(values, n_boot=500, ci=0.9, rng=outlet_rng(5, "x"))
    np.testing.assert_allclose(np.quantile(draws, [0.05, 0.95], axis=0), [low, high])


def test_time_grain_respects_the_coarsest_precision():
    assert time_grain(pd.Series(["day", "month", "year"])) == "year"
    assert time_grain(pd.Series(["day", "month"])) == "month"


def test_prevalence_over_time_by_month_and_by_year():
    shares = doc_topic({"a1": ("alpha", [0.2, 0.8]), "a2": ("alpha", [0.4, 0.6]),
                        "a3": ("alpha", [0.9, 0.1])})  # fmt: skip
    dates = pd.DataFrame({"doc_id": ["a1", "a2", "a3"],
                          "date": ["2021-07-26", "2021-07-01", "2021-08"],
                          "date_precision": ["day", "day", "month"]})  # fmt: skip
    table = prevalence_over_time(shares, dates, n_boot=200, ci=0.95, random_state=1, min_docs=2)
    july = table[(table["period"] == "2021-07") & (table["topic"] == 0)].iloc[0]
    assert july["mean"] == pytest.approx(0.3) and july["n_docs"] == 2 and july["grain"] == "month"
    assert set(table["period"]) == {"2021-07", "2021-08"}
    yearly = dates.assign(
        date=["2021", "2021-07-01", "2022"], date_precision=["year", "day", "year"]
    )
    by_year = prevalence_over_time(shares, yearly, n_boot=200, ci=0.95, random_state=1, min_docs=2)
    assert set(by_year["period"]) == {"2021", "2022"}


def test_a_single_period_gives_a_note_instead_of_a_series():
    shares = doc_topic({"a1": ("alpha", [0.2, 0.8]), "a2": ("alpha", [0.4, 0.6])})
    dates = pd.DataFrame({"doc_id": ["a1", "a2"], "date": ["2021", "2021"],
                          "date_precision": ["year", "year"]})  # fmt: skip
    table = prevalence_over_time(shares, dates, n_boot=200, ci=0.95, random_state=1, min_docs=2)
    assert len(table) == 1 and "1 year period" in table["note"].iloc[0]
