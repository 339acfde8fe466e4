#!/bin/sh
# Build Debian roots with the libvirt + QEMU of other Debian releases, so that
# the oracle can ask libvirt 7.0 (bullseye) and 11.3 (trixie) side by side
# with the host's own 9.0 (bookworm). Each root is a `debootstrap
# --variant=minbase` tree holding what a real host of that release installs
# for a QEMU hypervisor (daemon, QEMU driver, clients, QEMU for every arch the
# oracle corpora use, UEFI firmware, swtpm; on trixie also the SPICE/QXL
# module, which is split out there).
#
# Usage: install-libvirt-roots.sh [SUITE...]   (default: bullseye trixie)
# Env:   DOMXML_ROOTS   where the roots live (default /var/cache/domxml-roots)
#        DEBIAN_MIRROR  (default http://deb.debian.org/debian)
#
# Idempotent and cached: a root that is complete (stamp file naming its
# package list) is left alone; a half-built one is rebuilt. Must run as root.
# scripts/start-libvirt-roots.sh starts the daemons.
set -eu

ROOTS=${DOMXML_ROOTS:-/var/cache/domxml-roots}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
[ $# -gt 0 ] || set -- bullseye trixie

if [ "$(id -u)" != 0 ]; then
    echo "install-libvirt-roots.sh: must run as root" >&2
    exit 1
fi
command -v debootstrap >/dev/null 2>&1 || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends debootstrap || { apt-get update -q && apt-get install -y -q --no-install-recommends debootstrap; }
}

# Package names per suite, checked with each suite's apt-cache: bullseye has
# no swtpm (it entered Debian with bookworm) and its s390x emulator is part of
# qemu-system-misc; trixie ships s390x on its own and splits SPICE/QXL into
# qemu-system-modules-spice.
packages() {
    common="libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients \
qemu-system-x86 qemu-system-arm qemu-system-ppc qemu-system-misc \
ovmf qemu-efi-aarch64"
    case "$1" in
        bullseye) echo "$common" ;;
        trixie) echo "$common qemu-system-s390x qemu-system-modules-spice swtpm swtpm-tools" ;;
        *) echo "$common swtpm swtpm-tools" ;;
    esac
}

build() {
    suite=$1
    root=$ROOTS/$suite
    want=$(packages "$suite")
    if [ -f "$root/.domxml-root" ] && [ "$(cat "$root/.domxml-root")" = "$want" ]; then
        echo "install-libvirt-roots.sh: $suite: cached at $root"
        return 0
    fi
    mkdir -p "$ROOTS"
    if [ ! -x "$root/usr/bin/apt-get" ]; then
        tmp=$root.tmp
        rm -rf "$tmp"
        echo "install-libvirt-roots.sh: $suite: debootstrap into $tmp"
        debootstrap --variant=minbase "$suite" "$tmp" "$MIRROR"
        rm -rf "$root"
        mv "$tmp" "$root"
    fi
    # No service may start inside the root while packages install.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 0755 "$root/usr/sbin/policy-rc.d"
    mount_root "$root"
    echo "install-libvirt-roots.sh: $suite: installing $want"
    # shellcheck disable=SC2086
    chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C sh -c \
        "apt-get update -q && apt-get install -y -q --no-install-recommends $want"
    chroot "$root" apt-get clean
    echo "$want" >"$root/.domxml-root"
    echo "install-libvirt-roots.sh: $suite: ready at $root"
}

# /proc, /sys and /dev inside the root (idempotent).
mount_root() {
    r=$1
    mountpoint -q "$r/proc" || mount -t proc proc "$r/proc"
    mountpoint -q "$r/sys" || mount -t sysfs sysfs "$r/sys"
    mountpoint -q "$r/dev" || mount --rbind /dev "$r/dev"
    [ -f "$r/etc/resolv.conf" ] && [ -s "$r/etc/resolv.conf" ] || cp /etc/resolv.conf "$r/etc/resolv.conf"
}

pids=""
for s in "$@"; do
    build "$s" >"${TMPDIR:-/tmp}/domxml-root-$s.log" 2>&1 &
    pids="$pids $!:$s"
done
rc=0
for p in $pids; do
    pid=${p%%:*}
    s=${p#*:}
    if wait "$pid"; then
        tail -n 1 "${TMPDIR:-/tmp}/domxml-root-$s.log"
    else
        echo "install-libvirt-roots.sh: $s failed; log:" >&2
        tail -n 30 "${TMPDIR:-/tmp}/domxml-root-$s.log" >&2
        rc=1
    fi
done
exit $rc
