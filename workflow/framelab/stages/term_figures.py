"""Figures of the term stage: distinctive terms, Fightin' Words panels, the pair, similarity."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from framelab import clean
from framelab.config import outlets as config_outlets
from framelab.figures import fightin as fightin_figure
from framelab.figures import similarity as similarity_figure
from framelab.figures import style
from framelab.figures import terms as terms_figure
from framelab.io import read_parquet
from framelab.stages.paths import Paths

__all__ = [
    "run_figure_fightin",
    "run_figure_pair",
    "run_figure_similarity",
    "run_figure_terms",
]


def run_figure_terms(
    config: dict[str, Any],
    *,
    fightin: str | Path,
    sizes: str | Path,
    vector: Paths,
    png: str | Path,
    csv: str | Path,
) -> None:
    """Draw the distinctive-terms figure and write the CSV of the numbers it shows."""
    outlets = config_outlets(config)
    data = terms_figure.distinctive_terms_data(
        read_parquet(fightin), pd.read_csv(sizes), outlets, top_n=config["terms"]["top_n"]
    )
    labels = _term_labels(config)
    style.render_figure(
        lambda: (terms_figure.distinctive_terms_figure(data, outlets, term_labels=labels), data),
        [*vector, png],
        csv=csv,
        dpi=config["figures"]["dpi"],
    )


def run_figure_fightin(
    config: dict[str, Any],
    *,
    fightin: str | Path,
    sizes: str | Path,
    vector: Paths,
    png: str | Path,
    csv: str | Path,
) -> None:
    """Draw the Monroe-style Fightin' Words panels (each outlet against the rest)."""
    style.render_figure(
        lambda: fightin_figure.monroe_figure(
            read_parquet(fightin),
            pd.read_csv(sizes),
            config_outlets(config),
            top_n=config["terms"]["top_n"],
            term_labels=_term_labels(config),
        ),
        [*vector, png],
        csv=csv,
        dpi=config["figures"]["dpi"],
    )


def run_figure_pair(
    config: dict[str, Any],
    *,
    pairs: str | Path,
    vector: Paths,
    png: str | Path,
    csv: str | Path,
) -> None:
    """Draw the two outlets of config ``terms.compare`` against each other."""
    style.render_figure(
        lambda: fightin_figure.pair_figure(
            read_parquet(pairs),
            config_outlets(config),
            config["terms"]["compare"],
            top_n=config["terms"]["top_n"],
            term_labels=_term_labels(config),
        ),
        [*vector, png],
        csv=csv,
        dpi=config["figures"]["dpi"],
    )


def run_figure_similarity(
    config: dict[str, Any],
    *,
    similarity: str | Path,
    vector: Paths,
    png: str | Path,
    csv: str | Path,
) -> None:
    """Draw the outlet-similarity heatmap."""
    style.render_figure(
        lambda: similarity_figure.similarity_figure(
            pd.read_csv(similarity), config_outlets(config), ci=config["stats"]["ci"]
        ),
        [*vector, png],
        csv=csv,
        dpi=config["figures"]["dpi"],
    )


def _term_labels(config: dict[str, Any]) -> dict[str, str]:
    """Display names of canonical entity ids (``s_400`` is drawn as ``S-400``)."""
    return dict(clean.load_entities(config["clean"]["entities"]).labels)
