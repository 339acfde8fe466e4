#!/usr/bin/env node
// Records which machine types each Debian release's QEMU has, per qemu-system-* binary, by
// asking the binaries themselves (`-machine help`) in the bullseye and trixie roots
// (scripts/install-libvirt-roots.sh) and on this bookworm host. Only names that some
// release lacks are kept: a name every release has needs no fact.
// Usage: node scripts/capture-qemu-machines.mjs > server/src/languageservice/knowledge/qemuMachineNames.json
//        && npx prettier --write server/src/languageservice/knowledge/qemuMachineNames.json
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const ROOTS = process.env.DOMXML_ROOTS ?? '/var/cache/domxml-roots';
const RELEASES = [
  { qemu: '5.2.0', suite: 'bullseye', root: `${ROOTS}/bullseye` },
  { qemu: '7.2.0', suite: 'bookworm', root: '/' },
  { qemu: '10.0.0', suite: 'trixie', root: `${ROOTS}/trixie` },
];
// the binaries libvirt's QEMU driver picks for the guest arches it supports
const BINARIES = [
  'x86_64',
  'i386',
  'aarch64',
  'arm',
  'ppc64',
  'ppc',
  's390x',
  'riscv64',
  'riscv32',
  'loongarch64',
  'mips',
  'mips64',
  'mipsel',
  'mips64el',
  'sparc',
  'sparc64',
  'alpha',
  'm68k',
  'sh4',
  'xtensa',
  'microblaze',
  'or1k',
  'hppa',
  'tricore',
  'rx',
  'avr',
];
// Xen machines follow Debian's choice of building Xen support into qemu-system-x86, not QEMU's release
const PACKAGING = /^xen|^x-/;

const present = {}; // binary -> name -> Set of qemu versions
const versions = {};
for (const r of RELEASES) {
  if (!existsSync(`${r.root}/usr/bin`)) throw new Error(`no ${r.suite} root at ${r.root}`);
  const bins = new Set(readdirSync(`${r.root}/usr/bin`));
  for (const b of BINARIES) {
    if (!bins.has(`qemu-system-${b}`)) continue;
    const args = r.root === '/' ? [`qemu-system-${b}`, '-machine', 'help'] : [r.root, `qemu-system-${b}`, '-machine', 'help'];
    const out = execFileSync(r.root === '/' ? args.shift() : 'chroot', args, { encoding: 'utf8' });
    (versions[b] ??= []).push(r.qemu);
    for (const line of out.split('\n').slice(1)) {
      const name = line.split(/\s+/)[0];
      if (!name || PACKAGING.test(name)) continue;
      ((present[b] ??= {})[name] ??= new Set()).add(r.qemu);
    }
  }
}
const machines = {};
for (const [b, names] of Object.entries(present)) {
  const seen = versions[b];
  if (seen.length < 2) continue; // a binary seen once says nothing about change
  const differs = Object.entries(names).filter(([, s]) => s.size < seen.length);
  if (!differs.length) continue;
  machines[b] = {
    releases: seen,
    names: Object.fromEntries(differs.sort().map(([n, s]) => [n, seen.map((v) => (s.has(v) ? 1 : 0)).join('')])),
  };
}
const data = {
  source:
    'observed: `qemu-system-<binary> -machine help` of the qemu-system packages of Debian ' +
    RELEASES.map((r) => `${r.suite} (QEMU ${r.qemu.replace(/\.0$/, '')})`).join(', ') +
    '; captured by scripts/capture-qemu-machines.mjs',
  confirmedBy: 'the QEMU binaries the 7.0, 9.0 and 11.3 daemons run',
  machines,
};
process.stdout.write(JSON.stringify(data, null, 1) + '\n');
