#!/usr/bin/env bash
# Tests the Debian package for real on this machine (docs/operations.md, "Installing the package"):
#   1. builds it (build-deb.sh) from the console jar already built;
#   2. checks it: dpkg-deb --info/--contents (files, modes, conffiles, dependencies), lintian if installed;
#   3. installs it with dpkg, checks the gureum user, its groups, directories and modes, and the unit with
#      systemd-analyze verify;
#   4. starts the unit's ExecStart by hand as the gureum user with the unit's environment (there is no systemd as
#      PID 1 here), on free loopback ports, and checks it answers on HTTPS with the certificate it made, redirects
#      HTTP, and is ready;
#   5. purges the package (also on failure or Ctrl-C): nothing of it is left but the gureum user.
# Not part of src/run-tests.sh: it installs a package into the machine, and starts a whole console (a minute or
# more here). CI can run it after the tests: sudo src/packaging/test-deb.sh
#
# Usage: sudo src/packaging/test-deb.sh [JAR]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../host/lib.sh
. "$HERE/../host/lib.sh"
need_root "$@"

if pkg_installed gureum; then
  die "the package gureum is already installed here: this test installs and purges it, so it will not touch that one"
fi
[ ! -e /var/lib/gureum/data/gureum.mv.db ] || die "/var/lib/gureum/data holds a console database (run-console.sh's?): the test's purge would remove it; move it away first"

WORK="$(mktemp -d)"
CONSOLE_PID=""
cleanup() {
  local rc=$?
  if [ -n "$CONSOLE_PID" ] && kill -0 "$CONSOLE_PID" 2>/dev/null; then
    kill "$CONSOLE_PID" 2>/dev/null || true
    wait "$CONSOLE_PID" 2>/dev/null || true
  fi
  if pkg_installed gureum || dpkg-query -W gureum >/dev/null 2>&1; then
    dpkg --purge gureum >/dev/null || echo "[gureum] could not purge the test package: dpkg --purge gureum" >&2
  fi
  if [ "$rc" != 0 ] && [ -f "$WORK/console.log" ]; then
    echo "[gureum] last lines of the console's log:" >&2
    tail -n 40 "$WORK/console.log" >&2
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT INT TERM

step "building the package"
DEB="$("$HERE/build-deb.sh" "${1:-}" "$WORK")"
ok "$(basename "$DEB"), $(( $(stat -c %s "$DEB") / 1024 / 1024 )) MiB"

step "package metadata"
INFO="$(dpkg-deb --info "$DEB")"
for want in "Package: gureum" "Architecture: all" "Depends: adduser, libvirt0, openjdk-25-jre-headless | openjdk-21-jre-headless"; do
  grep -qF "$want" <<<"$INFO" || { failed "dpkg-deb --info lacks '$want'"; exit 1; }
done
[ "$(dpkg-deb --ctrl-tarfile "$DEB" | tar -xO ./conffiles)" = $'/etc/gureum/application.yml\n/etc/default/gureum' ] \
  || { failed "conffiles are not /etc/gureum/application.yml and /etc/default/gureum"; exit 1; }
ok

step "package contents"
CONTENTS="$(dpkg-deb --contents "$DEB")"
while read -r mode path; do
  grep -qE "^$mode root/root +[0-9]+ [0-9-]+ [0-9:]+ \./${path#/}\$" <<<"$CONTENTS" \
    || { failed "no $path with mode $mode, owned by root"; exit 1; }
done <<'FILES'
drwxr-xr-x /
-rw-r--r-- /usr/share/gureum/gureum.jar
-rwxr-xr-x /usr/lib/gureum/gureum
-rw-r--r-- /lib/systemd/system/gureum.service
-rw-r--r-- /etc/gureum/application.yml
-rw-r--r-- /etc/default/gureum
FILES
ok "$(grep -c '^-' <<<"$CONTENTS") files"

step "lintian"
if have lintian; then
  # Errors fail the test; warnings are shown.
  lintian --tag-display-limit 0 "$DEB" 2>&1 | tee "$WORK/lintian.txt" | sed 's/^/    /' >&2 || true
  if grep -q '^E:' "$WORK/lintian.txt"; then failed "lintian reports errors (above)"; exit 1; fi
  ok
else
  skipped "lintian is not installed (apt-get install lintian)"
fi

step "installing with dpkg"
# Its dependencies are this machine's (a JDK >= 21, libvirt0) whether or not dpkg knows them by these names.
dpkg --force-depends -i "$DEB" >"$WORK/dpkg.log" 2>&1 || { failed "dpkg -i: $(tail -n 5 "$WORK/dpkg.log")"; exit 1; }
ok

step "user, groups, directories, modes"
getent passwd gureum | grep -q ':/var/lib/gureum/data:/usr/sbin/nologin$' || { failed "no gureum system user with home /var/lib/gureum/data"; exit 1; }
[ "$(id -u gureum)" -lt 1000 ] || { failed "gureum is not a system user (uid $(id -u gureum))"; exit 1; }
if getent group libvirt >/dev/null; then
  id -nG gureum | tr ' ' '\n' | grep -qx libvirt || { failed "gureum is not in the libvirt group"; exit 1; }
fi
[ "$(stat -c '%U:%G %a' /var/lib/gureum/data)" = "gureum:gureum 750" ] || { failed "/var/lib/gureum/data is $(stat -c '%U:%G %a' /var/lib/gureum/data)"; exit 1; }
[ "$(stat -c '%U:%G %a' /etc/gureum/application.yml)" = "root:gureum 640" ] || { failed "/etc/gureum/application.yml is $(stat -c '%U:%G %a' /etc/gureum/application.yml)"; exit 1; }
ok

step "systemd-analyze verify"
if have systemd-analyze; then
  systemd-analyze verify /lib/systemd/system/gureum.service >"$WORK/verify.txt" 2>&1 \
    || { failed "$(cat "$WORK/verify.txt")"; exit 1; }
  ok "$(wc -l <"$WORK/verify.txt") notes"
else
  skipped "systemd-analyze is not installed"
fi

# The unit's ExecStart, User and Environment, read from the unit itself so that the test runs what systemd would.
UNIT=/lib/systemd/system/gureum.service
EXEC="$(sed -n 's/^ExecStart=//p' "$UNIT")"
RUN_AS="$(sed -n 's/^User=//p' "$UNIT")"
WORKDIR="$(sed -n 's/^WorkingDirectory=//p' "$UNIT")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTPS_PORT="$(free_port)"
HTTP_PORT="$(free_port)"
[ "$HTTPS_PORT" != "$HTTP_PORT" ] || HTTP_PORT="$(free_port)"

step "starting ExecStart as $RUN_AS"
START=$(date +%s)
# EnvironmentFile=-/etc/default/gureum, then the test's own: loopback, free ports, a known first password.
(
  set -a
  # shellcheck source=/dev/null
  [ -f /etc/default/gureum ] && . /etc/default/gureum
  set +a
  cd "$WORKDIR"
  exec runuser -u "$RUN_AS" -- env HOME=/var/lib/gureum/data SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$HTTPS_PORT" \
    GUREUM_HTTP_PORT="$HTTP_PORT" GUREUM_ADMIN_PASSWORD='Package-Test-Cumulus-7' GUREUM_FIRST_PROJECT= \
    ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} "$EXEC"
) >"$WORK/console.log" 2>&1 &
CONSOLE_PID=$!
CERT=/var/lib/gureum/data/tls/certificate.pem
# A whole console starts: a minute on an idle 2-core machine, many more when it is loaded.
ANSWERED=0
while [ $(( $(date +%s) - START )) -lt "${GUREUM_PACKAGE_TEST_TIMEOUT:-900}" ]; do
  kill -0 "$CONSOLE_PID" 2>/dev/null || { failed "the console exited"; exit 1; }
  if [ -f "$CERT" ] && curl -s -o /dev/null --max-time 5 --cacert "$CERT" "https://localhost:$HTTPS_PORT/actuator/health/liveness"; then
    ANSWERED=1
    break
  fi
  sleep 2
done
[ "$ANSWERED" = 1 ] || { failed "no HTTPS answer within ${GUREUM_PACKAGE_TEST_TIMEOUT:-900} s"; exit 1; }
ok "answered after $(( $(date +%s) - START )) s"

step "HTTPS with the certificate it made"
[ "$(stat -c '%U' "$CERT")" = gureum ] || { failed "$CERT is not the gureum user's"; exit 1; }
FINGERPRINT="$(openssl x509 -noout -fingerprint -sha256 -in "$CERT" | sed 's/^.*=//')"
grep -qF "$FINGERPRINT" "$WORK/console.log" || { failed "the log does not show the fingerprint $FINGERPRINT"; exit 1; }
code="$(curl -s -o /dev/null -w '%{http_code}' --cacert "$CERT" "https://localhost:$HTTPS_PORT/login")"
[ "$code" = 200 ] || { failed "GET /login answered $code"; exit 1; }
ok "SHA-256 $FINGERPRINT"

step "HTTP only redirects"
redirect="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$HTTP_PORT/login")"
[ "$redirect" = "302 https://127.0.0.1:$HTTPS_PORT/login" ] || { failed "GET http://.../login answered '$redirect'"; exit 1; }
ok

step "ready (database written under /var/lib/gureum)"
for _ in $(seq 1 60); do
  code="$(curl -s -o /dev/null -w '%{http_code}' --cacert "$CERT" "https://localhost:$HTTPS_PORT/actuator/health/readiness")"
  [ "$code" = 200 ] && break
  sleep 1
done
[ "$code" = 200 ] || { failed "readiness answered $code"; exit 1; }
[ "$(stat -c '%U' /var/lib/gureum/data/gureum.mv.db)" = gureum ] || { failed "the database is not the gureum user's"; exit 1; }
ok

step "purging"
kill "$CONSOLE_PID"; wait "$CONSOLE_PID" 2>/dev/null || true; CONSOLE_PID=""
dpkg --purge gureum >"$WORK/dpkg.log" 2>&1 || { failed "dpkg --purge: $(tail -n 5 "$WORK/dpkg.log")"; exit 1; }
for gone in /usr/share/gureum /usr/lib/gureum /lib/systemd/system/gureum.service /etc/gureum/application.yml /etc/default/gureum /var/lib/gureum/data; do
  [ ! -e "$gone" ] || { failed "$gone is left after the purge"; exit 1; }
done
ok
info "package test passed: $(basename "$DEB")"
