#!/usr/bin/env bash
# Runs Gureum's benchmark suite on this machine (benchmarks are not tests: they print figures):
#   1. src/host/setup.sh --for-tests   host packages, daemons, Chromium (idempotent)
#   2. src/host/build-test-images.sh   tiny guest + busybox container image
#   3. mvn -B -Pbenchmark verify -pl console -am
#      container-driver: driver vs raw docker-java vs podman run (CreateStartBenchmark)
#      console: every class in console/src/bench/java named *Benchmark, in one Spring context
# Results: stdout and console/target/benchmarks/results.md (docs/performance.md is written from it).
# Extra arguments go to Maven, e.g.  src/run-benchmarks.sh -Dbench=ScaleBenchmark
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=host/lib.sh
. "$ROOT/src/host/lib.sh"
need_root "$@"

"$ROOT/src/host/setup.sh" --for-tests || die "host setup failed: fix the step marked 'failed' above"
"$ROOT/src/host/build-test-images.sh" || die "building test images failed"

JAVA_HOME="$(gureum_java_home)" || die "no JDK >= $GUREUM_MIN_JAVA after setup"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
cd "$ROOT"
rm -f console/target/benchmarks/results.md
exec mvn -B -Pbenchmark verify -pl console -am "$@"
