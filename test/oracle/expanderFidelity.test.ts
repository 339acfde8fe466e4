/**
 * The expander against real libvirt, per Debian release: for each daemon
 * (7.0 bullseye, 9.0 bookworm, 11.3 trixie) define each corpus document,
 * compare its dumpxml with `expand` under that release's profile, fact by
 * fact. The fixtures' answers are committed (test/oracle/truth/<version>), so
 * this runs offline; the shared corpus is scored when its cached answers or
 * the daemon are there. Floors sit just under the measured level, per
 * version (goals: >= 0.98 non-address, >= 0.95 addresses; `npm run bench
 * fidelity` prints the table).
 */
import * as assert from 'assert';
import { precision, recall } from './facts';
import { fidelityCorpora, scoreCorpus } from './fidelity';
import { DAEMONS, oracleUsable, unavailableReason } from './virsh';

/** measured floors per version: [non-address P, R, address P, R] */
const FLOORS: Record<string, [number, number, number, number]> = {
  // 7.0: QEMU 5.2 fills fewer defaults than the 9.0-derived rules predict (see report)
  '7.0': [0.91, 0.99, 0.99, 0.99],
  '9.0': [0.98, 0.97, 0.97, 0.95],
  // 11.3: newer fills the rules do not know yet (audio, ...), recall lags
  '11.3': [0.99, 0.95, 0.99, 0.99],
};

for (const daemon of DAEMONS) {
  describe(`expander fidelity against real libvirt ${daemon.version} (${daemon.profile})`, function () {
    this.timeout(30 * 60_000);
    before(function () {
      if (!oracleUsable(daemon)) {
        console.log(`      skipped: ${unavailableReason(daemon)} and no committed truth for it`);
        this.skip();
      }
    });

    for (const corpus of fidelityCorpora()) {
      it(`predicts what libvirt ${daemon.version} adds: ${corpus.name}`, function () {
        const r = scoreCorpus(corpus.name, corpus.files, daemon);
        if (r.documents === 0 && r.unanswered > 0) {
          console.log(`      skipped: ${unavailableReason(daemon)} and no stored answers for ${corpus.name}`);
          this.skip();
        }
        const summary = `non-address P ${precision(r.other).toFixed(3)} R ${recall(r.other).toFixed(3)}; address P ${precision(r.address).toFixed(3)} R ${recall(r.address).toFixed(3)} over ${r.documents} documents (${r.rejected} rejected, ${r.unanswered} unanswered)`;
        console.log(`      ${summary}`);
        const [p, rc, ap, ar] = FLOORS[daemon.version];
        assert.ok(r.documents >= 10, `at least 10 documents defined (${r.documents})`);
        assert.deepStrictEqual(r.failures, [], 'no rule throws');
        assert.ok(precision(r.other) >= p, `non-address precision: ${summary}`);
        assert.ok(recall(r.other) >= rc, `non-address recall: ${summary}`);
        assert.ok(precision(r.address) >= ap, `address precision: ${summary}`);
        assert.ok(recall(r.address) >= ar, `address recall: ${summary}`);
      });
    }
  });
}
