# shellcheck shell=bash
# Shared helpers for Gureum's host scripts. Source it; do not execute it.
#
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Provides: GUREUM_REPO_ROOT, step/ok/skipped/failed reporting, need_root,
# gureum_java_home (the JDK >= 21 the scripts use), property file helpers.

GUREUM_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GUREUM_ETC_DIR="${GUREUM_ETC_DIR:-/etc/gureum}"
GUREUM_PROPERTIES="${GUREUM_PROPERTIES:-$GUREUM_ETC_DIR/gureum.properties}"
GUREUM_JAVA_HOME_FILE="${GUREUM_JAVA_HOME_FILE:-$GUREUM_ETC_DIR/java-home}"
GUREUM_MIN_JAVA=21
export GUREUM_REPO_ROOT

# --- reporting -------------------------------------------------------------
# Every step prints one line: "[gureum] <step> ... ok|skipped (why)|failed: why".
_GUREUM_STEP=""
step() { _GUREUM_STEP="$1"; printf '[gureum] %-44s ... ' "$1"; }
ok() { if [ $# -gt 0 ]; then echo "ok ($*)"; else echo "ok"; fi; }
skipped() { echo "skipped ($*)"; }
failed() { echo "failed: $*"; echo "[gureum] step '$_GUREUM_STEP' failed: $*" >&2; }
die() { echo "[gureum] error: $*" >&2; exit 1; }
info() { echo "[gureum] $*"; }

need_root() {
  [ "$(id -u)" -eq 0 ] || die "$(basename "$0") must run as root (it installs packages and writes /etc/gureum, /var/lib/gureum). Try: sudo $0 $*"
}

# --- small utilities -------------------------------------------------------
have() { command -v "$1" >/dev/null 2>&1; }

# pkg_installed PKG: true when dpkg says the package is installed.
pkg_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

# prop_get FILE KEY: value of KEY=... in a properties file (empty if absent).
prop_get() {
  [ -f "$1" ] || return 0
  sed -n "s/^[[:space:]]*$(printf '%s' "$2" | sed 's/[.[\*^$/]/\\&/g')[[:space:]]*[=:][[:space:]]*//p" "$1" | tail -n 1
}

# prop_set FILE KEY VALUE: set KEY=VALUE, keeping every other line of the file.
prop_set() {
  local file="$1" key="$2" value="$3" tmp
  mkdir -p "$(dirname "$file")"
  tmp="$(mktemp "$file.XXXXXX")"
  if [ -f "$file" ]; then
    awk -v k="$key" '{ line=$0; sub(/^[ \t]+/, "", line);
                       if (index(line, k) == 1) { rest=substr(line, length(k)+1); sub(/^[ \t]+/, "", rest);
                         if (rest ~ /^[=:]/) next } print }' "$file" >"$tmp"
  fi
  printf '%s=%s\n' "$key" "$value" >>"$tmp"
  chmod 0644 "$tmp"
  mv -f "$tmp" "$file"
}

# --- Java ------------------------------------------------------------------
# java_major DIR: major version of the JDK in DIR (needs bin/java and bin/javac), or empty.
java_major() {
  local dir="$1" v=""
  [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || return 0
  if [ -f "$dir/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$dir/release")"
  fi
  if [ -z "$v" ]; then
    v="$("$dir/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | sed -n 1p)"
  fi
  v="${v#1.}"
  printf '%s\n' "${v%%[.+-]*}"
}

# java_ok DIR: DIR is a JDK >= GUREUM_MIN_JAVA.
java_ok() {
  local m
  [ -n "$1" ] || return 1
  m="$(java_major "$1")"
  [ -n "$m" ] && [ "$m" -ge "$GUREUM_MIN_JAVA" ] 2>/dev/null
}

# gureum_java_home: prints the JDK (>= 21) the Gureum scripts use, or fails.
# Order: $JAVA_HOME if >= 21, the JDK recorded by setup.sh in /etc/gureum/java-home,
# then the newest JDK >= 21 under /usr/lib/jvm.
gureum_java_home() {
  local d best="" best_m=0 m
  if java_ok "${JAVA_HOME:-}"; then printf '%s\n' "$JAVA_HOME"; return 0; fi
  if [ -f "$GUREUM_JAVA_HOME_FILE" ]; then
    d="$(head -n 1 "$GUREUM_JAVA_HOME_FILE")"
    if java_ok "$d"; then printf '%s\n' "$d"; return 0; fi
  fi
  for d in /usr/lib/jvm/*; do
    if [ ! -d "$d" ] || [ -L "$d" ]; then continue; fi
    m="$(java_major "$d")"
    if [ -n "$m" ] && [ "$m" -ge "$GUREUM_MIN_JAVA" ] && [ "$m" -gt "$best_m" ]; then
      best="$d"; best_m="$m"
    fi
  done
  [ -n "$best" ] || return 1
  printf '%s\n' "$best"
}
