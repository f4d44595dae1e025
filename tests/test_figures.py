import hashlib

import numpy as np
import pandas as pd
import pytest

from framelab.config import Outlet
from framelab.figures import style
from framelab.figures.terms import distinctive_terms_data, distinctive_terms_figure
from framelab.figures.topic_time import period_position, topic_time_figure
from framelab.figures.topics import topic_prevalence_data, topic_prevalence_figure

OUTLETS = {"a": Outlet("a", "Alpha", "#0072B2"), "b": Outlet("b", "Beta", "#D55E00")}


@pytest.fixture
def fightin():
    return pd.DataFrame(
        {
            "outlet": ["a", "a", "a", "b", "b", "b"],
            "term": ["x", "y", "z", "z", "y", "x"],
            "n_outlet": [5, 3, 1, 4, 2, 1],
            "n_rest": [1, 2, 4, 1, 3, 5],
            "doc_freq": [2, 1, 1, 3, 1, 1],
            "delta": [1.0, 0.5, -1.0, 1.0, -0.5, -1.0],
            "se": [0.5] * 6,
            "z": [2.0, 1.0, -2.0, 2.0, -1.0, -2.0],
        }
    )


@pytest.fixture
def sizes():
    return pd.DataFrame(
        {"outlet": ["a", "b"], "n_docs": [2, 3], "n_tokens": [100, 120], "n_words": [200, 240]}
    )


def test_terms_data_keeps_positive_top_terms_in_config_order(fightin, sizes):
    data = distinctive_terms_data(fightin, sizes, OUTLETS, top_n=5)
    assert data[["outlet", "term"]].values.tolist() == [["a", "x"], ["a", "y"], ["b", "z"]]
    assert data["single_doc"].tolist() == [False, True, False]
    assert data["n_docs"].tolist() == [2, 2, 3]


def file_hashes(folder, draw, name):
    folder.mkdir()
    paths = [folder / f"{name}.{ext}" for ext in ("pdf", "png", "svg")]
    with style.figure_style():
        draw(paths)
    return {p.suffix: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_figures_are_byte_identical_across_runs(tmp_path, fightin, sizes):
    data = distinctive_terms_data(fightin, sizes, OUTLETS, top_n=5)

    def draw(paths):
        fig = distinctive_terms_figure(data, OUTLETS)
        style.save_figure(fig, paths, csv=tmp_path / "terms.csv", data=data, dpi=100)

    assert file_hashes(tmp_path / "one", draw, "terms") == file_hashes(
        tmp_path / "two", draw, "terms"
    )
    written = pd.read_csv(tmp_path / "terms.csv")
    assert written["z"].tolist() == data["z"].tolist()


def test_pdf_has_no_timestamp(tmp_path, fightin, sizes):
    data = distinctive_terms_data(fightin, sizes, OUTLETS, top_n=5)
    with style.figure_style():
        fig = distinctive_terms_figure(data, OUTLETS)
        style.save_figure(fig, [tmp_path / "t.pdf"], csv=tmp_path / "t.csv", data=data)
    assert b"CreationDate" not in (tmp_path / "t.pdf").read_bytes()


def test_topic_prevalence_data_labels_topics_and_keeps_intervals(tmp_path):
    prevalence = pd.DataFrame(
        {
            "outlet": ["a", "a", "b", "b"],
            "topic": [0, 1, 0, 1],
            "mean": [0.7, 0.3, 0.4, 0.6],
            "low": [0.6, 0.2, np.nan, np.nan],
            "high": [0.8, 0.4, np.nan, np.nan],
            "n_docs": [4, 4, 1, 1],
            "fragile": [False, False, True, True],
        }
    )
    words = pd.DataFrame({"topic": [0, 1], "label": ["T1: x", "T2: y"], "rank": [1, 1],
                          "term": ["x", "y"], "weight": [1.0, 1.0]})  # fmt: skip
    data = topic_prevalence_data(prevalence, words, OUTLETS)
    assert data["label"].tolist() == ["T1: x", "T1: x", "T2: y", "T2: y"]
    assert data["outlet"].tolist() == ["a", "b", "a", "b"]
    with style.figure_style():
        fig = topic_prevalence_figure(data, OUTLETS, ci=0.95)
        style.save_figure(fig, [tmp_path / "p.png"], csv=tmp_path / "p.csv", data=data)
    assert (tmp_path / "p.png").stat().st_size > 1000


def test_voices_draw_the_frequent_types_in_colour_and_the_rest_together():
    from framelab.figures.sources import MAX_NAMED_TYPES, voices_figure

    types = [f"kind{i}" for i in range(MAX_NAMED_TYPES + 3)] + ["pronoun_unresolved", "unknown"]
    rows = [
        {"outlet": o, "source_type": t, "n": 20 - i, "n_docs_with": 1, "n_docs": 2}
        for o in OUTLETS
        for i, t in enumerate(types)
    ]
    table = pd.DataFrame(rows)
    table["n_attributions"] = table.groupby("outlet")["n"].transform("sum")
    table["share"] = table["n"] / table["n_attributions"]
    with style.figure_style():
        fig, data = voices_figure(table, OUTLETS)
    groups = data.drop_duplicates("source_type").set_index("source_type")["drawn_as"]
    kept = [f"kind{i}" for i in range(MAX_NAMED_TYPES - 1)]
    assert groups[kept].tolist() == kept
    assert set(groups[[t for t in types[MAX_NAMED_TYPES - 1 : -2]]]) == {"rest"}
    assert groups["unknown"] == "unknown" and groups["pronoun_unresolved"] == "pronoun_unresolved"
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[-3:] == ["4 rarer types", "Pronoun unresolved", "Unknown"]
    assert len(legend) == MAX_NAMED_TYPES + 2
    drawn = data.groupby("outlet")["share"].sum()
    assert drawn.tolist() == pytest.approx([1.0, 1.0])


def test_topics_over_time_stand_as_far_apart_as_their_dates():
    periods = ["2019", "2020", "2024"]
    time = pd.DataFrame(
        {
            "outlet": ["a"] * 3,
            "period": periods,
            "grain": ["year"] * 3,
            "topic": [0] * 3,
            "label": ["T1: war, peace"] * 3,
            "mean": [0.2, 0.4, 0.6],
            "low": [0.1, 0.3, 0.5],
            "high": [0.3, 0.5, 0.7],
            "n_docs": [3, 3, 3],
            "fragile": [False] * 3,
            "note": [""] * 3,
        }
    )
    fig = topic_time_figure(time, OUTLETS, ci=0.95)
    line = fig.axes[0].lines[0]  # the outlet's line through its periods
    assert line.get_xdata().tolist() == [2019.5, 2020.5, 2024.5]
    assert [period_position(p) for p in ["2021-01", "2021-12"]] == [
        2021 + 0.5 / 12,
        2021 + 11.5 / 12,
    ]
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert "2022" in ticks  # a year without documents still has its place on the axis
