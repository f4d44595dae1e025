"""The pipeline's stages as file-to-file functions: read inputs, call the library, write outputs.

One module per rule file of ``workflow/rules/``: each function is what one Snakemake rule runs
(through ``workflow/scripts/run_stage.py``); all analysis lives in the stage packages they
call. :func:`run_stage` imports only the module of the rule's file, and the stage packages
load their modules on first use, so a per-shard job does not pay for loading the plotting and
modelling libraries.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["RUNNERS", "run_stage"]

RUNNERS = {  # rule -> "module:function" in framelab.stages, the module named as the rule file
    "ingest": "ingest:run_ingest",
    "ingest_table": "ingest:run_ingest_table",
    "ledger": "ingest:run_ledger",
    "clean": "clean:run_clean",
    "clean_tables": "clean:run_clean_tables",
    "segment": "segment:run_segment",
    "terms": "terms:run_terms",
    "mentions": "terms:run_mentions",
    "context": "terms:run_context",
    "topics": "topics:run_topics",
    "topic_effects": "topics:run_topic_effects",
    "topic_packages": "topics:run_topic_packages",
    "frame_units": "framing:run_frame_units",
    "frames": "framing:run_frames",
    "sources": "framing:run_sources",
    "stance_model": "stance:run_stance_model",
    "stance_score": "stance:run_stance_score",
    "stance": "stance:run_stance",
    "stance_agreement": "stance:run_stance_agreement",
    "figures_terms": "figures:run_figures",
    "figures_topics": "figures:run_figures",
    "figures_framing": "figures:run_figures",
    "figures_stance": "figures:run_figures",
    "figure_index": "figures:run_figure_index",
    "summary": "report:run_summary",
    "provenance": "report:run_provenance",
}


def run_stage(
    rule: str,
    config: dict[str, Any],
    *,
    inputs: dict[str, Any],
    outputs: dict[str, Any],
    params: dict[str, Any] | None = None,
) -> None:
    """Run the stage a Snakemake rule names, passing its named inputs, outputs and params
    (other than ``config``) as arguments.

    Inputs whose names start with ``_`` only tell the DAG what the stage reads (e.g. the raw
    files of a shard, which ingest finds through its metadata rows) and are not passed on.
    """
    if rule not in RUNNERS:
        raise KeyError(f"no stage for rule {rule!r}; stages are {sorted(RUNNERS)}")
    module, function = RUNNERS[rule].split(":")
    runner = getattr(importlib.import_module(f"framelab.stages.{module}"), function)
    arguments = {k: v for k, v in inputs.items() if not k.startswith("_")} | dict(outputs)
    arguments |= params or {}
    runner(config, **arguments)
