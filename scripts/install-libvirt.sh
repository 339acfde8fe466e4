#!/bin/sh
# Install libvirt + QEMU (all emulated architectures used by the oracle tests),
# xmllint (parser and schema parity tests) and Neovim (second LSP client test)
# on a Debian 12 machine. Idempotent: exits quickly when everything is present.
# Must run as root.
set -eu

PACKAGES="libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients \
qemu-system-x86 qemu-system-arm qemu-system-ppc qemu-system-s390x \
qemu-system-misc qemu-efi-aarch64 swtpm swtpm-tools libxml2-utils ovmf neovim"

if [ "$(id -u)" != 0 ]; then
    echo "install-libvirt.sh: must run as root" >&2
    exit 1
fi

is_installed() {
    # Real package installed?
    if [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]; then
        return 0
    fi
    # Virtual packages (e.g. qemu-system-s390x is provided by qemu-system-misc on
    # Debian 12): satisfied when the binary they stand for exists.
    case "$1" in
        qemu-system-s390x) [ -x /usr/bin/qemu-system-s390x ] && return 0 ;;
    esac
    return 1
}

missing=""
for p in $PACKAGES; do
    is_installed "$p" || missing="$missing $p"
done

if [ -z "$missing" ]; then
    echo "install-libvirt.sh: all packages already installed"
    exit 0
fi

echo "install-libvirt.sh: installing:$missing"
export DEBIAN_FRONTEND=noninteractive

# Only refresh the package lists when they are absent or the install fails
# because of stale lists.
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' || true)" ]; then
    apt-get update -q
fi

# shellcheck disable=SC2086
if ! apt-get install -y -q --no-install-recommends $missing; then
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
fi
echo "install-libvirt.sh: done"
