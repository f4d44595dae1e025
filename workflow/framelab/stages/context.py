"""Target contexts: keyword-in-context lines and window collocates of every target."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framelab.collocations import target_collocates
from framelab.config import outlets as config_outlets
from framelab.io import read_parquet, read_parquets, write_csv, write_text
from framelab.kwic import kwic, kwic_markdown
from framelab.stages.analyzer import analyzer_from_config
from framelab.stages.paths import Paths

__all__ = ["run_context"]


def run_context(
    config: dict[str, Any],
    *,
    mentions: Paths,
    sentences: Paths,
    docs: Paths,
    counts: str | Path,
    kwic_out: str | Path,
    kwic_md_out: str | Path,
    collocations_out: str | Path,
) -> None:
    """Keyword-in-context lines (CSV and Markdown) and window collocates of every target."""
    mention_table = read_parquets(list(mentions))
    concordance = kwic(
        mention_table, read_parquets(list(docs)), window=config["terms"]["kwic_window"]
    )
    write_csv(concordance, kwic_out)
    write_text(kwic_markdown(concordance, config_outlets(config)), kwic_md_out)
    collocates = target_collocates(
        mention_table,
        read_parquets(list(sentences)),
        read_parquet(counts),
        analyzer_from_config(config),
        window=config["terms"]["collocation_window"],
    )
    write_csv(collocates, collocations_out)
