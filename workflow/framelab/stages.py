"""The pipeline's stages as file-to-file functions: read inputs, call the library, write outputs.

Each function is what one Snakemake rule runs (through ``workflow/scripts/``) and what the
``framelab`` command runs outside the DAG. All analysis lives in the modules they call.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from framelab import clean, summary
from framelab.audit import render_audit
from framelab.config import outlets as config_outlets
from framelab.figures import style
from framelab.figures import terms as terms_figure
from framelab.figures import topics as topics_figure
from framelab.ingest import IngestSettings, ingest
from framelab.io import read_parquet, read_parquets, write_csv, write_parquet, write_text
from framelab.lexicons import read_word_list
from framelab.segment import SentenceSplitter, segment_documents
from framelab.terms import fightin_words, outlet_sizes, outlet_term_counts
from framelab.tokens import Analyzer
from framelab.topics import fit_nmf, outlet_prevalence

__all__ = [
    "analyzer_from_config",
    "run_clean",
    "run_clean_tables",
    "run_figure_terms",
    "run_figure_topics",
    "run_ingest",
    "run_segment",
    "run_summary",
    "run_templates",
    "run_terms",
    "RUNNERS",
    "run_stage",
    "run_topics",
]

log = logging.getLogger(__name__)
REMOVED_COLUMNS = ["doc_id", "line_no", "text", "reason", "rule"]
REPAIR_COLUMNS = ["doc_id", "line_no", "kind", "before", "after"]
MENTION_COLUMNS = ["doc_id", "surface", "entity", "start", "end"]
Paths = Sequence[str | Path]


def analyzer_from_config(config: dict[str, Any]) -> Analyzer:
    """The analyzer terms and topics share: stopwords, n-grams, canonical entities."""
    entities = clean.load_entities(config["clean"]["entities"])
    return Analyzer(
        read_word_list(config["terms"]["stopwords"]),
        ngram_max=config["terms"]["ngram_max"],
        normalise=lambda text: clean.normalise_entities(text, entities)[0],
    )


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
    write_parquet(pd.DataFrame(docs), docs_out)
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


def run_terms(
    config: dict[str, Any],
    *,
    docs: Paths,
    counts_out: str | Path,
    fightin_out: str | Path,
    sizes_out: str | Path,
) -> None:
    """Per-outlet term counts, corpus sizes and Fightin' Words (one outlet vs the rest)."""
    corpus = read_parquets(list(docs))
    analyzer = analyzer_from_config(config)
    counts = outlet_term_counts(corpus, analyzer, min_count=config["terms"]["min_count"])
    write_parquet(counts, counts_out)
    write_csv(outlet_sizes(corpus, analyzer), sizes_out)
    write_parquet(fightin_words(counts, prior_scale=config["terms"]["prior_scale"]), fightin_out)


def run_topics(
    config: dict[str, Any],
    *,
    paragraphs: Paths,
    docs: Paths,
    words_out: str | Path,
    doc_topic_out: str | Path,
    prevalence_out: str | Path,
) -> None:
    """Fit the topic model on the configured unit and estimate per-outlet prevalence."""
    if config["segment"]["unit"] == "paragraph":
        units = read_parquets(list(paragraphs))
    else:
        units = read_parquets(list(docs)).assign(unit_id=lambda t: t["doc_id"])
    topics_cfg, stats_cfg = config["topics"], config["stats"]
    model = fit_nmf(
        units,
        analyzer_from_config(config),
        k=topics_cfg["k"],
        random_state=config["random_state"],
        min_df=topics_cfg["min_df"],
        max_df=topics_cfg["max_df"],
        n_top_words=topics_cfg["n_top_words"],
    )
    prevalence = outlet_prevalence(
        model.doc_topic,
        n_boot=stats_cfg["n_boot"],
        ci=stats_cfg["ci"],
        random_state=config["random_state"],
        min_docs=stats_cfg["min_docs"],
    )
    write_csv(model.topic_words, words_out)
    write_parquet(model.doc_topic, doc_topic_out)
    write_csv(prevalence, prevalence_out)


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
    with style.figure_style():
        fig = terms_figure.distinctive_terms_figure(data, outlets)
        style.save_figure(fig, [*vector, png], csv=csv, data=data, dpi=config["figures"]["dpi"])


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


def run_summary(
    config: dict[str, Any],
    *,
    ledger: str | Path,
    docs: Paths,
    removed: str | Path,
    sizes: str | Path,
    fightin: str | Path,
    topic_words: str | Path,
    prevalence: str | Path,
    output: str | Path,
) -> None:
    """Write ``summary.md`` from the result tables."""
    removed_lines = pd.read_csv(removed, keep_default_na=False)
    text = summary.render_summary(
        config,
        ledger=pd.read_csv(ledger, keep_default_na=False),
        docs=read_parquets(list(docs)),
        removed=removed_lines,
        sizes=pd.read_csv(sizes),
        fightin=read_parquet(fightin),
        topic_words=pd.read_csv(topic_words),
        prevalence=pd.read_csv(prevalence),
    )
    write_text(text, output)


def _as_dict(record: Any) -> dict[str, Any]:
    return dataclasses.asdict(record)


def _gather(paths: Paths, columns: list[str]) -> pd.DataFrame:
    tables = [t for t in (read_parquet(p) for p in paths) if len(t)]
    return pd.concat(tables, ignore_index=True)[columns] if tables else _table([], columns)


def _table(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame(columns=columns)


RUNNERS = {
    "ingest": run_ingest,
    "templates": run_templates,
    "clean": run_clean,
    "clean_tables": run_clean_tables,
    "segment": run_segment,
    "terms": run_terms,
    "topics": run_topics,
    "figure_terms": run_figure_terms,
    "figure_topics": run_figure_topics,
    "summary": run_summary,
}


def run_stage(
    rule: str, config: dict[str, Any], *, inputs: dict[str, Any], outputs: dict[str, Any]
) -> None:
    """Run the stage a Snakemake rule names, passing its named inputs and outputs as arguments.

    Inputs whose names start with ``_`` only tell the DAG what the stage reads (e.g. the raw
    files ingest finds through the metadata) and are not passed on.
    """
    if rule not in RUNNERS:
        raise KeyError(f"no stage for rule {rule!r}; stages are {sorted(RUNNERS)}")
    arguments = {k: v for k, v in inputs.items() if not k.startswith("_")} | dict(outputs)
    RUNNERS[rule](config, **arguments)
