/**
 * Proves each e2e helper against VS Code's built-in language features
 * (JSON, CSS), so a failure in an extension test can be told apart from a
 * broken harness. Screenshots go to test-artifacts/e2e/helpers-*.png.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Browser } from 'playwright-core';
import { launchBrowser, Workbench } from './browser';
import { CodeServer, makeWorkspace, startCodeServer } from './codeServer';

const SETTINGS_JSON = '{\n  "editor.fontSize": 14,\n  "editor.tabSize": 2\n}\n';
const UGLY_JSON = '{"b":[1,2],"a":{"c":true}}';
// 30 unknown properties: more warnings than the Problems panel shows at once.
const MANY_CSS = `body {\n${Array.from({ length: 30 }, (_, i) => `  unknownprop${i}: 1px;`).join('\n')}\n}\n`;

describe('e2e helpers against built-in features', function () {
  this.timeout(180_000);

  let workspace = '';
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench | undefined;

  before(async function () {
    workspace = makeWorkspace({
      '.vscode/settings.json': SETTINGS_JSON,
      'ugly.json': UGLY_JSON,
      'typo.css': 'body {\n  colr: red;\n}\n',
      'many.css': MANY_CSS,
      'sub/dup.json': '{"where": "sub"}\n',
      'dup.json': '{"where": "root"}\n',
    });
    server = await startCodeServer({ workspace });
    browser = await launchBrowser();
    wb = await Workbench.open(browser, server);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      await wb.saveDebugArtifacts(`FAILED-helpers-${this.currentTest.title}`);
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

  it('openFile + getEditorText read the whole model; languageMode', async function () {
    await wb!.openFile('.vscode/settings.json');
    assert.strictEqual(await wb!.getEditorText(), SETTINGS_JSON);
    assert.strictEqual(await wb!.languageMode(), 'JSON with Comments');
    await wb!.openFile('sub/dup.json');
    assert.strictEqual(await wb!.getEditorText(), '{"where": "sub"}\n');
    await wb!.openFile('dup.json');
    assert.strictEqual(await wb!.getEditorText(), '{"where": "root"}\n');
  });

  it('goTo + getEditorText keep the cursor where it was', async function () {
    await wb!.openFile('.vscode/settings.json');
    await wb!.goTo(3, 5);
    await wb!.getEditorText();
    assert.deepStrictEqual(await wb!.cursorPosition(), { line: 3, column: 5 });
  });

  it('hoverAt shows the settings schema description', async function () {
    await wb!.openFile('.vscode/settings.json');
    const byText = await wb!.hoverAt(2, 'editor.fontSize');
    assert.match(byText, /Controls the font size in pixels/);
    await wb!.screenshot('helpers-hover.png');
    const byColumn = await wb!.hoverAt(3, 6);
    assert.match(byColumn, /number of spaces a tab is equal to/i);
  });

  it('runCommand runs built-in commands (Sort Lines Ascending, Format Document)', async function () {
    await wb!.openFile('ugly.json');
    await wb!.setEditorText('c\nb\na\n');
    await wb!.runCommand('Sort Lines Ascending');
    assert.strictEqual(await wb!.getEditorText(), 'a\nb\nc\n');
    await wb!.setEditorText(UGLY_JSON);
    // Formatting needs the JSON language server, which may still be starting:
    // like a person, run the command again if nothing happened.
    const want = '{\n  "b": [\n    1,\n    2\n  ],\n  "a": {\n    "c": true\n  }\n}';
    let text = '';
    for (let attempt = 0; attempt < 5 && text !== want; attempt++) {
      await wb!.runCommand('Format Document');
      const until = Date.now() + 4000;
      while (Date.now() < until && (text = await wb!.getEditorText()) !== want) {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    assert.strictEqual(text, want);
    await wb!.save();
    assert.strictEqual(fs.readFileSync(path.join(workspace, 'ugly.json'), 'utf8'), want);
  });

  it('readProblems reads every row of a long, virtualised list', async function () {
    await wb!.openFile('many.css');
    const problems = await wb!.waitForProblems((ps) => ps.filter((p) => p.file.endsWith('many.css')).length >= 30);
    const css = problems.filter((p) => p.file.endsWith('many.css'));
    assert.strictEqual(css.length, 30);
    assert.deepStrictEqual(
      css.map((p) => p.line),
      Array.from({ length: 30 }, (_, i) => i + 2),
    );
    assert.ok(css.every((p) => p.severity === 'warning' && p.source === 'css' && /Unknown property/.test(p.message)), JSON.stringify(css[0]));
    await wb!.screenshot('helpers-problems-many.png');
  });

  it('applyQuickFix applies a CSS quick fix', async function () {
    await wb!.openFile('typo.css');
    await wb!.waitForProblems((ps) => ps.some((p) => p.file.endsWith('typo.css') && /Unknown property/.test(p.message)));
    const applied = await wb!.applyQuickFix("Rename to 'color'", { line: 2, at: 'colr' });
    assert.strictEqual(applied, "Rename to 'color'");
    assert.strictEqual(await wb!.getEditorText(), 'body {\n  color: red;\n}\n');
    await wb!.waitForProblems((ps) => !ps.some((p) => p.file.endsWith('typo.css')));
    await wb!.screenshot('helpers-quickfix.png');
  });

  it('setEditorText replaces the document', async function () {
    await wb!.openFile('dup.json');
    await wb!.setEditorText('{\n  "replaced": [1, 2,, 3]\n}\n');
    const ps = await wb!.waitForProblems((p) => p.some((x) => x.file.endsWith(`${path.sep}dup.json`) && x.message === 'Value expected'));
    assert.ok(ps.length >= 1);
    await wb!.screenshot('helpers-set-text.png');
  });
});
