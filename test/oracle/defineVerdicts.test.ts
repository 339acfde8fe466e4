/**
 * The fixtures' first comments say what libvirt 9.0 does ("rejected ..." /
 * "accepted ..."), and the offline tests (unit/versionDiagnostics,
 * unit/inventoryChecks) hold the checks to them. Here the real 9.0 daemon
 * confirms every such comment, and for a rejection whose comment quotes
 * libvirt's message, that the daemon says it. Skipped without libvirt 9.0.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES, xmlFiles } from '../helpers';
import { defineAndDump, libvirtAvailable, libvirtVersion } from './virsh';

describe('fixture verdicts confirmed by libvirt 9.0 (oracle)', function () {
  this.timeout(0);
  before(function () {
    if (!libvirtAvailable() || !/^9\.0\./.test(libvirtVersion() ?? '')) this.skip();
  });

  const files = [path.join(FIXTURES, 'version'), path.join(FIXTURES, 'rejected')].flatMap((d) => xmlFiles(d));
  it('every "rejected"/"accepted" comment is what the daemon does, with the quoted message', () => {
    const wrong: string[] = [];
    let n = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const m = /^<!--\s*(rejected|accepted)([^>]*?)-->/i.exec(text);
      if (!m) continue;
      n++;
      const r = defineAndDump(text);
      const name = path.basename(file);
      if (m[1].toLowerCase() === 'accepted') {
        if (!r.ok) wrong.push(`${name}: accepted by the comment, the daemon says: ${r.error}`);
        continue;
      }
      if (r.ok) {
        wrong.push(`${name}: rejected by the comment, the daemon defines it`);
        continue;
      }
      const quote = /"([^"]+)"/.exec(m[2])?.[1].replace(/\s+/g, ' ');
      if (quote && !r.error.includes(quote)) wrong.push(`${name}: the daemon's reason is not "${quote}": ${r.error}`);
    }
    console.log(`      ${n - wrong.length}/${n} fixture verdicts confirmed`);
    assert.ok(n > 0);
    assert.deepStrictEqual(wrong, []);
  });
});
