/**
 * The expander against real libvirt 9.0: define each corpus document, compare
 * dumpxml with `expand` fact by fact. The thresholds are regression guards at
 * the measured level (the project goals, >= 0.98 non-address and >= 0.95 for
 * addresses, are reported by `npm run bench`).
 */
import * as assert from 'assert';
import { precision, recall } from './facts';
import { fidelityCorpora, scoreCorpus } from './fidelity';
import { libvirtAvailable, libvirtVersion } from './virsh';

describe('expander fidelity against real libvirt', function () {
  this.timeout(30 * 60_000);
  before(function () {
    if (!libvirtAvailable() || !(libvirtVersion() ?? '').startsWith('9.0')) this.skip();
  });

  for (const corpus of fidelityCorpora()) {
    it(`predicts what libvirt adds: ${corpus.name}`, () => {
      const r = scoreCorpus(corpus.name, corpus.files);
      const summary = `non-address P ${precision(r.other).toFixed(3)} R ${recall(r.other).toFixed(3)}; address P ${precision(r.address).toFixed(3)} R ${recall(r.address).toFixed(3)} over ${r.documents} documents`;
      console.log(`      ${summary}`);
      assert.ok(r.documents >= 10, `at least 10 documents defined (${r.documents})`);
      assert.deepStrictEqual(r.failures, [], 'no rule throws');
      assert.ok(precision(r.other) >= 0.97, `non-address precision: ${summary}`);
      assert.ok(recall(r.other) >= 0.45, `non-address recall: ${summary}`);
      assert.ok(precision(r.address) >= 0.9, `address precision: ${summary}`);
    });
  }
});
