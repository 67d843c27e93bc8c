#!/usr/bin/env bash
# Runs the Gureum console on this machine (the README's "run" command):
#   1. src/host/setup.sh              prepares the host (idempotent, seconds when done before)
#   2. src/host/build-test-images.sh  builds the tiny guest and busybox container image
#   3. builds the console with Maven and starts it in the foreground: HTTPS on port 8443
#      (a self-signed certificate made on the first start unless GUREUM_TLS_CERTIFICATE and
#      GUREUM_TLS_PRIVATE_KEY name yours), plain HTTP on 8080 only redirecting there.
#
# Usage: sudo src/run-console.sh [--skip-setup]
# Environment: GUREUM_ADMIN_PASSWORD (first admin's password; else generated and printed
# once), GUREUM_DATA_DIR (default /var/lib/gureum/data), SERVER_PORT (HTTPS, default 8443),
# GUREUM_HTTP_PORT (redirect, default 8080; -1: none), GUREUM_TLS_ENABLED=false (plain HTTP on SERVER_PORT).
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
TLS="${GUREUM_TLS_ENABLED:-true}"
if [ "$TLS" = false ]; then
  PORT="${SERVER_PORT:-8080}" SCHEME=http HTTP_PORT=-1
else
  PORT="${SERVER_PORT:-8443}" SCHEME=https HTTP_PORT="${GUREUM_HTTP_PORT:-8080}"
  export GUREUM_HTTP_PORT="$HTTP_PORT"
fi
export SERVER_PORT="$PORT"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$PORT" "$HTTP_PORT"; do
  [ "$p" -ge 0 ] 2>/dev/null || continue
  if port_in_use "$p"; then
    die "something is already listening on port $p (a console started before?). Open $SCHEME://localhost:$PORT, or stop that process first, or choose other ports with SERVER_PORT=<port> GUREUM_HTTP_PORT=<port>."
  fi
done

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

# The ports may have been taken while we were building.
for p in "$PORT" "$HTTP_PORT"; do
  [ "$p" -ge 0 ] 2>/dev/null || continue
  port_in_use "$p" && die "port $p became busy during the build; is another console starting?"
done

CERT="$GUREUM_DATA_DIR/tls/certificate.pem"
cat <<MSG
[gureum] ------------------------------------------------------------------
[gureum] Gureum console starting: open $SCHEME://localhost:$PORT , user admin
[gureum] password = \$GUREUM_ADMIN_PASSWORD if you set it, else printed once
[gureum]            in the log below on first start
MSG
if [ "$SCHEME" = https ] && [ -z "${GUREUM_TLS_CERTIFICATE:-}" ]; then
  if [ -f "$CERT" ]; then
    FP="$(openssl x509 -noout -fingerprint -sha256 -in "$CERT" 2>/dev/null | sed 's/^.*=//')"
    cat <<MSG
[gureum] HTTPS with the self-signed certificate $CERT
[gureum]   SHA-256 fingerprint: ${FP:-see openssl x509 -noout -fingerprint -sha256 -in $CERT}
[gureum]   your browser warns about it once: accept it when the fingerprint it shows matches
MSG
  else
    cat <<MSG
[gureum] HTTPS with a self-signed certificate made now (in $GUREUM_DATA_DIR/tls):
[gureum]   its SHA-256 fingerprint is printed once in the log below; your browser warns
[gureum]   about the certificate once: accept it when the fingerprint it shows matches
MSG
  fi
  [ "$HTTP_PORT" -ge 0 ] 2>/dev/null && echo "[gureum] http://localhost:$HTTP_PORT only redirects to HTTPS"
fi
cat <<MSG
[gureum] data: $GUREUM_DATA_DIR   host settings: $GUREUM_PROPERTIES
[gureum] stop with Ctrl-C
[gureum] ------------------------------------------------------------------
MSG
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$JAR"
