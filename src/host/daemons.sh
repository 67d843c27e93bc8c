#!/usr/bin/env bash
# Starts a host daemon Gureum needs, if it is not running, and waits until it answers.
# setup.sh uses it on first set-up; the fault tests use it to bring a daemon back after killing it.
#
# Usage: src/host/daemons.sh libvirt   virtlogd + libvirtd (or the modular daemons); waits for
#                                      'virsh -c qemu:///system version' to answer (30 s at most)
# Exit code 0 when the daemon answers, 1 otherwise. Needs root.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"
need_root "$@"

systemd_is_pid1() { [ -d /run/systemd/system ] && [ "$(cat /proc/1/comm 2>/dev/null)" = "systemd" ]; }
libvirt_answers() { virsh -q -c qemu:///system version >/dev/null 2>&1; }

wait_until() { # wait_until SECONDS CMD...: retry CMD every 0.2 s until it succeeds
  local limit=$(( $1 * 5 )) i=0; shift
  until "$@"; do
    i=$((i + 1)); [ "$i" -ge "$limit" ] && return 1
    sleep 0.2
  done
}

start_libvirt() {
  libvirt_answers && return 0
  if systemd_is_pid1; then
    systemctl enable --now virtlogd.socket >/dev/null 2>&1 || true
    if systemctl list-unit-files libvirtd.service >/dev/null 2>&1; then
      systemctl enable --now libvirtd.service >/dev/null 2>&1 || true
    fi
    systemctl start virtqemud.socket virtnetworkd.socket virtstoraged.socket >/dev/null 2>&1 || true
  else
    # No systemd (containers, CI): daemonize them by hand.
    mkdir -p /var/log/libvirt
    # Only daemons in this mount namespace count: second-host.sh runs another pair in its own.
    pgrep --ns $$ --nslist mnt -x virtlogd >/dev/null || virtlogd -d
    if have libvirtd; then
      pgrep --ns $$ --nslist mnt -x libvirtd >/dev/null || libvirtd -d
    else
      local d
      for d in virtqemud virtnetworkd virtstoraged virtnodedevd virtsecretd; do
        have "$d" && { pgrep --ns $$ --nslist mnt -x "$d" >/dev/null || "$d" -d; }
      done
    fi
  fi
  wait_until 30 libvirt_answers
}

case "${1:-}" in
  libvirt) start_libvirt || { echo "[gureum] libvirt does not answer 'virsh -c qemu:///system version' after 30 s (logs: /var/log/libvirt/)" >&2; exit 1; } ;;
  *) sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
