import numpy as np
import pandas as pd

from framelab.topics.describe import frex, representative_units


def test_frex_prefers_frequent_and_exclusive_words():
    terms = np.array(["common", "exclusive", "frequent_shared", "rare"])
    topic_term = np.array(
        [
            [0.25, 0.40, 0.30, 0.05],  # topic 0: "exclusive" only here
            [0.40, 0.00, 0.40, 0.20],
        ]
    )
    table = frex(topic_term, terms, weight=0.5, n_top=4)
    first = table[table["topic"] == 0]["term"].tolist()
    assert first[0] == "exclusive"  # frequent in topic 0 and exclusive to it
    assert first == ["exclusive", "frequent_shared", "common", "rare"]
    score = table.set_index(["topic", "term"])["frex"]
    # ECDF ranks in topic 0, frequency and exclusivity alike: common 2/4, frequent_shared 3/4
    assert score[0, "exclusive"] == 1.0
    assert score[0, "common"] == 1 / (0.5 / 0.5 + 0.5 / 0.5)
    # topic 1: "common" ties "frequent_shared" in frequency but is more exclusive to it
    assert table[table["topic"] == 1]["term"].tolist()[0] == "common"


def test_frex_weight_one_ranks_by_exclusivity_only():
    terms = np.array(["a", "b", "c"])
    topic_term = np.array([[0.7, 0.2, 0.1], [0.8, 0.1, 0.1]])
    table = frex(topic_term, terms, weight=1.0, n_top=3)
    assert table[table["topic"] == 0]["term"].tolist() == ["b", "c", "a"]


def test_representative_units_are_the_highest_shares_with_their_documents():
    unit_topic = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2", "d2", "d3", "d3"],
            "outlet": ["x", "x", "y", "y", "y", "y"],
            "unit_id": ["d1:p1", "d1:p1", "d2:p1", "d2:p1", "d3:p1", "d3:p1"],
            "topic": [0, 1, 0, 1, 0, 1],
            "loading": [0.9, 0.1, 0.2, 0.2, 0.0, 0.0],
            "share": [0.9, 0.1, 0.5, 0.5, 0.0, 0.0],
        }
    )
    texts = pd.Series({"d1:p1": "first  paragraph", "d2:p1": "second " * 200, "d3:p1": ""})
    table = representative_units(unit_topic, texts, n=3, max_chars=50)
    top0 = table[table["topic"] == 0]
    assert top0["unit_id"].tolist() == ["d1:p1", "d2:p1"]  # d3 has no loading
    assert top0["doc_id"].tolist() == ["d1", "d2"]
    assert top0["text"].iloc[0] == "first paragraph"
    assert top0["text"].iloc[1].endswith(" …") and len(top0["text"].iloc[1]) <= 52
    assert table[table["topic"] == 1]["unit_id"].iloc[0] == "d2:p1"
