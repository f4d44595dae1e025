import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from scipy.spatial.distance import jensenshannon

from framelab.terms.counts import DocTerms
from framelab.terms.similarity import jensen_shannon, outlet_similarity


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
    table = outlet_similarity(terms, n_boot=200, ci=0.95, random_state=1).set_index(
        ["outlet_a", "outlet_b"]
    )
    ab = table.loc[("a", "b")]
    assert ab["low"] <= ab["high"]
    assert 0 < ab["jsd"] < 1
    assert np.isnan(table.loc[("a", "c"), "low"])
    assert table.loc[("a", "c"), "n_docs_b"] == 1


def test_similarity_is_reproducible():
    terms = doc_terms([[5, 1], [4, 2], [0, 1], [1, 3]], ["a", "a", "b", "b"])
    first = outlet_similarity(terms, n_boot=100, ci=0.9, random_state=3)
    pd.testing.assert_frame_equal(
        first, outlet_similarity(terms, n_boot=100, ci=0.9, random_state=3)
    )
