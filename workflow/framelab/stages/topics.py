"""Glue of ``workflow/rules/topics.smk``: topic models over the units of analysis (selection,
description, prevalence), differences between outlets, and frame packages."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pandas as pd

from framelab import ingest, topics
from framelab.config import bootstrap_settings
from framelab.config import outlets as config_outlets
from framelab.io import (
    Paths,
    read_parquet,
    read_parquets,
    read_word_list,
    read_yaml,
    write_csv,
    write_parquet,
)
from framelab.stages.terms import analyzer_from_config

__all__ = ["run_topic_effects", "run_topic_packages", "run_topics"]

log = logging.getLogger(__name__)

_MIN_NETWORK_DOCS = 20  # fewer documents than this: warn that the network is fragile


def run_topics(
    config: dict[str, Any],
    *,
    paragraphs: Paths,
    docs: Paths,
    removed: Paths,
    vocabulary: str | Path,
    words_out: str | Path,
    doc_topic_out: str | Path,
    prevalence_out: str | Path,
    unit_topic_out: str | Path,
    selection_out: str | Path,
    frex_out: str | Path,
    representative_out: str | Path,
    units_out: str | Path,
) -> None:
    """Screen the units, choose K over the grid, fit the model on the configured unit,
    describe and diagnose its topics and estimate per-outlet prevalence."""
    if config["segment"]["unit"] == "paragraph":
        units = read_parquets(list(paragraphs))
    else:
        documents = ingest.analysed_documents(read_parquets(list(docs)))
        units = documents.assign(unit_id=lambda t: t["doc_id"])
    cfg, seed = config["topics"], config["random_state"]
    screened = topics.screen_units(
        units[["doc_id", "outlet", "unit_id", "text"]],
        min_words=cfg["min_unit_words"],
        max_repeats=cfg["max_unit_repeats"],
    )
    excluded = screened.loc[~screened["topic_unit"], "excluded_reason"].value_counts()
    log.info(
        "topics: %d of %d units modelled; left out: %s",
        int(screened["topic_unit"].sum()),
        len(screened),
        dict(excluded) or "none",
    )
    data = topics.unit_matrix(
        screened.loc[screened["topic_unit"], ["doc_id", "outlet", "unit_id", "text"]],
        analyzer_from_config(config),
        vocabulary=pd.read_csv(vocabulary, keep_default_na=False)["term"].tolist(),
        min_df=cfg["min_df"],
        max_df=cfg["max_df"],
        min_docs=cfg["min_docs"],
        max_doc_share=cfg["max_doc_share"],
    )
    sample = topics.subsample(data, cfg["selection_max_units"], random_state=seed)
    classes = _word_classes(config, data, read_parquets(list(removed)))
    thresholds = topics.SuspectThresholds(
        doc_share=cfg["suspect_doc_share"],
        outlet_share=cfg["suspect_outlet_share"],
        word_share=cfg["suspect_word_share"],
    )

    def suspect_of(fitted: topics.FittedTopics, fitted_on: topics.UnitMatrix) -> Any:
        top = topics.top_terms(fitted.components, fitted_on.terms, cfg["n_top_words"])
        return topics.topic_diagnostics(
            fitted.loadings, fitted_on.units, top, **classes, thresholds=thresholds
        )["suspect"].to_numpy()

    selection = topics.select_model(
        sample,
        engine=cfg["engine"],
        k_grid=None if cfg["k_grid"] == "auto" else cfg["k_grid"],
        k=cfg["k"] if cfg["k_select"] == "fixed" else None,
        restarts=cfg["restarts"],
        random_state=seed,
        minibatch_above=cfg["minibatch_above"],
        n_top_words=cfg["n_top_words"],
        window=cfg["coherence_window"],
        min_stability=cfg["min_stability"],
        max_topic_share=cfg["max_topic_share"],
        min_topic_mass=cfg["min_topic_mass"],
        suspect_of=suspect_of,
    )
    best = selection.best()
    if sample is not data:  # selection ran on a sample: refit the chosen K on every unit
        best = topics.fit_topics(
            data,
            engine=cfg["engine"],
            k=selection.k,
            seed=best.seed,
            minibatch_above=cfg["minibatch_above"],
        )
    n_docs = data.units["doc_id"].nunique()
    log.info(
        "topics: K=%d (%s); estimates rest on %d %ss from %d documents",
        selection.k,
        selection.reason,
        len(data.units),
        config["segment"]["unit"],
        n_docs,
    )
    unit_topic = topics.unit_shares(data.units, best.loadings)
    doc_topic = topics.doc_shares(data.units, best.loadings)
    prevalence = topics.outlet_prevalence(doc_topic, **bootstrap_settings(config))
    table = selection.table.assign(reason=selection.reason, n_docs=n_docs)
    texts = data.units.set_index("unit_id")["text"]
    diagnostics = topics.topic_diagnostics(
        best.loadings,
        data.units,
        topics.top_terms(best.components, data.terms, cfg["n_top_words"]),
        **classes,
        thresholds=thresholds,
    )
    suspect = diagnostics.loc[diagnostics["suspect"], ["topic", "suspect_reason"]]
    for row in suspect.itertuples(index=False):
        log.warning("topics: T%d is suspect: %s", row.topic + 1, row.suspect_reason)
    words = topics.topic_words_table(best.components, data.terms, cfg["n_top_words"])
    words = words.merge(diagnostics, on="topic", how="left", validate="many_to_one")
    words["label"] = words["label"].where(~words["suspect"], words["label"] + " (suspect)")
    write_csv(words, words_out)
    write_parquet(
        screened[["doc_id", "outlet", "unit_id", "n_words", "topic_unit", "excluded_reason"]],
        units_out,
    )
    write_parquet(doc_topic, doc_topic_out)
    write_csv(prevalence, prevalence_out)
    write_parquet(unit_topic, unit_topic_out)
    write_csv(table, selection_out)
    write_csv(
        topics.frex(
            best.topic_term, data.terms, weight=cfg["frex_weight"], n_top=cfg["n_top_words"]
        ),
        frex_out,
    )
    write_csv(
        topics.representative_units(unit_topic, texts, n=cfg["n_representative"]),
        representative_out,
    )


def _word_classes(
    config: dict[str, Any], data: topics.UnitMatrix, removed: pd.DataFrame
) -> dict[str, Any]:
    """The furniture words and the outlets' name words, both without the study's stopwords.

    Furniture words are the words of the study's boilerplate lexicons (config
    ``clean.rules``) that its articles do not use everywhere, or that the corpus shows mostly
    in lines cleaning removed as furniture.
    """
    stopwords = read_word_list(config["terms"]["stopwords"])
    rules = config["clean"].get("rules") or []
    paths = [rules] if isinstance(rules, str) else rules
    lexicons = [read_yaml(path, "boilerplate lexicon") for path in paths]
    lexicon_words = topics.furniture_words(lexicons, stopwords)
    doc_frequency = dict(
        zip(
            data.terms.tolist(),
            topics.document_frequency(data.counts, data.units["doc_id"].to_numpy()).tolist(),
            strict=True,
        )
    )
    furniture = (lexicon_words - topics.everyday_words(data.counts, data.terms, data.units)) | (
        lexicon_words & topics.mostly_removed_words(removed, doc_frequency)
    )
    names = {outlet_id: outlet.name for outlet_id, outlet in config_outlets(config).items()}
    return {"furniture": furniture, "outlet_names": topics.outlet_words(names, stopwords)}


def run_topic_effects(
    config: dict[str, Any],
    *,
    doc_topic: str | Path,
    docs: Paths,
    differences_out: str | Path,
    time_out: str | Path,
) -> None:
    """Differences in prevalence between outlets, and prevalence over time where dates allow."""
    shares = read_parquet(doc_topic)
    dates = pd.concat(
        [pd.read_parquet(p, columns=["doc_id", "date", "date_precision"]) for p in docs],
        ignore_index=True,
    )
    common = bootstrap_settings(config)
    write_csv(
        topics.prevalence_differences(shares, list(config_outlets(config)), **common),
        differences_out,
    )
    write_csv(topics.prevalence_over_time(shares, dates, **common), time_out)


def run_topic_packages(
    config: dict[str, Any],
    *,
    doc_topic: str | Path,
    network_out: str | Path,
    packages_out: str | Path,
    package_prevalence_out: str | Path,
) -> None:
    """Frame packages: the topic correlation network over documents, its communities, and
    their prevalence per outlet."""
    shares = read_parquet(doc_topic)
    wide = shares.pivot_table(index="doc_id", columns="topic", values="share", sort=True)
    if len(wide) < _MIN_NETWORK_DOCS:
        log.warning(
            "frame packages rest on topic correlations over only %d documents: "
            "the network and its communities are fragile",
            len(wide),
        )
    correlations = topics.topic_correlations(wide.to_numpy())
    correlations["edge"] = correlations["correlation"] > 0
    correlations["n_docs"] = len(wide)
    packages = topics.frame_packages(
        topics.topic_network(correlations, wide.shape[1]), random_state=config["random_state"]
    )
    prevalence = topics.outlet_prevalence(
        topics.package_shares(shares, packages),
        **bootstrap_settings(config),
    ).rename(columns={"topic": "package"})
    write_csv(correlations, network_out)
    write_csv(packages, packages_out)
    write_csv(prevalence, package_prevalence_out)
