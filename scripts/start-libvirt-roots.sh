#!/bin/sh
# Start the libvirtd of each root built by scripts/install-libvirt-roots.sh,
# side by side with the host's own daemon at qemu:///system (idempotent).
# Each daemon runs chrooted in its root with its own socket at
# ROOT/run/libvirt/libvirt-sock; the host's virsh reaches it with
#   virsh -c 'qemu:///system?socket=ROOT/run/libvirt/libvirt-sock'
# Prints one line per suite: "SUITE VERSION URI".
#
# Usage: start-libvirt-roots.sh [SUITE...]   (default: bullseye trixie)
# Env:   DOMXML_ROOTS (default /var/cache/domxml-roots)
# Must run as root.
set -eu

ROOTS=${DOMXML_ROOTS:-/var/cache/domxml-roots}
TIMEOUT=${LIBVIRTD_START_TIMEOUT:-300}
[ $# -gt 0 ] || set -- bullseye trixie

if [ "$(id -u)" != 0 ]; then
    echo "start-libvirt-roots.sh: must run as root" >&2
    exit 1
fi

uri_of() { echo "qemu:///system?socket=$1/run/libvirt/libvirt-sock"; }

answers() { virsh -c "$(uri_of "$1")" uri >/dev/null 2>&1; }

# Users and groups the Debian packaging (libvirt-daemon-system) would create.
# The kvm group gets the host's gid so that /dev/kvm (bind-mounted from the
# host, root:kvm 0660) means the same inside: otherwise libvirt finds KVM
# usable when probing and unusable for the qemu user and re-probes QEMU on
# every lookup, which makes each define take a minute.
users() {
    r=$1
    kvm_gid=$(getent group kvm 2>/dev/null | cut -d: -f3 || true)
    if ! chroot "$r" getent group kvm >/dev/null 2>&1; then
        if [ -n "$kvm_gid" ]; then chroot "$r" groupadd --system -g "$kvm_gid" kvm; else chroot "$r" groupadd --system kvm; fi
    elif [ -n "$kvm_gid" ] && [ "$(chroot "$r" getent group kvm | cut -d: -f3)" != "$kvm_gid" ]; then
        # the root's QEMU packages created their own kvm group
        chroot "$r" groupmod -g "$kvm_gid" kvm
    fi
    chroot "$r" getent group libvirt-qemu >/dev/null 2>&1 || chroot "$r" groupadd --system libvirt-qemu
    chroot "$r" getent group libvirt >/dev/null 2>&1 || chroot "$r" groupadd --system libvirt
    chroot "$r" getent passwd libvirt-qemu >/dev/null 2>&1 ||
        chroot "$r" useradd --system --gid libvirt-qemu --groups kvm --home-dir /var/lib/libvirt \
            --no-create-home --shell /usr/sbin/nologin libvirt-qemu
}

start() {
    suite=$1
    r=$ROOTS/$suite
    if [ ! -f "$r/.domxml-root" ]; then
        echo "start-libvirt-roots.sh: $suite: no root at $r (run scripts/install-libvirt-roots.sh $suite)" >&2
        return 1
    fi
    mountpoint -q "$r/proc" || mount -t proc proc "$r/proc"
    mountpoint -q "$r/sys" || mount -t sysfs sysfs "$r/sys"
    mountpoint -q "$r/dev" || mount --rbind /dev "$r/dev"
    if ! answers "$r"; then
        users "$r"
        mkdir -p "$r/var/log/libvirt" "$r/run/libvirt" "$r/var/lib/libvirt/images" "$r/var/lib/libvirt/qemu/nvram"
        # The daemons share the host's network: no default network (virbr0)
        # may start inside a root.
        rm -f "$r"/etc/libvirt/qemu/networks/autostart/*.xml
        # a crashed daemon nobody reaped (no init in a container) is a zombie: not running
        if ! { [ -s "$r/run/libvirtd.pid" ] && kill -0 "$(cat "$r/run/libvirtd.pid")" 2>/dev/null &&
            [ "$(cut -d' ' -f3 "/proc/$(cat "$r/run/libvirtd.pid")/stat" 2>/dev/null)" != Z ]; }; then
            chroot "$r" env LC_ALL=C /usr/sbin/libvirtd -d
        fi
        i=0
        while ! answers "$r"; do
            i=$((i + 1))
            if [ "$i" -ge "$TIMEOUT" ]; then
                echo "start-libvirt-roots.sh: $suite: libvirtd did not answer within ${TIMEOUT}s" >&2
                return 1
            fi
            sleep 1
        done
    fi
    v=$(virsh -c "$(uri_of "$r")" version --daemon 2>/dev/null | sed -n 's/^Running against daemon: *//p')
    echo "$suite $v $(uri_of "$r")"
}

rc=0
for s in "$@"; do
    start "$s" || rc=1
done
exit $rc
