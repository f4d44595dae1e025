"""Glue of ``workflow/rules/terms.smk``: corpus-level term statistics, each shard's target
mentions, and the targets' contexts (KWIC lines and collocates).

The stage packages load their modules on first use, so the per-shard mentions job imports
neither scikit-learn nor SciPy's statistics, which the term statistics need.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framelab import clean, ingest, segment, terms
from framelab.config import outlets as config_outlets
from framelab.io import (
    Paths,
    read_parquet,
    read_parquets,
    read_word_list,
    write_csv,
    write_parquet,
    write_text,
)

__all__ = ["analyzer_from_config", "run_context", "run_mentions", "run_terms"]


def analyzer_from_config(config: dict[str, Any], *, entities: bool = True) -> segment.Analyzer:
    """The analyzer every term-based stage shares: stopwords, n-grams, stems, entities.

    ``entities=False`` leaves out entity normalisation, for texts whose mentions were
    already replaced (:func:`framelab.clean.replace_stored_mentions`).
    """
    normalise = None
    if entities:
        lexicon = clean.load_entities(config["clean"]["entities"])
        normalise = lambda text: clean.normalise_entities(text, lexicon)[0]  # noqa: E731
    return segment.Analyzer(
        read_word_list(config["terms"]["stopwords"]),
        ngram_max=config["terms"]["ngram_max"],
        normalise=normalise,
        stem=config["terms"]["stem"],
    )


def run_terms(
    config: dict[str, Any],
    *,
    docs: Paths,
    entities: Paths,
    vocabulary_out: str | Path,
    counts_out: str | Path,
    sizes_out: str | Path,
    fightin_out: str | Path,
    pairs_out: str | Path,
    keyness_out: str | Path,
    similarity_out: str | Path,
) -> None:
    """Vectorise the corpus once; write the vocabulary, per-outlet counts and sizes, Fightin'
    Words (one outlet vs the rest, and every pair), keyness and outlet similarity.

    Entity mentions come from the clean stage's tables (``entities``), not a second search.
    """
    names = {key: outlet.name for key, outlet in config_outlets(config).items()}
    corpus = ingest.compared_documents(
        read_parquets(list(docs)), names, compare=config["terms"]["compare"]
    )
    canonical = clean.replace_stored_mentions(corpus, read_parquets(list(entities)))
    analyzer = analyzer_from_config(config, entities=False)
    terms_cfg, stats_cfg = config["terms"], config["stats"]
    doc_terms = terms.doc_term_matrix(canonical, analyzer, min_count=terms_cfg["min_count"])
    del canonical
    counts = terms.outlet_term_counts(doc_terms)
    write_csv(terms.vocabulary_table(doc_terms), vocabulary_out)
    write_parquet(counts, counts_out)
    write_csv(terms.outlet_sizes(corpus, analyzer, n_tokens=doc_terms.n_tokens), sizes_out)
    prior_scale = terms_cfg["prior_scale"]
    write_parquet(terms.fightin_words(counts, prior_scale=prior_scale), fightin_out)
    write_parquet(terms.fightin_words_pairs(counts, prior_scale=prior_scale), pairs_out)
    write_parquet(terms.keyness(counts), keyness_out)
    similarity = terms.outlet_similarity(
        doc_terms,
        n_boot=stats_cfg["n_boot"],
        ci=stats_cfg["ci"],
        n_perm=terms_cfg["similarity_n_perm"],
        random_state=config["random_state"],
        p_adjust=stats_cfg["p_adjust"],
    )
    write_csv(similarity, similarity_out)


def run_mentions(
    config: dict[str, Any], *, sentences: str | Path, mentions_out: str | Path
) -> None:
    """Find every mention of the study's targets in one shard's sentences."""
    targets = terms.load_targets(config["targets"].get("lexicon"), config["targets"]["use"])
    write_parquet(terms.find_mentions(read_parquet(sentences), targets), mentions_out)


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
    concordance = terms.kwic(
        mention_table, read_parquets(list(docs)), window=config["terms"]["kwic_window"]
    )
    write_csv(concordance, kwic_out)
    write_text(terms.kwic_markdown(concordance, config_outlets(config)), kwic_md_out)
    collocates = terms.target_collocates(
        mention_table,
        read_parquets(list(sentences)),
        read_parquet(counts),
        analyzer_from_config(config),
        window=config["terms"]["collocation_window"],
    )
    write_csv(collocates, collocations_out)
