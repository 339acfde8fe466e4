/**
 * abi-diff against libvirt 9.0's own ABI check: the verdicts of
 * `virsh save-image-define` for each (base, mutated) pair, recorded by
 * abiRecord.ts under DOMXML_ORACLE_LIVE=1 and replayed here offline.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { abiDiff } from '../../server/src/languageservice/abiStability/abiDiff';
import { builtinProfile } from '../../server/src/languageservice/profiles/builtinProfiles';
import { mutations } from './abiMutations';
import { TRUTH_DIR } from './abiRecord';

interface Verdicts {
  libvirt: string;
  pairs: { id: string; accepted: boolean; message: string }[];
}

describe('abi-diff agrees with libvirt 9.0 save-image-define', () => {
  it('on at least 95% of at least 200 pairs', function () {
    const file = path.join(TRUTH_DIR, 'verdicts.json');
    if (!fs.existsSync(file)) this.skip();
    const truth = JSON.parse(fs.readFileSync(file, 'utf8')) as Verdicts;
    const base = fs.readFileSync(path.join(TRUTH_DIR, 'base.xml'), 'utf8');
    const profile = builtinProfile('debian-12')!;
    const byId = new Map(mutations().map((m) => [m.id, m]));
    const disagree: string[] = [];
    let n = 0;
    for (const p of truth.pairs) {
      const m = byId.get(p.id);
      assert.ok(m, `mutation ${p.id} of the truth is gone`);
      n++;
      const r = abiDiff(base, m.apply(base), profile);
      const ours = !r.differences.some((d) => d.abi);
      if (ours !== p.accepted)
        disagree.push(
          `${p.id}: libvirt ${p.accepted ? 'accepts' : `refuses (${p.message})`}; abi-diff ${
            ours
              ? 'finds no ABI change'
              : r.differences
                  .filter((d) => d.abi)
                  .map((d) => d.message)
                  .join('; ')
          }`,
        );
    }
    const agreement = (n - disagree.length) / n;
    console.log(`      abi-diff vs ${truth.libvirt}: ${n - disagree.length}/${n} pairs agree (${(agreement * 100).toFixed(1)}%)`);
    for (const d of disagree) console.log(`        disagree ${d}`);
    assert.ok(n >= 200, `only ${n} pairs`);
    assert.ok(agreement >= 0.95, `agreement ${agreement}`);
  });
});
