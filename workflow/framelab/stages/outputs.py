"""What a reader sees besides the figures: ``summary.md``, the figure index, provenance."""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from framelab import summary
from framelab.figures.manifest import figure_manifest
from framelab.io import read_parquet, write_csv, write_text
from framelab.stages.paths import Paths

__all__ = ["run_figure_index", "run_provenance", "run_summary"]


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
