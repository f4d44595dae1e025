"""Figures of frames and sources, and the headline comparison of one target across outlets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from framelab.config import outlets as config_outlets
from framelab.figures import style
from framelab.figures.frames import frame_profile_figure
from framelab.figures.headline import headline_figure
from framelab.figures.sources import voices_figure
from framelab.headline import frames_with_target, kwic_examples, mention_rates
from framelab.io import read_parquet, write_text
from framelab.kwic import kwic_markdown
from framelab.stages.paths import Paths

__all__ = ["run_figure_frames", "run_figure_voices", "run_headline"]


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
