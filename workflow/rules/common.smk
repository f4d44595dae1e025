# Shared set-up: validate the study config and the document metadata before any job runs,
# plan the shards, and provide the input functions the rules use. No analysis happens here.
import sys
from pathlib import Path

import framelab
from framelab import ingest, terms
from framelab.config import validate_config
from framelab.errors import InputError
from framelab.io import remove_stale_temporaries

CONFIG_SOURCE = ", ".join(map(str, workflow.overwrite_configfiles)) or "config.yaml"

try:
    config.update(validate_config(config, source=CONFIG_SOURCE))
    INGEST = ingest.IngestSettings.from_config(config)
    terms.load_targets(config["targets"].get("lexicon"), config["targets"]["use"])
    # metadata, paths and unlisted files are checked here; each shard's files by its job
    PLAN = ingest.plan_corpus(INGEST)
    for warning in ingest.review_plan(PLAN, config):
        print(f"framelab: warning: {warning}", file=sys.stderr)
except InputError as err:
    # one line per cause, no traceback, exit status 2: as `framelab validate` says it
    print(f"framelab: invalid input\n{err}", file=sys.stderr)
    sys.exit(2)

SHARDS = list(PLAN)
if config["terms"].get("compare") is None:  # the pairwise figure's default pair
    config["terms"]["compare"] = ingest.largest_outlets(PLAN, list(config["outlets"]))
RESULTS = (
    f"results/{config['study']}"  # one folder per study: two studies never share a file
)


def result(path):
    """A path in this study's results folder, e.g. result('clean/shard-{shard}.parquet')."""
    return f"{RESULTS}/{path}"


onstart:
    # a job killed mid-write (SIGKILL, power loss) leaves its temporary file; no job runs yet
    for stale in remove_stale_temporaries(RESULTS):
        print(
            f"framelab: removed {stale}, left by an interrupted job",
            file=sys.stderr,
        )


wildcard_constraints:
    shard=ingest.SHARD_PATTERN,


def shard_paths(pattern):
    """One path per shard, e.g. shard_paths(result('clean/shard-{shard}.parquet'))."""
    return expand(pattern, shard=SHARDS)


def config_for(*sections):
    """The config sections a stage reads, as its params: changing them, or upgrading
    framelab, reruns the stage."""
    return {key: config[key] for key in sections} | {
        "framelab_version": framelab.__version__
    }


def shard_documents(wildcards):
    """The metadata rows of one shard's documents, for its ingest job. They are its params,
    with each file's size and modification time (framelab.ingest.corpus.file_stamp): editing a row
    or a file reruns only the shard that holds it. The files are not inputs: Snakemake checks
    every input of every ready job before each scheduling step, seconds at 100,000 files.
    """
    return PLAN[wildcards.shard]


def figure_vector(name):
    """A figure's vector files (PDF; SVG when config figures.svg is true) and its caption."""
    extensions = [".pdf", ".svg"] if config["figures"]["svg"] else [".pdf"]
    return multiext(result(f"figures/{name}"), *extensions, ".caption.txt")


def figure_inputs(name, **tables):
    """The tables one figure of a figure rule draws from, named ``<figure>__<argument>``."""
    return {f"{name}__{argument}": path for argument, path in tables.items()}


def figure_outputs(name, category, **extra):
    """One figure's files in a figure rule, named ``<figure>__<argument>``: ``vector`` (PDF,
    SVG when config figures.svg is true, caption), ``png`` (shown in the report under
    ``category`` with ``workflow/report/<name>.rst``), ``csv`` (the numbers drawn) and any
    ``extra`` files."""
    files = {
        "vector": figure_vector(name),
        "png": report(
            result(f"figures/{name}.png"),
            caption=f"../report/{name}.rst",
            category=category,
        ),
        "csv": result(f"figures/{name}.csv"),
    } | extra
    return {f"{name}__{argument}": path for argument, path in files.items()}


def headline_figure(files, *args, **kwargs):
    """The headline figure's ``files`` (figure_inputs or figure_outputs, called with the
    arguments given): none in a study without targets, which has no headline figure."""
    return files("headline", *args, **kwargs) if config["targets"]["use"] else {}


def figure_rules():
    """The rules that draw figures (``figures_*``), each several figures."""
    return [r for r in workflow.rules if r.name.startswith("figures_")]


def figure_pngs():
    """The PNG of every figure: one per figure, the figure's name as its stem."""
    return [
        path
        for r in figure_rules()
        for key, path in getattr(rules, r.name).output.items()
        if key.endswith("__png")
    ]


def figure_manifest_entries():
    """What the figure index records for each figure: rule, files, inputs, config. Paths are
    relative to the working directory, so moving the project reruns nothing."""
    entries = {}
    for drawing in figure_rules():
        proxy = getattr(rules, drawing.name)
        for key, png in proxy.output.items():
            if not key.endswith("__png"):
                continue
            prefix = key.removesuffix("png")
            entries[Path(str(png)).stem] = {
                "rule": drawing.name,
                "files": _flat(proxy.output, prefix),
                "inputs": _flat(proxy.input, prefix),
                "config": drawing.params.config,
            }
    return entries


def _flat(files, prefix):
    """The paths of the named entries of ``files`` whose names start with ``prefix``."""
    found = []
    for key, value in files.items():
        if key.startswith(prefix):
            found += (
                [str(f) for f in value] if isinstance(value, list) else [str(value)]
            )
    return found


def topic_outputs():
    """Every final output of the topic stage, for rule all."""
    return [
        *rules.topics.output,
        *rules.topic_effects.output,
        *rules.topic_packages.output,
        *rules.figures_topics.output,
    ]


def stance_engine():
    """The transformer engine's settings as params of the model rule (changing them
    retrains); none for the default linear engine."""
    if config["stance"]["engine"] == "linear":
        return {}
    return {"stance": {key: config["stance"][key] for key in ("engine", "transformer")}}
