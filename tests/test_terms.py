import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framelab.segment.tokens import Analyzer
from framelab.terms.counts import (
    doc_term_matrix,
    fightin_words,
    fightin_words_pairs,
    outlet_sizes,
    outlet_term_counts,
    vocabulary_table,
)


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
    table = outlet_term_counts(doc_term_matrix(tiny_docs, analyzer)).set_index(["outlet", "term"])
    assert table.loc[("alpha", "occupation"), "n"] == 4
    assert table.loc[("alpha", "occupation"), "doc_freq"] == 2
    assert table.loc[("beta", "partner"), "n"] == 3
    assert ("beta", "occupation") not in table.index


def test_min_count_drops_rare_terms(tiny_docs):
    table = outlet_term_counts(doc_term_matrix(tiny_docs, Analyzer(set()), min_count=3))
    assert set(table["term"]) == {"occupation", "partner", "the", "troops"}


def test_outlet_sizes_state_n(tiny_docs):
    sizes = outlet_sizes(tiny_docs, Analyzer({"the"}))
    assert sizes["n_docs"].tolist() == [2, 2]
    assert sizes.loc[0, "n_words"] == 9 + 7
    assert np.issubdtype(sizes["n_tokens"].dtype, np.integer)


def test_outlet_sizes_count_words_as_str_split_does():
    texts = ["a\u00a0b\u3000c", "x\x1cy\u2028z  w", "", "one"]
    docs = pd.DataFrame({"doc_id": list("abcd"), "outlet": ["p", "p", "q", "q"], "text": texts})
    sizes = outlet_sizes(docs, Analyzer(set())).set_index("outlet")
    reference = docs.assign(n=docs["text"].str.split().str.len()).groupby("outlet")["n"].sum()
    assert sizes["n_words"].to_dict() == reference.to_dict() == {"p": 7, "q": 1}
    assert np.issubdtype(sizes["n_words"].dtype, np.integer)


def test_distinctive_terms_recover_the_planted_difference(tiny_docs):
    table = fightin_words(outlet_term_counts(doc_term_matrix(tiny_docs, Analyzer({"the", "and"}))))
    assert table[table["outlet"] == "alpha"].iloc[0]["term"] == "occupation"
    assert table[table["outlet"] == "beta"].iloc[0]["term"] == "partner"


def test_pairs_match_one_vs_rest_when_there_are_two_outlets():
    table = counts([("a", "x", 5, 2), ("a", "y", 1, 1), ("b", "x", 2, 1), ("b", "y", 6, 2)])
    pairs = fightin_words_pairs(table).set_index("term")
    rest = fightin_words(table).set_index(["outlet", "term"])
    for term in ["x", "y"]:
        assert pairs.loc[term, "z"] == pytest.approx(rest.loc[("a", term), "z"])
        assert (pairs.loc[term, "outlet_a"], pairs.loc[term, "outlet_b"]) == ("a", "b")


def test_pairs_cover_every_pair_once_and_skip_unused_terms():
    table = counts([("a", "x", 5, 1), ("b", "y", 3, 1), ("c", "x", 1, 1), ("c", "y", 1, 1)])
    pairs = fightin_words_pairs(table)
    assert sorted(set(zip(pairs["outlet_a"], pairs["outlet_b"], strict=True))) == [
        ("a", "b"), ("a", "c"), ("b", "c")
    ]  # fmt: skip
    assert len(pairs) == 6


def reference_fightin_words(counts_by_outlet, prior_scale):
    """Monroe et al. (2008) eq. 16-22 written out term by term, without numpy."""
    outlets = sorted(counts_by_outlet)
    vocabulary = sorted({t for c in counts_by_outlet.values() for t in c})
    corpus = {t: sum(c.get(t, 0) for c in counts_by_outlet.values()) for t in vocabulary}
    alpha = {t: prior_scale * corpus[t] for t in vocabulary}
    alpha_0 = sum(alpha.values())
    result = {}
    for outlet in outlets:
        mine = counts_by_outlet[outlet]
        n_i = sum(mine.values())
        n_j = sum(corpus.values()) - n_i
        for t in vocabulary:
            y_i, y_j = mine.get(t, 0), corpus[t] - mine.get(t, 0)
            delta = math.log((y_i + alpha[t]) / (n_i + alpha_0 - y_i - alpha[t])) - math.log(
                (y_j + alpha[t]) / (n_j + alpha_0 - y_j - alpha[t])
            )
            result[(outlet, t)] = delta / math.sqrt(1 / (y_i + alpha[t]) + 1 / (y_j + alpha[t]))
    return result


def test_fightin_words_agrees_with_a_reference_implementation_on_the_seeds():
    from framelab.clean import clean_document, load_rules
    from framelab.io import read_word_list

    from .conftest import ROOT

    outlet_of = {"000": "izvestia", "001": "izvestia", "002": "rt", "003": "topwar", "004": "neo"}
    rules = load_rules()
    docs = pd.DataFrame(
        [
            {
                "doc_id": p.stem,
                "outlet": outlet_of[p.stem[:3]],
                "text": clean_document(p.read_text(encoding="utf-8"), rules=rules).text,
            }  # fmt: skip
            for p in sorted((ROOT / "data/raw").glob("*.txt"))
        ]
    )
    analyzer = Analyzer(read_word_list(ROOT / "data/lexicons/stopwords-en.txt"))
    counts_table = outlet_term_counts(doc_term_matrix(docs, analyzer, min_count=2))
    by_outlet = {
        o: dict(zip(g["term"], g["n"], strict=True)) for o, g in counts_table.groupby("outlet")
    }
    expected = reference_fightin_words(by_outlet, 0.1)
    table = fightin_words(counts_table, prior_scale=0.1)
    assert len(table) == len(expected) > 1000
    for row in table.itertuples():
        assert row.z == pytest.approx(expected[(row.outlet, row.term)], rel=1e-9)


def test_vocabulary_table_counts_terms_and_documents(tiny_docs):
    vocab = vocabulary_table(doc_term_matrix(tiny_docs, Analyzer({"the"}))).set_index("term")
    assert vocab.loc["occupation", "count"] == 4
    assert vocab.loc["occupation", "doc_freq"] == 2
    assert vocab.loc["troops", "doc_freq"] == 3
