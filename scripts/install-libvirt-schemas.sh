#!/bin/sh
# Fetch the RelaxNG schemas of a Debian suite's libvirt without installing it:
# the version-facts lint (test/unit/versionFactsReleases.test.ts) checks every
# fact against the schema of each libvirt release it can read, and the newest
# release here (sid) has no daemon root. Only the package that ships
# /usr/share/libvirt/schemas is downloaded and unpacked.
#
# Usage: install-libvirt-schemas.sh [SUITE...]   (default: sid)
# Env:   DOMXML_ROOTS   cache directory (default /var/cache/domxml-roots)
#        DEBIAN_MIRROR  (default http://deb.debian.org/debian)
#
# Result: $DOMXML_ROOTS/schemas-SUITE/usr/share/libvirt/schemas and a VERSION
# file holding the Debian version. Cached: a suite whose index still names
# the same version is left alone. A mirror that cannot be reached leaves the
# cache as it is and exits 0: the lint then checks the releases it has.
set -eu

ROOTS=${DOMXML_ROOTS:-/var/cache/domxml-roots}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
[ $# -gt 0 ] || set -- sid

for suite in "$@"; do
    dir=$ROOTS/schemas-$suite
    tmp=$(mktemp -d)
    if ! curl -fsS --max-time 120 -o "$tmp/Packages.xz" "$MIRROR/dists/$suite/main/binary-amd64/Packages.xz"; then
        echo "install-libvirt-schemas.sh: $suite: no package index from $MIRROR; keeping what is cached" >&2
        rm -rf "$tmp"
        continue
    fi
    # the package that ships the schemas: libvirt-common from 9.x on, libvirt0 before
    info=$(xz -dc "$tmp/Packages.xz" | awk '
        /^Package: / { p = $2 }
        /^Version: / { v = $2 }
        /^Filename: / { f[p] = $2; ver[p] = v }
        END {
            if ("libvirt-common" in f) print ver["libvirt-common"], f["libvirt-common"];
            else if ("libvirt0" in f) print ver["libvirt0"], f["libvirt0"];
        }')
    if [ -z "$info" ]; then
        echo "install-libvirt-schemas.sh: $suite: no libvirt package in the index" >&2
        rm -rf "$tmp"
        continue
    fi
    version=${info%% *}
    file=${info#* }
    if [ -f "$dir/VERSION" ] && [ "$(cat "$dir/VERSION")" = "$version" ]; then
        echo "install-libvirt-schemas.sh: $suite: libvirt $version cached at $dir"
        rm -rf "$tmp"
        continue
    fi
    curl -fsS --max-time 300 -o "$tmp/pkg.deb" "$MIRROR/$file"
    rm -rf "$dir.tmp"
    mkdir -p "$dir.tmp"
    dpkg-deb -x "$tmp/pkg.deb" "$dir.tmp"
    if [ ! -f "$dir.tmp/usr/share/libvirt/schemas/domain.rng" ]; then
        echo "install-libvirt-schemas.sh: $suite: $file holds no domain.rng" >&2
        rm -rf "$tmp" "$dir.tmp"
        exit 1
    fi
    echo "$version" >"$dir.tmp/VERSION"
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
    rm -rf "$tmp"
    echo "install-libvirt-schemas.sh: $suite: libvirt $version schemas at $dir"
done
