#!/usr/bin/env bash
# Builds the test images Gureum's tests and demo use. Nothing here is committed:
# everything is made from distribution packages on this host, offline from the mirror.
#
#   (a) tiny bootable guest   $GUREUM_IMAGES_DIR/tiny-linux/{vmlinuz,initrd.img,base.qcow2,manifest.properties}
#       Debian's cloud kernel + a busybox-static initramfs whose /init prints
#       "GUREUM-GUEST-READY hostname=<h>" on ttyS0 (h from kernel arg gureum.hostname=<h>).
#   (b) container image       localhost/gureum/busybox:latest (podman import of a busybox rootfs)
#   (c) Debian 12 cloud image $GUREUM_IMAGES_DIR/debian-12-cloud/ by build-cloud-image.sh (cached; the
#       first build takes 10-15 min), the console's built-in cloud-init image
#
# Usage: build-test-images.sh [--force] [--guest-only|--container-only|--cloud-only]
# Idempotent: skips what is present and up to date (second run takes a second or two).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FORCE=0; DO_GUEST=1; DO_CONTAINER=1; DO_CLOUD=1
for a in "$@"; do
  case "$a" in
    --force) FORCE=1 ;;
    --guest-only) DO_CONTAINER=0; DO_CLOUD=0 ;;
    --container-only) DO_GUEST=0; DO_CLOUD=0 ;;
    --cloud-only) DO_GUEST=0; DO_CONTAINER=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "unknown argument: $a (see --help)" ;;
  esac
done
need_root "$@"

IMAGES_DIR="${GUREUM_IMAGES_DIR:-/var/lib/gureum/images}"
GUEST_DIR="$IMAGES_DIR/tiny-linux"
CONTAINER_IMAGE="localhost/gureum/busybox:latest"
# Bump when a recipe below changes, so existing hosts rebuild.
RECIPE_VERSION=5            # tiny guest
CONTAINER_RECIPE_VERSION=4  # container image
BUSYBOX="$(command -v busybox || true)"
[ -n "$BUSYBOX" ] && [ -x /bin/busybox ] && BUSYBOX=/bin/busybox

umask 022
mkdir -p "$GUEST_DIR"
chmod 0755 "$IMAGES_DIR" "$GUEST_DIR"
# Parallel runs (two test suites starting at once) must not interleave.
exec 9>"$IMAGES_DIR/.build.lock"
flock -w 600 9 || die "another build-test-images.sh holds $IMAGES_DIR/.build.lock"

WORK="$(mktemp -d /tmp/gureum-images.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

sha256() { sha256sum "$1" | cut -d' ' -f1; }

require_busybox() {
  if [ -z "$BUSYBOX" ] || ! "$BUSYBOX" --list >/dev/null 2>&1; then
    failed "busybox (static) not found: run src/host/setup.sh first (package busybox-static)"
    exit 1
  fi
  if file_is_dynamic "$BUSYBOX"; then
    failed "$BUSYBOX is dynamically linked: install busybox-static (setup.sh does)"
    exit 1
  fi
}
file_is_dynamic() {
  # ldd says "not a dynamic executable" (exit 1) for a static binary.
  LC_ALL=C ldd "$1" >/dev/null 2>&1
}

# populate_busybox DIR: /bin/busybox plus a symlink per applet at its usual path.
populate_busybox() {
  local root="$1" p rel
  mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin"
  cp "$BUSYBOX" "$root/bin/busybox"
  chmod 0755 "$root/bin/busybox"
  while IFS= read -r p; do
    [ -n "$p" ] || continue
    [ "$p" = "bin/busybox" ] && continue
    [ -e "$root/$p" ] || [ -L "$root/$p" ] && continue
    mkdir -p "$root/$(dirname "$p")"
    case "$p" in
      */*/*) rel="../../bin/busybox" ;;
      */*) rel="../bin/busybox" ;;
      *) rel="bin/busybox" ;;
    esac
    [ "$(dirname "$p")" = "bin" ] && rel="busybox"
    ln -s "$rel" "$root/$p"
  done < <("$BUSYBOX" --list-full)
}

# ---------------------------------------------------------------------------
# (a) tiny bootable guest
# ---------------------------------------------------------------------------
# shellcheck disable=SC2016 # expanded by the guest's shell, not here
GUEST_INIT='#!/bin/sh
# Gureum tiny test guest. Prints one marker line on the serial console, then runs a
# shell on it until destroyed. Kernel arguments understood:
#   gureum.hostname=<h>      hostname to set and report (default: gureum-guest)
#   gureum.poweroff=<secs>   power off by itself after <secs> seconds (tests of "guest stopped")
#   gureum.acpi=ignore       ignore the ACPI power button (tests of shutdown timeout + force-off)
#   gureum.debug=1           print loaded modules, input devices and processes
# With <features><acpi/></features> in the domain, an ACPI shutdown powers it off.
# With a virtio NIC it asks DHCP for an address (visible in libvirt leases) and prints
# "GUREUM-GUEST-NET hostname=<h> ip=<a>".
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null || mdev -s
mkdir -p /dev/pts /tmp /run && mount -t devpts devpts /dev/pts 2>/dev/null
for m in $(cat /etc/modules.order); do insmod "/lib/modules/$m.ko" 2>/dev/null; done
h=gureum-guest
off=""
acpi=on
debug=""
for arg in $(cat /proc/cmdline); do
  case "$arg" in
    gureum.hostname=*) h="${arg#gureum.hostname=}" ;;
    gureum.poweroff=*) off="${arg#gureum.poweroff=}" ;;
    gureum.acpi=ignore) acpi=ignore ;;
    gureum.debug=1) debug=1 ;;
  esac
done
hostname "$h"
echo "$h" > /etc/hostname
ip link set lo up 2>/dev/null
mkdir -p /var/log /var/run
[ "$acpi" = on ] && acpid -c /etc/acpi -l /var/log/acpid.log -p /var/run/acpid.pid 2>/dev/null
echo "GUREUM-GUEST-READY hostname=$h" > /dev/ttyS0
[ -n "$debug" ] && { cat /proc/modules; ls -l /dev/input; cat /proc/bus/input/devices; ps; } > /dev/ttyS0 2>&1
if ip link show eth0 >/dev/null 2>&1; then
  ip link set eth0 up
  udhcpc -i eth0 -b -q -t 10 -T 2 -x "hostname:$h" -s /etc/udhcpc.script >/dev/null 2>&1 &
fi
if [ -n "$off" ]; then
  sleep "$off"
  echo "GUREUM-GUEST-POWEROFF hostname=$h" > /dev/ttyS0
  poweroff -f
fi
# A shell on the VGA console too, so that the VM screen (VNC) answers key presses.
( while true; do sh </dev/tty1 >/dev/tty1 2>&1; sleep 1; done ) &
# A shell on the serial port for the VM serial terminal of the console (restarted when it exits).
while true; do sh </dev/ttyS0 >/dev/ttyS0 2>&1; sleep 1; done
'
# shellcheck disable=SC2016
UDHCPC_SCRIPT='#!/bin/sh
case "$1" in
  bound|renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
    echo "GUREUM-GUEST-NET hostname=$(hostname) ip=$ip" > /dev/ttyS0 ;;
esac
'
# shellcheck disable=SC2016
POWER_BUTTON='#!/bin/sh
echo "GUREUM-GUEST-ACPI-POWEROFF hostname=$(hostname)" > /dev/ttyS0
poweroff -f
'
# Kernel modules for the guest, in load order (dependencies first): virtio NIC, ACPI button.
GUEST_MODULES="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci failover net_failover virtio_net evdev button"

# The distribution's small VM kernel: Debian's cloud flavour; Ubuntu's kvm or virtual one.
KERNEL_METAS="${GUREUM_KERNEL_METAS:-linux-image-cloud-amd64 linux-image-kvm linux-image-virtual}"
_resolve_kernel() {
  local meta pkg
  for meta in $KERNEL_METAS; do
    pkg="$(apt-cache depends "$meta" 2>/dev/null | awk '/Depends: linux-image-[0-9]/ && !f { print $2; f = 1 }')"
    if [ -n "$pkg" ]; then printf '%s\n' "$pkg"; return 0; fi
  done
}
resolve_kernel_package() {
  local pkg
  pkg="$(_resolve_kernel)"
  if [ -z "$pkg" ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    pkg="$(_resolve_kernel)"
  fi
  printf '%s\n' "$pkg"
}

build_guest() {
  local pkg ver recipe manifest="$GUEST_DIR/manifest.properties" t0
  t0=$SECONDS
  step "tiny guest: resolve cloud kernel package"
  pkg="$(resolve_kernel_package)"
  if [ -z "$pkg" ]; then
    if [ -f "$GUEST_DIR/vmlinuz" ] && [ -f "$GUEST_DIR/initrd.img" ]; then
      skipped "apt-cache cannot resolve a kernel from $KERNEL_METAS; keeping existing kernel"
      pkg="$(prop_get "$manifest" kernel.package)"
    else
      failed "apt-cache cannot resolve a kernel from $KERNEL_METAS (apt sources? run apt-get update)"
      exit 1
    fi
  fi
  ver="$(apt-cache policy "$pkg" 2>/dev/null | awk '/Candidate:/ && !f { print $2; f = 1 }')"
  ok "$pkg $ver"

  require_busybox
  recipe="$( { printf '%s\n' "$RECIPE_VERSION" "$GUEST_INIT" "$UDHCPC_SCRIPT" "$POWER_BUTTON" "$GUEST_MODULES"; sha256 "$BUSYBOX"; } | sha256sum | cut -d' ' -f1)"

  step "tiny guest: kernel + initramfs"
  if [ "$FORCE" = 0 ] && [ -f "$manifest" ] && [ -f "$GUEST_DIR/vmlinuz" ] && [ -f "$GUEST_DIR/initrd.img" ] \
     && [ "$(prop_get "$manifest" kernel.package)" = "$pkg" ] \
     && { [ -z "$ver" ] || [ "$(prop_get "$manifest" kernel.version)" = "$ver" ]; } \
     && [ "$(prop_get "$manifest" initrd.recipe)" = "$recipe" ] \
     && [ "$(prop_get "$manifest" kernel.sha256)" = "$(sha256 "$GUEST_DIR/vmlinuz")" ] \
     && [ "$(prop_get "$manifest" initrd.sha256)" = "$(sha256 "$GUEST_DIR/initrd.img")" ]; then
    skipped "up to date: $pkg $ver"
  else
    # Kernel from the distribution package, unpacked (not installed).
    ( cd "$WORK" && apt-get download -q "$pkg" >"$WORK/download.log" 2>&1 ) || {
      failed "apt-get download $pkg: $(tail -n 3 "$WORK/download.log" | tr '\n' ' ')"; exit 1; }
    mkdir -p "$WORK/kernel"
    dpkg-deb -x "$WORK"/"$pkg"_*.deb "$WORK/kernel"
    local vmlinuz
    vmlinuz="$(find "$WORK/kernel/boot" -maxdepth 1 -name 'vmlinuz-*' | sed -n 1p)"
    [ -n "$vmlinuz" ] || { failed "no boot/vmlinuz-* in $pkg"; exit 1; }
    [ -n "$ver" ] || ver="$(dpkg-deb -f "$WORK"/"$pkg"_*.deb Version)"

    # Initramfs: busybox-static + /init.
    local root="$WORK/initramfs"
    mkdir -p "$root"/{proc,sys,dev,tmp,run,etc,root}
    populate_busybox "$root"
    printf '%s' "$GUEST_INIT" >"$root/init"
    chmod 0755 "$root/init"
    mkdir -p "$root/lib/modules" "$root/etc/acpi/PWRF"
    local m ko loaded=""
    for m in $GUEST_MODULES; do
      ko="$(find "$WORK/kernel/lib/modules" -name "$m.ko" -o -name "$m.ko.xz" -o -name "$m.ko.zst" | sed -n 1p)"
      case "$ko" in
        *.ko) cp "$ko" "$root/lib/modules/$m.ko"; loaded="$loaded $m" ;;
        *.xz) xz -dc "$ko" >"$root/lib/modules/$m.ko" && loaded="$loaded $m" ;;
        *.zst) zstd -qdc "$ko" >"$root/lib/modules/$m.ko" 2>/dev/null && loaded="$loaded $m" ;;
        *) ;;  # built into this kernel, or absent: nothing to load
      esac
    done
    # shellcheck disable=SC2086 # one module per line
    printf '%s\n' $loaded >"$root/etc/modules.order"
    printf '%s' "$UDHCPC_SCRIPT" >"$root/etc/udhcpc.script"
    printf '%s' "$POWER_BUTTON" >"$root/etc/acpi/PWRF/00000080"
    chmod 0755 "$root/etc/udhcpc.script" "$root/etc/acpi/PWRF/00000080"
    echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
    echo 'root:x:0:' >"$root/etc/group"
    ( cd "$root" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --owner=0:0 --quiet | gzip -9 -n ) >"$WORK/initrd.img"

    install -m 0644 "$vmlinuz" "$GUEST_DIR/vmlinuz.new"
    install -m 0644 "$WORK/initrd.img" "$GUEST_DIR/initrd.img.new"
    mv -f "$GUEST_DIR/vmlinuz.new" "$GUEST_DIR/vmlinuz"
    mv -f "$GUEST_DIR/initrd.img.new" "$GUEST_DIR/initrd.img"
    cat >"$manifest.new" <<EOF
# Gureum tiny test guest, built by src/host/build-test-images.sh. Do not edit.
kernel.package=$pkg
kernel.version=$ver
kernel.file=$(basename "$vmlinuz")
kernel.sha256=$(sha256 "$GUEST_DIR/vmlinuz")
initrd.sha256=$(sha256 "$GUEST_DIR/initrd.img")
initrd.recipe=$recipe
busybox.version=$(dpkg-query -W -f='${Version}' busybox-static 2>/dev/null || echo unknown)
cmdline=console=ttyS0 panic=-1 quiet gureum.hostname=<hostname>
marker=GUREUM-GUEST-READY hostname=<hostname>
cmdline.options=gureum.hostname=<h> gureum.poweroff=<secs> gureum.acpi=ignore gureum.debug=1
acpi-shutdown=works when the domain has <features><acpi/></features> (unless gureum.acpi=ignore)
network=virtio NIC: DHCP, then serial line GUREUM-GUEST-NET hostname=<h> ip=<a>
base.file=base.qcow2
base.format=qcow2
built-at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
EOF
    chmod 0644 "$manifest.new"
    mv -f "$manifest.new" "$manifest"
    ok "$(du -k "$GUEST_DIR/vmlinuz" | cut -f1) KiB kernel, $(du -k "$GUEST_DIR/initrd.img" | cut -f1) KiB initrd, $((SECONDS - t0)) s"
  fi

  step "tiny guest: blank qcow2 base disk"
  # Never replaced while valid (even with --force): overlays may point at it.
  if [ -f "$GUEST_DIR/base.qcow2" ] \
     && qemu-img info -f qcow2 "$GUEST_DIR/base.qcow2" >/dev/null 2>&1; then
    skipped "present"
  else
    have qemu-img || { failed "qemu-img missing: run src/host/setup.sh first (package qemu-utils)"; exit 1; }
    rm -f "$GUEST_DIR/base.qcow2.new"
    qemu-img create -q -f qcow2 "$GUEST_DIR/base.qcow2.new" 64M
    chmod 0644 "$GUEST_DIR/base.qcow2.new"
    mv -f "$GUEST_DIR/base.qcow2.new" "$GUEST_DIR/base.qcow2"
    ok "64 MiB virtual"
  fi
}

# ---------------------------------------------------------------------------
# (b) container image
# ---------------------------------------------------------------------------
build_container() {
  local recipe current root t0
  t0=$SECONDS
  step "container image $CONTAINER_IMAGE"
  have podman || { failed "podman missing: run src/host/setup.sh first"; exit 1; }
  require_busybox
  recipe="$( { printf 'container-%s\n' "$CONTAINER_RECIPE_VERSION"; sha256 "$BUSYBOX"; } | sha256sum | cut -d' ' -f1)"
  current="$(podman image inspect --format '{{ index .Labels "io.gureum.recipe" }}' "$CONTAINER_IMAGE" 2>/dev/null || true)"
  if [ "$FORCE" = 0 ] && [ "$current" = "$recipe" ]; then
    skipped "up to date"
    return 0
  fi
  root="$WORK/rootfs"
  mkdir -p "$root"/{etc,tmp,www,root,proc,sys,dev,var/log,home}
  chmod 1777 "$root/tmp"
  populate_busybox "$root"
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
www-data:x:33:33:www-data:/www:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
www-data:x:33:
nogroup:x:65534:
EOF
  echo 'gureum-busybox' >"$root/etc/hostname"
  cat >"$root/www/index.html" <<'EOF'
<!doctype html>
<html><head><title>Gureum test container</title></head>
<body><h1>GUREUM-CONTAINER-OK</h1></body></html>
EOF
  tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$WORK/rootfs.tar" .
  podman import -q \
    --change 'CMD ["/bin/sh"]' \
    --change 'ENV PATH=/bin:/sbin:/usr/bin:/usr/sbin' \
    --change "LABEL io.gureum.recipe=$recipe" \
    --change 'LABEL io.gureum.image=busybox' \
    --message "Gureum test image (busybox-static rootfs)" \
    "$WORK/rootfs.tar" "$CONTAINER_IMAGE" >/dev/null
  # Prove it runs (only when freshly built).
  local out
  if ! out="$(podman run --rm "$CONTAINER_IMAGE" sh -c 'echo ok' 2>&1)" || [ "$out" != "ok" ]; then
    failed "imported, but 'podman run --rm $CONTAINER_IMAGE sh -c \"echo ok\"' said: $out (run src/host/setup.sh: containers.conf fixes)"
    exit 1
  fi
  ok "imported and ran, $((SECONDS - t0)) s"
}

[ "$DO_GUEST" = 1 ] && build_guest
[ "$DO_CONTAINER" = 1 ] && build_container
if [ "$DO_CLOUD" = 1 ]; then
  # Its own lock and cache: a second run only checks the manifest.
  cloud_args=()
  [ "$FORCE" = 1 ] && cloud_args+=(--force)
  "$(dirname "${BASH_SOURCE[0]}")/build-cloud-image.sh" "${cloud_args[@]}"
fi
info "test images ready in $IMAGES_DIR and podman ($CONTAINER_IMAGE)"
