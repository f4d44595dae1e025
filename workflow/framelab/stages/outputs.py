"""What a reader sees: figures (each with the CSV of its numbers) and ``summary.md``."""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from framelab import clean, summary
from framelab.config import outlets as config_outlets
from framelab.figures import fightin as fightin_figure
from framelab.figures import similarity as similarity_figure
from framelab.figures import style
from framelab.figures import terms as terms_figure
from framelab.figures import topics as topics_figure
from framelab.figures.manifest import figure_manifest
from framelab.io import read_parquet, write_csv, write_text
from framelab.stages.paths import Paths

__all__ = [
    "run_figure_fightin",
    "run_figure_index",
    "run_figure_pair",
    "run_figure_similarity",
    "run_figure_terms",
    "run_provenance",
    "run_figure_topics",
    "run_summary",
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


def run_summary(
    config: dict[str, Any],
    *,
    ledger: str | Path,
    docs: Paths,
    removed: str | Path,
    sizes: str | Path,
    fightin: str | Path,
    kwic: str | Path,
    similarity: str | Path,
    topic_words: str | Path,
    prevalence: str | Path,
    output: str | Path,
    topic_selection: str | Path | None = None,
    topic_frex: str | Path | None = None,
    frame_packages: str | Path | None = None,
    stance: str | Path | None = None,
) -> None:
    """Write ``summary.md`` from the result tables."""
    text = summary.render_summary(
        config,
        ledger=pd.read_csv(ledger, keep_default_na=False),
        docs=pd.concat([pd.read_parquet(p, columns=["doc_id", "outlet"]) for p in docs]),
        removed=pd.read_csv(removed, keep_default_na=False, usecols=["doc_id", "reason"]),
        sizes=pd.read_csv(sizes),
        fightin=read_parquet(fightin),
        mentions=pd.read_csv(kwic, keep_default_na=False, usecols=["target", "outlet", "doc_id"]),
        similarity=pd.read_csv(similarity),
        topic_words=pd.read_csv(topic_words),
        prevalence=pd.read_csv(prevalence),
        topic_tables={
            name: pd.read_csv(path)
            for name, path in [
                ("selection", topic_selection),
                ("frex", topic_frex),
                ("packages", frame_packages),
            ]
            if path is not None
        },
        stance=pd.read_csv(stance) if stance is not None else None,
    )
    write_text(text, output)


def _term_labels(config: dict[str, Any]) -> dict[str, str]:
    """Display names of canonical entity ids (``s_400`` is drawn as ``S-400``)."""
    return dict(clean.load_entities(config["clean"]["entities"]).labels)


def run_figure_index(config: dict[str, Any], *, figures: Paths, index_out: str | Path) -> None:
    """Write ``figures/index.csv``: each figure's files, caption, rule, settings and inputs."""
    del figures  # the DAG passes them so the index is written after every figure exists
    write_csv(figure_manifest(config["manifest"]), index_out)


SOFTWARE = [
    "framelab", "snakemake", "scikit-learn", "nltk", "numpy", "scipy", "pandas", "pyarrow",
    "matplotlib", "networkx", "trafilatura", "py3langid", "vaderSentiment", "jsonschema",
]  # fmt: skip


def run_provenance(
    config: dict[str, Any], *, config_out: str | Path, software_out: str | Path
) -> None:
    """Record what made this run: the validated config and the versions of the software."""
    settings = {k: v for k, v in config.items() if k != "framelab_version"}
    write_text(yaml.safe_dump(settings, sort_keys=True, allow_unicode=True), config_out)
    rows = [("python", platform.python_version())]
    rows += [(name, metadata.version(name)) for name in SOFTWARE]
    write_csv(pd.DataFrame(rows, columns=["software", "version"]), software_out)
