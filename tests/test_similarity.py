import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from scipy.spatial.distance import jensenshannon

from framelab.terms.counts import DocTerms
from framelab.terms.similarity import jensen_shannon, outlet_similarity, permutation_null


def doc_terms(rows, outlets):
    return DocTerms(
        matrix=sp.csr_matrix(np.array(rows, dtype=np.int64)),
        vocabulary=np.array([f"t{i}" for i in range(len(rows[0]))]),
        doc_ids=np.array([f"d{i}" for i in range(len(rows))]),
        outlets=np.array(outlets),
    )


def test_jsd_matches_scipy_and_is_bounded():
    p, q = np.array([0.5, 0.5, 0.0]), np.array([0.1, 0.2, 0.7])
    assert jensen_shannon(p, q) == pytest.approx(jensenshannon(p, q, base=2) ** 2)
    assert jensen_shannon(p, p) == pytest.approx(0)
    assert jensen_shannon(np.array([1.0, 0]), np.array([0, 1.0])) == pytest.approx(1)


def test_similarity_has_intervals_only_with_two_documents_each():
    terms = doc_terms(
        [[5, 1, 0], [4, 2, 0], [0, 1, 5], [1, 0, 6], [3, 3, 3]], ["a", "a", "b", "b", "c"]
    )
    table = outlet_similarity(terms, n_boot=200, ci=0.95, n_perm=50, random_state=1).set_index(
        ["outlet_a", "outlet_b"]
    )
    ab = table.loc[("a", "b")]
    assert ab["low"] <= ab["high"]
    assert 0 < ab["jsd"] < 1
    assert np.isnan(table.loc[("a", "c"), "low"])
    assert table.loc[("a", "c"), "n_docs_b"] == 1


def test_similarity_is_reproducible():
    terms = doc_terms([[5, 1], [4, 2], [0, 1], [1, 3]], ["a", "a", "b", "b"])
    first = outlet_similarity(terms, n_boot=100, ci=0.9, n_perm=50, random_state=3)
    pd.testing.assert_frame_equal(
        first, outlet_similarity(terms, n_boot=100, ci=0.9, n_perm=50, random_state=3)
    )


def sampled_outlets(distributions, *, n_docs, doc_tokens, seed):
    """Documents drawn from each outlet's term distribution: a corpus with a known truth."""
    rng = np.random.default_rng(seed)
    rows, outlets = [], []
    for name, dist in distributions.items():
        rows += [rng.multinomial(doc_tokens, dist) for _ in range(n_docs)]
        outlets += [name] * n_docs
    return doc_terms(rows, outlets)


def test_interval_contains_the_estimate_and_the_truth_and_corrects_the_bias():
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.full(400, 0.3))
    q = 0.8 * p + 0.2 * rng.dirichlet(np.full(400, 0.3))
    truth = float(jensen_shannon(p, q))
    terms = sampled_outlets({"a": p, "b": q}, n_docs=40, doc_tokens=60, seed=1)
    row = outlet_similarity(terms, n_boot=500, ci=0.95, n_perm=200, random_state=2).iloc[0]
    assert row["low"] <= row["jsd"] <= row["high"]
    assert row["low"] <= truth <= row["high"]
    # the plug-in value overstates the divergence, beyond the interval; the corrected one is
    # closer to the truth
    assert row["jsd_plugin"] > row["high"]
    assert abs(row["jsd"] - truth) < abs(row["jsd_plugin"] - truth) / 2


def test_outlets_from_one_distribution_are_at_chance_level():
    p = np.random.default_rng(3).dirichlet(np.full(300, 0.3))
    terms = sampled_outlets({"a": p, "b": p}, n_docs=30, doc_tokens=50, seed=4)
    row = outlet_similarity(terms, n_boot=300, ci=0.95, n_perm=300, random_state=5).iloc[0]
    assert row["p"] > 0.05
    assert row["jsd_plugin"] <= row["null_high"]
    assert row["jsd_plugin"] == pytest.approx(row["null_mean"], rel=0.15)
    assert abs(row["excess"]) < 0.1 * row["jsd_plugin"]
    assert row["low"] == 0  # the interval reaches the truth, no divergence


def test_different_outlets_are_far_above_chance():
    rng = np.random.default_rng(6)
    terms = sampled_outlets(
        {"a": rng.dirichlet(np.ones(100)), "b": rng.dirichlet(np.ones(100))},
        n_docs=20,
        doc_tokens=80,
        seed=7,
    )
    row = outlet_similarity(terms, n_boot=200, ci=0.95, n_perm=99, random_state=8).iloc[0]
    assert row["p"] == pytest.approx(1 / 100)
    assert row["excess"] == pytest.approx(row["jsd_plugin"] - row["null_mean"])
    assert row["excess"] > 0.5 * row["jsd"]
    assert row["jsd_plugin"] > row["null_high"]
    assert row["null_mean"] < row["low"]


def test_p_is_adjusted_over_all_pairs():
    rng = np.random.default_rng(9)
    distributions = {name: rng.dirichlet(np.ones(60)) for name in "abcd"}
    terms = sampled_outlets(distributions, n_docs=8, doc_tokens=40, seed=10)
    settings = {"n_boot": 50, "ci": 0.95, "n_perm": 99, "random_state": 11}
    table = outlet_similarity(terms, **settings)
    # six pairs, each beyond every shuffle: Holm multiplies the smallest p by 6, and the
    # step-down keeps the others from falling below it
    assert len(table) == 6
    assert np.allclose(table["p"], 1 / 100)
    assert np.allclose(table["p_adjusted"], 6 / 100)
    raw = outlet_similarity(terms, **settings, p_adjust="none")
    assert (raw["p_adjusted"] == raw["p"]).all()


def test_permutation_null_keeps_both_sample_sizes():
    # outlet a: three documents of term 0; b: one document of term 1. A shuffle giving a
    # three documents always leaves it at least two of term 0, so the divergence never
    # exceeds that of the observed labels nor reaches the four-document split's extremes.
    a = sp.csr_matrix(np.array([[1, 0], [1, 0], [1, 0]]))
    b = sp.csr_matrix(np.array([[0, 1]]))
    null = permutation_null(a, b, n_perm=200, rng=np.random.default_rng(0))
    observed = jensen_shannon(np.array([1.0, 0.0]), np.array([0.0, 1.0]))
    swapped = jensen_shannon(np.array([2 / 3, 1 / 3]), np.array([1.0, 0.0]))
    assert set(np.round(null, 12)) == {round(float(observed), 12), round(float(swapped), 12)}
    assert (null == observed).mean() == pytest.approx(0.25, abs=0.08)
