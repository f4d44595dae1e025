#!/usr/bin/env bash
# Start a single-node SLURM on this machine for `make test-slurm`: install slurm-wlm and munge
# if missing, write slurm.conf for this host, start munged, slurmctld and slurmd, and wait until
# the node is idle. Idempotent: a second call finds the cluster up and returns. Runs as root
# without systemd (containers). Refuses to touch a machine that has its own slurm.conf.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"

node_state() {
    timeout 10 sinfo -h -N -n "$HOST" -o %T 2>/dev/null | head -n1 || true
}

if alive "$STATE/slurmctld.pid" && alive "$STATE/slurmd.pid" &&
    [[ "$(node_state)" =~ ^(idle|mixed|allocated|completing)$ ]]; then
    echo "start.sh: SLURM already up (node $HOST $(node_state))"
    exit 0
fi
if ! conf_is_ours; then
    echo "start.sh: $CONF exists and is not this project's test cluster; not touching it" >&2
    exit 1
fi

"$here/install.sh"

# munge authenticates every message between the SLURM commands and daemons.
if [ ! -s /etc/munge/munge.key ]; then
    mungekey --create --keyfile=/etc/munge/munge.key
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    install -d -o munge -g munge -m 0755 /run/munge
    install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
    runuser -u munge -- /usr/sbin/munged
    for _ in $(seq 50); do
        munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
        sleep 0.2
    done
    munge -n | unmunge >/dev/null || { echo "start.sh: munged did not start" >&2; exit 1; }
    # Remember that this script started munged, so stop.sh stops it (and only then).
    mkdir -p "$STATE"
    cp /run/munge/munged.pid "$STATE/munged.pid"
fi

# slurm.conf for this host: all its CPUs, and its memory less a margin for the system.
mkdir -p "$STATE/slurmctld" "$STATE/slurmd" "$(dirname "$CONF")"
mem_total=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)
margin=$((mem_total / 10 > 1024 ? mem_total / 10 : 1024))
{
    echo "$MARK"
    sed -e "s|@HOST@|$HOST|g" -e "s|@CPUS@|$(nproc)|g" -e "s|@MEM_MB@|$((mem_total - margin))|g" \
        -e "s|@STATE@|$STATE|g" "$here/slurm.conf.in"
} >"$CONF.tmp"
mv "$CONF.tmp" "$CONF"

alive "$STATE/slurmctld.pid" || slurmctld
alive "$STATE/slurmd.pid" || slurmd

for i in $(seq 60); do
    state=$(node_state)
    [ "$state" = idle ] && break
    # A node left down or drained by an earlier run is put back into service once.
    if [ "$i" = 5 ] && [[ "$state" == down* || "$state" == drain* ]]; then
        scontrol update NodeName="$HOST" State=RESUME || true
    fi
    sleep 1
done
if [ "$(node_state)" != idle ]; then
    echo "start.sh: node $HOST is not idle after 60 s (state: $(node_state))" >&2
    tail -n 20 "$STATE/slurmctld.log" "$STATE/slurmd.log" >&2 || true
    exit 1
fi
sinfo
echo "start.sh: SLURM up on $HOST (config $CONF, logs in $STATE)"
