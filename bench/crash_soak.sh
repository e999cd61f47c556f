#!/bin/sh
# Crash soak (issue 12): the crash-consistency suite (tests/faults/crash_consistency_test.cpp)
# with many more kill points than ctest runs, for each modem family: SIGKILL of the daemon at
# seeded points of a write workload, a new mount on the same cache_dir, then every file on the
# server must be its last version handed over (or one in flight), with no staging name left.
# Prints one line per kill point and the figures (points tried, files checked, violations).
#   bench/crash_soak.sh [BUILD_DIR] [POINTS] [SEED] [FAMILIES]
# Environment: MFS_CRASH_BAUD (921600; 0 = unpaced), MFS_CRASH_BUDGET (seconds per family).
set -eu
build=${1:-build}
export MFS_CRASH_POINTS=${2:-200} MFS_CRASH_SEED=${3:-1}
export MFS_CRASH_BUDGET=${MFS_CRASH_BUDGET:-3600}
status=0
for family in ${4:-l610 sim7000}; do
  echo "== $family"
  MFS_E2E_VARIANT="dialect=$family" "$build/tests/faults/test_crash" "[crash]" || status=1
done
exit $status
