#!/bin/sh
# Soak (issue 4): a mixed workload (uploads, downloads, listings, mkdir, rename) through a real
# mount under the simulator's seeded random faults, until at least FAULTS were injected (its
# --stats "faults_injected"); then the remote tree must be identical, by sha256, to what was
# written. Prints the figures and the simulator's stats JSON (fault counts per kind).
#   bench/soak.sh [BUILD_DIR] [FAULTS] [SEED] [P]
# Environment: MFS_SOAK_KINDS (drop+bearer-lost+reboot+vanish+error+cme), MFS_FAULTS_QUIRKS.
set -eu
build=${1:-build}
export MFS_SOAK_FAULTS=${2:-200} MFS_SOAK_SEED=${3:-7} MFS_SOAK_P=${4:-0.01}
exec "$build/tests/faults/test_faults" "[.soak]" --durations yes
