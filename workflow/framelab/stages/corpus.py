"""Per-document stages: ingest, cleaning (with its audit and templates), segmentation."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

import pandas as pd

from framelab import clean
from framelab.audit import render_audit
from framelab.ingest import IngestSettings, ingest
from framelab.io import read_parquet, read_parquets, write_csv, write_parquet, write_text
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
    "run_mentions",
    "run_segment",
    "run_templates",
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


def run_ingest(config: dict[str, Any], *, shards: Paths, ledger: str | Path) -> None:
    """Read and check every document; write the corpus in shards and the ingest ledger."""
    corpus, ledger_table = ingest(IngestSettings.from_config(config))
    if corpus["shard"].max() + 1 != len(shards):
        raise RuntimeError(f"corpus has {corpus['shard'].max() + 1} shards but {len(shards)} paths")
    for index, path in enumerate(shards):
        write_parquet(corpus[corpus["shard"] == index], path)
    write_csv(ledger_table, ledger)
    log.info("ingested %d documents into %d shards", len(corpus), len(shards))


def run_templates(config: dict[str, Any], *, shards: Paths, output: str | Path) -> None:
    """Find lines repeated across documents of one outlet (site templates)."""
    corpus = read_parquets(list(shards))
    rows = []
    for outlet, texts in corpus.groupby("outlet", sort=True)["text"]:
        found = clean.find_templates(texts.tolist(), min_docs=config["clean"]["template_min_docs"])
        rows.extend((outlet, line) for line in sorted(found))
    write_parquet(pd.DataFrame(rows, columns=["outlet", "line"]), output)


def run_clean(
    config: dict[str, Any],
    *,
    shard: str | Path,
    templates: str | Path,
    docs_out: str | Path,
    removed_out: str | Path,
    repairs_out: str | Path,
    entities_out: str | Path,
    audit_out: str | Path,
) -> None:
    """Clean one shard: clean text, every removed line with its reason, repairs, entity
    mentions, and an HTML audit showing each document with its removed lines struck out."""
    corpus = read_parquet(shard)
    template_table = read_parquet(templates)
    rules = clean.load_rules(config["clean"]["rules"])
    entities = clean.load_entities(config["clean"]["entities"])
    by_outlet = {
        outlet: frozenset(block["line"]) for outlet, block in template_table.groupby("outlet")
    }
    docs, inputs, removed, repairs, mentions = [], [], [], [], []
    for row in corpus.itertuples(index=False):
        input_text = clean.extract_html(row.text) if row.format == "html" else row.text
        result = clean.clean_document(
            input_text,
            rules=rules,
            doc_id=row.doc_id,
            lang=row.language or config["language"],
            templates=by_outlet.get(row.outlet, frozenset()),
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
    removed_out: str | Path,
    repairs_out: str | Path,
    entities_out: str | Path,
) -> None:
    """Gather the per-shard cleaning records into corpus-wide CSV tables for reviewers."""
    write_csv(_gather(removed, REMOVED_COLUMNS), removed_out)
    write_csv(_gather(repairs, REPAIR_COLUMNS), repairs_out)
    write_csv(_gather(entities, MENTION_COLUMNS), entities_out)


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


def _gather(paths: Paths, columns: list[str]) -> pd.DataFrame:
    tables = [t for t in (read_parquet(p) for p in paths) if len(t)]
    return pd.concat(tables, ignore_index=True)[columns] if tables else _table([], columns)


def _as_dict(record: Any) -> dict[str, Any]:
    return dataclasses.asdict(record)


def _table(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame(columns=columns)
