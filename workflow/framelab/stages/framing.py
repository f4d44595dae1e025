"""Glue of ``workflow/rules/framing.smk``: per-shard frame scores, their outlet statistics
and validation sample, and who is quoted or cited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from framelab import clean, framing, ingest
from framelab.config import bootstrap_settings
from framelab.io import Paths, read_parquet, read_parquets, write_csv, write_parquet

__all__ = ["run_frame_units", "run_frames", "run_sources"]


def run_frame_units(
    config: dict[str, Any], *, paragraphs: str | Path, units_out: str | Path
) -> None:
    """Score the dictionary frames in every paragraph of one shard, on entity-normalised
    text."""
    units = read_parquet(paragraphs)
    entities = clean.load_entities(config["clean"]["entities"])
    normalised = units.assign(
        text=units["text"].map(lambda text: clean.normalise_entities(text, entities)[0])
    )
    write_parquet(
        framing.score_units(normalised, framing.load_frames(config["frames"]["lexicon"])), units_out
    )


def run_frames(
    config: dict[str, Any],
    *,
    unit_scores: Paths,
    paragraphs: Paths,
    units_out: str | Path,
    docs_out: str | Path,
    outlets_out: str | Path,
    validation_out: str | Path,
) -> None:
    """Gather the shards' paragraph scores, aggregate per document and outlet with CIs, and
    export a validation sample for manual coding."""
    scores = read_parquets(list(unit_scores))
    doc_scores = framing.document_frames(scores)
    write_parquet(scores, units_out)
    write_csv(doc_scores, docs_out)
    write_csv(framing.outlet_frames(doc_scores, **bootstrap_settings(config)), outlets_out)
    frames = framing.load_frames(config["frames"]["lexicon"])
    keys = framing.validation_keys(
        scores,
        frames,
        n_per_frame=config["frames"]["validation_per_frame"],
        random_state=config["random_state"],
    )
    wanted = {unit_id for chosen in keys.values() for _, unit_id in chosen}
    units = read_parquets(list(paragraphs), where=("unit_id", wanted))
    write_csv(framing.validation_rows(keys, units, frames), validation_out)


def run_sources(
    config: dict[str, Any],
    *,
    sentences: Paths,
    docs: Paths,
    attributions_out: str | Path,
    outlets_out: str | Path,
) -> None:
    """Extract who is quoted or cited in every sentence, type each speaker (by its words,
    its document, the corpus, or a pronoun's antecedent), and give each outlet's shares of
    source types (speakers that cannot be typed kept as ``unknown`` and
    ``pronoun_unresolved``)."""
    lexicon = framing.load_source_types(config["sources"]["lexicon"])
    units = read_parquets(list(sentences))
    columns = ["doc_id", "outlet", "date", "text"]
    clean_docs = pd.concat([pd.read_parquet(p, columns=columns) for p in docs])
    attributions = framing.type_attributions(
        framing.extract_attributions(units, lexicon),
        units,
        lexicon,
        pronoun_window=config["sources"]["pronoun_window"],
        years=framing.document_years(clean_docs),
    )
    write_parquet(attributions, attributions_out)
    documents = ingest.analysed_documents(clean_docs)[["doc_id", "outlet"]]
    write_csv(
        framing.outlet_sources(attributions, documents, lexicon, **bootstrap_settings(config)),
        outlets_out,
    )
