"""Glue of ``workflow/rules/ingest.smk``: read each shard's documents (or a one-file corpus) and
gather the ledger of every input file."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pandas as pd

from framelab import ingest
from framelab.io import Paths, read_parquet, write_csv, write_parquet

__all__ = ["run_ingest", "run_ingest_table", "run_ledger"]

log = logging.getLogger(__name__)


def run_ingest(
    config: dict[str, Any],
    *,
    documents: list[dict[str, Any]],
    shard: str,
    shard_out: str | Path,
    ledger_out: str | Path,
) -> None:
    """Read and check one shard's documents (its metadata rows, planned before the run)."""
    settings = ingest.IngestSettings.from_config(config)
    corpus, ledger = ingest.read_listed(documents, settings, article_text=_article_text)
    corpus["shard"] = shard
    corpus, ledger = ingest.language_policy(corpus, ledger, settings)
    write_parquet(corpus, shard_out)
    write_parquet(ledger, ledger_out)
    log.info("%s: ingested %d of %d documents", shard, len(corpus), len(documents))


def run_ingest_table(
    config: dict[str, Any], *, shard_ids: list[str], shards: Paths, ledgers: Paths
) -> None:
    """Read and check a one-file corpus (CSV or JSONL); write it in shards with their ledgers."""
    settings = ingest.IngestSettings.from_config(config)
    corpus, ledger = ingest.ingest_table(settings)
    plan = ingest.plan_corpus(settings)  # the shards of every row, excluded duplicates too
    if set(plan) != set(shard_ids):
        raise RuntimeError(f"{settings.documents} changed while the run was being planned")
    shard_of = {row["doc_id"]: shard for shard, rows in plan.items() for row in rows}
    corpus["shard"] = corpus["doc_id"].map(shard_of)
    corpus, ledger = ingest.language_policy(corpus, ledger, settings)
    for shard, shard_path, ledger_path in zip(shard_ids, shards, ledgers, strict=True):
        write_parquet(corpus[corpus["shard"] == shard], shard_path)
        write_parquet(ledger[ledger["doc_id"].map(shard_of).eq(shard)], ledger_path)
    log.info("ingested %d documents into %d shards", len(corpus), len(shard_ids))


def run_ledger(config: dict[str, Any], *, parts: Paths, docs: Paths, ledger: str | Path) -> None:
    """One ledger for the corpus: every shard's documents, then files nobody listed. A
    document whose every line cleaning removed (``docs``: the clean shards) is excluded
    there, with the reason, as it is from every analysis.

    Raises
    ------
    InputError
        If no document is left to analyse (every one excluded by language, as a duplicate,
        or emptied by cleaning).
    """
    settings = ingest.IngestSettings.from_config(config)
    table = pd.concat(
        [*(read_parquet(p) for p in parts), ingest.unlisted_ledger(settings)], ignore_index=True
    )
    clean_docs = pd.concat([pd.read_parquet(p, columns=["doc_id", "text"]) for p in docs])
    table = ingest.mark_emptied(table, clean_docs)
    if not table["status"].eq("ingested").any():
        raise ingest.no_documents_left(settings, table)
    write_csv(table[ingest.LEDGER_COLUMNS], ledger)
    log.info("ledger: %s", table["status"].value_counts().to_dict())


def _article_text(html: str) -> str:
    """The cleaner's verdict on an HTML page (imported only when a shard holds one)."""
    from framelab import clean

    return clean.article_text(html)
