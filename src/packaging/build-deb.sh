#!/usr/bin/env bash
# Builds the Debian package gureum_<version>_all.deb from the console's Spring Boot jar, with dpkg-deb:
#   /usr/share/gureum/gureum.jar           the console
#   /usr/lib/gureum/gureum                 the launcher (finds a Java >= 21; the unit's ExecStart)
#   /lib/systemd/system/gureum.service     the sandboxed unit
#   /etc/gureum/application.yml            settings (conffile), /etc/default/gureum (conffile: JAVA_HOME, JAVA_OPTS)
#   postinst: the gureum system user (libvirt group), /var/lib/gureum; enables and starts the service under systemd.
#
# Usage: src/packaging/build-deb.sh [JAR] [OUTPUT_DIR]
#   JAR         default: console/target/console-<version>.jar (build it first: mvn -B -pl console -am -DskipTests package)
#   OUTPUT_DIR  default: console/target
# Prints the path of the package. Needs no root (files are owned by root in the package through dpkg-deb --root-owner-group).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../host/lib.sh
. "$HERE/../host/lib.sh"

JAR="${1:-}"
OUT="${2:-$GUREUM_REPO_ROOT/console/target}"
if [ -z "$JAR" ]; then
  for f in "$GUREUM_REPO_ROOT"/console/target/console-*.jar; do
    case "$f" in *-sources.jar|*-javadoc.jar|*-plain.jar|*-tests.jar) continue ;; esac
    [ -f "$f" ] && JAR="$f"
  done
fi
[ -n "$JAR" ] && [ -f "$JAR" ] || die "no console jar (give its path, or build it: mvn -B -pl console -am -DskipTests package)"
have dpkg-deb || die "dpkg-deb is missing (package dpkg)"

# console-0.1.0-SNAPSHOT.jar -> 0.1.0~SNAPSHOT (a tilde sorts before the release, as Debian wants for pre-releases)
VERSION="$(basename "$JAR" .jar)"
VERSION="${VERSION#console-}"
VERSION="${VERSION//-/\~}"
[[ "$VERSION" =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || die "cannot read a Debian version from the jar's name: $JAR"

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
chmod 0755 "$STAGE"
install -d -m 0755 "$STAGE/DEBIAN" "$STAGE/usr/share/gureum" "$STAGE/usr/lib/gureum" "$STAGE/lib/systemd/system" \
  "$STAGE/etc/gureum" "$STAGE/etc/default" "$STAGE/usr/share/doc/gureum"
install -m 0644 "$JAR" "$STAGE/usr/share/gureum/gureum.jar"
install -m 0755 "$HERE/debian/gureum" "$STAGE/usr/lib/gureum/gureum"
install -m 0644 "$HERE/debian/gureum.service" "$STAGE/lib/systemd/system/gureum.service"
install -m 0644 "$HERE/debian/application.yml" "$STAGE/etc/gureum/application.yml"
install -m 0644 "$HERE/debian/default" "$STAGE/etc/default/gureum"
install -m 0644 "$GUREUM_REPO_ROOT/README.md" "$STAGE/usr/share/doc/gureum/README.md"
install -m 0644 "$GUREUM_REPO_ROOT/docs/operations.md" "$STAGE/usr/share/doc/gureum/operations.md"
install -m 0644 "$HERE/debian/copyright" "$STAGE/usr/share/doc/gureum/copyright"
# A native package's changelog: one entry for this build (the project's history is in git).
cat <<CHANGES | gzip -9n >"$STAGE/usr/share/doc/gureum/changelog.gz"
gureum ($VERSION) unstable; urgency=medium

  * Built from the console jar $(basename "$JAR").

 -- Gureum developers <gureum@example.org>  $(LC_ALL=C date -R)
CHANGES
chmod 0644 "$STAGE/usr/share/doc/gureum/changelog.gz"
for s in postinst prerm postrm; do install -m 0755 "$HERE/debian/$s" "$STAGE/DEBIAN/$s"; done
install -m 0644 "$HERE/debian/conffiles" "$STAGE/DEBIAN/conffiles"

SIZE_KB="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
cat >"$STAGE/DEBIAN/control" <<CONTROL
Package: gureum
Version: $VERSION
Architecture: all
Maintainer: Gureum developers <gureum@example.org>
Installed-Size: $SIZE_KB
Depends: adduser, libvirt0, openjdk-25-jre-headless | openjdk-21-jre-headless | temurin-25-jdk | temurin-25-jre | temurin-21-jdk | temurin-21-jre
Recommends: libvirt-daemon-system, qemu-system-x86, qemu-utils
Suggests: podman, postgresql
Section: admin
Priority: optional
Homepage: https://github.com/gureum
Description: private-cloud console for KVM virtual machines and containers
 Gureum is a web console (and HTTP API) in which project members create, start
 and delete KVM virtual machines (through libvirt) and containers (through the
 Docker Engine API, on Docker or Podman) within quotas set by an administrator.
 It serves HTTPS on port 8443 (a self-signed certificate unless you give one)
 and runs as the gureum system user under a sandboxed systemd unit.
CONTROL

mkdir -p "$OUT"
DEB="$OUT/gureum_${VERSION}_all.deb"
dpkg-deb --root-owner-group -Zgzip --build "$STAGE" "$DEB" >/dev/null
echo "$DEB"
