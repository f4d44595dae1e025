import numpy as np
import pytest

from framelab.stats import bootstrap_mean_ci, outlet_rng


def test_interval_contains_the_mean_and_is_reproducible():
    values = np.array([[0.1, 0.9], [0.3, 0.7], [0.2, 0.8], [0.6, 0.4]])
    first = bootstrap_mean_ci(values, n_boot=500, ci=0.95, rng=outlet_rng(1, "rt"))
    second = bootstrap_mean_ci(values, n_boot=500, ci=0.95, rng=outlet_rng(1, "rt"))
    mean, low, high = first
    assert mean == pytest.approx([0.3, 0.7])
    assert np.all(low <= mean) and np.all(mean <= high)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)


def test_identical_documents_give_a_zero_width_interval():
    mean, low, high = bootstrap_mean_ci(
        np.full((5, 1), 0.25), n_boot=200, ci=0.9, rng=outlet_rng(0, "x")
    )
    assert low[0] == pytest.approx(0.25) and high[0] == pytest.approx(0.25)


def test_one_document_has_no_interval():
    mean, low, high = bootstrap_mean_ci(
        np.array([[0.5, 0.5]]), n_boot=100, ci=0.95, rng=outlet_rng(0, "x")
    )
    assert mean.tolist() == [0.5, 0.5]
    assert np.isnan(low).all() and np.isnan(high).all()


def test_no_documents_is_an_error():
    with pytest.raises(ValueError, match="at least one document"):
        bootstrap_mean_ci(np.empty((0, 2)), n_boot=10, ci=0.95, rng=outlet_rng(0, "x"))


def test_interval_width_matches_the_standard_error():
    rng = np.random.default_rng(5)
    values = rng.normal(0, 1, size=(400, 1))
    _, low, high = bootstrap_mean_ci(values, n_boot=2000, ci=0.95, rng=outlet_rng(3, "a"))
    expected = 2 * 1.96 * values.std() / np.sqrt(len(values))
    assert high[0] - low[0] == pytest.approx(expected, rel=0.15)


def test_streams_differ_by_key_not_by_order():
    a = outlet_rng(7, "rt").integers(0, 1000, 5)
    b = outlet_rng(7, "neo").integers(0, 1000, 5)
    assert not np.array_equal(a, b)
    np.testing.assert_array_equal(a, outlet_rng(7, "rt").integers(0, 1000, 5))
