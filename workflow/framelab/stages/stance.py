"""Stance toward the study's targets: train the model, score each shard's mentions, compare
outlets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from framelab.config import bootstrap_settings
from framelab.config import outlets as config_outlets
from framelab.io import read_parquet, read_parquets, write_csv, write_parquet
from framelab.stages.paths import Paths
from framelab.stance_outlets import outlet_stance, stance_permutation_tests
from framelab.targets import attach_sentences

# framelab.stance (scikit-learn, NLTK's VADER) and the figure modules (matplotlib) are imported
# by the functions that use them, so each job loads only what its stage needs.

__all__ = ["run_figure_stance", "run_stance", "run_stance_model", "run_stance_score"]


def run_stance_model(
    config: dict[str, Any], *, training: str | Path, model_out: str | Path
) -> None:
    """Fit the default stance model on the shipped training data (seeded)."""
    from framelab.stance import save_model, train_default_model

    model = train_default_model(training, random_state=config["random_state"])
    save_model(model, model_out)


def run_stance_score(
    config: dict[str, Any],
    *,
    mentions: str | Path,
    sentences: str | Path,
    model: str | Path,
    scored_out: str | Path,
) -> None:
    """Score the stance toward every target mention of one shard."""
    from framelab.stance import load_cues, load_model, score_mentions

    found = attach_sentences(read_parquet(mentions), read_parquet(sentences))
    scored = score_mentions(
        found,
        load_model(model),
        load_cues(config["stance"]["cues"]),
        window=config["stance"]["window"],
    )
    write_parquet(scored, scored_out)


def run_stance(
    config: dict[str, Any],
    *,
    scored: Paths,
    scored_out: str | Path,
    outlets_out: str | Path,
    tests_out: str | Path,
) -> None:
    """Gather the shards' scored mentions; aggregate per outlet with CIs; test outlet pairs."""
    mentions = read_parquets(list(scored))
    write_parquet(mentions, scored_out)
    write_csv(outlet_stance(mentions, **bootstrap_settings(config)), outlets_out)
    write_csv(
        stance_permutation_tests(
            mentions, n_perm=config["stance"]["n_perm"], random_state=config["random_state"]
        ),
        tests_out,
    )


def run_figure_stance(
    config: dict[str, Any],
    *,
    stance: str | Path,
    vector: Paths,
    png: str | Path,
    csv: str | Path,
) -> None:
    """Draw stance toward each target by outlet."""
    from framelab.figures import style
    from framelab.figures.stance import stance_figure

    style.render_figure(
        lambda: stance_figure(
            pd.read_csv(stance),
            config_outlets(config),
            config["targets"]["use"],
            ci=config["stats"]["ci"],
        ),
        [*vector, png],
        csv=csv,
        dpi=config["figures"]["dpi"],
    )
