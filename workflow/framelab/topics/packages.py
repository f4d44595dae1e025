"""Frame packages: communities of co-occurring topics (Walter & Ophir's ANTMN).

Topics are nodes; two topics are linked when their shares are positively correlated across
documents; Louvain community detection partitions the network.
"""

from __future__ import annotations

import logging

import networkx as nx
import numpy as np
import pandas as pd

__all__ = ["frame_packages", "package_shares", "topic_correlations", "topic_network"]

log = logging.getLogger(__name__)


def topic_correlations(shares: np.ndarray) -> pd.DataFrame:
    """Pearson correlation of every pair of topics' shares across documents.

    Parameters
    ----------
    shares : ndarray of shape (n_docs, k)

    Returns
    -------
    DataFrame
        ``topic_a, topic_b, correlation`` for ``topic_a < topic_b``; NaN when a topic's
        share does not vary.
    """
    k = shares.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        matrix = np.corrcoef(shares, rowvar=False) if len(shares) > 1 else np.full((k, k), np.nan)
    rows = [(a, b, float(matrix[a, b])) for a in range(k) for b in range(a + 1, k)]
    return pd.DataFrame(rows, columns=["topic_a", "topic_b", "correlation"])


def topic_network(correlations: pd.DataFrame, k: int) -> nx.Graph:
    """Topics as nodes, positive correlations as weighted edges (added in sorted order)."""
    graph = nx.Graph()
    graph.add_nodes_from(range(k))
    positive = correlations[correlations["correlation"] > 0].sort_values(["topic_a", "topic_b"])
    graph.add_weighted_edges_from(
        (int(r.topic_a), int(r.topic_b), float(r.correlation)) for r in positive.itertuples()
    )
    return graph


def frame_packages(graph: nx.Graph, *, random_state: int) -> pd.DataFrame:
    """Louvain communities of the topic network, numbered by size (largest first).

    Returns
    -------
    DataFrame
        ``topic, package, package_size``; packages are numbered from 1, ties in size
        broken by their smallest topic. A topic without positive links is its own package.
    """
    communities = nx.community.louvain_communities(graph, weight="weight", seed=random_state)
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    rows = [(topic, number, len(c)) for number, c in enumerate(ordered, start=1) for topic in c]
    table = pd.DataFrame(rows, columns=["topic", "package", "package_size"])
    log.info("%d topics form %d frame packages", graph.number_of_nodes(), len(ordered))
    return table.sort_values("topic").reset_index(drop=True)


def package_shares(doc_topic: pd.DataFrame, packages: pd.DataFrame) -> pd.DataFrame:
    """Each document's share of each package: the sum of its topics' shares.

    Returns
    -------
    DataFrame
        ``doc_id, outlet, topic, share`` with ``topic`` holding the package number, so the
        prevalence functions apply unchanged.
    """
    package_of = packages.set_index("topic")["package"]
    summed = (
        doc_topic.assign(package=doc_topic["topic"].map(package_of))
        .groupby(["doc_id", "outlet", "package"], sort=True)["share"]
        .sum()
        .reset_index()
    )
    return summed.rename(columns={"package": "topic"})
