import numpy as np
import pandas as pd
import pytest
import yaml

from framelab.topics.diagnostics import (
    SuspectThresholds,
    everyday_words,
    furniture_words,
    outlet_words,
    topic_diagnostics,
)
from framelab.topics.models import topic_words_table

LEXICON = yaml.safe_load(
    """
site_chrome:
  exact: [advertisement, skip to main content]
credit_or_caption:
  patterns: ['^(photo|image|video)\\s*(credit)?\\s*:.{0,120}$', '\\|\\s{0,3}(getty|reuters)\\b']
byline_or_dateline:
  patterns: ['^by\\s+\\w+$']
"""
)


def test_furniture_words_come_from_the_furniture_sections_of_the_lexicon():
    words = furniture_words([LEXICON], stopwords={"to"})
    assert {"advertisement", "skip", "main", "content", "photo", "credit", "getty"} <= words
    assert "reuters" in words and "video" in words
    assert "by" not in words and "to" not in words  # bylines are not furniture; stopwords out
    assert "s" not in words  # regex escapes (\\s) are not words


def test_outlet_words_tokenise_ids_and_names():
    words = outlet_words({"the_hill": "The Hill", "usa_today": "USA TODAY"}, stopwords={"the"})
    assert words == {"the_hill": {"hill"}, "usa_today": {"usa", "today"}}


def test_everyday_words_are_those_most_outlets_use():
    units = pd.DataFrame({"doc_id": ["a1", "a2", "b1", "b2"], "outlet": ["a", "a", "b", "b"]})
    counts = np.array([[1, 1, 0], [1, 0, 0], [1, 0, 0], [0, 0, 1]])
    terms = np.array(["twitter", "advertisement", "video"])
    # twitter: in both outlets; advertisement and video: one outlet each (half of two: kept)
    assert everyday_words(counts, terms, units, min_doc_share=0.5, min_unit_terms=1) == {
        "twitter",
        "advertisement",
        "video",
    }
    three = pd.concat([units, pd.DataFrame({"doc_id": ["c1"], "outlet": ["c"]})])
    counts3 = np.vstack([counts, [1, 0, 0]])
    assert everyday_words(counts3, terms, three, min_doc_share=0.5, min_unit_terms=1) == {"twitter"}
    # a widget line of two terms on every page does not make its words everyday
    assert everyday_words(counts3, terms, three, min_doc_share=0.5, min_unit_terms=3) == set()


def fitted():
    """Three outlets, six documents; topic 0 is spread, topic 1 is one document's, topic 2 is
    one outlet's."""
    units = pd.DataFrame(
        {
            "doc_id": ["a1", "a2", "b1", "b2", "c1", "c2"],
            "outlet": ["a", "a", "b", "b", "c", "c"],
        }
    )
    loadings = np.array(
        [
            [1.0, 0.0, 0.0],
            [1.0, 0.0, 0.0],
            [1.0, 0.0, 0.5],
            [1.0, 0.0, 0.5],
            [1.0, 0.0, 0.0],
            [1.0, 3.0, 0.0],
        ]
    )
    return loadings, units


TOP_WORDS = [
    ["iran", "deal", "nuclear", "sanctions"],
    ["advertisement", "photo", "getty", "tehran"],
    ["update", "bst", "hill", "syria"],
]


def diagnose(**thresholds):
    loadings, units = fitted()
    return topic_diagnostics(
        loadings,
        units,
        TOP_WORDS,
        furniture=frozenset({"advertisement", "photo", "getty"}),
        outlet_names={"b": frozenset({"hill"}), "c": frozenset({"iran"})},
        thresholds=SuspectThresholds(**thresholds),
    )


def test_diagnostics_measure_where_a_topic_comes_from_and_its_words():
    table = diagnose().set_index("topic")
    assert table.loc[0, "top_doc_share"] == pytest.approx(1 / 6)
    # outlet-normalised: topic 0 is all of a's loading, 2/3 of b's and 2/5 of c's
    assert table.loc[0, "top_outlet"] == "a"
    assert table.loc[0, "top_outlet_share"] == pytest.approx(1 / (1 + 2 / 3 + 2 / 5))
    assert table.loc[1, "top_doc_id"] == "c2" and table.loc[1, "top_doc_share"] == 1.0
    assert table.loc[2, "top_outlet"] == "b" and table.loc[2, "top_outlet_share"] == 1.0
    assert table.loc[1, "furniture_share"] == 0.75
    assert table.loc[2, "time_share"] == 0.5 and table.loc[2, "outlet_name_share"] == 0.25
    # "iran" is outlet c's name, but topic 0's top outlet is a: naming another outlet is news
    assert table.loc[0, "outlet_name_share"] == 0.0
    assert table["mass_share"].sum() == pytest.approx(1.0)


def test_topics_failing_a_threshold_are_suspect_with_reasons():
    table = diagnose().set_index("topic")
    assert table["suspect"].tolist() == [False, True, True]
    assert table.loc[0, "suspect_reason"] == ""
    assert "one document" in table.loc[1, "suspect_reason"]
    assert "page furniture" in table.loc[1, "suspect_reason"]
    assert "one outlet" in table.loc[2, "suspect_reason"]
    assert "page furniture, time or outlet names" in table.loc[2, "suspect_reason"]
    lenient = diagnose(doc_share=1.1, outlet_share=1.1, word_share=1.1)
    assert not lenient["suspect"].any()


def test_suspect_topics_are_listed_at_the_top_of_the_summary():
    from framelab.report.summary import _suspect_topics_warning

    words = topic_words_table(np.eye(3), np.array(["x", "y", "z"]), 2)
    words = words.merge(diagnose(), on="topic")
    warning = "\n".join(_suspect_topics_warning(words))
    assert "Warning: 2 topics" in warning
    assert "T2 (100% of its mass from one document" in warning and "T3 (" in warning
    assert "T1 (" not in warning
    assert _suspect_topics_warning(words.assign(suspect=False)) == []


def test_suspect_topics_are_drawn_faded_in_grey():
    import matplotlib.colors as mcolors

    from framelab.config import Outlet
    from framelab.figures.topics import (
        SUSPECT_COLOUR,
        topic_prevalence_data,
        topic_prevalence_figure,
    )

    outlets = {"a": Outlet("a", "A", "#0072B2"), "b": Outlet("b", "B", "#D55E00")}
    prevalence = pd.DataFrame(
        {
            "outlet": ["a", "a", "b", "b"],
            "topic": [0, 1, 0, 1],
            "mean": [0.7, 0.3, 0.4, 0.6],
            "low": [0.6, 0.2, 0.3, 0.5],
            "high": [0.8, 0.4, 0.5, 0.7],
            "n_docs": [4, 4, 4, 4],
            "fragile": [False] * 4,
        }
    )
    words = pd.DataFrame({"topic": [0, 1], "label": ["T1: x", "T2: y (suspect)"],
                          "suspect": [False, True]})  # fmt: skip
    data = topic_prevalence_data(prevalence, words, outlets)
    assert data.set_index(["topic", "outlet"])["suspect"].to_dict() == {
        (0, "a"): False, (0, "b"): False, (1, "a"): True, (1, "b"): True,
    }  # fmt: skip
    fig = topic_prevalence_figure(data, outlets, ci=0.95)
    lines = [line for line in fig.axes[0].lines if len(line.get_xdata()) == 1]
    grey = [ln for ln in lines if mcolors.same_color(ln.get_color(), SUSPECT_COLOUR)]
    assert len(grey) == 2 and all(ln.get_alpha() < 1 for ln in grey)  # T2, both outlets
    coloured = [ln for ln in lines if ln not in grey]
    assert len(coloured) == 2 and all(ln.get_alpha() == 1.0 for ln in coloured)


def test_words_cleaning_mostly_removed_as_furniture_are_furniture():
    from framelab.topics.diagnostics import mostly_removed_words

    removed = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "a", "d", "e", "f"],
            "text": ["Photo: AP", "PHOTO credit: Getty", "Video player", "Photo photo",
                     "Jane Doe", "Jane Doe", "© 2019"],  # the last line has no word
            "reason": ["credit_or_caption"] * 4 + ["byline_or_dateline"] * 2
            + ["credit_or_caption"],
        }
    )  # fmt: skip
    # photo: removed in a, b (2 documents), modelled in 1; getty: removed in 1 only;
    # credit: removed in b only; jane: bylines are not furniture
    words = mostly_removed_words(removed, {"photo": 1, "getty": 0, "jane": 0})
    assert words == {"photo"}
    assert mostly_removed_words(removed, {"photo": 3}) == frozenset()  # the text uses it more
    assert mostly_removed_words(removed.iloc[:0], {}) == frozenset()
