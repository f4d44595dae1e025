"""Glue of ``workflow/rules/stance.smk``: train the stance model, score each shard's target
mentions, compare outlets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framelab import clean, stance, terms
from framelab.config import bootstrap_settings
from framelab.io import Paths, read_parquet, read_parquets, write_csv, write_parquet

__all__ = ["run_stance", "run_stance_agreement", "run_stance_model", "run_stance_score"]


def run_stance_model(
    config: dict[str, Any],
    *,
    training: str | Path,
    cues: str | Path,
    model_out: str | Path,
    coded: str | Path | None = None,
    coded_weight: float | None = None,
) -> None:
    """Fit the stance model on the training data (seeded), and on the study's coded mentions
    (config ``stance.coded``, each weighted ``coded_weight``) when given: the linear engine
    with the study's cue lexicon, or with ``stance.engine: transformer`` (in the params only
    then) the fine-tuned encoder."""
    adapt = {}
    if coded is not None:
        adapt = {"coded": stance.read_coded_mentions(coded), "coded_weight": coded_weight}
    if config.get("stance", {}).get("engine", "linear") == "transformer":
        settings = dict(config["stance"]["transformer"])
        threads = settings.pop("threads")
        model = stance.train_transformer(
            training, settings=settings, random_state=config["random_state"], threads=threads,
            **adapt,
        )  # fmt: skip
        stance.save_transformer(model, model_out)
        return
    model = stance.train_default_model(
        training, cues_path=cues, random_state=config["random_state"], **adapt
    )
    stance.save_model(model, model_out)


def run_stance_agreement(
    config: dict[str, Any],
    *,
    training: str | Path,
    cues: str | Path,
    coded: str | Path,
    agreement_out: str | Path,
) -> None:
    """Agreement of the base and the adapted model with the study's coder, cross-validated
    over the coded documents (config ``stance.coded_folds`` folds)."""
    settings = config["stance"]
    engine = settings.get("engine", "linear")
    transformer = dict(settings.get("transformer", {}))
    threads = transformer.pop("threads", None)
    table, _ = stance.cross_validated_agreement(
        stance.read_labelled(training),
        stance.read_coded_mentions(coded),
        fit=stance.engine_fitter(
            engine,
            cues=stance.load_cues(cues),
            random_state=config["random_state"],
            settings=transformer,
            threads=threads,
        ),  # fmt: skip
        engine=engine,
        folds=settings["coded_folds"],
        coded_weight=settings["coded_weight"],
        n_boot=config["stats"]["n_boot"],
        ci=config["stats"]["ci"],
        random_state=config["random_state"],
    )
    write_csv(table, agreement_out)


def run_stance_score(
    config: dict[str, Any],
    *,
    mentions: str | Path,
    sentences: str | Path,
    model: str | Path,
    scored_out: str | Path,
) -> None:
    """Score the stance toward every target mention of one shard, except those in caption,
    credit or byline sentences (kept, with ``scored`` false and a ``skip_reason``)."""
    found = terms.attach_sentences(read_parquet(mentions), read_parquet(sentences))
    detector = stance.CreditDetector.from_rules(clean.load_rules(config["clean"]["rules"]))
    scored = stance.score_mentions(
        stance.mark_unscored(found, detector),
        stance.load_transformer(model, threads=1)
        if config["stance"]["engine"] == "transformer"
        else stance.load_model(model),
        stance.load_cues(config["stance"]["cues"]),
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
    write_csv(stance.outlet_stance(mentions, **bootstrap_settings(config)), outlets_out)
    write_csv(
        stance.stance_permutation_tests(
            mentions,
            n_perm=config["stance"]["n_perm"],
            random_state=config["random_state"],
            p_adjust=config["stats"]["p_adjust"],
        ),
        tests_out,
    )
