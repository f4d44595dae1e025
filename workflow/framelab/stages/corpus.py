"""Per-document stages, run once per shard: ingest, cleaning (with its audit and templates),
segmentation, target mentions; and the corpus-wide tables gathered from them."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

import pandas as pd

from framelab import clean
from framelab.audit import render_audit
from framelab.ingest import (
    LEDGER_COLUMNS,
    IngestSettings,
    assign_shards,
    ingest_table,
    language_policy,
    no_documents_left,
    read_listed,
    unlisted_ledger,
)
from framelab.io import read_parquet, write_csv, write_parquet, write_text
from framelab.lexicons import read_word_list
from framelab.segment import SentenceSplitter, segment_documents
from framelab.stages.paths import Paths
from framelab.targets import find_mentions, load_targets

__all__ = [
    "MENTION_COLUMNS",
    "REMOVED_COLUMNS",
    "REPAIR_COLUMNS",
    "run_clean",
    "run_clean_tables",
    "run_ingest",
    "run_ingest_table",
    "run_ledger",
    "run_mentions",
    "run_segment",
]

log = logging.getLogger(__name__)
CLEAN_DOC_COLUMNS = [
    "doc_id",
    "outlet",
    "date",
    "date_precision",
    "language",
    "n_lines",
    "n_kept",
    "n_removed",
    "n_repairs",
    "disclaimers",
    "text",
]
REMOVED_COLUMNS = ["doc_id", "line_no", "text", "reason", "rule"]
REPAIR_COLUMNS = ["doc_id", "line_no", "kind", "before", "after"]
MENTION_COLUMNS = ["doc_id", "surface", "entity", "start", "end"]
TEMPLATE_COLUMNS = ["outlet", "line"]


def run_ingest(
    config: dict[str, Any],
    *,
    documents: list[dict[str, Any]],
    shard: str,
    shard_out: str | Path,
    ledger_out: str | Path,
) -> None:
    """Read and check one shard's documents (its metadata rows, planned before the run)."""
    settings = IngestSettings.from_config(config)
    corpus, ledger = read_listed(documents, settings)
    corpus["shard"] = shard
    corpus, ledger = language_policy(corpus, ledger, settings)
    write_parquet(corpus, shard_out)
    write_parquet(ledger, ledger_out)
    log.info("%s: ingested %d of %d documents", shard, len(corpus), len(documents))


def run_ingest_table(
    config: dict[str, Any], *, shard_ids: list[str], shards: Paths, ledgers: Paths
) -> None:
    """Read and check a one-file corpus (CSV or JSONL); write it in shards with their ledgers."""
    settings = IngestSettings.from_config(config)
    corpus, ledger = ingest_table(settings)
    corpus["shard"] = assign_shards(corpus, settings.shard_size)
    if set(corpus["shard"]) != set(shard_ids):
        raise RuntimeError(f"{settings.documents} changed while the run was being planned")
    shard_of = dict(zip(corpus["doc_id"], corpus["shard"], strict=True))
    corpus, ledger = language_policy(corpus, ledger, settings)
    for shard, shard_path, ledger_path in zip(shard_ids, shards, ledgers, strict=True):
        write_parquet(corpus[corpus["shard"] == shard], shard_path)
        write_parquet(ledger[ledger["doc_id"].map(shard_of).eq(shard)], ledger_path)
    log.info("ingested %d documents into %d shards", len(corpus), len(shard_ids))


def run_ledger(config: dict[str, Any], *, parts: Paths, ledger: str | Path) -> None:
    """One ledger for the corpus: every shard's documents, then files nobody listed.

    Raises
    ------
    InputError
        If every document was excluded (by language), so there is nothing to analyse.
    """
    settings = IngestSettings.from_config(config)
    table = pd.concat(
        [*(read_parquet(p) for p in parts), unlisted_ledger(settings)], ignore_index=True
    )
    if not table["status"].eq("ingested").any():
        raise no_documents_left(settings)
    write_csv(table[LEDGER_COLUMNS], ledger)
    log.info("ledger: %s", table["status"].value_counts().to_dict())


def run_clean(
    config: dict[str, Any],
    *,
    shard: str | Path,
    docs_out: str | Path,
    removed_out: str | Path,
    repairs_out: str | Path,
    entities_out: str | Path,
    templates_out: str | Path,
    audit_out: str | Path,
) -> None:
    """Clean one shard: clean text, every removed line with its reason, repairs, entity
    mentions, the outlet's site templates, and an HTML audit showing each document with its
    removed lines struck out.

    A shard holds one outlet's documents (see :mod:`framelab.shards`), so its site templates,
    lines repeated across many of them, are found in the shard itself.
    """
    corpus = read_parquet(shard)
    rules = clean.load_rules(config["clean"]["rules"])
    entities = clean.load_entities(config["clean"]["entities"])
    templates = _templates(corpus, min_docs=config["clean"]["template_min_docs"])
    docs, inputs, removed, repairs, mentions = [], [], [], [], []
    for row in corpus.itertuples(index=False):
        input_text = clean.extract_html(row.text) if row.format == "html" else row.text
        result = clean.clean_document(
            input_text,
            rules=rules,
            doc_id=row.doc_id,
            lang=row.language or config["language"],
            templates=templates.get(row.outlet, frozenset()),
        )
        if not result.text.strip():
            log.warning("%s: no article text left after cleaning", row.doc_id)
        docs.append(
            {
                "doc_id": row.doc_id,
                "outlet": row.outlet,
                "date": row.date,
                "date_precision": row.date_precision,
                "language": row.language,
                "n_lines": len(input_text.splitlines()),
                "n_kept": len(result.kept_line_nos),
                "n_removed": len(result.removed),
                "n_repairs": len(result.repairs),
                "disclaimers": " | ".join(result.disclaimers),
                "text": result.text,
            }
        )
        inputs.append((row.doc_id, row.outlet, input_text))
        removed.extend(_as_dict(r) for r in result.removed)
        repairs.extend(_as_dict(r) for r in result.repairs)
        _, found = clean.normalise_entities(result.text, entities, doc_id=row.doc_id)
        mentions.extend(_as_dict(m) for m in found)
    removed_table = _table(removed, REMOVED_COLUMNS)
    repairs_table = _table(repairs, REPAIR_COLUMNS)
    write_parquet(pd.DataFrame(docs, columns=CLEAN_DOC_COLUMNS), docs_out)
    write_parquet(removed_table, removed_out)
    write_parquet(repairs_table, repairs_out)
    write_parquet(_table(mentions, MENTION_COLUMNS), entities_out)
    write_parquet(
        pd.DataFrame(
            [(outlet, line) for outlet in sorted(templates) for line in sorted(templates[outlet])],
            columns=TEMPLATE_COLUMNS,
        ),
        templates_out,
    )
    audit = render_audit(
        pd.DataFrame(inputs, columns=["doc_id", "outlet", "input_text"]),
        removed_table,
        repairs_table,
        title=f"Cleaning audit: {Path(shard).stem}",
    )
    write_text(audit, audit_out)


def run_clean_tables(
    config: dict[str, Any],
    *,
    removed: Paths,
    repairs: Paths,
    entities: Paths,
    templates: Paths,
    removed_out: str | Path,
    repairs_out: str | Path,
    entities_out: str | Path,
    templates_out: str | Path,
) -> None:
    """Gather the per-shard cleaning records into corpus-wide CSV tables for reviewers."""
    write_csv(_gather(removed, REMOVED_COLUMNS), removed_out)
    write_csv(_gather(repairs, REPAIR_COLUMNS), repairs_out)
    write_csv(_gather(entities, MENTION_COLUMNS), entities_out)
    found = _gather(templates, TEMPLATE_COLUMNS)
    write_csv(
        found.value_counts(TEMPLATE_COLUMNS, sort=False).rename("n_shards").reset_index(),
        templates_out,
    )


def run_segment(
    config: dict[str, Any],
    *,
    docs: str | Path,
    paragraphs_out: str | Path,
    sentences_out: str | Path,
) -> None:
    """Split one shard's clean text into paragraphs and sentences."""
    splitter = SentenceSplitter(read_word_list(config["segment"]["abbreviations"]))
    paragraphs, sentences = segment_documents(read_parquet(docs), splitter)
    write_parquet(paragraphs, paragraphs_out)
    write_parquet(sentences, sentences_out)


def run_mentions(
    config: dict[str, Any], *, sentences: str | Path, mentions_out: str | Path
) -> None:
    """Find every mention of the study's targets in one shard's sentences."""
    targets = load_targets(config["targets"]["lexicon"], config["targets"]["use"])
    write_parquet(find_mentions(read_parquet(sentences), targets), mentions_out)


def _templates(corpus: pd.DataFrame, *, min_docs: int) -> dict[str, frozenset[str]]:
    """Each outlet's site template lines, found among its documents in ``corpus``."""
    return {
        str(outlet): clean.find_templates(texts.tolist(), min_docs=min_docs)
        for outlet, texts in corpus.groupby("outlet", sort=True)["text"]
    }


def _gather(paths: Paths, columns: list[str]) -> pd.DataFrame:
    tables = [t for t in (read_parquet(p) for p in paths) if len(t)]
    return pd.concat(tables, ignore_index=True)[columns] if tables else _table([], columns)


def _as_dict(record: Any) -> dict[str, Any]:
    """A dataclass record's fields as a dict (shallow: its fields are plain values, and
    ``dataclasses.asdict`` deep-copies them at many times the cost)."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def _table(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame(columns=columns)
