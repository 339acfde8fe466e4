/**
 * Runs every mocha test file under out/test (except the editor end-to-end
 * tests, which `npm run test:e2e` runs) and ends with one plain summary line:
 * `tests: N passed, N failed, N skipped`.
 *
 * Usage: node out/test/run.js [substring filter on file paths] [--grep PATTERN]
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

function findTests(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'e2e') findTests(p, out);
    } else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

const args = process.argv.slice(2);
const grepAt = args.indexOf('--grep');
const grep = grepAt >= 0 ? args.splice(grepAt, 2)[1] : undefined;
const filter = args[0];

const mocha = new Mocha({ reporter: 'spec', timeout: 120_000, grep });
for (const f of findTests(__dirname)) if (!filter || f.includes(filter)) mocha.addFile(f);

const runner = mocha.run((failures) => {
  const s = runner.stats!;
  console.log(`\ntests: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
  process.exitCode = failures ? 1 : 0;
});
