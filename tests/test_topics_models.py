import numpy as np
import pandas as pd
import pytest

from framelab.segment.tokens import Analyzer
from framelab.topics.models import doc_shares, fit_topics, unit_matrix
from framelab.topics.selection import select_model, subsample

THEMES = {
    "war": "troops base withdrawal convoy soldiers army",
    "arms": "russia missiles offer contract systems deal",
    "oil": "oil price barrels export market energy",
}


def units(n_per_theme: int = 12) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = []
    for i in range(n_per_theme):
        for theme, words in THEMES.items():
            text = " ".join(rng.choice(words.split(), size=8))
            doc = f"d{i % 4}"
            rows.append((doc, ["alpha", "beta"][i % 2], f"{doc}:{theme}{i}", text))
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "unit_id", "text"])


@pytest.fixture(scope="module")
def data():
    return unit_matrix(units(), Analyzer([]), min_df=2, max_df=0.9)


@pytest.mark.parametrize("engine", ["nmf", "lda"])
def test_models_recover_planted_themes_and_shares_sum_to_one(data, engine):
    fitted = fit_topics(data, engine=engine, k=3, seed=1, minibatch_above=10_000)
    top = {frozenset(data.terms[np.argsort(-row)[:6]]) for row in fitted.components}
    assert top == {frozenset(words.split()) for words in THEMES.values()}
    shares = doc_shares(data.units, fitted.loadings)
    assert np.allclose(shares.groupby("doc_id")["share"].sum(), 1.0)


@pytest.mark.parametrize("engine", ["nmf", "lda"])
def test_minibatch_fits_are_reproducible(data, engine):
    first = fit_topics(data, engine=engine, k=3, seed=4, minibatch_above=10)
    second = fit_topics(data, engine=engine, k=3, seed=4, minibatch_above=10)
    assert first.minibatch
    np.testing.assert_array_equal(first.components, second.components)


def test_selection_scores_every_k_and_follows_the_rule(data):
    selection = select_model(data, engine="nmf", k_grid=[2, 3, 4], k=None, restarts=3,
                             random_state=0, minibatch_above=10_000, n_top_words=6)  # fmt: skip
    table = selection.table.set_index("k")
    assert table.loc[3, "stability"] == 1.0 and table.loc[3, "diversity"] == 1.0
    assert table.loc[4, "diversity"] < 1.0  # a fourth topic repeats planted words
    assert table.loc[4, "coherence"] < table.loc[3, "coherence"]
    stable = table[table["stability"] >= 0.6]
    assert selection.k == stable["coherence"].idxmax() and table.loc[selection.k, "chosen"]


def test_a_fixed_k_is_used_and_scored(data):
    selection = select_model(data, engine="lda", k_grid=[2], k=3, restarts=2, random_state=0,
                             minibatch_above=10_000, n_top_words=6)  # fmt: skip
    assert selection.k == 3 and selection.table["k"].tolist() == [2, 3]
    assert "fixed" in selection.reason


def test_too_many_topics_names_the_key(data):
    with pytest.raises(ValueError, match=r"topics\.k_grid: K=\[99\]"):
        select_model(data, engine="nmf", k_grid=[3, 99], k=None, restarts=1, random_state=0,
                     minibatch_above=10_000, n_top_words=6)  # fmt: skip


def test_subsample_is_seeded_and_bounded(data):
    first = subsample(data, 10, random_state=3)
    assert first.counts.shape[0] == 10 and len(first.tokens) == 10
    assert (
        first.units["unit_id"].tolist()
        == subsample(data, 10, random_state=3).units["unit_id"].tolist()
    )
    assert subsample(data, 1000, random_state=3) is data


def test_an_auto_grid_follows_the_documents_and_a_given_grid_wins(data):
    from framelab.topics.selection import k_grid_for

    auto = select_model(data, engine="nmf", k_grid=None, k=None, restarts=1, random_state=0,
                        minibatch_above=10_000, n_top_words=6)  # fmt: skip
    assert auto.table["k"].tolist() == k_grid_for(data.units["doc_id"].nunique()) == [3, 4]
    given = select_model(data, engine="nmf", k_grid=[2, 5], k=None, restarts=1, random_state=0,
                         minibatch_above=10_000, n_top_words=6)  # fmt: skip
    assert given.table["k"].tolist() == [2, 5]
