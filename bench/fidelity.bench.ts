/**
 * Expander fidelity against real libvirt: precision and recall over the facts
 * libvirt adds at define time, separately for addresses and everything else,
 * on the project's fixture corpus (seen) and the shared corpus (written by
 * others, never tuned against file by file).
 *
 * Set DOMXML_FIDELITY_VERBOSE=1 for the most frequent misses and wrong guesses.
 */
import * as fs from 'fs';
import * as path from 'path';
import { expandDomain, formatExpansion } from '../server/src/languageservice/expander/expand';
import { parseXml } from '../server/src/languageservice/parser/xmlParser';
import { builtinProfile } from '../server/src/languageservice/profiles/builtinProfiles';
import { addScores, isAddressFact, precision, recall, Score, scoreDocument } from '../test/oracle/facts';
import { prepareForOracle } from '../test/oracle/prepare';
import { defineAndDump, libvirtAvailable } from '../test/oracle/virsh';
import { REPO, SHARED_CORPUS } from './documents';
import { goal } from './stats';

export interface CorpusResult {
  name: string;
  documents: number;
  rejected: number;
  address: Score;
  other: Score;
  missed: Map<string, number>;
  wrong: Map<string, number>;
  failures: string[];
}

function xmlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).map((f) => path.join(dir, f)).sort();
}

/** a fact with list indices removed, so that misses group by kind */
function pattern(f: string): string {
  return f.replace(/\[\d+\]/g, '').replace(/=(0x)?[0-9a-f]+$/i, '=N');
}

export function scoreCorpus(name: string, files: string[]): CorpusResult {
  const profile = builtinProfile('debian-12')!;
  const zero = (): Score => ({ truePositives: 0, predicted: 0, actual: 0 });
  const r: CorpusResult = { name, documents: 0, rejected: 0, address: zero(), other: zero(), missed: new Map(), wrong: new Map(), failures: [] };
  for (const file of files) {
    const input = prepareForOracle(fs.readFileSync(file, 'utf8'));
    const dumped = defineAndDump(input);
    if (!dumped.ok) {
      r.rejected++;
      continue;
    }
    const root = parseXml(input).root;
    if (!root) continue;
    const expansion = expandDomain(root, profile);
    for (const f of expansion.failures) r.failures.push(`${path.basename(file)}: rule ${f.rule}: ${f.error}`);
    const s = scoreDocument(input, formatExpansion(expansion), dumped.xml);
    r.documents++;
    r.address = addScores(r.address, s.address);
    r.other = addScores(r.other, s.other);
    for (const m of s.missed) r.missed.set(pattern(m), (r.missed.get(pattern(m)) ?? 0) + 1);
    for (const w of s.wrong) r.wrong.set(pattern(w), (r.wrong.get(pattern(w)) ?? 0) + 1);
  }
  return r;
}

function line(label: string, s: Score, target: number): string {
  const p = precision(s);
  const rc = recall(s);
  return `  ${label.padEnd(12)} precision ${p.toFixed(3)}  recall ${rc.toFixed(3)}  (${s.truePositives} right of ${s.predicted} predicted, ${s.actual} added by libvirt)  ${goal(Math.min(p, rc), target, false)}`;
}

export function fidelityCorpora(): { name: string; files: string[] }[] {
  return [
    { name: 'fixtures (test/fixtures/domains)', files: xmlFiles(path.join(REPO, 'test', 'fixtures', 'domains')) },
    { name: 'shared virt-install corpus', files: xmlFiles(path.join(SHARED_CORPUS, 'virt-install')) },
    { name: 'shared libvirt-tests corpus', files: xmlFiles(path.join(SHARED_CORPUS, 'libvirt-tests')) },
  ].filter((c) => c.files.length);
}

export function benchFidelity(): void {
  if (!libvirtAvailable()) {
    console.log('libvirt is not available: fidelity not measured (run scripts/install-libvirt.sh and scripts/start-libvirtd.sh)');
    return;
  }
  const verbose = !!process.env.DOMXML_FIDELITY_VERBOSE;
  for (const c of fidelityCorpora()) {
    const r = scoreCorpus(c.name, c.files);
    console.log(`${r.name}: ${r.documents} documents defined by libvirt, ${r.rejected} rejected by it (not scored)`);
    console.log(line('non-address', r.other, 0.98));
    console.log(line('addresses', r.address, 0.95));
    if (r.failures.length) console.log(`  rule failures: ${r.failures.length}\n    ${r.failures.slice(0, 10).join('\n    ')}`);
    if (verbose) {
      const top = (m: Map<string, number>, address: boolean) =>
        [...m.entries()].filter(([k]) => isAddressFact(k) === address).sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `    ${String(v).padStart(4)}  ${k}`).join('\n');
      for (const address of [false, true]) {
        const what = address ? 'addresses' : 'non-address';
        console.log(`  most missed (${what}):\n${top(r.missed, address)}\n  most wrong (${what}):\n${top(r.wrong, address)}`);
      }
    }
  }
}
