#!/usr/bin/env bash
# Makes a second, independent libvirt host on this machine for the tests, idempotently, and prints how to reach it.
#
# Usage: src/host/second-host.sh [start|stop|uri|regenerate-host-key]
#   start                (default) make and start it; a second run only checks (about a second)
#   stop                 stop its sshd, libvirtd and virtlogd and leave its mount namespace
#   uri                  print the qemu+ssh:// URI a test uses to reach it (with the setup's key)
#   regenerate-host-key  give its sshd a new host key (tests: a changed host key must be refused)
#
# The second host is its own libvirtd (with its own virtlogd) in its own mount namespace, over bind mounts of
# /etc/libvirt, /var/lib/libvirt, /var/cache/libvirt, /var/log/libvirt, /var/lib/gureum/pools, /root and a
# fresh tmpfs on /run/libvirt: its own configuration, host UUID, state, sockets and storage. It is reached only
# through an sshd inside the same namespace, bound to 127.0.0.1:$GUREUM_HOST2_SSH_PORT (default 10022) and
# accepting keys only, so 'qemu+ssh://root@127.0.0.1:10022/system' reaches the second daemon, never the first.
# Everything lives under $GUREUM_HOST2_DIR (default /var/lib/gureum/host2). Needs root.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"
need_root "$@"

H2="${GUREUM_HOST2_DIR:-/var/lib/gureum/host2}"
PORT="${GUREUM_HOST2_SSH_PORT:-10022}"
SSH_DIR="$H2/ssh"
HOLDER_PID_FILE="$H2/namespace.pid"
CLIENT_KEY="$SSH_DIR/test_client_ed25519"
HOLDER_NAME=gureum-host2-namespace

uri() { printf 'qemu+ssh://root@127.0.0.1:%s/system?keyfile=%s&no_verify=1&no_tty=1\n' "$PORT" "$CLIENT_KEY"; }

holder_pid() { # prints the pid of the process that keeps the namespace alive, if it runs
  local pid
  [ -f "$HOLDER_PID_FILE" ] || return 1
  pid="$(cat "$HOLDER_PID_FILE")"
  local cmdline
  [ -n "$pid" ] && cmdline="$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")" || return 1
  [[ "$cmdline" == *"$HOLDER_NAME"* ]] || return 1
  echo "$pid"
}
in_ns() { nsenter -t "$NS_PID" -m -- "$@"; }
second_answers() { in_ns virsh -q -c qemu:///system version >/dev/null 2>&1; }
ssh_answers() {
  ssh -i "$CLIENT_KEY" -p "$PORT" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
      -o LogLevel=ERROR -o ConnectTimeout=3 root@127.0.0.1 true >/dev/null 2>&1
}
wait_until() { # wait_until SECONDS CMD...: retry CMD every 0.2 s until it succeeds
  local limit=$(( $1 * 5 )) i=0; shift
  until "$@"; do
    i=$((i + 1)); [ "$i" -ge "$limit" ] && return 1
    sleep 0.2
  done
}

make_files() {
  step "second host: files under $H2"
  local did=()
  mkdir -p "$H2"/{etc-libvirt,lib-libvirt,cache-libvirt,log-libvirt,pools,root-home} "$SSH_DIR"
  chmod 0700 "$H2/root-home"
  chmod 0700 "$SSH_DIR"
  if [ ! -f "$H2/etc-libvirt/libvirtd.conf" ]; then
    # Only the daemons' configuration files: no networks, pools or domains of the first host.
    cp -p /etc/libvirt/*.conf "$H2/etc-libvirt/"
    mkdir -p "$H2/etc-libvirt/qemu" "$H2/etc-libvirt/storage" "$H2/etc-libvirt/nwfilter"
    cat >>"$H2/etc-libvirt/libvirtd.conf" <<EOF

# Gureum's second test host: its own identity, so that the console and libvirt see two hosts.
host_uuid = "$(cat /proc/sys/kernel/random/uuid)"
EOF
    cat >>"$H2/etc-libvirt/qemu.conf" <<'EOF'

# Gureum's second test host shares the machine with the first: other display and migration port ranges,
# and no cgroups (both daemons would name their guests' cgroups alike).
remote_display_port_min = 5960
remote_display_port_max = 5999
websocket_port_min = 5760
websocket_port_max = 5799
migration_port_min = 49300
migration_port_max = 49399
cgroup_controllers = [ ]
EOF
    did+=("libvirt configuration with host_uuid")
  fi
  mkdir -p "$H2/lib-libvirt"/{qemu,images,dnsmasq,boot} "$H2/log-libvirt/qemu"
  if [ -z "$(ls -A "$H2/cache-libvirt" 2>/dev/null)" ] && [ -d /var/cache/libvirt ]; then
    # The first daemon's QEMU capability cache is valid for the same binaries: saves the ~45 s probe.
    cp -a /var/cache/libvirt/. "$H2/cache-libvirt/" 2>/dev/null || true
    did+=("capability cache copied")
  fi
  if [ ! -f "$SSH_DIR/ssh_host_ed25519_key" ]; then
    ssh-keygen -q -t ed25519 -N '' -C gureum-host2 -f "$SSH_DIR/ssh_host_ed25519_key"
    did+=("sshd host key")
  fi
  if [ ! -f "$CLIENT_KEY" ]; then
    ssh-keygen -q -t ed25519 -N '' -C gureum-test-client -f "$CLIENT_KEY"
    did+=("test client key")
  fi
  cp "$CLIENT_KEY.pub" "$SSH_DIR/authorized_keys"
  # The console's own public key goes here (the tests install it, as an admin would on a real host).
  [ -f "$SSH_DIR/authorized_keys_console" ] || : >"$SSH_DIR/authorized_keys_console"
  chmod 0600 "$SSH_DIR/authorized_keys" "$SSH_DIR/authorized_keys_console"
  cat >"$SSH_DIR/sshd_config.new" <<EOF
# Gureum's second test host: keys only, loopback only, root only (libvirt's qemu:///system).
Port $PORT
ListenAddress 127.0.0.1
HostKey $SSH_DIR/ssh_host_ed25519_key
PidFile $SSH_DIR/sshd.pid
AuthorizedKeysFile $SSH_DIR/authorized_keys $SSH_DIR/authorized_keys_console
PermitRootLogin prohibit-password
AllowUsers root
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
X11Forwarding no
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp internal-sftp
EOF
  if cmp -s "$SSH_DIR/sshd_config.new" "$SSH_DIR/sshd_config"; then rm -f "$SSH_DIR/sshd_config.new"
  else mv -f "$SSH_DIR/sshd_config.new" "$SSH_DIR/sshd_config"; did+=("sshd_config"); fi
  if [ ${#did[@]} -eq 0 ]; then skipped "present"; else ok "$(IFS=,; echo "${did[*]}")"; fi
}

start_namespace() {
  step "second host: mount namespace"
  if NS_PID="$(holder_pid)"; then skipped "kept by pid $NS_PID"; return 0; fi
  # bash's exec -a names the holder, so that holder_pid recognises it and nothing else.
  nohup unshare --mount --propagation private -- bash -c "exec -a $HOLDER_NAME sleep infinity" \
    </dev/null >/dev/null 2>&1 &
  NS_PID=$!
  echo "$NS_PID" >"$HOLDER_PID_FILE"
  wait_until 5 holder_pid >/dev/null || { failed "the namespace holder did not start"; return 1; }
  [ "$(readlink "/proc/$NS_PID/ns/mnt")" != "$(readlink /proc/self/ns/mnt)" ] || { failed "unshare made no new mount namespace"; return 1; }
  in_ns mount --bind "$H2/etc-libvirt" /etc/libvirt
  in_ns mount --bind "$H2/lib-libvirt" /var/lib/libvirt
  in_ns mount --bind "$H2/cache-libvirt" /var/cache/libvirt
  in_ns mount --bind "$H2/log-libvirt" /var/log/libvirt
  mkdir -p /var/lib/gureum/pools
  in_ns mount --bind "$H2/pools" /var/lib/gureum/pools
  in_ns mount -t tmpfs -o mode=0755 gureum-host2-run /run/libvirt
  # Its own root home: a login over ssh must not run this machine's ~/.bashrc (seconds per libvirt connection).
  in_ns mount --bind "$H2/root-home" /root
  ok "pid $NS_PID"
}

start_daemons() {
  step "second host: virtlogd + libvirtd"
  if second_answers; then skipped "answering"; return 0; fi
  # Pid files inside the namespace's own /run/libvirt: the first daemons own /run/libvirtd.pid and /run/virtlogd.pid.
  in_ns bash -c 'pgrep --ns $$ --nslist mnt -x virtlogd >/dev/null || virtlogd -d -p /run/libvirt/virtlogd.pid'
  in_ns bash -c 'pgrep --ns $$ --nslist mnt -x libvirtd >/dev/null || libvirtd -d -p /run/libvirt/libvirtd.pid'
  if wait_until 60 second_answers; then ok; else failed "the second libvirtd does not answer (logs: $H2/log-libvirt)"; return 1; fi
}

start_sshd() {
  step "second host: sshd on 127.0.0.1:$PORT"
  local pid=""
  [ -f "$SSH_DIR/sshd.pid" ] && pid="$(cat "$SSH_DIR/sshd.pid")"
  if [ -n "$pid" ] && [ -d "/proc/$pid" ] && [ "$(readlink "/proc/$pid/ns/mnt")" = "$(readlink "/proc/$NS_PID/ns/mnt")" ]; then
    kill -HUP "$pid" # re-reads its configuration and host key
    wait_until 10 ssh_answers && { skipped "running as pid $pid"; return 0; }
  fi
  mkdir -p /run/sshd; chmod 0755 /run/sshd
  in_ns /usr/sbin/sshd -f "$SSH_DIR/sshd_config"
  if wait_until 10 ssh_answers; then ok; else failed "sshd does not accept the test key (try: /usr/sbin/sshd -d -f $SSH_DIR/sshd_config)"; return 1; fi
}

# The bridge and its dnsmasq outlive a namespace whose daemon is gone (they live in the shared network namespace):
# a new daemon cannot start its network while they are there. Removes them; false when there was nothing to remove.
remove_stale_bridge() {
  ip link show virbr-gureum2 >/dev/null 2>&1 || return 1
  local here ours pid ns
  here="$(readlink /proc/self/ns/mnt)"; ours="$(readlink "/proc/$NS_PID/ns/mnt")"
  for pid in $(pgrep -x dnsmasq || true); do
    ns="$(readlink "/proc/$pid/ns/mnt" 2>/dev/null)" || continue
    # dnsmasq of neither the first host nor the current second host: the gone namespace's
    if [ "$ns" != "$here" ] && [ "$ns" != "$ours" ]; then kill "$pid" 2>/dev/null || true; fi
  done
  ip link delete virbr-gureum2
}

default_network() {
  step "second host: network 'default' (virbr-gureum2)"
  local virsh=(virsh -q -c qemu:///system) did=()
  if ! in_ns "${virsh[@]}" net-info default >/dev/null 2>&1; then
    # Its own bridge and subnet: the first host's 'default' is virbr0 on 192.168.122.0/24.
    cat >"$H2/network-default.xml" <<'EOF'
<network>
  <name>default</name>
  <forward mode='nat'/>
  <bridge name='virbr-gureum2' stp='on' delay='0'/>
  <ip address='192.168.124.1' netmask='255.255.255.0'>
    <dhcp><range start='192.168.124.2' end='192.168.124.254'/></dhcp>
  </ip>
</network>
EOF
    in_ns "${virsh[@]}" net-define "$H2/network-default.xml" >/dev/null && did+=(defined)
    in_ns "${virsh[@]}" net-autostart default >/dev/null || true
  fi
  local info
  # into a variable first: with pipefail, 'virsh | grep -q' fails when grep exits before virsh has written all
  info="$(in_ns "${virsh[@]}" net-info default 2>/dev/null || true)"
  if ! grep -q '^Active:.*yes' <<<"$info"; then
    remove_stale_bridge && did+=("stale bridge of an earlier namespace removed")
    if in_ns "${virsh[@]}" net-start default >/dev/null; then did+=(started)
    else failed "virsh net-start default on the second host"; return 1; fi
  fi
  if [ ${#did[@]} -eq 0 ]; then skipped "active"; else ok "$(IFS=,; echo "${did[*]}")"; fi
}

check_distinct() {
  step "second host: distinct from the first"
  local first second
  first="$(virsh -q -c qemu:///system capabilities | sed -n 's:.*<uuid>\(.*\)</uuid>.*:\1:p' | head -n 1)"
  second="$(virsh -q -c "$(uri)" capabilities | sed -n 's:.*<uuid>\(.*\)</uuid>.*:\1:p' | head -n 1)"
  if [ -z "$second" ]; then failed "virsh over qemu+ssh got no answer"; return 1; fi
  if [ "$first" = "$second" ]; then failed "both daemons say host uuid $first"; return 1; fi
  ok "host uuid $second over ssh (first: $first)"
}

stop_all() {
  NS_PID="$(holder_pid)" || { info "second host is not running"; return 0; }
  local f pid
  for f in "$SSH_DIR/sshd.pid"; do [ -f "$f" ] && pid="$(cat "$f")" && kill "$pid" 2>/dev/null || true; done
  for f in libvirtd virtlogd; do
    pid="$(in_ns cat "/run/libvirt/$f.pid" 2>/dev/null || true)"
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  kill "$NS_PID" 2>/dev/null || true
  rm -f "$HOLDER_PID_FILE"
  info "second host stopped"
}

case "${1:-start}" in
  start)
    make_files
    start_namespace
    start_daemons
    start_sshd
    default_network
    check_distinct
    info "second host: $(uri)" ;;
  stop) stop_all ;;
  uri) uri ;;
  regenerate-host-key)
    rm -f "$SSH_DIR/ssh_host_ed25519_key" "$SSH_DIR/ssh_host_ed25519_key.pub"
    make_files >/dev/null
    NS_PID="$(holder_pid)" || die "second host is not running: run $0 start"
    start_sshd ;;
  *) sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
