"""Glue of ``workflow/rules/report.smk``: ``summary.md`` from the result tables, and the
provenance of the run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from framelab import report
from framelab.display import lexicon_labels
from framelab.io import Paths, read_parquet, write_csv, write_text

__all__ = ["run_provenance", "run_summary"]


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
    topic_units: str | Path | None = None,
    stance: str | Path | None = None,
    stance_tests: str | Path | None = None,
    stance_agreement: str | Path | None = None,
) -> None:
    """Write ``summary.md`` from the result tables."""
    topic_tables = {
        name: pd.read_csv(path)
        for name, path in [
            ("selection", topic_selection),
            ("frex", topic_frex),
            ("packages", frame_packages),
        ]
        if path is not None
    }
    if topic_units is not None:
        columns = ["doc_id", "topic_unit", "excluded_reason"]
        topic_tables["units"] = pd.read_parquet(topic_units, columns=columns)
    text = report.render_summary(
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
        topic_tables=topic_tables,
        stance=pd.read_csv(stance) if stance is not None else None,
        stance_tests=pd.read_csv(stance_tests) if stance_tests is not None else None,
        target_labels=lexicon_labels(config, "targets"),
        stance_agreement=pd.read_csv(stance_agreement) if stance_agreement is not None else None,
    )
    write_text(text, output)


def run_provenance(
    config: dict[str, Any], *, config_out: str | Path, software_out: str | Path
) -> None:
    """Record what made this run: the validated config and the versions of the software."""
    write_text(report.config_yaml(config), config_out)
    write_csv(report.software_versions(), software_out)
