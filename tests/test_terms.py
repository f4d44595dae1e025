import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framelab.terms import fightin_words, outlet_sizes, outlet_term_counts
from framelab.tokens import Analyzer


def counts(rows):
    return pd.DataFrame(rows, columns=["outlet", "term", "n", "doc_freq"])


def test_fightin_words_matches_a_hand_computation():
    table = fightin_words(
        counts([("a", "x", 3, 2), ("a", "y", 1, 1), ("b", "x", 1, 1), ("b", "y", 3, 2)]),
        prior_scale=0.1,
    )
    row = table[(table["outlet"] == "a") & (table["term"] == "x")].iloc[0]
    # alpha_x = alpha_y = 0.4, alpha_0 = 0.8, n_a = n_b = 4
    delta = math.log(3.4 / 1.4) - math.log(1.4 / 3.4)
    se = math.sqrt(1 / 3.4 + 1 / 1.4)
    assert row["delta"] == pytest.approx(delta)
    assert row["se"] == pytest.approx(se)
    assert row["z"] == pytest.approx(delta / se)
    assert (row["n_outlet"], row["n_rest"], row["doc_freq"]) == (3, 1, 2)


def test_fightin_words_is_sorted_by_z_within_outlet():
    table = fightin_words(
        counts([("a", "x", 5, 1), ("a", "y", 1, 1), ("b", "x", 1, 1), ("b", "y", 5, 1)])
    )
    assert table["outlet"].tolist() == ["a", "a", "b", "b"]
    assert table["term"].tolist() == ["x", "y", "y", "x"]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 30)).filter(lambda p: sum(p) > 0),
        min_size=2,
        max_size=8,
    )
)
def test_two_outlets_swap_gives_the_opposite_sign(pairs):
    rows = []
    for i, (a, b) in enumerate(pairs):
        rows += [("a", f"t{i}", a, 1), ("b", f"t{i}", b, 1)]
    table = fightin_words(counts(rows)).set_index(["outlet", "term"])["z"]
    for i in range(len(pairs)):
        assert table[("a", f"t{i}")] == pytest.approx(-table[("b", f"t{i}")])


def test_fightin_words_needs_two_outlets():
    with pytest.raises(ValueError, match="at least two outlets"):
        fightin_words(counts([("a", "x", 1, 1)]))


def test_fightin_words_names_missing_columns():
    with pytest.raises(KeyError, match="doc_freq"):
        fightin_words(pd.DataFrame({"outlet": ["a"], "term": ["x"], "n": [1]}))


def test_term_counts_per_outlet_with_document_frequency(tiny_docs):
    analyzer = Analyzer({"the", "and", "in", "with"})
    table = outlet_term_counts(tiny_docs, analyzer).set_index(["outlet", "term"])
    assert table.loc[("alpha", "occupation"), "n"] == 4
    assert table.loc[("alpha", "occupation"), "doc_freq"] == 2
    assert table.loc[("beta", "partner"), "n"] == 3
    assert ("beta", "occupation") not in table.index


def test_min_count_drops_rare_terms(tiny_docs):
    table = outlet_term_counts(tiny_docs, Analyzer(set()), min_count=3)
    assert set(table["term"]) == {"occupation", "partner", "the", "troops"}


def test_outlet_sizes_state_n(tiny_docs):
    sizes = outlet_sizes(tiny_docs, Analyzer({"the"}))
    assert sizes["n_docs"].tolist() == [2, 2]
    assert sizes.loc[0, "n_words"] == 9 + 7
    assert np.issubdtype(sizes["n_tokens"].dtype, np.integer)


def test_distinctive_terms_recover_the_planted_difference(tiny_docs):
    table = fightin_words(outlet_term_counts(tiny_docs, Analyzer({"the", "and"})))
    assert table[table["outlet"] == "alpha"].iloc[0]["term"] == "occupation"
    assert table[table["outlet"] == "beta"].iloc[0]["term"] == "partner"
