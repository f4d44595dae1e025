import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from framelab.topics.selection import (
    choose_k,
    exclusivity,
    matched_jaccard,
    npmi_coherence,
    restart_stability,
    topic_diversity,
)

# No word repeats within a text, so exact window presence and gensim's agree.
TEXTS = [
    ["troops", "base", "iraq", "withdrawal"],
    ["troops", "base", "convoy"],
    ["russia", "arms", "s400", "offer"],
    ["russia", "arms", "deal"],
    ["iraq", "russia", "troops"],
    ["oil", "price"],
    [],
]
TOPICS = [["troops", "base", "iraq"], ["russia", "arms", "offer"]]


def test_npmi_matches_a_hand_computation():
    # texts shorter than the window are one window each: 7 windows (the empty one counts)
    n = 7
    p = {"troops": 3 / n, "base": 2 / n, "iraq": 2 / n}
    joint = {("troops", "base"): 2 / n, ("troops", "iraq"): 2 / n, ("base", "iraq"): 1 / n}
    expected = np.mean(
        [
            math.log((joint[a, b] + 1e-12) / (p[a] * p[b])) / -math.log(joint[a, b] + 1e-12)
            for a, b in joint
        ]
    )
    assert npmi_coherence(TOPICS, TEXTS, window=10)[0] == pytest.approx(expected, abs=1e-12)


def test_npmi_counts_each_window_once_per_word():
    texts = [["a", "b", "a", "c", "x", "x"]]
    # windows of 3: [a b a] [b a c] [a c x] [c x x]; a in 3, c in 3, a&c in 2
    expected = math.log((2 / 4 + 1e-12) / (3 / 4 * 3 / 4)) / -math.log(2 / 4 + 1e-12)
    assert npmi_coherence([["a", "c"]], texts, window=3)[0] == pytest.approx(expected)


def test_npmi_agrees_with_gensim_c_npmi():
    import gensim  # a dev dependency (pyproject.toml), so its absence is an error, not a skip
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

    rng = np.random.default_rng(3)
    vocab = [f"w{i}" for i in range(40)]
    texts = [list(rng.choice(vocab, size=rng.integers(0, 25), replace=False)) for _ in range(80)]
    topics = [list(rng.choice(vocab, size=6, replace=False)) for _ in range(4)]
    topics = [[w for w in t if any(w in x for x in texts)] for t in topics]
    model = CoherenceModel(topics=topics, texts=texts, dictionary=Dictionary(texts),
                           coherence="c_npmi", window_size=10, topn=6, processes=1)  # fmt: skip
    assert gensim.__version__
    np.testing.assert_allclose(
        npmi_coherence(topics, texts, window=10), model.get_coherence_per_topic(), atol=1e-12
    )


def test_npmi_of_words_that_never_meet_is_near_minus_one():
    texts = [["a", "x"], ["b", "y"]]  # p_a = p_b = 1/2, never together: epsilon keeps it finite
    expected = math.log(1e-12 / 0.25) / -math.log(1e-12)
    assert npmi_coherence([["a", "b"]], texts)[0] == pytest.approx(expected)
    assert -1 < expected < -0.9


def test_diversity_is_the_share_of_unique_top_words():
    assert topic_diversity([["a", "b"], ["c", "d"]]) == 1.0
    assert topic_diversity([["a", "b"], ["a", "c"]]) == 0.75


def test_exclusivity_is_one_for_disjoint_topics_and_one_over_k_for_identical():
    disjoint = np.array([[0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5]])
    assert exclusivity(disjoint, 2) == pytest.approx([1.0, 1.0])
    same = np.array([[0.25] * 4, [0.25] * 4])
    assert exclusivity(same, 2) == pytest.approx([0.5, 0.5])


def test_identical_restarts_are_perfectly_stable_in_any_topic_order():
    words = [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]]
    shuffled = [words[2], words[0], words[1]]
    mean, matching = matched_jaccard(words, shuffled)
    assert mean == 1.0
    assert matching.tolist() == [1, 2, 0]
    assert restart_stability([words, shuffled, words]).tolist() == [1.0, 1.0, 1.0]


def test_partial_overlap_gives_the_matched_jaccard():
    first = [["a", "b"], ["c", "d"]]
    second = [["c", "x"], ["a", "b"]]
    mean, _ = matched_jaccard(first, second)
    assert mean == pytest.approx((1.0 + 1 / 3) / 2)


def test_k_rule_takes_the_most_coherent_stable_k():
    table = pd.DataFrame({"k": [3, 4, 5, 6], "coherence": [0.1, 0.3, 0.5, 0.3],
                          "stability": [1.0, 0.9, 0.4, 0.8]})  # fmt: skip
    assert choose_k(table, min_stability=0.6)[0] == 4  # 5 is more coherent but unstable
    ties = table.assign(coherence=[0.3, 0.3, 0.1, 0.3])
    assert choose_k(ties, min_stability=0.6)[0] == 3


def test_k_rule_falls_back_to_the_most_stable_k(caplog):
    table = pd.DataFrame({"k": [3, 4], "coherence": [0.5, 0.1], "stability": [0.2, 0.4]})
    k, reason = choose_k(table, min_stability=0.6)
    assert k == 4 and "most stable" in reason
    assert "topics.min_stability" in caplog.text


def test_window_counts_do_not_depend_on_block_size(monkeypatch):
    import framelab.topics.selection as selection

    rng = np.random.default_rng(0)
    vocab = list("abcdefghij")
    texts = [list(rng.choice(vocab, size=rng.integers(0, 30))) for _ in range(50)]
    topics = [vocab[:5], vocab[5:]]
    whole = npmi_coherence(topics, texts, window=4)
    monkeypatch.setattr(selection, "_BLOCK_TOKENS", 7)
    np.testing.assert_allclose(npmi_coherence(topics, texts, window=4), whole)


def test_k_grid_grows_with_the_documents():
    from framelab.topics.selection import k_grid_for

    assert k_grid_for(5) == [3, 4]
    assert k_grid_for(360) == [3, 4, 5, 6, 7, 9]
    assert k_grid_for(1500) == [4, 5, 7, 10, 14, 19]
    assert max(k_grid_for(100_000)) == 40
    grids = [k_grid_for(n) for n in (50, 500, 5000)]
    assert max(grids[0]) < max(grids[1]) < max(grids[2])
    with pytest.raises(ValueError, match="at least one document"):
        k_grid_for(0)


def degenerate_loadings() -> tuple[np.ndarray, np.ndarray]:
    """Three outlets; topic 0 holds ~96% of every outlet's loading, topics 1-3 are crumbs."""
    rng = np.random.default_rng(0)
    outlets = np.repeat(["a", "b", "c"], 40)
    loadings = np.column_stack([np.full(120, 0.96)] + [rng.uniform(0, 0.03, 120)] * 3)
    return loadings, outlets


def test_a_topic_filling_every_outlet_is_flagged_degenerate():
    from framelab.topics.selection import topic_mass_flags

    loadings, outlets = degenerate_loadings()
    flags = topic_mass_flags(loadings, outlets, max_topic_share=0.5, min_topic_mass=0.25)
    assert flags["dominant_topic"] and flags["degenerate"]
    assert flags["dominant_share"] > 0.9 and flags["near_empty_topics"] == 3
    # the same mass spread evenly over topics: nothing to flag
    even = topic_mass_flags(np.eye(4)[np.arange(120) % 4], outlets,
                            max_topic_share=0.5, min_topic_mass=0.25)  # fmt: skip
    assert not even["dominant_topic"] and not even["degenerate"]
    assert even["near_empty_topics"] == 0


def test_stability_is_weighted_by_topic_mass():
    # the restarts agree on three crumbs and disagree on the topic that holds the mass
    first = [["a", "b", "c"], ["d", "e"], ["f", "g"], ["h", "i"]]
    second = [["x", "y", "z"], ["d", "e"], ["f", "g"], ["h", "i"]]
    mass = np.array([0.94, 0.02, 0.02, 0.02])
    assert restart_stability([first, second])[0] == pytest.approx(0.75)
    weighted = restart_stability([first, second], [mass, mass])[0]
    assert weighted == pytest.approx(0.06)


def test_the_rule_never_prefers_a_degenerate_k():
    table = pd.DataFrame({"k": [3, 4, 5], "coherence": [0.2, 0.5, 0.3],
                          "stability": [0.7, 1.0, 0.8],
                          "degenerate": [False, True, False]})  # fmt: skip
    k, reason = choose_k(table, min_stability=0.6)
    assert k == 5 and "dominating" in reason  # K=4 is the most coherent and "stable"
    unstable = table.assign(stability=[0.3, 1.0, 0.4])
    assert choose_k(unstable, min_stability=0.6)[0] == 5  # most stable of the sound K
    every = table.assign(degenerate=True)
    k, reason = choose_k(every, min_stability=0.6)
    assert k == 4 and "degenerate" in reason


def test_selection_records_the_flags_and_passes_over_a_degenerate_k(monkeypatch):
    """K=2 is built degenerate (one topic holds ~96% of every outlet; the restarts agree on
    everything) and scores the best coherence; K=3 is sound. The table records the flags and
    K=3 is chosen."""
    import framelab.topics.selection as selection
    from framelab.topics.models import FittedTopics, UnitMatrix

    outlets = np.repeat(["a", "b", "c"], 40)
    units = pd.DataFrame({"doc_id": [f"d{i // 2}" for i in range(120)], "outlet": outlets,
                          "unit_id": [f"u{i}" for i in range(120)]})  # fmt: skip
    terms = np.array([f"w{i}" for i in range(12)])
    data = UnitMatrix(units=units, counts=sparse.csr_matrix(np.ones((120, 12))),
                      tfidf=sparse.csr_matrix(np.ones((120, 12))), terms=terms,
                      tokens=[list(terms)] * 120)  # fmt: skip
    crumbs, _ = degenerate_loadings()

    def fit(data, *, engine, k, seed, minibatch_above):
        components = np.kron(np.eye(k), np.ones(12 // k))[:, :12] + 1e-3
        if k == 2:
            loadings = crumbs[:, :2]
        else:
            loadings = np.eye(3)[np.arange(120) % 3]
        return FittedTopics(loadings=loadings, components=components, objective=1.0,
                            seed=seed, minibatch=False)  # fmt: skip

    monkeypatch.setattr(selection, "fit_topics", fit)

    def coherence(words, texts, window):  # K=2 looks the most coherent
        return np.full(len(words), 0.9 if len(words) == 2 else 0.3)

    monkeypatch.setattr(selection, "npmi_coherence", coherence)
    chosen = selection.select_model(
        data, engine="nmf", k_grid=[2, 3], k=None, restarts=2, random_state=0,
        minibatch_above=10_000, n_top_words=4,
    )  # fmt: skip
    table = chosen.table.set_index("k")
    assert table.loc[2, "dominant_topic"] and table.loc[2, "degenerate"]
    assert table.loc[2, "stability"] == 1.0  # the restarts agree: "stable", yet degenerate
    assert not table.loc[3, "degenerate"] and table.loc[3, "near_empty_topics"] == 0
    assert chosen.k == 3 and table.loc[3, "chosen"]


def test_the_selection_figure_marks_degenerate_k():
    from framelab.figures.topic_selection import topic_selection_data, topic_selection_figure

    table = pd.DataFrame({"k": [3, 4], "coherence": [0.2, 0.1], "coherence_min": [0.1, 0.1],
                          "coherence_max": [0.2, 0.1], "diversity": [1.0, 0.9],
                          "exclusivity": [0.9, 0.8], "stability": [1.0, 0.8],
                          "stability_min": [1.0, 0.7], "chosen": [False, True],
                          "n_units": [50, 50], "n_docs": [9, 9], "restarts": [3, 3],
                          "degenerate": [True, False]})  # fmt: skip
    data = topic_selection_data(table)
    fig = topic_selection_figure(data, unit="paragraph", min_stability=0.6)
    crosses = [ln for ln in fig.axes[0].lines if ln.get_marker() == "x"]
    assert len(crosses) == 1 and list(crosses[0].get_xdata()) == [3]
    assert "degenerate" in fig.texts[0].get_text()
    assert not topic_selection_data(table.drop(columns="degenerate"))["degenerate"].any()


def test_the_rule_ranks_k_by_the_coherence_of_topics_not_suspect():
    # K=4 is the most coherent overall because its furniture topics are; without them it is not
    table = pd.DataFrame({"k": [4, 10, 14], "coherence": [0.53, 0.30, 0.28],
                          "coherence_content": [0.18, 0.25, 0.21],
                          "stability": [1.0, 0.8, 0.7], "degenerate": [False] * 3})  # fmt: skip
    k, reason = choose_k(table, min_stability=0.6)
    assert k == 10 and "not marked suspect" in reason
    all_suspect = table.assign(coherence_content=[np.nan, np.nan, 0.1])
    assert choose_k(all_suspect, min_stability=0.6)[0] == 14
    k, reason = choose_k(table.assign(coherence_content=np.nan), min_stability=0.6)
    assert k == 4 and "every topic of every stable K was marked suspect" in reason
    assert choose_k(table.drop(columns="coherence_content"), min_stability=0.6)[0] == 4


def test_selection_records_suspect_topics_of_each_k():
    from framelab.segment.tokens import Analyzer
    from framelab.topics.models import top_terms, unit_matrix
    from framelab.topics.selection import select_model

    rng = np.random.default_rng(0)
    themes = ["troops base convoy army", "oil barrels export energy", "missiles deal offer arms"]
    rows = [(f"d{i // 3}", ["a", "b", "c"][i % 3], f"u{i}",
             " ".join(rng.choice(themes[i % 3].split(), size=6))) for i in range(90)]  # fmt: skip
    data = unit_matrix(pd.DataFrame(rows, columns=["doc_id", "outlet", "unit_id", "text"]),
                       Analyzer([]), min_df=2, max_df=1.0)  # fmt: skip

    def oil_is_suspect(fitted, fitted_on):
        words = top_terms(fitted.components, fitted_on.terms, 4)
        return np.array(["oil" in w for w in words])

    selection = select_model(data, engine="nmf", k_grid=[2, 3], k=None, restarts=2,
                             random_state=0, minibatch_above=10_000, n_top_words=4,
                             suspect_of=oil_is_suspect)  # fmt: skip
    table = selection.table.set_index("k")
    assert table.loc[3, "n_suspect"] == 1
    assert 0.2 < table.loc[3, "suspect_mass"] < 0.5  # one planted theme of three
    assert table.loc[3, "coherence_content"] != table.loc[3, "coherence"]
