/**
 * Smoke test of the e2e infrastructure: a real VS Code (code-server 4.99.4)
 * in headless Chromium shows a JSON syntax error in the Problems panel.
 *
 * Run with scripts/e2e/run.sh (npm run test:e2e).
 */
import * as assert from 'assert';
import { makeWorkspace } from './codeServer';
import { useWorkbench } from './session';

describe('e2e smoke: code-server + Chromium', function () {
  this.timeout(180_000);

  const s = useWorkbench('smoke', async function () {
    const workspace = makeWorkspace({
      // line 3: a doubled comma -> "Value expected"
      'broken.json': '{\n  "name": "smoke",\n  "list": [1, 2,, 3]\n}\n',
    });
    return { workspace };
  });

  it('lists the JSON syntax error in the Problems panel', async function () {
    await s.wb.openFile('broken.json');
    const problems = await s.wb.waitForProblems((ps) => ps.some((p) => p.source === 'json'), 60_000);
    const p = problems.find((x) => x.source === 'json')!;
    assert.strictEqual(p.severity, 'error');
    assert.strictEqual(p.message, 'Value expected');
    assert.strictEqual(p.line, 3);
    assert.ok(p.file.endsWith('broken.json'), p.file);
    await s.wb.screenshot('smoke-problems.png');
  });
});
