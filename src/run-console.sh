#!/usr/bin/env bash
# Runs the Gureum console on this machine (the README's "run" command):
#   1. src/host/setup.sh              prepares the host (idempotent, seconds when done before)
#   2. src/host/build-test-images.sh  builds the tiny guest and busybox container image
#   3. builds the console with Maven and starts it in the foreground on port 8080.
#
# Usage: sudo src/run-console.sh [--skip-setup]
# Environment: GUREUM_ADMIN_PASSWORD (first admin's password; else generated and printed
# once), GUREUM_DATA_DIR (default /var/lib/gureum/data), SERVER_PORT (default 8080).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=host/lib.sh
. "$ROOT/src/host/lib.sh"

SKIP_SETUP=0
for a in "$@"; do
  case "$a" in
    --skip-setup) SKIP_SETUP=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) die "unknown argument: $a (see --help)" ;;
  esac
done
need_root "$@"
PORT="${SERVER_PORT:-8080}"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_in_use "$PORT"; then
  die "something is already listening on port $PORT (a console started before?). Open http://localhost:$PORT, or stop that process first, or choose another port with SERVER_PORT=<port>."
fi

if [ "$SKIP_SETUP" = 0 ]; then
  "$ROOT/src/host/setup.sh"
  "$ROOT/src/host/build-test-images.sh"
fi

JAVA_HOME="$(gureum_java_home)" || die "no JDK >= $GUREUM_MIN_JAVA: run src/host/setup.sh"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export GUREUM_DATA_DIR="${GUREUM_DATA_DIR:-/var/lib/gureum/data}"
mkdir -p "$GUREUM_DATA_DIR"

info "building the console (mvn -B -q -pl console -am -DskipTests package, JDK $JAVA_HOME)"
cd "$ROOT"
mvn -B -q -pl console -am -DskipTests package

JAR=""
for f in console/target/console-*.jar; do
  case "$f" in *-sources.jar|*-javadoc.jar|*-plain.jar|*-tests.jar) continue ;; esac
  [ -f "$f" ] && JAR="$f"
done
[ -n "$JAR" ] || die "build produced no console/target/console-*.jar"

# The port may have been taken while we were building.
port_in_use "$PORT" && die "port $PORT became busy during the build; is another console starting?"

cat <<MSG
[gureum] ------------------------------------------------------------------
[gureum] Gureum console starting: open http://localhost:$PORT , user admin
[gureum] password = \$GUREUM_ADMIN_PASSWORD if you set it, else printed once
[gureum]            in the log below on first start
[gureum] data: $GUREUM_DATA_DIR   host settings: $GUREUM_PROPERTIES
[gureum] stop with Ctrl-C
[gureum] ------------------------------------------------------------------
MSG
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$JAR"
