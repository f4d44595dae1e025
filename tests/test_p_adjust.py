import numpy as np
import pytest

from framelab.stats import adjust_p

P = [0.01, 0.04, 0.03, 0.005]


def test_holm_by_hand():
    # sorted: 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 -> 0.02, 0.03, 0.06, 0.04 -> running max
    assert adjust_p(P, "holm") == pytest.approx([0.03, 0.06, 0.06, 0.02])


def test_bonferroni_by_hand_is_capped_at_one():
    assert adjust_p(P + [0.5], "bonferroni") == pytest.approx([0.05, 0.2, 0.15, 0.025, 1.0])


def test_benjamini_hochberg_by_hand():
    # sorted: 0.005, 0.01, 0.03, 0.04 times 4/1, 4/2, 4/3, 4/4 -> 0.02, 0.02, 0.04, 0.04
    assert adjust_p(P, "fdr_bh") == pytest.approx([0.02, 0.04, 0.04, 0.02])


def test_none_and_nan_and_empty():
    assert adjust_p(P, "none") == pytest.approx(P)
    out = adjust_p([0.01, np.nan, 0.02], "holm")
    assert np.isnan(out[1]) and out[[0, 2]] == pytest.approx([0.02, 0.02])
    assert adjust_p([], "holm").shape == (0,)


def test_bad_method_or_p_is_refused():
    with pytest.raises(ValueError, match="p_adjust must be one of"):
        adjust_p(P, "sidak")
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        adjust_p([1.2], "holm")
