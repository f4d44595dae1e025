"""Frames, quoted sources and the headline comparison of one target across outlets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from framelab import clean
from framelab.config import bootstrap_settings
from framelab.config import outlets as config_outlets
from framelab.figures import style
from framelab.figures.frames import frame_profile_figure
from framelab.figures.headline import headline_figure
from framelab.figures.sources import voices_figure
from framelab.frames import document_frames, load_frames, outlet_frames, score_units
from framelab.frames import validation_sample as frame_validation_sample
from framelab.headline import frames_with_target, kwic_examples, mention_rates
from framelab.io import read_parquet, read_parquets, write_csv, write_parquet, write_text
from framelab.kwic import kwic_markdown
from framelab.sources import (
    classify_speaker,
    extract_attributions,
    load_source_types,
    outlet_sources,
)
from framelab.stages.paths import Paths

__all__ = [
    "run_figure_frames",
    "run_figure_voices",
    "run_frame_units",
    "run_frames",
    "run_headline",
    "run_sources",
]


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
    write_parquet(score_units(normalised, load_frames(config["frames"]["lexicon"])), units_out)


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
    doc_scores = document_frames(scores)
    write_parquet(scores, units_out)
    write_csv(doc_scores, docs_out)
    write_csv(outlet_frames(doc_scores, **bootstrap_settings(config)), outlets_out)
    sample = frame_validation_sample(
        scores,
        read_parquets(list(paragraphs)),
        load_frames(config["frames"]["lexicon"]),
        n_per_frame=config["frames"]["validation_per_frame"],
        random_state=config["random_state"],
    )
    write_csv(sample, validation_out)


def run_sources(
    config: dict[str, Any],
    *,
    sentences: Paths,
    docs: Paths,
    attributions_out: str | Path,
    outlets_out: str | Path,
) -> None:
    """Extract who is quoted or cited in every sentence, type each speaker, and give each
    outlet's shares of source types (unknown speakers kept as ``unknown``)."""
    lexicon = load_source_types(config["sources"]["lexicon"])
    attributions = extract_attributions(read_parquets(list(sentences)), lexicon)
    attributions["source_type"] = [classify_speaker(s, lexicon) for s in attributions["speaker"]]
    write_parquet(attributions, attributions_out)
    documents = pd.concat([pd.read_parquet(p, columns=["doc_id", "outlet"]) for p in docs])
    write_csv(outlet_sources(attributions, documents, lexicon), outlets_out)


def run_figure_frames(
    config: dict[str, Any], *, frames: str | Path, vector: Paths, png: str | Path, csv: str | Path
) -> None:
    """Draw the frame profile by outlet."""
    style.render_figure(
        lambda: frame_profile_figure(
            pd.read_csv(frames), config_outlets(config), ci=config["stats"]["ci"]
        ),
        [*vector, png],
        csv=csv,
        dpi=config["figures"]["dpi"],
    )


def run_figure_voices(
    config: dict[str, Any], *, sources: str | Path, vector: Paths, png: str | Path, csv: str | Path
) -> None:
    """Draw the voices quoted by outlet."""
    style.render_figure(
        lambda: voices_figure(pd.read_csv(sources), config_outlets(config)),
        [*vector, png],
        csv=csv,
        dpi=config["figures"]["dpi"],
    )


def run_headline(
    config: dict[str, Any],
    *,
    kwic: str | Path,
    sizes: str | Path,
    stance: str | Path,
    collocations: str | Path,
    unit_frames: str | Path,
    vector: Paths,
    png: str | Path,
    csv: str | Path,
    examples_out: str | Path,
) -> None:
    """The headline figure for config ``headline.target`` and its KWIC example table."""
    target = config["headline"]["target"]
    outlets = config_outlets(config)
    concordance = pd.read_csv(kwic, keep_default_na=False)
    style.render_figure(
        lambda: headline_figure(
            target,
            mention_rates(concordance, pd.read_csv(sizes), target),
            pd.read_csv(stance),
            pd.read_csv(collocations),
            frames_with_target(concordance, read_parquet(unit_frames), target),
            outlets,
            ci=config["stats"]["ci"],
        ),
        [*vector, png],
        csv=csv,
        dpi=config["figures"]["dpi"],
    )
    examples = kwic_examples(
        concordance, target, per_outlet=config["headline"]["examples_per_outlet"]
    )
    write_text(kwic_markdown(examples, outlets), examples_out)
