# Shared set-up: validate the study config and the document metadata before any job runs,
# plan the shards, and provide the input functions the rules use. No analysis happens here.
import math
from pathlib import Path

from snakemake.exceptions import WorkflowError

import framelab
from framelab.config import validate_config
from framelab.errors import InputError
from framelab.ingest import IngestSettings, count_documents
from framelab.metadata import read_metadata, validate_metadata
from framelab.targets import load_targets

CONFIG_SOURCE = ", ".join(map(str, workflow.overwrite_configfiles)) or "config.yaml"

try:
    config.update(validate_config(config, source=CONFIG_SOURCE))
    INGEST = IngestSettings.from_config(config)
    if not INGEST.documents:
        validate_metadata(
            read_metadata(INGEST.metadata),
            outlets=INGEST.outlets,
            source=INGEST.metadata,
        )
    load_targets(config["targets"]["lexicon"], config["targets"]["use"])
    N_DOCS = count_documents(INGEST)
except InputError as err:
    raise WorkflowError(f"framelab: invalid input\n{err}") from None

SHARDS = [f"{i:03d}" for i in range(math.ceil(N_DOCS / INGEST.shard_size))]


wildcard_constraints:
    shard=r"\d{3}",


def shard_paths(pattern):
    """One path per shard, e.g. shard_paths('results/clean/shard-{shard}.parquet')."""
    return expand(pattern, shard=SHARDS)


def config_for(*sections):
    """The config sections a stage reads, as its params: changing them, or upgrading
    framelab, reruns the stage."""
    return {key: config[key] for key in sections} | {
        "framelab_version": framelab.__version__
    }


def ingest_sources(wildcards):
    """Files ingest reads: the metadata table and every listed file that exists (or the
    single CSV/JSONL corpus). Missing files are reported by ingest itself, by row."""
    if INGEST.documents:
        return [INGEST.documents]
    base = Path(INGEST.metadata).parent
    listed = read_metadata(INGEST.metadata)["path"]
    return [INGEST.metadata] + [str(base / p) for p in listed if (base / p).is_file()]


def figure_vector(name):
    """A figure's vector files (PDF; SVG when config figures.svg is true) and its caption."""
    extensions = [".pdf", ".svg"] if config["figures"]["svg"] else [".pdf"]
    return multiext(f"results/figures/{name}", *extensions, ".caption.txt")


def figure_rules():
    """The rules that draw a figure (their outputs include ``png`` and ``csv``)."""
    return [
        r
        for r in workflow.rules
        if r.name.startswith("figure_") and r.name != "figure_index"
    ]


def figure_manifest_entries():
    """What the figure index records for each figure: rule, files, caption, inputs, config."""
    entries = {}
    for drawing in figure_rules():
        proxy = getattr(rules, drawing.name)
        name = Path(str(proxy.output.png)).stem
        entries[name] = {
            "rule": drawing.name,
            "files": [str(f) for f in proxy.output],
            "caption": str(
                Path(workflow.basedir) / "workflow" / "report" / f"{name}.rst"
            ),
            "inputs": [str(f) for f in proxy.input],
            "config": drawing.params.config,
        }
    return entries


def topic_outputs():
    """Every final output of the topic stage, for rule all."""
    return [
        *rules.topics.output,
        *rules.topic_effects.output,
        *rules.topic_packages.output,
        *rules.figure_topics.output,
        *rules.figure_topic_selection.output,
        *rules.figure_topic_network.output,
        *rules.figure_topic_time.output,
    ]
