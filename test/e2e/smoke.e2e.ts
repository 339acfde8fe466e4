/**
 * Smoke test of the e2e infrastructure: a real VS Code (code-server 4.99.4)
 * in headless Chromium shows a JSON syntax error in the Problems panel.
 *
 * Run with scripts/e2e/run.sh (npm run test:e2e).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { Browser } from 'playwright-core';
import { launchBrowser, Workbench } from './browser';
import { CodeServer, makeWorkspace, startCodeServer } from './codeServer';

describe('e2e smoke: code-server + Chromium', function () {
  this.timeout(180_000);

  let workspace = '';
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench | undefined;

  before(async function () {
    workspace = makeWorkspace({
      // line 3: a doubled comma -> "Value expected"
      'broken.json': '{\n  "name": "smoke",\n  "list": [1, 2,, 3]\n}\n',
    });
    server = await startCodeServer({ workspace });
    browser = await launchBrowser();
    wb = await Workbench.open(browser, server);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      await wb.saveDebugArtifacts(`FAILED-smoke-${this.currentTest.title}`);
    }
  });

  after(async function () {
    await wb?.close();
    await browser?.close();
    await server?.stop();
    if (workspace) {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('lists the JSON syntax error in the Problems panel', async function () {
    await wb!.openFile('broken.json');
    const problems = await wb!.waitForProblems((ps) => ps.some((p) => p.source === 'json'), 60_000);
    const p = problems.find((x) => x.source === 'json')!;
    assert.strictEqual(p.severity, 'error');
    assert.strictEqual(p.message, 'Value expected');
    assert.strictEqual(p.line, 3);
    assert.ok(p.file.endsWith('broken.json'), p.file);
    await wb!.screenshot('smoke-problems.png');
  });
});
