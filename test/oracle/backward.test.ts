/**
 * Backward migration on real daemons (see backward.ts): newer-stored XML of
 * every fixture defined on each older libvirt, and the floor diagnostics
 * compared with what happened. Runs offline from committed truth.
 * DOMXML_BACKWARD_VERBOSE=1 lists the misses.
 */
import * as assert from 'assert';
import { backwardSummary, measurePair, PAIRS, pairName, scoreBackward } from './backward';
import { oracleUsable, unavailableReason } from './virsh';

describe('backward migration: newer-stored XML defined on an older libvirt (oracle)', function () {
  this.timeout(30 * 60_000);
  for (const p of PAIRS) {
    it(`${pairName(p)}: rejections and drops predicted by the floor checks`, function () {
      for (const d of [p.newer, p.older]) {
        if (!oracleUsable(d)) {
          console.log(`      skipped: ${unavailableReason(d)} and no committed truth for it`);
          this.skip();
        }
      }
      const cases = measurePair(p);
      if (!cases) {
        console.log(`      skipped: answers of libvirt ${p.older.version} for ${pairName(p)} neither committed nor live`);
        this.skip();
      }
      const s = scoreBackward(cases);
      const summary = backwardSummary(pairName(p), s);
      console.log(`      ${summary}`);
      const verbose = !!process.env.DOMXML_BACKWARD_VERBOSE;
      const top = (m: Map<string, number>) =>
        [...m]
          .sort((a, b) => b[1] - a[1])
          .slice(0, verbose ? 100 : 8)
          .map(([k, v]) => `${v}x ${k}`);
      if (s.missedRejects.length)
        console.log(`        missed rejections:\n          ${s.missedRejects.slice(0, verbose ? 100 : 8).join('\n          ')}`);
      if (s.missedDrops.size) console.log(`        missed drops:\n          ${top(s.missedDrops).join('\n          ')}`);
      if (s.wrongDrops.size) console.log(`        wrong drops:\n          ${top(s.wrongDrops).join('\n          ')}`);
      const extra = cases.filter((c) => c.rejection === undefined && c.otherErrors.length);
      if (extra.length)
        console.log(
          `        errors on accepted documents:\n          ${extra
            .slice(0, 8)
            .map((c) => `${c.fixture.split('/').pop()}: ${c.otherErrors.join('; ')}`)
            .join('\n          ')}`,
        );
      assert.ok(s.documents >= 10, summary);
      assert.ok(s.falseRejects <= s.documents, summary);
    });
  }
});
