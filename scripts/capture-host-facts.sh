#!/bin/sh
# Captures a daemon's host facts the way an admin would for `domxml check
# --caps FILE --domcaps DIR`: `virsh capabilities`, and `virsh
# domcapabilities` for every guest arch it lists (virt type qemu), once with
# the arch's default machine and once for each machine alias it names
# (pc, q35, virt, pseries, ...).
#
# Usage: capture-host-facts.sh URI DIR
#   e.g. capture-host-facts.sh 'qemu:///system?socket=/var/cache/domxml-roots/bullseye/run/libvirt/libvirt-sock' /tmp/facts-7.0
set -eu
uri=$1
dir=$2
mkdir -p "$dir/domcaps"
virsh -c "$uri" capabilities > "$dir/capabilities.xml"
# "arch machine" per alias (a <machine canonical=...>), and "arch -" for the default
awk '
  /<arch name=/ { match($0, /name=.[^"'"'"']*/); arch = substr($0, RSTART + 6, RLENGTH - 6); print arch " -" }
  /<machine[^>]*canonical=/ && arch != "" { sub(/^[^>]*>/, "", $0); sub(/<.*/, "", $0); print arch " " $0 }
  /<\/guest>/ { arch = "" }
' "$dir/capabilities.xml" | sort -u | while read -r arch machine; do
  if [ "$machine" = - ]; then
    out="$dir/domcaps/$arch.xml"
    virsh -c "$uri" domcapabilities --arch "$arch" --virttype qemu > "$out" 2>/dev/null || rm -f "$out"
  else
    out="$dir/domcaps/$arch-$machine.xml"
    virsh -c "$uri" domcapabilities --arch "$arch" --virttype qemu --machine "$machine" > "$out" 2>/dev/null || rm -f "$out"
  fi
done
echo "$(ls "$dir/domcaps" | wc -l) domcapabilities files in $dir/domcaps"
