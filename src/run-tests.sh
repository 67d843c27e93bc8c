#!/usr/bin/env bash
# Runs Gureum's whole test suite on this machine (the README's "test" command):
#   1. src/host/setup.sh --for-tests   host packages, daemons, Chromium, PostgreSQL (idempotent)
#   2. src/host/build-test-images.sh   tiny guest + busybox container image
#   3. mvn -B verify                   at the repository root, with a JDK >= 21: the console tests on H2,
#                                      then the database-related ones on PostgreSQL (console/pom.xml)
# Extra arguments go to Maven, e.g.  src/run-tests.sh -pl hypervisor-driver
# Exit code: Maven's (or the failing preparation step's).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=host/lib.sh
. "$ROOT/src/host/lib.sh"
need_root "$@"

PHASES=()
T_ALL=$SECONDS
# shellcheck disable=SC2317 # called from the EXIT trap
summary() {
  local p
  echo "[gureum] ---- timings ----"
  for p in "${PHASES[@]}"; do echo "[gureum]   $p"; done
  postgres_run_time
  echo "[gureum]   total: $((SECONDS - T_ALL)) s"
}
trap summary EXIT

# The console's PostgreSQL run (surefire execution 'postgres', after the H2 suite) is part of 'maven verify';
# its share, summed from the reports this run wrote, keeps its cost visible (docs/operations.md).
T_EPOCH=$(date +%s)
# shellcheck disable=SC2317 # called from summary
postgres_run_time() {
  local reports
  reports="$(find "$ROOT/console/target/surefire-reports-postgres" -name 'TEST-*.xml' -newermt "@$T_EPOCH" 2>/dev/null)"
  [ -n "$reports" ] || return 0
  # shellcheck disable=SC2086 # one path per line, no spaces in them
  awk -F'"' '/<testsuite / { for (i = 1; i < NF; i++) { if ($i ~ / time=$/) t += $(i + 1); if ($i ~ / tests=$/) n += $(i + 1) } }
    END { printf "[gureum]     of which console tests on PostgreSQL: %d s, %d tests\n", t, n }' $reports
}

phase() { # phase NAME CMD...: run CMD, record its duration; stop on failure
  local name="$1" t0=$SECONDS rc=0; shift
  info "=== $name ==="
  "$@" || rc=$?
  PHASES+=("$name: $((SECONDS - t0)) s$([ "$rc" = 0 ] || echo " (exit $rc)")")
  return "$rc"
}

phase "host setup" "$ROOT/src/host/setup.sh" --for-tests || { echo "[gureum] host setup failed: fix the step marked 'failed' above" >&2; exit 1; }
phase "test images" "$ROOT/src/host/build-test-images.sh" || { echo "[gureum] building test images failed" >&2; exit 1; }

JAVA_HOME="$(gureum_java_home)" || die "no JDK >= $GUREUM_MIN_JAVA after setup"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
[ -n "${CI:-}" ] && export CI
cd "$ROOT"
rc=0
phase "maven verify (JDK $JAVA_HOME${CI:+, CI=$CI})" mvn -B verify "$@" || rc=$?
exit "$rc"
