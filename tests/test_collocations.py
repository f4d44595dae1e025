import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics import BigramAssocMeasures

from framelab.segment.tokens import Analyzer
from framelab.terms.association import likelihood_ratio, pmi
from framelab.terms.collocations import _context_tokens, target_collocates


def test_context_tokens_count_each_position_once():
    analyzer = Analyzer(set())
    text = "alpha beta X gamma X delta epsilon"
    spans = [(11, 12), (19, 20)]
    assert _context_tokens(text, spans, analyzer, window=1) == ["beta", "gamma", "delta"]
    assert _context_tokens(text, spans, analyzer, window=5) == [
        "alpha", "beta", "gamma", "delta", "epsilon"
    ]  # fmt: skip


def test_collocates_are_scored_with_nltk_measures():
    analyzer = Analyzer({"the"})
    sentences = pd.DataFrame(
        {
            "unit_id": ["s1", "s2"],
            "start": [0, 100],
            "text": ["deadly S-400 threat", "the S-400 threat grows"],
        }  # fmt: skip
    )
    mentions = pd.DataFrame(
        {
            "doc_id": ["d1", "d2"],
            "outlet": ["o", "o"],
            "target": ["arms", "arms"],
            "sentence_id": ["s1", "s2"],
            "start": [7, 104],
            "end": [12, 109],
        }  # fmt: skip
    )
    counts = pd.DataFrame(
        {"outlet": ["o"] * 4, "term": ["deadly", "threat", "grows", "peace"], "n": [1, 2, 1, 20]}
    )
    table = target_collocates(mentions, sentences, counts, analyzer, window=1, min_window=1)
    threat = table[table["term"] == "threat"].iloc[0]
    assert (threat["n_window"], threat["n_docs"], threat["n_mentions"]) == (2, 2, 2)
    slots, total = 4, 24  # deadly, threat, threat (+ grows is outside window 1)
    assert threat["pmi"] == pytest.approx(BigramAssocMeasures.pmi(2, (3, 2), total))
    assert slots - 1 == 3 and set(table["term"]) == {"deadly", "threat"}


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_scores_are_nltks_to_the_last_bit(data):
    """PMI and the likelihood ratio equal NLTK's BigramAssocMeasures exactly."""
    n_xx = data.draw(st.integers(1, 10**7))  # a valid table: no cell below zero
    n_ii = data.draw(st.integers(1, n_xx))
    n_ix = data.draw(st.integers(n_ii, n_xx))
    n_xi = data.draw(st.integers(n_ii, n_xx - n_ix + n_ii))
    marginals = (n_ix, n_xi)
    assert pmi(n_ii, marginals, n_xx) == BigramAssocMeasures.pmi(n_ii, marginals, n_xx)
    assert likelihood_ratio(n_ii, marginals, n_xx) == BigramAssocMeasures.likelihood_ratio(
        n_ii, marginals, n_xx
    )
