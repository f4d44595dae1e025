"""Shared fixtures: tiny corpora written to temporary folders, and the repository's paths."""

from __future__ import annotations

import csv
import hashlib
import importlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

SNAKEMAKE = [sys.executable, "-m", "snakemake"]
PROJECT_FILES = ["Snakefile", "config.yaml", "environment.yml", "workflow", "data"]

OUTLETS = {
    "alpha": {"name": "Alpha", "colour": "#0072B2"},
    "beta": {"name": "Beta", "colour": "#D55E00"},
}
METADATA_HEADER = ["doc_id", "path", "outlet", "date", "date_precision", "title", "url",
                   "language", "translation", "evidence"]  # fmt: skip


def bench_module(name: str) -> ModuleType:
    """A module of ``bench/`` (a scorer), imported for a test that reports its figures."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.pop(0)


def metadata_row(doc_id: str, outlet: str = "alpha", **overrides: str) -> dict[str, str]:
    """A valid metadata row for ``raw/<doc_id>.txt``; override any column."""
    row = {
        "doc_id": doc_id,
        "path": f"raw/{doc_id}.txt",
        "outlet": outlet,
        "date": "2021-07-26",
        "date_precision": "day",
        "title": f"Title {doc_id}",
        "url": "",
        "language": "en",
        "translation": "none",
        "evidence": "test fixture",
    }
    return row | overrides


def write_metadata(path: Path, rows: list[dict[str, str]]) -> None:
    """Write rows as a metadata CSV with the union of their columns (header order kept)."""
    columns = list(dict.fromkeys([*METADATA_HEADER, *(k for r in rows for k in r)]))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[..., Path]:
    """Build ``data/metadata.csv`` + ``data/raw/*.txt`` + ``config.yaml`` under tmp_path.

    Call with ``docs={doc_id: (outlet, text_or_bytes)}``; returns the config path.
    """

    def build(
        docs: dict[str, tuple[str, str | bytes]],
        *,
        rows: list[dict[str, str]] | None = None,
        config: dict | None = None,
    ) -> Path:
        raw = tmp_path / "data" / "raw"
        raw.mkdir(parents=True, exist_ok=True)
        for doc_id, (_, text) in docs.items():
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            (raw / f"{doc_id}.txt").write_bytes(data)
        if rows is None:
            rows = [metadata_row(doc_id, outlet) for doc_id, (outlet, _) in docs.items()]
        write_metadata(tmp_path / "data" / "metadata.csv", rows)
        study = {
            "outlets": OUTLETS,
            "corpus": {
                "metadata": str(tmp_path / "data" / "metadata.csv"),
                "raw_dir": str(raw),
            },
        }
        for key, value in (config or {}).items():
            if isinstance(value, dict) and isinstance(study.get(key), dict):
                study[key] = {**study[key], **value}
            else:
                study[key] = value
        path = tmp_path / "config.yaml"
        path.write_text(yaml.safe_dump(study), encoding="utf-8")
        return path

    return build


@pytest.fixture
def tiny_docs() -> pd.DataFrame:
    """Four short documents from two outlets with a planted difference in wording."""
    return pd.DataFrame(
        {
            "doc_id": ["a1", "a2", "b1", "b2"],
            "outlet": ["alpha", "alpha", "beta", "beta"],
            "text": [
                "Occupation troops remain. The occupation continues in the region.",
                "Foreign occupation forces and troops. Occupation again.",
                "Partner nations cooperate. Troops train with partner forces.",
                "The partner coalition supports security and training.",
            ],
        }
    )


def copy_project(target: Path) -> Path:
    """Copy what a study needs (Snakefile, config, workflow, data) into ``target``."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def snakemake(workdir: Path, *args: str, cores: int = 2) -> subprocess.CompletedProcess:
    """Run the DAG in ``workdir`` and capture its output."""
    return subprocess.run(
        [*SNAKEMAKE, "--cores", str(cores), *args], cwd=workdir, capture_output=True, text=True
    )


SEED = "results/seed-corpus"
"""Where the seed study (config.yaml, ``study: seed-corpus``) writes, in a project folder."""
SEED_DIGESTS = ROOT / "tests" / "fixtures" / "seed-digests.json"
"""What the seed study's results hash to (``make seed-digests`` records them)."""


def digests(results: Path) -> dict[str, str]:
    """Hashes of every result table and figure. Logs and timings are left out, and so are
    pickled models: pickles of Python sets follow the per-process string hash order, while
    everything the models compute (the scored tables) is compared byte for byte. The folder's
    README.md, which the project ships, is no result."""
    left_out = {"logs", "benchmarks", "models", "README.md"}
    return {
        str(p.relative_to(results)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(results.rglob("*"))
        if p.is_file() and p.parts[len(results.parts)] not in left_out
    }


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    """A copy of the project on which the whole seed DAG has run (shared by the session)."""
    workdir = copy_project(tmp_path_factory.mktemp("seed-study"))
    run = snakemake(workdir)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    return workdir
