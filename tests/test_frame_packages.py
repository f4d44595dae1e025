import numpy as np
import pandas as pd

from framelab.topics.packages import (
    frame_packages,
    package_shares,
    topic_correlations,
    topic_network,
)


def planted_shares(n: int = 200, seed: int = 0) -> np.ndarray:
    """Topics 0-2 rise and fall together, topics 3-5 too, the blocks alternate."""
    rng = np.random.default_rng(seed)
    block = rng.uniform(size=n) > 0.5
    shares = np.where(block[:, None], [3, 3, 3, 1, 1, 1], [1, 1, 1, 3, 3, 3]).astype(float)
    shares += rng.uniform(0, 0.5, size=shares.shape)
    return shares / shares.sum(axis=1, keepdims=True)


def test_louvain_recovers_a_planted_two_block_structure():
    correlations = topic_correlations(planted_shares())
    assert (correlations.query("topic_a < 3 and topic_b < 3")["correlation"] > 0.5).all()
    graph = topic_network(correlations, 6)
    assert graph.number_of_edges() == 6  # only positive correlations are kept
    packages = frame_packages(graph, random_state=7)
    assert packages["package"].tolist() == [1, 1, 1, 2, 2, 2]
    again = frame_packages(topic_network(correlations, 6), random_state=7)
    pd.testing.assert_frame_equal(packages, again)


def test_a_topic_without_positive_links_is_its_own_package():
    correlations = pd.DataFrame(
        {"topic_a": [0, 0, 1], "topic_b": [1, 2, 2], "correlation": [0.8, -0.2, -0.3]}
    )
    packages = frame_packages(topic_network(correlations, 3), random_state=0)
    assert packages.set_index("topic")["package"].to_dict() == {0: 1, 1: 1, 2: 2}


def test_package_share_is_the_sum_of_its_topics():
    doc_topic = pd.DataFrame(
        {
            "doc_id": ["d"] * 3,
            "outlet": ["x"] * 3,
            "topic": [0, 1, 2],
            "share": [0.2, 0.3, 0.5],
        }
    )
    packages = pd.DataFrame({"topic": [0, 1, 2], "package": [1, 2, 1], "package_size": [2, 1, 2]})
    shares = package_shares(doc_topic, packages)
    assert shares.set_index("topic")["share"].to_dict() == {1: 0.7, 2: 0.3}
