"""Glue of ``workflow/rules/clean.smk``: clean each shard (text, removed lines, repairs, entity
mentions, templates, audit) and gather the corpus-wide tables reviewers read."""

from __future__ import annotations

import logging
import operator
from pathlib import Path
from typing import Any

import pandas as pd

from framelab import clean
from framelab.io import Paths, read_parquet, write_csv, write_parquet, write_text

__all__ = ["REMOVED_COLUMNS", "REPAIR_COLUMNS", "run_clean", "run_clean_tables"]

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
# one row per learned template: the shard's documents of the outlet it was learned from
TEMPLATE_COLUMNS = ["outlet", "shard", "kind", "shape", "n_docs", "shard_docs", "example"]
# a record's fields in table order, as a tuple (the records' fields are named as the columns)
_REMOVED_ROW = operator.attrgetter(*REMOVED_COLUMNS)
_REPAIR_ROW = operator.attrgetter(*REPAIR_COLUMNS)


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

    A shard holds one outlet's documents (see :mod:`framelab.ingest.shards`), so its site templates,
    lines repeated across many of them, are found in the shard itself. They are learned from
    the same text the cleaner reads: an HTML page's extracted text, not its markup.
    """
    corpus = read_parquet(shard)
    shard_name = Path(shard).stem.removeprefix("shard-")
    rules = clean.load_rules(config["clean"]["rules"])
    entities = clean.load_entities(config["clean"]["entities"])
    input_texts = [
        clean.extract_html(text) if fmt == "html" else text
        for text, fmt in zip(corpus["text"], corpus["format"], strict=True)
    ]
    templates = _templates(
        corpus["outlet"].tolist(), input_texts, rules, config["clean"]["templates"]
    )
    docs, inputs, removed, repairs, mentions = [], [], [], [], []
    mention_row = operator.attrgetter(*clean.ENTITY_MENTION_COLUMNS)
    for row, input_text in zip(corpus.itertuples(index=False), input_texts, strict=True):
        result = clean.clean_document(
            input_text,
            rules=rules,
            doc_id=row.doc_id,
            lang=row.language or config["language"],
            templates=templates.get(row.outlet),
            title=title if isinstance(title := getattr(row, "title", ""), str) else "",
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
        removed.extend(map(_REMOVED_ROW, result.removed))
        repairs.extend(map(_REPAIR_ROW, result.repairs))
        _, found = clean.normalise_entities(result.text, entities, doc_id=row.doc_id)
        mentions.extend(map(mention_row, found))
    removed_table = _table(removed, REMOVED_COLUMNS)
    repairs_table = _table(repairs, REPAIR_COLUMNS)
    write_parquet(pd.DataFrame(docs, columns=CLEAN_DOC_COLUMNS), docs_out)
    write_parquet(removed_table, removed_out)
    write_parquet(repairs_table, repairs_out)
    write_parquet(_table(mentions, clean.ENTITY_MENTION_COLUMNS), entities_out)
    write_parquet(
        pd.DataFrame(
            [
                (outlet, shard_name, t.kind, t.shape, t.n_docs, found.n_docs, t.example)
                for outlet, found in sorted(templates.items())
                for t in found.found
            ],
            columns=TEMPLATE_COLUMNS,
        ),
        templates_out,
    )
    audit = clean.render_audit(
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
    write_csv(_gather(entities, clean.ENTITY_MENTION_COLUMNS), entities_out)
    write_csv(_gather(templates, TEMPLATE_COLUMNS), templates_out)


def _templates(
    outlets: list[str], texts: list[str], rules: clean.CleanRules, settings: dict[str, Any]
) -> dict[str, clean.OutletTemplates]:
    """Each outlet's site templates, learned from the input texts of its documents."""
    by_outlet: dict[str, list[str]] = {}
    for outlet, text in zip(outlets, texts, strict=True):
        by_outlet.setdefault(str(outlet), []).append(text)
    return {
        outlet: clean.learn_templates(
            by_outlet[outlet],
            stopwords=rules.stopwords,
            min_docs=settings["min_docs"],
            min_share=settings["min_share"],
            min_outlet_docs=settings["min_outlet_docs"],
        )
        for outlet in sorted(by_outlet)
    }


def _gather(paths: Paths, columns: list[str]) -> pd.DataFrame:
    tables = [t for t in (read_parquet(p) for p in paths) if len(t)]
    return pd.concat(tables, ignore_index=True)[columns] if tables else _table([], columns)


def _table(rows: list[tuple[Any, ...]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame(columns=columns)
