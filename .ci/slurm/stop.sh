#!/usr/bin/env bash
# Stop the single-node SLURM that start.sh started (cancel its jobs, stop slurmd, slurmctld and,
# if start.sh started it, munged) and delete its state. Idempotent: safe to call when nothing
# runs. Only the processes named in this cluster's pid files are stopped, and slurm.conf is
# removed only if start.sh wrote it.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"

stop_pid() {  # stop_pid NAME PIDFILE: TERM, wait up to 15 s, then KILL
    local name=$1 file=$2 pid
    alive "$file" || return 0
    pid=$(cat "$file")
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 75); do
        kill -0 "$pid" 2>/dev/null || { echo "stop.sh: stopped $name ($pid)"; return 0; }
        sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null
    echo "stop.sh: killed $name ($pid)"
}

if alive "$STATE/slurmctld.pid"; then
    jobs=$(timeout 10 squeue -h -o %i 2>/dev/null)
    if [ -n "$jobs" ]; then
        # shellcheck disable=SC2086
        scancel $jobs
        for _ in $(seq 30); do
            [ -z "$(timeout 10 squeue -h -t PD,R,CG -o %i 2>/dev/null)" ] && break
            sleep 1
        done
    fi
fi
stop_pid slurmd "$STATE/slurmd.pid"
stop_pid slurmctld "$STATE/slurmctld.pid"
stop_pid munged "$STATE/munged.pid"
rm -rf "$STATE"
if [ -e "$CONF" ] && conf_is_ours; then
    rm -f "$CONF"
fi
