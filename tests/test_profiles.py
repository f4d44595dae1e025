"""The workflow profiles, checked statically: no SLURM needed (`make test-slurm` runs one)."""

from __future__ import annotations

import importlib.util
import re

import pytest
import yaml

from .conftest import ROOT

PROFILES = ROOT / "workflow" / "profiles"
SLURM = PROFILES / "slurm" / "config.yaml"
RULE = re.compile(r"^[ \t]*(?:rule|checkpoint) (\w+):", flags=re.M)  # may sit in an if block
YTE_KEYS = {"__use_yte__", "__definitions__"}


def workflow_text() -> dict[str, str]:
    """Each rule's source block, from the Snakefile and workflow/rules/*.smk."""
    blocks = {}
    for path in [ROOT / "Snakefile", *sorted((ROOT / "workflow" / "rules").glob("*.smk"))]:
        text = path.read_text()
        starts = list(RULE.finditer(text))
        ends = [m.start() for m in starts[1:]] + [len(text)]
        for match, end in zip(starts, ends, strict=False):  # no rule in the file: no block
            blocks[match[1]] = text[match.start() : end]
    return blocks


def declared_mem_mb(block: str) -> int | None:
    found = re.search(r"^\s+mem_mb=(\d+),", block, flags=re.M)
    return int(found[1]) if found else None


@pytest.fixture(scope="module")
def profile() -> dict:
    return yaml.safe_load(SLURM.read_text())


def test_slurm_profile_submits_to_slurm_and_reruns_incomplete_jobs(profile):
    assert profile["executor"] == "slurm"
    assert profile["rerun-incomplete"] is True
    assert isinstance(profile["jobs"], int) and profile["jobs"] > 0
    assert isinstance(profile["latency-wait"], int) and profile["latency-wait"] > 0


def test_rules_named_in_the_profile_exist(profile):
    rules = set(workflow_text())
    assert {"topics", "terms", "stance_model", "clean", "all"} <= rules  # the regex finds rules
    named = set(profile["set-resources"]) | set(profile["set-threads"])
    assert named - rules == set(), "the profile names rules the workflow does not have"


def test_resources_are_positive_integers(profile):
    defaults = profile["default-resources"]
    entries = [
        ("default-resources", defaults["mem_mb"]),
        ("default-resources", defaults["runtime"]),
    ]
    for rule, resources in profile["set-resources"].items():
        assert set(resources) <= {"mem_mb", "runtime"}, rule
        entries += [(rule, value) for value in resources.values()]
    entries += list(profile["set-threads"].items())
    for where, value in entries:
        assert type(value) is int and value > 0, f"{where}: {value!r}"


def test_corpus_level_rules_get_more_than_the_default_and_never_less_than_they_declare(profile):
    default_mem = profile["default-resources"]["mem_mb"]
    blocks = workflow_text()
    for rule in ("topics", "terms", "stance_model"):
        assert profile["set-resources"][rule]["mem_mb"] > default_mem, rule
    for rule, resources in profile["set-resources"].items():
        declared = declared_mem_mb(blocks.get(rule, ""))
        if declared is not None and "mem_mb" in resources:
            assert resources["mem_mb"] >= declared, f"{rule} declares {declared} MB"


def test_partition_and_account_come_from_the_environment(monkeypatch):
    from snakemake.profiles import ProfileConfigFileParser

    def defaults() -> list[str]:
        with open(SLURM) as stream:
            return ProfileConfigFileParser().parse(stream)["default-resources"]

    monkeypatch.delenv("SBATCH_PARTITION", raising=False)
    monkeypatch.delenv("SBATCH_ACCOUNT", raising=False)
    unset = defaults()
    assert "slurm_partition=''" in unset and "slurm_account=''" in unset
    monkeypatch.setenv("SBATCH_PARTITION", "all")  # a name that is also a Python builtin
    monkeypatch.setenv("SBATCH_ACCOUNT", "proj-42")
    assert {"slurm_partition='all'", "slurm_account='proj-42'"} <= set(defaults())


@pytest.mark.parametrize(
    "path", sorted(PROFILES.glob("*/config.yaml")), ids=lambda p: p.parent.name
)
def test_profile_keys_are_snakemake_options(path):
    from snakemake.cli import get_argument_parser

    options = {o for action in get_argument_parser()._actions for o in action.option_strings}
    keys = set(yaml.safe_load(path.read_text())) - YTE_KEYS
    plugin = importlib.util.find_spec("snakemake_executor_plugin_slurm") is not None
    checked = {k for k in keys if plugin or not k.startswith("slurm-")}
    assert {k for k in checked if f"--{k}" not in options} == set()
