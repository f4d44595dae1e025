# Shared set-up: validate the study config and the document metadata before any job runs,
# plan the shards, and provide the input functions the rules use. No analysis happens here.
import sys
from pathlib import Path

from snakemake.exceptions import WorkflowError

import framelab
from framelab.config import validate_config
from framelab.errors import InputError
from framelab.ingest import IngestSettings, plan_corpus
from framelab.io import remove_stale_temporaries
from framelab.shards import SHARD_PATTERN
from framelab.targets import load_targets

CONFIG_SOURCE = ", ".join(map(str, workflow.overwrite_configfiles)) or "config.yaml"

try:
    config.update(validate_config(config, source=CONFIG_SOURCE))
    INGEST = IngestSettings.from_config(config)
    load_targets(config["targets"]["lexicon"], config["targets"]["use"])
    # metadata, paths and unlisted files are checked here; each shard's files by its job
    PLAN = plan_corpus(INGEST)
except InputError as err:
    raise WorkflowError(f"framelab: invalid input\n{err}") from None

SHARDS = list(PLAN)


onstart:
    # a job killed mid-write (SIGKILL, power loss) leaves its temporary file; no job runs yet
    for stale in remove_stale_temporaries("results"):
        print(
            f"framelab: removed {stale}, left by an interrupted job",
            file=sys.stderr,
        )


wildcard_constraints:
    shard=SHARD_PATTERN,


def shard_paths(pattern):
    """One path per shard, e.g. shard_paths('results/clean/shard-{shard}.parquet')."""
    return expand(pattern, shard=SHARDS)


def config_for(*sections):
    """The config sections a stage reads, as its params: changing them, or upgrading
    framelab, reruns the stage."""
    return {key: config[key] for key in sections} | {
        "framelab_version": framelab.__version__
    }


def shard_files(wildcards):
    """The raw files of one shard. Not the metadata table: a shard's metadata rows are its
    job's params, so editing or adding a row reruns only the shard that holds it."""
    base = Path(INGEST.metadata).parent
    return [str(base / row["path"]) for row in PLAN[wildcards.shard]]


def shard_documents(wildcards):
    """The metadata rows of one shard's documents, for its ingest job."""
    return PLAN[wildcards.shard]


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
    """What the figure index records for each figure: rule, files, inputs, config. Paths are
    relative to the working directory, so moving the project reruns nothing."""
    entries = {}
    for drawing in figure_rules():
        proxy = getattr(rules, drawing.name)
        name = Path(str(proxy.output.png)).stem
        entries[name] = {
            "rule": drawing.name,
            "files": [str(f) for f in proxy.output],
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
