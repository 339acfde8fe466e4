#!/bin/sh
# Start a libvirtd usable at qemu:///system (idempotent). Must run as root.
# Works on machines without systemd (containers, CI): creates the users,
# groups and directories the Debian packaging would normally create and runs
# `libvirtd -d` directly.
set -eu

URI=qemu:///system
TIMEOUT=${LIBVIRTD_START_TIMEOUT:-30}

answers() {
    virsh -c "$URI" uri >/dev/null 2>&1
}

fix_kvm_node() {
    # Without udev, /dev/kvm may exist as root:root 0600. libvirt then probes
    # QEMU with KVM enabled but considers KVM unusable for the qemu user, so it
    # declares its x86 capability cache invalid on *every* lookup and re-probes
    # QEMU ("KVM was enabled when probing ..., but it is not available now"),
    # which makes each `virsh define` of an x86 domain take a minute or more.
    # Give the node the ownership udev would (root:kvm 0660).
    if [ -c /dev/kvm ] && [ "$(id -u)" = 0 ]; then
        getent group kvm >/dev/null 2>&1 || groupadd --system kvm
        if [ "$(stat -c %G:%a /dev/kvm)" != "kvm:660" ]; then
            chgrp kvm /dev/kvm && chmod 0660 /dev/kvm
        fi
    fi
}

if answers; then
    fix_kvm_node
    echo "start-libvirtd.sh: libvirtd already answering on $URI"
    exit 0
fi

if [ "$(id -u)" != 0 ]; then
    echo "start-libvirtd.sh: must run as root" >&2
    exit 1
fi

getent group kvm >/dev/null 2>&1 || groupadd --system kvm
fix_kvm_node
getent group libvirt-qemu >/dev/null 2>&1 || groupadd --system libvirt-qemu
getent group libvirt >/dev/null 2>&1 || groupadd --system libvirt
if ! getent passwd libvirt-qemu >/dev/null 2>&1; then
    useradd --system --gid libvirt-qemu --groups kvm \
        --home-dir /var/lib/libvirt --no-create-home \
        --shell /usr/sbin/nologin libvirt-qemu
fi

mkdir -p /var/log/libvirt /var/run/libvirt /var/lib/libvirt/images /var/lib/libvirt/qemu/nvram

running() {
    # procps (pgrep) is not always installed: use the pid file libvirtd writes.
    # a crashed daemon nobody reaped (no init in a container) is a zombie: not running
    [ -s /run/libvirtd.pid ] && kill -0 "$(cat /run/libvirtd.pid)" 2>/dev/null &&
        [ "$(cut -d' ' -f3 "/proc/$(cat /run/libvirtd.pid)/stat" 2>/dev/null)" != Z ]
}

if ! running; then
    echo "start-libvirtd.sh: starting libvirtd -d"
    libvirtd -d
fi

i=0
while ! answers; do
    i=$((i + 1))
    if [ "$i" -ge "$TIMEOUT" ]; then
        echo "start-libvirtd.sh: libvirtd did not answer on $URI within ${TIMEOUT}s" >&2
        exit 1
    fi
    sleep 1
done
echo "start-libvirtd.sh: libvirtd answering on $URI"
