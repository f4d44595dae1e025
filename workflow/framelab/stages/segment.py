"""Glue of ``workflow/rules/segment.smk``: split each shard's clean text into paragraphs and
sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framelab import segment
from framelab.io import read_parquet, read_word_list, write_parquet

__all__ = ["run_segment"]


def run_segment(
    config: dict[str, Any],
    *,
    docs: str | Path,
    paragraphs_out: str | Path,
    sentences_out: str | Path,
) -> None:
    """Split one shard's clean text into paragraphs and sentences."""
    splitter = segment.SentenceSplitter(read_word_list(config["segment"]["abbreviations"]))
    paragraphs, sentences = segment.segment_documents(read_parquet(docs), splitter)
    write_parquet(paragraphs, paragraphs_out)
    write_parquet(sentences, sentences_out)
