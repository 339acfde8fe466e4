/**
 * Expander fidelity against real libvirt: precision and recall over the facts
 * libvirt adds at define time, separately for addresses and everything else,
 * on the project's fixture corpus (seen) and the shared corpus (written by
 * others, never tuned against file by file).
 *
 * Set DOMXML_FIDELITY_VERBOSE=1 for the most frequent misses and wrong guesses.
 */
import { isAddressFact, precision, recall, Score } from '../test/oracle/facts';
import { fidelityCorpora, scoreCorpus } from '../test/oracle/fidelity';
import { libvirtAvailable } from '../test/oracle/virsh';
import { goal } from './stats';

function line(label: string, s: Score, target: number): string {
  const p = precision(s);
  const rc = recall(s);
  return `  ${label.padEnd(12)} precision ${p.toFixed(3)}  recall ${rc.toFixed(3)}  (${s.truePositives} right of ${s.predicted} predicted, ${s.actual} added by libvirt)  ${goal(Math.min(p, rc), target, false)}`;
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
        [...m.entries()]
          .filter(([k]) => isAddressFact(k) === address)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 30)
          .map(([k, v]) => `    ${String(v).padStart(4)}  ${k}`)
          .join('\n');
      for (const address of [false, true]) {
        const what = address ? 'addresses' : 'non-address';
        console.log(`  most missed (${what}):\n${top(r.missed, address)}\n  most wrong (${what}):\n${top(r.wrong, address)}`);
      }
    }
  }
}
