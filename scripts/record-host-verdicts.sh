#!/bin/sh
# Records what a real libvirt daemon says to `virsh define` for each crafted
# host-capability document under test/fixtures/hostcaps/{accepted,rejected}
# and writes test/fixtures/hostcaps/verdicts-VERSION.json (read by
# test/unit/hostChecks.test.ts). Each document is undefined again at once.
#
# Usage: record-host-verdicts.sh VERSION URI
#   e.g. record-host-verdicts.sh 7.0 'qemu:///system?socket=/var/cache/domxml-roots/bullseye/run/libvirt/libvirt-sock'
set -eu
cd "$(dirname "$0")/.."
version=$1
uri=$2
dir=test/fixtures/hostcaps
out=$dir/verdicts-$version.json
v=$(virsh -c "$uri" version --daemon)
# --daemon: the version of the daemon behind the socket, not of the local library
daemon=$(printf '%s\n' "$v" | sed -n 's/^Running against daemon: //p')
qemu=$(printf '%s\n' "$v" | sed -n 's/^Running hypervisor: QEMU //p')
tmp=$(mktemp)
{
    printf '{\n "recordedFrom": "libvirt %s / QEMU %s, virsh define, %s",\n "verdicts": {\n' "$daemon" "$qemu" "$(date -u +%Y-%m-%d)"
    first=1
    for f in "$dir"/accepted/*.xml "$dir"/rejected/*.xml; do
        rel=${f#"$dir"/}
        name=$(sed -n 's:.*<name>\(.*\)</name>.*:\1:p' "$f" | head -1)
        [ $first = 1 ] || printf ',\n'
        first=0
        if err=$(virsh -c "$uri" define "$f" 2>&1 >/dev/null); then
            virsh -c "$uri" undefine --nvram "$name" >/dev/null 2>&1 || virsh -c "$uri" undefine "$name" >/dev/null 2>&1 || true
            printf '  "%s": {\n   "defined": true\n  }' "$rel"
        else
            msg=$(printf '%s' "$err" | sed -n 's/^error: //p' | grep -v '^Failed to define domain' | head -1 | sed 's/\\/\\\\/g; s/"/\\"/g')
            printf '  "%s": {\n   "defined": false,\n   "error": "%s"\n  }' "$rel" "$msg"
        fi
    done
    printf '\n }\n}\n'
} >"$tmp"
mv "$tmp" "$out"
echo "record-host-verdicts.sh: $out ($daemon)"
