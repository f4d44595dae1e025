"""Corpus-level analyses: term statistics and target contexts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from framelab import clean
from framelab.collocations import target_collocates
from framelab.config import outlets as config_outlets
from framelab.io import read_parquet, read_parquets, write_csv, write_parquet, write_text
from framelab.keyness import keyness
from framelab.kwic import kwic, kwic_markdown
from framelab.lexicons import read_word_list
from framelab.similarity import outlet_similarity
from framelab.stages.corpus import MENTION_COLUMNS
from framelab.stages.paths import Paths
from framelab.terms import (
    doc_term_matrix,
    fightin_words,
    fightin_words_pairs,
    outlet_sizes,
    outlet_term_counts,
    vocabulary_table,
)
from framelab.tokens import Analyzer

__all__ = ["analyzer_from_config", "run_context", "run_terms", "with_stored_entities"]


def analyzer_from_config(config: dict[str, Any], *, entities: bool = True) -> Analyzer:
    """The analyzer every term-based stage shares: stopwords, n-grams, stems, entities.

    ``entities=False`` leaves out entity normalisation, for texts whose mentions were
    already replaced (:func:`with_stored_entities`).
    """
    normalise = None
    if entities:
        lexicon = clean.load_entities(config["clean"]["entities"])
        normalise = lambda text: clean.normalise_entities(text, lexicon)[0]  # noqa: E731
    return Analyzer(
        read_word_list(config["terms"]["stopwords"]),
        ngram_max=config["terms"]["ngram_max"],
        normalise=normalise,
        stem=config["terms"]["stem"],
    )


def with_stored_entities(docs: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """``docs`` with the entity mentions the clean stage found in each text replaced by their
    canonical ids: the text ``normalise_entities`` gives, without searching again.

    ``mentions`` has the columns of :class:`~framelab.clean.EntityMention`, in text order.
    """
    found: dict[str, list[clean.EntityMention]] = {}
    for row in zip(*(mentions[c].tolist() for c in MENTION_COLUMNS), strict=True):
        found.setdefault(row[0], []).append(clean.EntityMention(*row))
    texts = [
        clean.replace_mentions(text, found.get(doc_id, ()))
        for doc_id, text in zip(docs["doc_id"].tolist(), docs["text"].tolist(), strict=True)
    ]
    return docs.assign(text=texts)


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
