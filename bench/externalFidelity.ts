/**
 * Expander fidelity on documents outside shared/ (issue 20): libvirt's own
 * test inputs (tests/qemuxml2argvdata of a libvirt source tree, not in the
 * repo), each defined in the real daemon and compared fact by fact with
 * `expand` under that daemon's profile. Files whose name is in the shared
 * corpus are skipped. Answers are cached (~/.cache/domxml-oracle).
 *
 * node out/bench/externalFidelity.js DIR [--every N] [--daemon 9.0] [--top K]
 */
import * as fs from 'fs';
import * as path from 'path';
import { precision, recall, Score } from '../test/oracle/facts';
import { scoreCorpus } from '../test/oracle/fidelity';
import { SHARED_CORPUS, xmlFiles } from '../test/helpers';
import { DAEMONS } from '../test/oracle/virsh';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function fmt(s: Score): string {
  return `P ${precision(s).toFixed(3)} R ${recall(s).toFixed(3)} (${s.truePositives}/${s.predicted} predicted, ${s.actual} actual)`;
}

function main(): void {
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(dir)) {
    console.log('usage: externalFidelity DIR [--every N] [--daemon 9.0] [--top K]');
    return;
  }
  const every = Number(arg('--every', '1'));
  const top = Number(arg('--top', '25'));
  const daemon = DAEMONS.find((d) => d.version === arg('--daemon', '9.0'))!;
  const shared = new Set<string>();
  for (const sub of ['libvirt-tests', 'virt-install'])
    for (const f of xmlFiles(path.join(SHARED_CORPUS, sub))) shared.add(path.basename(f));
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xml') && !shared.has(f))
    .sort()
    .filter((_, i) => i % every === 0)
    .map((f) => path.join(dir, f));
  const r = scoreCorpus(path.basename(dir), files, daemon);
  console.log(`${dir}: ${files.length} files, ${r.documents} defined, ${r.rejected} rejected, ${r.unanswered} unanswered`);
  console.log(`  non-address ${fmt(r.other)}`);
  console.log(`  addresses   ${fmt(r.address)}`);
  const show = (label: string, m: Map<string, number>) => {
    console.log(`  ${label}:`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${String(v).padStart(4)}  ${k}`);
  };
  show('missed (libvirt adds, expand does not)', r.missed);
  show('wrong (expand adds, libvirt does not)', r.wrong);
  for (const f of r.failures.slice(0, 10)) console.log(`  failure: ${f}`);
}

main();
