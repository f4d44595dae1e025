import math

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from framelab.terms.keyness_stats import keyness


def counts():
    return pd.DataFrame(
        [("a", "x", 30, 3), ("a", "y", 70, 3), ("b", "x", 10, 1), ("b", "y", 90, 4)],
        columns=["outlet", "term", "n", "doc_freq"],
    )


def test_g2_and_chi2_match_scipy():
    table = keyness(counts()).set_index(["outlet", "term"])
    observed = [[30, 10], [70, 90]]
    chi_sq, _, _, _ = chi2_contingency(observed, correction=False)
    g2, _, _, _ = chi2_contingency(observed, correction=False, lambda_="log-likelihood")
    row = table.loc[("a", "x")]
    assert row["chi2"] == pytest.approx(chi_sq)
    assert row["g2"] == pytest.approx(g2)
    assert row["log_ratio"] == pytest.approx(math.log2((30 / 100) / (10 / 100)))
    assert table.loc[("b", "x"), "g2"] == pytest.approx(-g2)
    assert table.loc[("b", "x"), "direction"] == -1


def test_keyness_needs_two_outlets():
    with pytest.raises(ValueError, match="at least two outlets"):
        keyness(counts()[counts()["outlet"] == "a"])
