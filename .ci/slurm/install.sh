#!/usr/bin/env bash
# Install a single-node SLURM (slurm-wlm) and munge from the Debian packages, if missing.
# Non-interactive and idempotent; needs root and apt. Daemons are not started here (start.sh).
set -euo pipefail

need=()
for cmd in slurmctld slurmd sbatch munged; do
    command -v "$cmd" >/dev/null 2>&1 || need+=("$cmd")
done
if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: missing ${need[*]}; installing slurm-wlm and munge needs root" >&2
    exit 1
fi

echo "install.sh: installing slurm-wlm and munge (missing: ${need[*]})"
export DEBIAN_FRONTEND=noninteractive
# Keep the packages' maintainer scripts from starting daemons (no init system in a container;
# start.sh starts them with this project's own configuration). Only a policy file this script
# created is removed again.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 0755 "$policy"
    own_policy=1
fi
trap '[ "$own_policy" -eq 0 ] || rm -f "$policy"' EXIT

apt-get install -y -q --no-install-recommends slurm-wlm munge >/dev/null 2>&1 || {
    apt-get update -q
    apt-get install -y -q --no-install-recommends slurm-wlm munge
}
for cmd in slurmctld slurmd sbatch munged; do
    command -v "$cmd" >/dev/null || { echo "install.sh: $cmd still missing" >&2; exit 1; }
done
