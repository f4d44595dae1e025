"""Corpus-level analyses: term statistics and topic models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framelab import clean
from framelab.io import read_parquets, write_csv, write_parquet
from framelab.lexicons import read_word_list
from framelab.stages.paths import Paths
from framelab.terms import fightin_words, outlet_sizes, outlet_term_counts
from framelab.tokens import Analyzer
from framelab.topics import fit_nmf, outlet_prevalence

__all__ = ["analyzer_from_config", "run_terms", "run_topics"]


def analyzer_from_config(config: dict[str, Any]) -> Analyzer:
    """The analyzer terms and topics share: stopwords, n-grams, canonical entities."""
    entities = clean.load_entities(config["clean"]["entities"])
    return Analyzer(
        read_word_list(config["terms"]["stopwords"]),
        ngram_max=config["terms"]["ngram_max"],
        normalise=lambda text: clean.normalise_entities(text, entities)[0],
    )


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
