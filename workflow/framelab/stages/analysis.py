"""Corpus-level term statistics: counts, keyness, fightin' words, outlet similarity.

Target contexts are in :mod:`framelab.stages.context`, so their job does not import SciPy's
statistics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framelab.io import read_parquets, write_csv, write_parquet
from framelab.keyness import keyness
from framelab.similarity import outlet_similarity
from framelab.stages.analyzer import analyzer_from_config, with_stored_entities
from framelab.stages.paths import Paths
from framelab.terms import (
    doc_term_matrix,
    fightin_words,
    fightin_words_pairs,
    outlet_sizes,
    outlet_term_counts,
    vocabulary_table,
)

__all__ = ["run_terms"]


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
    corpus = read_parquets(list(docs))
    canonical = with_stored_entities(corpus, read_parquets(list(entities)))
    analyzer = analyzer_from_config(config, entities=False)
    terms_cfg, stats_cfg = config["terms"], config["stats"]
    doc_terms = doc_term_matrix(canonical, analyzer, min_count=terms_cfg["min_count"])
    del canonical
    counts = outlet_term_counts(doc_terms)
    write_csv(vocabulary_table(doc_terms), vocabulary_out)
    write_parquet(counts, counts_out)
    write_csv(outlet_sizes(corpus, analyzer, n_tokens=doc_terms.n_tokens), sizes_out)
    write_parquet(fightin_words(counts, prior_scale=terms_cfg["prior_scale"]), fightin_out)
    write_parquet(fightin_words_pairs(counts, prior_scale=terms_cfg["prior_scale"]), pairs_out)
    write_parquet(keyness(counts), keyness_out)
    similarity = outlet_similarity(
        doc_terms,
        n_boot=stats_cfg["n_boot"],
        ci=stats_cfg["ci"],
        random_state=config["random_state"],
    )
    write_csv(similarity, similarity_out)
