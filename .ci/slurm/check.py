"""Checks for `make test-slurm` after the seed DAG has run twice: locally and through SLURM.

Proves from SLURM's own records, not from Snakemake's word alone, that every job of the run
was a SLURM job on this node with the resources the profile asks for, and that the SLURM run
wrote the same result tables and figures, byte for byte, as the local run.

    python .ci/slurm/check.py --local DIR --slurm DIR --log RUN.log --state STATE_DIR
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.conftest import digests  # noqa: E402  (the suite's definition of compared files)

PROFILE = ROOT / "workflow" / "profiles" / "slurm" / "config.yaml"
SUBMITTED = re.compile(r"^Job \d+ has been submitted with SLURM jobid (\d+) \(log: (.+)\)\.$")


class Checks:
    def __init__(self) -> None:
        self.failures: list[str] = []

    def check(self, ok: bool, what: str, detail: str = "") -> None:
        print(f"{'ok  ' if ok else 'FAIL'} {what}" + (f": {detail}" if detail and not ok else ""))
        if not ok:
            self.failures.append(what)


def job_stats(log: str) -> Counter:
    """The plan Snakemake prints at the start: rule -> number of jobs."""
    block = log.split("Job stats:", 1)[1].split("total", 1)[0]
    return Counter({m[1]: int(m[2]) for m in re.finditer(r"^(\w+)\s+(\d+)$", block, flags=re.M)})


def fields(line: str) -> dict[str, str]:
    """A jobcomp/filetxt record: space-separated KEY=VALUE pairs (values may contain '=')."""
    return dict(item.split("=", 1) for item in line.split() if "=" in item)


def rule_of(slurm_log: str) -> str:
    """.snakemake/slurm_logs/rule_<rule>/[<wildcards>/]<jobid>.log -> <rule>"""
    return next(p[5:] for p in Path(slurm_log).parts if p.startswith("rule_"))


def requested(slurm_log: Path) -> dict[str, str]:
    """The resources the job's Snakemake reports (its `resources:` line)."""
    line = next(x for x in slurm_log.read_text().splitlines() if x.strip().startswith("resources:"))
    return dict(item.split("=", 1) for item in line.split(":", 1)[1].split(", ") if "=" in item)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--local", type=Path, required=True, help="project copy run locally")
    parser.add_argument("--slurm", type=Path, required=True, help="project copy run on SLURM")
    parser.add_argument("--log", type=Path, required=True, help="Snakemake output of the SLURM run")
    parser.add_argument("--state", type=Path, required=True, help="the test cluster's state dir")
    args = parser.parse_args()

    checks = Checks()
    log = args.log.read_text()
    host = socket.gethostname().split(".")[0]
    profile = yaml.safe_load(PROFILE.read_text())
    partition = os.environ.get("SBATCH_PARTITION") or "debug"

    # 1. Snakemake submitted every planned job (all but the target rule `all`) to SLURM.
    run_id = re.search(r"^SLURM run ID: (\S+)$", log, flags=re.M)
    checks.check(run_id is not None, "the SLURM executor ran (SLURM run ID in the log)")
    if run_id is None:
        return 1
    plan = job_stats(log)
    plan.pop("all", None)
    submitted = [m.groups() for line in log.splitlines() if (m := SUBMITTED.match(line))]
    by_rule = Counter(rule_of(path) for _, path in submitted)
    checks.check(
        by_rule == plan,
        f"each of the {plan.total()} planned jobs ({len(plan)} rules) was submitted with sbatch",
        f"planned {dict(plan)}, submitted {dict(by_rule)}",
    )
    local = sorted(set(re.findall(r"^localrule (\w+):", log, flags=re.M)) - {"all"})
    checks.check(not local, "no job ran on the submitting host", f"local jobs: {local}")

    # 2. SLURM's records: each job was allocated on this node and completed with exit code 0.
    comp_file = args.state / "jobcomp.log"
    records = {}
    if comp_file.exists():
        for line in comp_file.read_text().splitlines():
            record = fields(line)
            records[record.get("JobId")] = record
    ctld = (args.state / "slurmctld.log").read_text()
    # the main scheduler logs "sched: Allocate JobId=N NodeList=HOST", backfill
    # "sched/backfill: _start_job: Started JobId=N in PARTITION on HOST"
    node = re.escape(host)
    started = rf"(?:Allocate JobId=(\d+) NodeList={node} |Started JobId=(\d+) in \S+ on {node}$)"
    allocated = {a or b for a, b in re.findall(started, ctld, flags=re.M)}
    missing, bad, unallocated, wrong_resources = [], [], [], []
    for job_id, path in submitted:
        rule, record = rule_of(path), records.get(job_id)
        if job_id not in allocated:
            unallocated.append(job_id)
        if record is None:
            missing.append(job_id)
            continue
        if (
            record.get("JobState") != "COMPLETED"
            or record.get("ExitCode") != "0:0"
            or record.get("Name") != run_id[1]
            or record.get("NodeList") != host
            or record.get("Partition") != partition
        ):
            bad.append(f"{job_id} ({rule}): {line_summary(record)}")
        # 3. The resources SLURM granted are the ones the job asked for, and for the rules the
        # profile lists, the profile's values.
        asked = requested(Path(path)) if Path(path).exists() else {}
        want = profile.get("set-resources", {}).get(rule, {})
        mem = str(want.get("mem_mb", asked.get("mem_mb")))
        minutes = str(want.get("runtime", asked.get("runtime")))
        tres = record.get("Tres", "")
        if f"mem={mem}M" not in tres or record.get("TimeLimit") != minutes:
            wrong_resources.append(
                f"{rule}: wanted mem {mem} MB, {minutes} min; got {tres}, "
                f"TimeLimit={record.get('TimeLimit')}"
            )
    checks.check(
        not unallocated,
        f"slurmctld allocated every job on node {host} ({args.state / 'slurmctld.log'})",
        f"no allocation for {unallocated}",
    )
    checks.check(
        not missing and not bad,
        f"SLURM's completion log lists every job COMPLETED, exit 0, on {host}, partition "
        f"{partition}, named with the run ID ({comp_file})",
        "; ".join([f"missing {missing}"] * bool(missing) + bad),
    )
    logs = [path for _, path in submitted if Path(path).exists()]
    checks.check(
        len(logs) == len(submitted),
        f"every job left its SLURM log ({args.slurm / '.snakemake' / 'slurm_logs'})",
        f"{len(submitted) - len(logs)} missing",
    )
    checks.check(
        not wrong_resources,
        "SLURM granted each job the memory and time limit of its rule and the profile",
        "; ".join(wrong_resources),
    )

    # 4. Same tables and figures as the local run, byte for byte.
    local_files = digests(args.local / "results/seed-corpus")
    slurm_files = digests(args.slurm / "results/seed-corpus")
    names = local_files.keys() | slurm_files.keys()
    differ = sorted(k for k in names if local_files.get(k) != slurm_files.get(k))
    checks.check(
        bool(local_files) and not differ,
        f"the {len(local_files)} result tables and figures are byte-identical to the local run",
        f"differ: {differ}",
    )

    print(f"\n{len(submitted)} SLURM jobs; {len(checks.failures)} failed check(s)")
    return 1 if checks.failures else 0


def line_summary(record: dict[str, str]) -> str:
    keys = ("JobState", "ExitCode", "NodeList", "Partition", "Name")
    return " ".join(f"{k}={record.get(k)}" for k in keys)


if __name__ == "__main__":
    sys.exit(main())
