"""Incremental runs: a new or edited document reruns its shard's per-document work and the
corpus-level stages, nothing else (checked with `snakemake -n`, then by a real run)."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from .conftest import SEED, snakemake

pytestmark = pytest.mark.e2e

PER_SHARD_RULES = {"ingest", "clean", "segment", "mentions", "frame_units", "stance_score"}
UNTOUCHED_BY_A_DOCUMENT = {"stance_model", "provenance"}  # read config and training data only


def planned_jobs(workdir: Path) -> list[tuple[str, str | None]]:
    """(rule, shard or None) of every job `snakemake -n` would run."""
    run = snakemake(workdir, "-n")
    assert run.returncode == 0, run.stderr[-3000:]
    jobs: list[tuple[str, str | None]] = []
    for line in run.stdout.splitlines():
        if rule := re.fullmatch(r"(?:local)?rule (\w+):", line):
            jobs.append((rule.group(1), None))
        elif shard := re.fullmatch(r"\s+wildcards: shard=(\S+)", line):
            jobs[-1] = (jobs[-1][0], shard.group(1))
    return jobs


def add_document(workdir: Path, doc_id: str, outlet: str, text: str) -> None:
    (workdir / f"data/raw/{doc_id}.txt").write_text(text, encoding="utf-8")
    with open(workdir / "data/metadata.csv", "a", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            [doc_id, f"raw/{doc_id}.txt", outlet, "2025-03-04", "day", "", "", "en", "", ""]
        )


def shard_file_times(results: Path, shards: set[str]) -> dict[str, int]:
    """Modification times of the per-shard files of ``shards`` (logs and timings aside)."""
    return {
        str(p.relative_to(results)): p.stat().st_mtime_ns
        for p in sorted(results.rglob("*"))
        if p.is_file()
        and p.relative_to(results).parts[0] not in {"logs", "benchmarks"}
        and any(f"-{shard}." in p.name for shard in shards)
    }


@pytest.fixture
def finished(project, tmp_path) -> Path:
    """A copy of the finished seed study, its files' times and Snakemake's records kept."""
    target = tmp_path / "study"
    shutil.copytree(project, target, symlinks=True)
    assert "Nothing to be done" in snakemake(target, "-n").stdout
    return target


def test_adding_a_document_reruns_one_shard_and_the_corpus_stages(finished):
    text = (
        "Moscow offered Baghdad new air defence systems, RT reported on Tuesday.\n\n"
        "The Iraqi defence ministry said it would study the offer of Russian weapons.\n"
    )
    add_document(finished, "rt_new_article", "rt", text)
    jobs = planned_jobs(finished)
    per_shard = {(rule, shard) for rule, shard in jobs if rule in PER_SHARD_RULES}
    assert per_shard == {(rule, "rt-000") for rule in PER_SHARD_RULES}
    rules = {rule for rule, _ in jobs}
    assert {"ledger", "clean_tables", "terms", "topics", "stance", "summary"} <= rules
    assert not rules & UNTOUCHED_BY_A_DOCUMENT

    other_shards = {"izvestia-000", "neo-000", "topwar-000"}
    before = shard_file_times(finished / SEED, other_shards)
    assert len(before) == 3 * 13  # corpus x2, clean x6 (with the audit), units x2, mentions,
    # frame units, scored mentions
    run = snakemake(finished)
    assert run.returncode == 0, run.stderr[-3000:]
    assert shard_file_times(finished / SEED, other_shards) == before
    ledger = pd.read_csv(finished / SEED / "corpus/ledger.csv")
    assert len(ledger) == 6 and "rt_new_article" in set(ledger["doc_id"])
    assert "Nothing to be done" in snakemake(finished, "-n").stdout


def test_editing_one_file_reruns_only_its_shard(finished):
    table = pd.read_csv(finished / "data/metadata.csv", dtype=str, keep_default_na=False)
    (path,) = table.loc[table["outlet"] == "neo", "path"]
    raw = finished / "data" / path
    raw.write_text(raw.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    per_shard = {(r, s) for r, s in planned_jobs(finished) if r in PER_SHARD_RULES}
    assert per_shard == {(rule, "neo-000") for rule in PER_SHARD_RULES}


def test_editing_one_metadata_row_reruns_only_that_shard(finished):
    metadata = finished / "data/metadata.csv"
    table = pd.read_csv(metadata, dtype=str, keep_default_na=False)
    table.loc[table["outlet"] == "neo", "title"] = "A corrected headline"
    table.to_csv(metadata, index=False, lineterminator="\n")
    per_shard = {(r, s) for r, s in planned_jobs(finished) if r in PER_SHARD_RULES}
    assert per_shard == {(rule, "neo-000") for rule in PER_SHARD_RULES}
