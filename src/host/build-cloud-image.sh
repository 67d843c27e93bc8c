#!/usr/bin/env bash
# Builds a small Debian 12 cloud image, as an admin would get one from a vendor, from the
# distribution's packages only (no internet beyond the package mirror). Nothing is committed.
#
#   $GUREUM_IMAGES_DIR/debian-12-cloud/{disk.qcow2,manifest.properties}
#
# The disk is an MBR-partitioned qcow2 with one ext4 root partition (the last one, so that
# cloud-init's growpart can grow it into a larger overlay) and GRUB in the MBR: it boots from
# its own disk like a vendor image. Inside: systemd, cloud-init (NoCloud), openssh-server,
# qemu-guest-agent, cloud-guest-utils and Debian's cloud kernel; no recommends. The serial
# console is ttyS0, so the console's serial log shows the boot and cloud-init's progress.
#
# Usage: build-cloud-image.sh [--force]
# Idempotent: skips the build when the image is present and its recipe unchanged.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FORCE=0
for a in "$@"; do
  case "$a" in
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown argument: $a (see --help)" ;;
  esac
done
need_root "$@"

IMAGES_DIR="${GUREUM_IMAGES_DIR:-/var/lib/gureum/images}"
OUT_DIR="$IMAGES_DIR/debian-12-cloud"
CACHE_DIR="${GUREUM_CACHE_DIR:-/var/cache/gureum}/debootstrap"
SUITE=bookworm
# The mirror the host itself uses (deb822 or one-line sources), else Debian's.
mirror_of_host() {
  { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' || true
    grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' || true; } | awk '/\/debian\/?$/ && !found {print; found=1}'
}
MIRROR="${GUREUM_DEBIAN_MIRROR:-$(mirror_of_host)}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
DISK_SIZE_MIB=2048
# Bump when the recipe below changes, so existing hosts rebuild.
RECIPE_VERSION=1
PACKAGES="systemd-sysv udev dbus linux-image-cloud-amd64 initramfs-tools cloud-init cloud-guest-utils openssh-server qemu-guest-agent sudo ca-certificates netbase iproute2 e2fsprogs"

mkdir -p "$OUT_DIR" "$CACHE_DIR"
chmod 0755 "$IMAGES_DIR" "$OUT_DIR"
exec 8>"$IMAGES_DIR/.cloud-build.lock"
flock -w 1800 8 || die "another build-cloud-image.sh holds $IMAGES_DIR/.cloud-build.lock"

manifest="$OUT_DIR/manifest.properties"
if [ "$FORCE" = 0 ] && [ -s "$OUT_DIR/disk.qcow2" ] && grep -qx "recipe=$RECIPE_VERSION" "$manifest" 2>/dev/null; then
  step "Debian 12 cloud image"
  skipped "present: $OUT_DIR/disk.qcow2"
  exit 0
fi

for tool in debootstrap wget partx sfdisk losetup mkfs.ext4 grub-mkimage qemu-img; do
  command -v "$tool" >/dev/null || die "$tool is missing: run src/host/setup.sh --for-tests first"
done

WORK="$(mktemp -d /var/tmp/gureum-cloud.XXXXXX)"
ROOT="$WORK/root"
LOOP=""
cleanup() {
  set +e
  for m in var/cache/apt/archives dev/pts dev proc sys; do mountpoint -q "$ROOT/$m" && umount -l "$ROOT/$m"; done
  mountpoint -q "$ROOT" && umount -l "$ROOT"
  [ -n "$LOOP" ] && losetup -d "$LOOP"
  rm -rf "$WORK"
}
trap cleanup EXIT
started=$(date +%s)

# 1. The root file system into a partitioned raw disk, mounted.
truncate -s "${DISK_SIZE_MIB}M" "$WORK/disk.raw"
printf 'label: dos\nstart=2048, type=83, bootable\n' | sfdisk -q "$WORK/disk.raw"
LOOP="$(losetup -f --show -P "$WORK/disk.raw")"
# In a container the kernel may not scan the table by itself and udev makes no node: ask
# for the partitions, then make the node from sysfs.
part="${LOOP}p1"
[ -e "/sys/class/block/$(basename "$part")" ] || partx -a "$LOOP"
if [ ! -b "$part" ]; then
  devno="$(cat "/sys/class/block/$(basename "$part")/dev")"
  mknod "$part" b "${devno%%:*}" "${devno##*:}"
fi
mkfs.ext4 -q -L cloudimg-rootfs "$part"
uuid="$(blkid -s UUID -o value "$part")"
mkdir -p "$ROOT"
mount "$part" "$ROOT"

step "Debian 12 cloud image: debootstrap from $MIRROR"
keep_log() { cp "$1" /var/tmp/gureum-cloud-image.log; tail -20 "$1" >&2; die "$2 (log kept in /var/tmp/gureum-cloud-image.log)"; }
debootstrap --variant=minbase --cache-dir="$CACHE_DIR" "$SUITE" "$ROOT" "$MIRROR" >"$WORK/build.log" 2>&1 \
  || { [ -f "$ROOT/debootstrap/debootstrap.log" ] && cat "$ROOT/debootstrap/debootstrap.log" >>"$WORK/build.log"
       keep_log "$WORK/build.log" "debootstrap failed"; }
ok

# apt inside the root: with /proc and /dev, no services started, no recommends; the
# downloaded packages are kept on the host for the next build.
step "Debian 12 cloud image: kernel, cloud-init, sshd, agent"
for m in dev dev/pts proc sys; do mount --bind "/$m" "$ROOT/$m"; done
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
mkdir -p "$CACHE_DIR/archives"
mount --bind "$CACHE_DIR/archives" "$ROOT/var/cache/apt/archives"
# shellcheck disable=SC2086  # the package list is ours and meant to split
DEBIAN_FRONTEND=noninteractive chroot "$ROOT" sh -c 'apt-get update -q && apt-get install -y -q --no-install-recommends "$@"' \
  apt-install $PACKAGES >>"$WORK/build.log" 2>&1 || keep_log "$WORK/build.log" "installing the packages failed"
umount "$ROOT/var/cache/apt/archives"
rm -f "$ROOT/usr/sbin/policy-rc.d"
ok

# 2. What makes it a cloud image: fstab, serial console, NoCloud first, networkd, no machine id.
cat >"$ROOT/etc/fstab" <<EOF
UUID=$uuid / ext4 defaults,discard,errors=remount-ro 0 1
EOF
echo "localhost" >"$ROOT/etc/hostname"
# Every boot gets its own machine id (cloud images must not share one).
: >"$ROOT/etc/machine-id"
rm -f "$ROOT/var/lib/dbus/machine-id"
cat >"$ROOT/etc/cloud/cloud.cfg.d/90-gureum.cfg" <<'EOF'
# Only the data sources a private cloud gives: a NoCloud seed (cidata), else nothing.
datasource_list: [ NoCloud, None ]
EOF
mkdir -p "$ROOT/etc/systemd/network"
# Until cloud-init writes its own network config: DHCP on the first Ethernet.
cat >"$ROOT/etc/systemd/network/90-dhcp.network" <<'EOF'
[Match]
Name=en* eth*

[Network]
DHCP=yes
EOF
chroot "$ROOT" systemctl enable systemd-networkd.service qemu-guest-agent.service >/dev/null 2>&1 || true
chroot "$ROOT" apt-get clean
rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/log/*.log "$ROOT"/etc/ssh/ssh_host_*
# sshd's host keys are made by cloud-init on the first boot of each VM.

# 3. The boot loader: GRUB in the MBR, a fixed configuration that follows Debian's /vmlinuz links.
step "Debian 12 cloud image: GRUB boot loader"
# grub-install cannot map a loop partition to its disk ("cannot find a GRUB drive"), so this
# does what it does for a BIOS disk: the modules into /boot/grub, a core image that finds the
# root partition, boot.img's code into the MBR (keeping the partition table) and the core image
# into the gap before the first partition (sector 1 on, where boot.img looks for it).
mkdir -p "$ROOT/boot/grub/i386-pc"
cp /usr/lib/grub/i386-pc/*.mod /usr/lib/grub/i386-pc/*.lst "$ROOT/boot/grub/i386-pc/"
grub-mkimage -O i386-pc -o "$WORK/core.img" -p '(hd0,msdos1)/boot/grub' biosdisk part_msdos ext2 \
  >"$WORK/grub.log" 2>&1 || keep_log "$WORK/grub.log" "grub-mkimage failed"
[ "$(stat -c %s "$WORK/core.img")" -lt $(( 2047 * 512 )) ] || die "GRUB's core image does not fit before the partition"
dd if=/usr/lib/grub/i386-pc/boot.img of="$WORK/disk.raw" bs=440 count=1 conv=notrunc status=none
dd if="$WORK/core.img" of="$WORK/disk.raw" bs=512 seek=1 conv=notrunc status=none
cat >"$ROOT/boot/grub/grub.cfg" <<EOF
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
search --no-floppy --fs-uuid --set=root $uuid
menuentry 'Debian GNU/Linux 12 (cloud)' {
  linux /vmlinuz root=UUID=$uuid ro console=tty0 console=ttyS0,115200 quiet
  initrd /initrd.img
}
EOF
ok
kernel="$(basename "$(readlink "$ROOT/vmlinuz")")"
for m in dev/pts dev proc sys; do umount -l "$ROOT/$m"; done
sync
umount "$ROOT"
losetup -d "$LOOP"
LOOP=""

# 4. A compressed qcow2, replaced atomically.
step "Debian 12 cloud image: qcow2"
qemu-img convert -q -c -O qcow2 "$WORK/disk.raw" "$WORK/disk.qcow2"
chmod 0644 "$WORK/disk.qcow2"
mv -f "$WORK/disk.qcow2" "$OUT_DIR/disk.qcow2"
cat >"$manifest.tmp" <<EOF
recipe=$RECIPE_VERSION
name=Debian 12 (cloud)
format=qcow2
default-user=debian
kernel=$kernel
virtual-size-mib=$DISK_SIZE_MIB
bytes=$(stat -c %s "$OUT_DIR/disk.qcow2")
built=$(date -u +%Y-%m-%dT%H:%M:%SZ)
build-seconds=$(( $(date +%s) - started ))
EOF
mv -f "$manifest.tmp" "$manifest"
ok "$(du -h "$OUT_DIR/disk.qcow2" | cut -f1) in $(( $(date +%s) - started )) s"
