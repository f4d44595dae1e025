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


def test_each_document_counts_once_and_the_mention_mean_is_kept():
    # doc a0: 9 mentions at -1; docs a1, a2: one mention at +1 each
    rows = [("a0", "a", "t", "negative", -1.0)] * 9 + [
        ("a1", "a", "t", "positive", 1.0),
        ("a2", "a", "t", "positive", 1.0),
    ]
    mentions = pd.DataFrame(rows, columns=["doc_id", "outlet", "target", "polarity", "score"])
    row = outlet_stance(mentions, n_boot=200, ci=0.95, random_state=0, min_docs=3).iloc[0]
    assert row["mean"] == pytest.approx((-1 + 1 + 1) / 3)
    assert row["mean_mentions"] == pytest.approx((-9 + 2) / 11)
    assert row["share_negative"] == pytest.approx(1 / 3)  # shares are document-weighted too
    assert (row["n_mentions"], row["n_docs"]) == (11, 3)
    # the bootstrap resamples documents: a resample holds only values of {-1, +1} documents
    assert -1 <= row["low"] <= row["mean"] <= row["high"] <= 1


def test_the_test_difference_is_the_document_weighted_one():
    rows = (
        [("a0", "a", "t", "negative", -1.0)] * 9
        + [("a1", "a", "t", "positive", 1.0)]
        + [
            ("b0", "b", "t", "neutral", 0.0),
            ("b1", "b", "t", "neutral", 0.0),
        ]
    )
    mentions = pd.DataFrame(rows, columns=["doc_id", "outlet", "target", "polarity", "score"])
    tests = stance_permutation_tests(mentions, n_perm=99, random_state=0)
    assert tests.loc[0, "diff"] == pytest.approx(0.0)  # (-1 + 1) / 2 - 0; by mentions: -0.8
    assert tests.loc[0, ["n_mentions_a", "n_docs_a"]].tolist() == [10, 2]


def test_unscored_mentions_are_left_out_but_counted():
    data = planted(6, 0.3).assign(scored=True)
    data.loc[data.index[:3], "scored"] = False  # the three mentions of document a0
    data.loc[data.index[:3], "score"] = np.nan
    table = outlet_stance(data, n_boot=100, ci=0.95, random_state=0, min_docs=3)
    a = table.set_index("outlet").loc["a"]
    assert (a["n_docs"], a["n_mentions"], a["n_skipped"]) == (5, 15, 3)
    assert np.isfinite(a["mean"])


def test_pair_p_values_are_adjusted_within_each_target():
    data = pd.concat([planted(8, 0.4), planted(8, 0.0, seed=4).assign(target="oil")])
    extra = planted(8, 0.2, seed=5).assign(outlet=lambda d: d["outlet"].map({"a": "c", "b": "d"}))
    data = pd.concat([data, extra])
    tests = stance_permutation_tests(data, n_perm=199, random_state=1, p_adjust="holm")
    for _, family in tests.groupby("target"):
        p = family["p"].to_numpy()
        order = np.argsort(p, kind="stable")
        m = len(p)
        expected = np.minimum(1, np.maximum.accumulate(p[order] * (m - np.arange(m))))
        assert family["p_adjusted"].to_numpy()[order] == pytest.approx(expected)
    assert len(tests[tests["target"] == "arms"]) == 6  # four outlets: six pairs
    bonferroni = stance_permutation_tests(data, n_perm=199, random_state=1, p_adjust="bonferroni")
    arms = bonferroni[bonferroni["target"] == "arms"]
    assert arms["p_adjusted"].to_numpy() == pytest.approx(np.minimum(1, 6 * arms["p"]))


def test_the_figure_counts_differing_pairs_by_the_adjusted_p():
    from framelab.config import Outlet
    from framelab.figures import stance_figure

    data = planted(10, 0.6)
    table = outlet_stance(data, n_boot=100, ci=0.95, random_state=0, min_docs=3)
    tests = stance_permutation_tests(data, n_perm=99, random_state=0)
    outlets = {o: Outlet(id=o, name=o.upper(), colour="#000000") for o in ("a", "b")}
    fig, _ = stance_figure(table, outlets, ["arms"], ci=0.95, tests=tests)
    assert fig.axes[0].get_title(loc="left") == "Arms (1 of 1 pair differs, adjusted p < 0.05)"
    fig, _ = stance_figure(table, outlets, ["arms"], ci=0.95, tests=tests.assign(p_adjusted=0.2))
    assert fig.axes[0].get_title(loc="left") == "Arms (0 of 1 pair differs, adjusted p < 0.05)"
