#!/usr/bin/env bash
# Turns a Debian 12/13 or Ubuntu 24.04 server into a Gureum host, idempotently.
#
# Usage: src/host/setup.sh [--for-tests] [--recheck]
#   --for-tests   also install what the test suite needs (Chromium for browser tests, PostgreSQL on
#                 127.0.0.1 with a test database for mvn -Ppostgres: see postgres.sh, and a second
#                 libvirt host reached over qemu+ssh on loopback: see second-host.sh)
#   --recheck     redo the KVM-vs-QEMU domain type probe even if already decided
#
# Each step prints "ok", "skipped (why)" or "failed: reason". A second run only checks
# and takes a few seconds. See docs/operations.md for what each step does and why.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"

FOR_TESTS=0; RECHECK=0
for a in "$@"; do
  case "$a" in
    --for-tests) FOR_TESTS=1 ;;
    --recheck) RECHECK=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) die "unknown argument: $a (see --help)" ;;
  esac
done
need_root "$@"
export DEBIAN_FRONTEND=noninteractive
export LC_ALL=C.UTF-8

VIRSH=(virsh -q -c qemu:///system)
PODMAN_SOCK=/run/podman/podman.sock
CONTAINERS_CONF="${GUREUM_CONTAINERS_CONF:-/etc/containers/containers.conf}"
GUREUM_LIB=/var/lib/gureum
IMAGES_DIR="${GUREUM_IMAGES_DIR:-$GUREUM_LIB/images}"
PROBE_TIMEOUT="${GUREUM_KVM_PROBE_TIMEOUT:-20}"
FAILURES=0
T_START=$SECONDS

soft_fail() { failed "$*"; FAILURES=$((FAILURES + 1)); }
systemd_is_pid1() { [ -d /run/systemd/system ] && [ "$(cat /proc/1/comm 2>/dev/null)" = "systemd" ]; }

# ---------------------------------------------------------------------------
check_os() {
  step "operating system"
  local id="" ver="" pretty=""
  if [ -r /etc/os-release ]; then
    # shellcheck disable=SC1091
    id="$(. /etc/os-release && echo "${ID:-}")"
    # shellcheck disable=SC1091
    ver="$(. /etc/os-release && echo "${VERSION_ID:-}")"
    # shellcheck disable=SC1091
    pretty="$(. /etc/os-release && echo "${PRETTY_NAME:-$id $ver}")"
  fi
  OS_ID="$id"
  case "$id:$ver" in
    debian:12|debian:13|ubuntu:24.04) ok "$pretty" ;;
    *)
      if [ "${GUREUM_ALLOW_UNSUPPORTED_OS:-}" = 1 ]; then
        ok "$pretty is not supported; continuing because GUREUM_ALLOW_UNSUPPORTED_OS=1"
      else
        failed "unsupported system '${pretty:-unknown}' (supported: Debian 12, Debian 13, Ubuntu 24.04; set GUREUM_ALLOW_UNSUPPORTED_OS=1 to try anyway)"
        exit 1
      fi ;;
  esac
  [ "$(uname -m)" = x86_64 ] || { echo "[gureum] only x86_64 hosts are supported (this is $(uname -m))" >&2; exit 1; }
}

# ---------------------------------------------------------------------------
APT_UPDATED=0
apt_update_once() {
  [ "$APT_UPDATED" = 1 ] && return 0
  apt-get update -qq >/tmp/gureum-apt-update.log 2>&1 || { cat /tmp/gureum-apt-update.log >&2; return 1; }
  APT_UPDATED=1
}
apt_install() {
  apt_update_once || return 1
  apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold "$@" \
    >/tmp/gureum-apt-install.log 2>&1 || { tail -n 20 /tmp/gureum-apt-install.log >&2; return 1; }
}
# apt_candidate PKG: candidate version, empty if the distribution has none.
apt_candidate() {
  local c
  c="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ && !f { print $2; f = 1 }')"
  [ "$c" = "(none)" ] && c=""
  printf '%s\n' "$c"
}

install_packages() {
  local pkgs=(libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils dnsmasq-base
              podman runc busybox-static cpio curl ca-certificates procps iproute2
              xorriso)
  local missing=() p
  have mvn || pkgs+=(maven)
  # The console's build installs the browser terminal (xterm.js) with npm ci (a machine that has npm keeps it).
  have npm || pkgs+=(npm)
  for p in "${pkgs[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  step "distribution packages"
  if [ ${#missing[@]} -eq 0 ]; then
    skipped "all ${#pkgs[@]} installed"
  elif apt_install "${missing[@]}"; then
    ok "installed ${missing[*]}"
  else
    failed "apt-get install ${missing[*]} (see /tmp/gureum-apt-install.log)"
    exit 1
  fi

  if [ "$FOR_TESTS" = 1 ]; then
    step "test sshd (openssh-server, for the second host)"
    if pkg_installed openssh-server; then skipped "installed"
    elif apt_install openssh-server; then ok "installed openssh-server"
    else soft_fail "apt-get install openssh-server (the remote-host tests will fail)"; fi
    step "test browser (chromium)"
    if [ -x /usr/bin/chromium ] && pkg_installed chromium; then
      skipped "chromium installed"
    elif [ "${OS_ID:-}" = ubuntu ]; then
      # Ubuntu's apt "chromium" is only a wrapper for the snap, which needs snapd.
      if [ -x /usr/bin/chromium ] || [ -x /snap/bin/chromium ]; then skipped "a chromium is present"
      else soft_fail "Ubuntu ships Chromium only as a snap: run 'snap install chromium' and link /usr/bin/chromium"; fi
    elif apt_install chromium; then
      ok "installed chromium"
    else
      soft_fail "apt-get install chromium (browser tests will fail)"
    fi
    step "test browser driver (chromium-driver, optional)"
    if pkg_installed chromium-driver; then skipped "installed"
    elif [ "${OS_ID:-}" = ubuntu ]; then skipped "not packaged outside the snap on Ubuntu"
    elif apt_install chromium-driver; then ok "installed chromium-driver"
    else skipped "could not install chromium-driver (optional)"; fi
  fi
}

# ---------------------------------------------------------------------------
setup_java() {
  step "JDK >= $GUREUM_MIN_JAVA"
  local jh p
  if ! jh="$(gureum_java_home)"; then
    for p in openjdk-25-jdk-headless openjdk-21-jdk-headless; do
      apt_update_once || true
      if [ -n "$(apt_candidate "$p")" ]; then
        if apt_install "$p"; then break; fi
      fi
    done
    jh="$(gureum_java_home)" || {
      failed "no JDK >= $GUREUM_MIN_JAVA found (JAVA_HOME, /usr/lib/jvm) and the distribution offers none (Debian 12 has only 17). Install one (e.g. Eclipse Temurin 25 from https://adoptium.net, into /usr/lib/jvm) and re-run, or set JAVA_HOME."
      exit 1
    }
    mkdir -p "$GUREUM_ETC_DIR"; echo "$jh" >"$GUREUM_JAVA_HOME_FILE"
    ok "installed: $jh (Java $(java_major "$jh"))"
    return 0
  fi
  if [ -f "$GUREUM_JAVA_HOME_FILE" ] && [ "$(head -n 1 "$GUREUM_JAVA_HOME_FILE")" = "$jh" ]; then
    skipped "$jh (Java $(java_major "$jh")) already recorded in $GUREUM_JAVA_HOME_FILE"
  else
    mkdir -p "$GUREUM_ETC_DIR"; echo "$jh" >"$GUREUM_JAVA_HOME_FILE"; chmod 0644 "$GUREUM_JAVA_HOME_FILE"
    ok "$jh (Java $(java_major "$jh")), recorded in $GUREUM_JAVA_HOME_FILE"
  fi
}

# ---------------------------------------------------------------------------
# toml_set FILE SECTION KEY VALUE: make "KEY = VALUE" the only KEY line in [SECTION],
# creating the section if needed and keeping every other line. Prints "changed" or "same".
toml_set() {
  local file="$1" section="$2" key="$3" value="$4" tmp
  [ -f "$file" ] || { mkdir -p "$(dirname "$file")"; : >"$file"; }
  tmp="$(mktemp "$file.XXXXXX")"
  awk -v sec="[$section]" -v key="$key" -v val="$value" '
    function emit() { print key " = " val; done = 1 }
    {
      line = $0; t = line; gsub(/^[ \t]+|[ \t]+$/, "", t)
      if (t ~ /^\[/) {                      # a section header
        if (insec && !done) emit()
        insec = (t == sec); if (insec) seen = 1
        print line; next
      }
      if (insec) {
        k = t; sub(/[ \t]*=.*/, "", k)
        if (k == key && t ~ /=/) { if (!done) emit(); next }
      }
      print line
    }
    END {
      if (insec && !done) emit()
      if (!seen) { print ""; print sec; emit() }
    }' "$file" >"$tmp"
  if cmp -s "$file" "$tmp"; then rm -f "$tmp"; echo same
  else chmod 0644 "$tmp"; mv -f "$tmp" "$file"; echo changed; fi
}

PODMAN_CONF_CHANGED=0
fix_containers_conf() {
  local why_runc="" why_ulim="" r1 r2 hn
  systemd_is_pid1 || { why_runc="no systemd"; why_ulim="no systemd"; }
  [ "$(stat -fc %T /sys/fs/cgroup 2>/dev/null)" = cgroup2fs ] || why_runc="${why_runc:+$why_runc, }cgroups v1/hybrid (crun refuses)"
  pkg_installed crun || why_runc="${why_runc:+$why_runc, }crun not installed"
  hn="$(ulimit -Hn)"
  if [ "$hn" != unlimited ] && [ "$hn" -lt 1048576 ]; then why_ulim="${why_ulim:+$why_ulim, }hard nofile limit $hn"; fi

  step "podman runtime = runc ($CONTAINERS_CONF)"
  if [ -n "$why_runc" ]; then
    r1="$(toml_set "$CONTAINERS_CONF" engine runtime '"runc"')"
    if [ "$r1" = changed ]; then PODMAN_CONF_CHANGED=1; ok "set, because: $why_runc"; else skipped "already set"; fi
  else
    skipped "not needed: systemd, cgroups v2 and crun present"
  fi
  step "podman default_ulimits"
  if [ -n "$why_ulim" ]; then
    r2="$(toml_set "$CONTAINERS_CONF" containers default_ulimits '["nofile=1024:1024","nproc=4096:4096"]')"
    if [ "$r2" = changed ]; then PODMAN_CONF_CHANGED=1; ok "set, because: $why_ulim"; else skipped "already set"; fi
  else
    skipped "not needed: systemd host with high hard limits"
  fi
}

# ---------------------------------------------------------------------------
fix_dev_kvm() {
  step "/dev/kvm access for libvirt-qemu"
  if [ ! -e /dev/kvm ]; then skipped "no /dev/kvm (guests will use QEMU emulation)"; return 0; fi
  if ! id libvirt-qemu >/dev/null 2>&1; then skipped "no libvirt-qemu user (QEMU runs as another user)"; return 0; fi
  local before
  before="$(stat -c '%a %U:%G' /dev/kvm 2>/dev/null || echo '?')"
  if runuser -u libvirt-qemu -- test -r /dev/kvm -a -w /dev/kvm 2>/dev/null; then
    skipped "already accessible ($before)"
  elif chmod 0666 /dev/kvm; then
    ok "chmod 666 /dev/kvm (was $before; a reboot resets it: re-run setup)"
  else
    soft_fail "chmod /dev/kvm"
  fi
}

# ---------------------------------------------------------------------------
wait_for() { # wait_for SECONDS CMD...: retry CMD every 0.5 s until it succeeds.
  local limit=$(( $1 * 2 )) i=0; shift
  until "$@" >/dev/null 2>&1; do
    i=$((i + 1)); [ "$i" -ge "$limit" ] && return 1
    sleep 0.5
  done
}

start_libvirt() {
  step "libvirt daemons"
  if "${VIRSH[@]}" version >/dev/null 2>&1; then skipped "libvirtd already answering"; return 0; fi
  local how="daemonized by hand (no systemd)"
  systemd_is_pid1 && how="systemctl"
  # The same script brings libvirtd back in the fault tests after they kill it.
  if "$HERE/daemons.sh" libvirt; then ok "$how"
  else failed "libvirt does not answer 'virsh -c qemu:///system version' after 30 s (logs: /var/log/libvirt/)"; exit 1; fi
}

podman_ping() { [ "$(curl -s --max-time 2 --unix-socket "$PODMAN_SOCK" http://d/_ping 2>/dev/null)" = OK ]; }

start_podman_api() {
  step "podman API socket $PODMAN_SOCK"
  local pidfile=/run/gureum/podman-service.pid pid
  if podman_ping; then
    if [ "$PODMAN_CONF_CHANGED" = 1 ]; then
      if systemd_is_pid1 && systemctl is-active --quiet podman.socket; then
        systemctl restart podman.socket podman.service >/dev/null 2>&1 || true
      elif [ -f "$pidfile" ] && pid="$(cat "$pidfile")" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = podman ]; then
        kill "$pid"; sleep 1
      else
        skipped "answering, but started outside setup: restart it to apply the new containers.conf"; return 0
      fi
    else
      skipped "already answering"; return 0
    fi
  fi
  if systemd_is_pid1; then
    systemctl enable --now podman.socket >/dev/null 2>&1 || true
  fi
  if ! podman_ping && ! systemd_is_pid1; then
    mkdir -p /run/podman /run/gureum
    setsid podman system service --time=0 "unix://$PODMAN_SOCK" >/var/log/gureum-podman.log 2>&1 </dev/null &
    echo $! >"$pidfile"
  fi
  if wait_for 20 podman_ping; then ok "$(systemd_is_pid1 && echo 'podman.socket' || echo "podman system service, log /var/log/gureum-podman.log")"
  else failed "podman API does not answer on $PODMAN_SOCK after 20 s (see /var/log/gureum-podman.log)"; exit 1; fi
}

# ---------------------------------------------------------------------------
warm_capabilities() {
  step "libvirt QEMU capability cache"
  local t0=$SECONDS
  if "${VIRSH[@]}" domcapabilities >/dev/null 2>/tmp/gureum-domcaps.err; then
    if [ $((SECONDS - t0)) -ge 3 ]; then ok "probed QEMU in $((SECONDS - t0)) s"; else skipped "already cached"; fi
  else
    soft_fail "virsh domcapabilities: $(head -n 2 /tmp/gureum-domcaps.err | tr '\n' ' ')"
  fi
}

NET="${GUREUM_LIBVIRT_NETWORK:-default}"
NET_XML="${GUREUM_LIBVIRT_NETWORK_XML:-/usr/share/libvirt/networks/default.xml}"
default_network() {
  step "libvirt network '$NET'"
  local done_=()
  if ! "${VIRSH[@]}" net-info "$NET" >/dev/null 2>&1; then
    local xml="$NET_XML"
    [ -f "$xml" ] || { soft_fail "network '$NET' missing and $xml not found"; return 0; }
    "${VIRSH[@]}" net-define "$xml" >/dev/null || { soft_fail "net-define $xml"; return 0; }
    done_+=(defined)
  fi
  # (no "virsh | grep -q" here: with pipefail, grep -q closing early fails the pipeline)
  local state
  state="$("${VIRSH[@]}" net-info "$NET" 2>/dev/null || true)"
  if ! grep -Eq '^Active:[[:space:]]+yes' <<<"$state"; then
    local err
    if err="$("${VIRSH[@]}" net-start "$NET" 2>&1)"; then done_+=(started)
    else soft_fail "net-start $NET: $(echo "$err" | head -n 2 | tr '\n' ' ')"; return 0; fi
  fi
  if ! grep -Eq '^Autostart:[[:space:]]+yes' <<<"$state"; then
    "${VIRSH[@]}" net-autostart "$NET" >/dev/null && done_+=(autostart)
  fi
  if [ ${#done_[@]} -eq 0 ]; then skipped "defined, active, autostart"; else ok "${done_[*]}"; fi
}

make_dirs() {
  step "directories under $GUREUM_LIB"
  local made=() d
  for d in "$GUREUM_LIB" "$IMAGES_DIR" "$GUREUM_LIB/pools" "$GUREUM_LIB/pools/default"; do
    if [ ! -d "$d" ]; then mkdir -p "$d"; made+=("$d"); fi
    chmod 0755 "$d"   # libvirt-qemu must traverse and read images and volumes
  done
  if [ ! -d "$GUREUM_LIB/data" ]; then mkdir -p "$GUREUM_LIB/data"; made+=("$GUREUM_LIB/data"); fi
  chmod 0700 "$GUREUM_LIB/data"  # console database: root only
  if [ ${#made[@]} -eq 0 ]; then skipped "present"; else ok "created ${made[*]}"; fi
}

# ---------------------------------------------------------------------------
# Domain type: kvm only if a guest really boots with it; otherwise qemu (TCG).
probe_kvm_boot() { # prints nothing; returns 0 if the tiny guest printed its marker under kvm
  local dir="$GUREUM_LIB/probe" name="gureum-kvm-probe-$$" log xml
  mkdir -p "$dir"; chmod 0755 "$dir"
  log="$dir/kvm-probe-serial.log"; xml="$dir/kvm-probe.xml"
  rm -f "$log"
  cat >"$xml" <<EOF
<domain type='kvm'>
  <name>$name</name>
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
    <kernel>$IMAGES_DIR/tiny-linux/vmlinuz</kernel>
    <initrd>$IMAGES_DIR/tiny-linux/initrd.img</initrd>
    <cmdline>console=ttyS0 panic=-1 quiet gureum.hostname=kvm-probe</cmdline>
  </os>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>destroy</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <serial type='file'><source path='$log'/><target port='0'/></serial>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
  "${VIRSH[@]}" create "$xml" >/dev/null 2>"$dir/kvm-probe.err" || return 2
  local rc=1
  wait_for "$PROBE_TIMEOUT" grep -q 'GUREUM-GUEST-READY hostname=kvm-probe' "$log" && rc=0
  "${VIRSH[@]}" destroy "$name" >/dev/null 2>&1 || true
  return $rc
}

decide_domain_type() {
  step "domain type (kvm or qemu)"
  local probe_key qemu_ver cur_key cur_type type reason
  qemu_ver="$(qemu-system-x86_64 --version 2>/dev/null | sed -n 1p | sed 's/.*version \([^ ]*\).*/\1/')"
  probe_key="kernel $(uname -r), qemu ${qemu_ver:-?}, /dev/kvm $([ -e /dev/kvm ] && echo present || echo absent)"
  cur_type="$(prop_get "$GUREUM_PROPERTIES" gureum.host.domain-type)"
  cur_key="$(prop_get "$GUREUM_PROPERTIES" gureum.host.domain-type-probed-for)"
  if [ "$RECHECK" = 0 ] && [ -n "$cur_type" ] && [ "$cur_key" = "$probe_key" ]; then
    skipped "$cur_type, decided before for $probe_key (--recheck to redo)"
    return 0
  fi
  if [ ! -e /dev/kvm ]; then
    type=qemu; reason="no /dev/kvm: hardware virtualization not available to this host"
  elif ! runuser -u libvirt-qemu -- test -r /dev/kvm -a -w /dev/kvm 2>/dev/null && id libvirt-qemu >/dev/null 2>&1; then
    type=qemu; reason="/dev/kvm not accessible to libvirt-qemu"
  elif ! grep -q "<domain>kvm</domain>" <<<"$("${VIRSH[@]}" domcapabilities --virttype kvm 2>/dev/null || true)"; then
    type=qemu; reason="libvirt domcapabilities does not offer kvm"
  else
    if [ ! -f "$IMAGES_DIR/tiny-linux/vmlinuz" ] || [ ! -f "$IMAGES_DIR/tiny-linux/initrd.img" ]; then
      echo "building the tiny guest for the probe"
      "$HERE/build-test-images.sh" --guest-only | sed 's/^/    /'
      step "domain type (kvm or qemu)"
    fi
    local t0=$SECONDS rc=0
    probe_kvm_boot || rc=$?
    if [ "$rc" = 0 ]; then
      type=kvm; reason="a KVM guest booted to userspace in $((SECONDS - t0)) s"
    elif [ "$rc" = 2 ]; then
      type=qemu; reason="starting a KVM guest failed: $(head -n 1 "$GUREUM_LIB/probe/kvm-probe.err" | tr -d '\n')"
    else
      type=qemu; reason="a KVM guest did not reach userspace within ${PROBE_TIMEOUT} s (nested KVM hang?); using QEMU emulation (TCG)"
    fi
  fi
  mkdir -p "$GUREUM_ETC_DIR"
  [ -f "$GUREUM_PROPERTIES" ] || printf '# Gureum host settings, read by the console (spring.config.import). setup.sh keeps other keys.\n' >"$GUREUM_PROPERTIES"
  prop_set "$GUREUM_PROPERTIES" gureum.host.domain-type "$type"
  prop_set "$GUREUM_PROPERTIES" gureum.host.domain-type-reason "$reason"
  prop_set "$GUREUM_PROPERTIES" gureum.host.domain-type-probed-for "$probe_key"
  ok "$type: $reason"
}

# ---------------------------------------------------------------------------
info "setting up this host for Gureum ($( [ "$FOR_TESTS" = 1 ] && echo 'with test tools' || echo 'runtime'))"
check_os
install_packages
setup_java
fix_containers_conf
fix_dev_kvm
make_dirs
start_libvirt
start_podman_api
warm_capabilities
default_network
decide_domain_type
if [ "$FOR_TESTS" = 1 ]; then
  # Its own script, like daemons.sh: it prints its own steps and a test can call it again.
  "$HERE/postgres.sh" test-db || FAILURES=$((FAILURES + 1))
  # A second libvirt host reached over qemu+ssh on loopback, for the remote-host tests.
  "$HERE/second-host.sh" start || FAILURES=$((FAILURES + 1))
fi
if [ "$FAILURES" -gt 0 ]; then
  info "setup finished with $FAILURES failed step(s) in $((SECONDS - T_START)) s: see messages above"
  exit 1
fi
info "host ready in $((SECONDS - T_START)) s: domain type $(prop_get "$GUREUM_PROPERTIES" gureum.host.domain-type), JDK $(head -n 1 "$GUREUM_JAVA_HOME_FILE"), settings in $GUREUM_PROPERTIES"
