"""Topic models over the units of analysis, and per-outlet prevalence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from framelab.io import read_parquets, write_csv, write_parquet
from framelab.stages.analysis import analyzer_from_config
from framelab.stages.paths import Paths
from framelab.topics import fit_nmf, outlet_prevalence

__all__ = ["run_topics"]


def run_topics(
    config: dict[str, Any],
    *,
    paragraphs: Paths,
    docs: Paths,
    vocabulary: str | Path,
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
        vocabulary=pd.read_csv(vocabulary, keep_default_na=False)["term"].tolist(),
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
