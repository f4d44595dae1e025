import numpy as np
import pandas as pd
import pytest

from framelab.stance.outlets import outlet_stance, stance_permutation_tests


def planted(n_docs: int, shift: float, seed: int = 0) -> pd.DataFrame:
    """Two outlets, three mentions per document; outlet b is ``shift`` more positive."""
    rng = np.random.default_rng(seed)
    rows = []
    for outlet, centre in (("a", -0.3), ("b", -0.3 + shift)):
        for d in range(n_docs):
            doc_mean = centre + rng.normal(0, 0.1)
            for _ in range(3):
                score = float(np.clip(doc_mean + rng.normal(0, 0.05), -1, 1))
                polarity = "negative" if score < -0.2 else "positive" if score > 0.2 else "neutral"
                rows.append((f"{outlet}{d}", outlet, "arms", polarity, score))
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "target", "polarity", "score"])


def test_outlet_means_intervals_and_shares():
    table = outlet_stance(planted(20, 0.5), n_boot=500, ci=0.95, random_state=1, min_docs=3)
    a = table.set_index("outlet").loc["a"]
    assert (a["n_mentions"], a["n_docs"]) == (60, 20)
    assert a["low"] < a["mean"] < a["high"]
    assert a["share_negative"] + a["share_neutral"] + a["share_positive"] == pytest.approx(1)
    assert not a["fragile"]


def test_planted_difference_is_found_and_its_absence_is_not():
    different = stance_permutation_tests(planted(15, 0.5), n_perm=499, random_state=2)
    assert different.loc[0, "diff"] == pytest.approx(-0.5, abs=0.1)
    assert different.loc[0, "p"] < 0.01
    same = stance_permutation_tests(planted(15, 0.0, seed=3), n_perm=499, random_state=2)
    assert same.loc[0, "p"] > 0.05


def test_one_document_has_no_interval_and_is_fragile():
    one = planted(1, 0.2)
    table = outlet_stance(one, n_boot=100, ci=0.95, random_state=0, min_docs=3)
    assert table["low"].isna().all() and table["fragile"].all()


def test_results_are_reproducible():
    data = planted(8, 0.2)
    first = outlet_stance(data, n_boot=200, ci=0.9, random_state=5, min_docs=2)
    pd.testing.assert_frame_equal(
        first, outlet_stance(data, n_boot=200, ci=0.9, random_state=5, min_docs=2)
    )
