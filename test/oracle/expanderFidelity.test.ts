/**
 * The expander against real libvirt 9.0: define each corpus document, compare
 * dumpxml with `expand` fact by fact. Thresholds sit just under the measured
 * level (goals: >= 0.98 non-address, >= 0.95 addresses; `npm run bench` prints
 * the exact figures).
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
      assert.ok(precision(r.other) >= 0.98, `non-address precision: ${summary}`);
      assert.ok(recall(r.other) >= 0.97, `non-address recall: ${summary}`);
      assert.ok(precision(r.address) >= 0.97, `address precision: ${summary}`);
      assert.ok(recall(r.address) >= 0.95, `address recall: ${summary}`);
    });
  }
});
