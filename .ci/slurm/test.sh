#!/usr/bin/env bash
# make test-slurm: start a single-node SLURM on this machine, run the seed DAG once locally and
# once through workflow/profiles/slurm (each in a fresh copy of the project, so results/ is not
# touched), check with check.py that every job went through SLURM and that both runs wrote
# byte-identical tables, then stop SLURM, also on failure. Needs root and apt (Debian/Ubuntu).
# The copies are kept under $work when a check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(cd "${BIN:-.venv/bin}" && pwd)
here=.ci/slurm
work=$(mktemp -d /tmp/framelab-test-slurm.XXXXXX)
state=${FRAMELAB_SLURM_STATE:-/tmp/framelab-slurm}
t0=$SECONDS
status=FAIL

finish() {
    if [ "$status" = FAIL ] && [ -d "$state" ]; then
        mkdir -p "$work/slurm-state"
        cp "$state"/*.log "$work/slurm-state/" 2>/dev/null || true
    fi
    "$here/stop.sh" || true
    [ "$status" = PASS ] && rm -rf "$work"
    echo
    echo "test-slurm: $status in $((SECONDS - t0)) s${timings}"
    [ "$status" = PASS ] || echo "test-slurm: logs and both project copies kept in $work"
}
timings=""
trap finish EXIT

# Ctrl-C or a CI timeout: stop the Snakemake run this script started (by its pid), then exit,
# which stops SLURM through finish.
child=""
interrupted() {
    if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
        kill -TERM "$child" 2>/dev/null || true
        for _ in $(seq 30); do
            kill -0 "$child" 2>/dev/null || break
            sleep 1
        done
        kill -KILL "$child" 2>/dev/null || true
    fi
    exit 130
}
trap interrupted INT TERM

logged() {  # logged DIR LOG COMMAND...: run COMMAND in DIR in the background, output to LOG
    local dir=$1 log=$2 rc=0
    shift 2
    (cd "$dir" && exec "$@") >"$log" 2>&1 &
    child=$!
    wait "$child" || rc=$?
    child=""
    [ "$rc" -eq 0 ] || tail -n 30 "$log"
    return "$rc"
}

step() {  # step NAME COMMAND...: run, time it, and add it to the summary
    local name=$1 start=$SECONDS
    shift
    echo "== $name"
    "$@"
    timings+=$'\n'"  $name: $((SECONDS - start)) s"
}

copy_project() {  # what a study needs, as tests/conftest.py copy_project copies it
    mkdir -p "$1"
    cp -r Snakefile config.yaml environment.yml workflow data "$1/"
    find "$1" -name __pycache__ -type d -prune -exec rm -rf {} +
}

run_local() {
    logged "$work/local" "$work/local.log" \
        "$BIN/snakemake" --cores "$(nproc)" --workflow-profile workflow/profiles/local
}

# The profile as a researcher uses it, plus two settings for a cluster without an accounting
# database: poll job states with squeue (sacct has no data here; slurm.conf keeps finished jobs
# in squeue for 10 minutes), and poll from 2 s after submission instead of 40 s.
run_slurm() {
    logged "$work/slurm" "$work/slurm.log" \
        env SBATCH_PARTITION=debug "$BIN/snakemake" --workflow-profile workflow/profiles/slurm \
        --slurm-status-command squeue --slurm-init-seconds-before-status-checks 2
}

# The node must be able to hold the largest memory request in the profile, or sbatch refuses it.
fits() {
    local need have
    need=$("$BIN/python" -c 'import sys, yaml
p = yaml.safe_load(open(sys.argv[1]))
print(max([p["default-resources"]["mem_mb"]] + [r.get("mem_mb", 0) for r in p["set-resources"].values()]))' \
        workflow/profiles/slurm/config.yaml)
    have=$(scontrol show node "$(hostname -s)" -o | grep -o 'RealMemory=[0-9]*' | cut -d= -f2)
    if [ "$have" -lt "$need" ]; then
        echo "test-slurm: the profile asks up to $need MB for one job; this node has $have MB" >&2
        return 1
    fi
}

check() {
    SBATCH_PARTITION=debug "$BIN/python" "$here/check.py" --local "$work/local" \
        --slurm "$work/slurm" --log "$work/slurm.log" --state "$state"
}

step "start SLURM" "$here/start.sh"
fits
copy_project "$work/local"
copy_project "$work/slurm"
step "seed DAG, local (reference)" run_local
step "seed DAG through SLURM" run_slurm
step "checks" check
status=PASS
