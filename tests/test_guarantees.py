"""The pipeline's guarantees on the seed study: no network, any core count, interruptions."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time

import pytest

from .conftest import SEED, SNAKEMAKE, copy_project, digests, snakemake

pytestmark = pytest.mark.e2e


def no_network_prefix() -> list[str]:
    """``unshare -n`` runs a command in a new network namespace with no interfaces up."""
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-n", "true"]).returncode != 0:
        pytest.skip("unshare -n is not available here (needs root or user namespaces)")
    return [unshare, "-n"]


@pytest.fixture(scope="module")
def offline_one_core(tmp_path_factory):
    """The seed DAG on one core, in a network namespace without any network."""
    workdir = copy_project(tmp_path_factory.mktemp("offline"))
    run = subprocess.run(
        [*no_network_prefix(), *SNAKEMAKE, "--cores", "1"],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return workdir


def test_runs_without_network(offline_one_core):
    assert (offline_one_core / SEED / "summary.md").is_file()


def test_interrupted_four_core_run_completes_identically(offline_one_core, tmp_path):
    workdir = copy_project(tmp_path)
    process = subprocess.Popen(
        [*SNAKEMAKE, "--cores", "4"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    marker = workdir / SEED / "clean/shard-izvestia-000.parquet"
    deadline = time.monotonic() + 120
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert process.poll() is None, "the run finished before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert not (workdir / SEED / "summary.md").exists()
    # what a job killed between creating and renaming its temporary file leaves behind
    stale = workdir / SEED / "clean/.shard-rt-000.parquet.k1ll3d.tmp"
    stale.write_bytes(b"half a table")
    # a killed run keeps its lock (a Ctrl-C run would not); --unlock is the documented remedy
    assert snakemake(workdir, "--unlock").returncode == 0
    rerun = snakemake(workdir, "--workflow-profile", "workflow/profiles/local", cores=4)
    assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
    assert not stale.exists() and "left by an interrupted job" in rerun.stderr
    assert digests(workdir / SEED) == digests(offline_one_core / SEED)
