"""Figures of the topic stage: prevalence, model selection, frame packages, time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from framelab.config import outlets as config_outlets
from framelab.figures import style
from framelab.figures import topic_network as network_figure
from framelab.figures import topic_selection as selection_figure
from framelab.figures import topic_time as time_figure
from framelab.figures import topics as topics_figure
from framelab.stages.paths import Paths

__all__ = [
    "run_figure_topic_network",
    "run_figure_topic_selection",
    "run_figure_topic_time",
    "run_figure_topics",
]


def run_figure_topic_selection(
    config: dict[str, Any],
    *,
    selection: str | Path,
    vector: Paths,
    png: str | Path,
    csv: str | Path,
) -> None:
    """Draw coherence, diversity, exclusivity and stability against K."""
    table = pd.read_csv(selection)
    data = selection_figure.topic_selection_data(table)
    with style.figure_style():
        fig = selection_figure.topic_selection_figure(
            data, unit=_unit(config), min_stability=config["topics"]["min_stability"]
        )
        style.save_figure(fig, [*vector, png], csv=csv, data=data, dpi=config["figures"]["dpi"])


def run_figure_topic_network(
    config: dict[str, Any],
    *,
    topic_words: str | Path,
    network: str | Path,
    packages: str | Path,
    package_prevalence: str | Path,
    vector: Paths,
    png: str | Path,
    csv: str | Path,
) -> None:
    """Draw the topic network coloured by frame package, and package prevalence by outlet."""
    outlets = config_outlets(config)
    data = network_figure.topic_network_data(
        pd.read_csv(topic_words),
        pd.read_csv(network),
        pd.read_csv(packages),
        pd.read_csv(package_prevalence),
        outlets,
        random_state=config["random_state"],
    )
    with style.figure_style():
        fig = network_figure.topic_network_figure(data, outlets, ci=config["stats"]["ci"])
        style.save_figure(fig, [*vector, png], csv=csv, data=data, dpi=config["figures"]["dpi"])


def run_figure_topic_time(
    config: dict[str, Any],
    *,
    topic_words: str | Path,
    time: str | Path,
    vector: Paths,
    png: str | Path,
    csv: str | Path,
) -> None:
    """Draw topic prevalence over time per outlet (or the note why it is not drawn)."""
    outlets = config_outlets(config)
    data = time_figure.topic_time_data(
        pd.read_csv(time, keep_default_na=False, na_values=[""]), pd.read_csv(topic_words)
    )
    with style.figure_style():
        fig = time_figure.topic_time_figure(data, outlets, ci=config["stats"]["ci"])
        style.save_figure(fig, [*vector, png], csv=csv, data=data, dpi=config["figures"]["dpi"])


def _unit(config: dict[str, Any]) -> str:
    return config.get("segment", {}).get("unit", "unit")


def run_figure_topics(
    config: dict[str, Any],
    *,
    topic_words: str | Path,
    prevalence: str | Path,
    vector: Paths,
    png: str | Path,
    csv: str | Path,
) -> None:
    """Draw the topic-prevalence figure and write the CSV of the numbers it shows."""
    outlets = config_outlets(config)
    data = topics_figure.topic_prevalence_data(
        pd.read_csv(prevalence), pd.read_csv(topic_words), outlets
    )
    with style.figure_style():
        fig = topics_figure.topic_prevalence_figure(data, outlets, ci=config["stats"]["ci"])
        style.save_figure(fig, [*vector, png], csv=csv, data=data, dpi=config["figures"]["dpi"])
