# shellcheck shell=bash disable=SC2034  # variables for the scripts that source this file
# Shared by start.sh and stop.sh (sourced): where the test cluster keeps its files.
# The config goes where every SLURM command looks by default (srun inside a job is not handed
# SLURM_CONF); the first line marks it as this project's, so a machine's own config is never
# overwritten or removed. State and logs go to FRAMELAB_SLURM_STATE (default /tmp/framelab-slurm).
STATE=${FRAMELAB_SLURM_STATE:-/tmp/framelab-slurm}
CONF=/etc/slurm/slurm.conf
MARK="# framelab test cluster (.ci/slurm/start.sh)"
HOST=$(hostname -s)

# True if the pid in file $1 is a running process.
alive() {
    [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# True if $CONF is missing or was written by start.sh.
conf_is_ours() {
    [ ! -e "$CONF" ] || [ "$(head -n1 "$CONF")" = "$MARK" ]
}
