import math

import numpy as np
import pandas as pd
import pytest

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
