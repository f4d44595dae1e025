"""Frame packages: the topic network coloured by community, and package prevalence."""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from framelab.config import Outlet
from framelab.figures.labels import place_labels
from framelab.figures.style import FRAGILE_ALPHA, FULL_WIDTH_IN, freeze_layout, wrap

__all__ = ["PACKAGE_COLOURS", "topic_network_data", "topic_network_figure"]

# Paul Tol's muted palette: colour-blind safe and distinct from the outlet colours
PACKAGE_COLOURS = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77",
                   "#CC6677", "#882255", "#AA4499", "#DDDDDD"]  # fmt: skip
_COLUMNS = ["element", "topic", "topic_b", "label", "package", "x", "y", "weight", "outlet",
            "outlet_name", "mean", "low", "high", "n_docs", "fragile"]  # fmt: skip


def topic_network_data(
    topic_words: pd.DataFrame,
    network: pd.DataFrame,
    packages: pd.DataFrame,
    prevalence: pd.DataFrame,
    outlets: dict[str, Outlet],
    *,
    random_state: int,
) -> pd.DataFrame:
    """The numbers drawn: nodes with layout positions, edges with weights, and package
    prevalence per outlet (``element`` says which)."""
    labels = topic_words.drop_duplicates("topic").set_index("topic")["label"]
    graph = nx.Graph()
    graph.add_nodes_from(sorted(packages["topic"]))
    edges = network[network["edge"]].sort_values(["topic_a", "topic_b"])
    graph.add_weighted_edges_from(
        (int(r.topic_a), int(r.topic_b), float(r.correlation)) for r in edges.itertuples()
    )
    layout = nx.spring_layout(graph, weight="weight", seed=random_state)
    package_of = packages.set_index("topic")["package"]
    n_docs = int(network["n_docs"].iloc[0]) if len(network) else 0
    nodes = pd.DataFrame(
        {
            "element": "node",
            "topic": [int(t) for t in graph.nodes],
            "label": [labels[t] for t in graph.nodes],
            "package": [int(package_of[t]) for t in graph.nodes],
            "x": [float(layout[t][0]) for t in graph.nodes],
            "y": [float(layout[t][1]) for t in graph.nodes],
            "n_docs": n_docs,
        }
    )
    links = pd.DataFrame(
        {
            "element": "edge",
            "topic": edges["topic_a"].astype(int).to_numpy(),
            "topic_b": edges["topic_b"].astype(int).to_numpy(),
            "weight": edges["correlation"].to_numpy(),
            "n_docs": n_docs,
        }
    )
    order = {o: i for i, o in enumerate(outlets)}
    prev = prevalence.sort_values(["package", "outlet"], key=lambda s: s.map(order)
                                  if s.name == "outlet" else s)  # fmt: skip
    prev = prev.assign(
        element="prevalence", outlet_name=prev["outlet"].map(lambda o: outlets[o].name)
    )
    data = pd.concat([nodes, links, prev], ignore_index=True)
    return data.reindex(columns=_COLUMNS)


def topic_network_figure(
    data: pd.DataFrame, outlets: dict[str, Outlet], *, ci: float
) -> plt.Figure:
    """Left: topics as nodes (colour: package), positive correlations as edges (width:
    correlation). Right: mean package share per document by outlet with bootstrap CIs."""
    nodes = data[data["element"] == "node"]
    edges = data[data["element"] == "edge"]
    prev = data[data["element"] == "prevalence"]
    n_outlets = len(set(prev["outlet"]))
    fig, (net, dots) = plt.subplots(
        1, 2, figsize=(FULL_WIDTH_IN, 3.4 + 0.3 * -(-(n_outlets + 1) // 3)),
        gridspec_kw={"width_ratios": [1.1, 1]}, layout="constrained",
    )  # fmt: skip
    pos = {int(r.topic): (r.x, r.y) for r in nodes.itertuples()}
    top = edges["weight"].max() if len(edges) else 1.0
    for r in edges.itertuples():
        (x0, y0), (x1, y1) = pos[int(r.topic)], pos[int(r.topic_b)]
        net.plot([x0, x1], [y0, y1], color="0.55", lw=0.5 + 3.0 * r.weight / top, zorder=1)
    for r in nodes.itertuples():
        colour = PACKAGE_COLOURS[(int(r.package) - 1) % len(PACKAGE_COLOURS)]
        net.scatter(r.x, r.y, s=70, color=colour, edgecolor="0.3", lw=0.4, zorder=2)
    net.set_axis_off()
    net.margins(0.15)
    n_corr = int(nodes["n_docs"].iloc[0]) if len(nodes) else 0
    net.set_title(f"Topic network: positive correlations over {n_corr:,} documents", loc="left")
    packages = sorted(nodes["package"].astype(int).unique())
    net.legend(
        handles=[
            Line2D(
                [],
                [],
                marker="o",
                ls="none",
                ms=6,
                color=PACKAGE_COLOURS[(p - 1) % len(PACKAGE_COLOURS)],
                label=f"P{p}: "
                + ", ".join(f"T{int(t) + 1}" for t in nodes.loc[nodes["package"] == p, "topic"]),
            )
            for p in packages
        ],  # fmt: skip
        loc="upper left",
        bbox_to_anchor=(0, 0),
        ncol=2,
        frameon=False,
    )
    present = [o for o in outlets if o in set(prev["outlet"])]
    offsets = np.linspace(-0.25, 0.25, len(present)) if len(present) > 1 else [0.0]
    for offset, outlet_id in zip(offsets, present, strict=True):
        rows = prev[prev["outlet"] == outlet_id]
        colour = outlets[outlet_id].colour
        for r in rows.itertuples():
            y = -packages.index(int(r.package)) - offset
            alpha = FRAGILE_ALPHA if bool(r.fragile) else 1.0
            if np.isfinite(r.low):
                dots.plot([r.low, r.high], [y, y], color=colour, alpha=alpha, lw=1.0)
            dots.plot(r.mean, y, marker="o", ms=4, color=colour, alpha=alpha, ls="none",
                      markerfacecolor=colour if np.isfinite(r.low) else "white")  # fmt: skip
    dots.set_yticks([-i for i in range(len(packages))], [f"P{p}" for p in packages])
    dots.set_xlabel(f"Mean package share per document\n({ci:.0%} interval over documents)")
    dots.set_xlim(left=0)
    n_docs = prev.drop_duplicates("outlet").set_index("outlet")["n_docs"]
    fig.legend(
        handles=[
            Line2D(
                [],
                [],
                color=outlets[o].colour,
                marker="o",
                label=wrap(f"{outlets[o].name} (n\u00a0=\u00a0{int(n_docs[o]):,})", 34),
            )
            for o in present
        ]
        + [
            Line2D(
                [],
                [],
                color="0.3",
                marker="o",
                markerfacecolor="white",
                ls="none",
                label="n = 1: no interval",
            )
        ],  # fmt: skip
        loc="outside lower center",
        ncol=3,
        frameon=False,
    )
    dots.tick_params(axis="y", length=0)
    freeze_layout(fig)
    xs, ys = nodes["x"].to_numpy(float), nodes["y"].to_numpy(float)
    place_labels(net, xs, ys, [f"T{int(t) + 1}" for t in nodes["topic"]], avoid_x=xs, avoid_y=ys)
    return fig
