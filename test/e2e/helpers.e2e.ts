/**
 * Proves each e2e helper against VS Code's built-in language features
 * (JSON, CSS), so a failure in an extension test can be told apart from a
 * broken harness. Screenshots go to test-artifacts/e2e/helpers-*.png.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeWorkspace } from './codeServer';
import { useWorkbench } from './session';

const SETTINGS_JSON = '{\n  "editor.fontSize": 14,\n  "editor.tabSize": 2\n}\n';
const UGLY_JSON = '{"b":[1,2],"a":{"c":true}}';
// 30 unknown properties: more warnings than the Problems panel shows at once.
const MANY_CSS = `body {\n${Array.from({ length: 30 }, (_, i) => `  unknownprop${i}: 1px;`).join('\n')}\n}\n`;

describe('e2e helpers against built-in features', function () {
  this.timeout(180_000);

  const s = useWorkbench('helpers', async function () {
    const workspace = makeWorkspace({
      '.vscode/settings.json': SETTINGS_JSON,
      'ugly.json': UGLY_JSON,
      'typo.css': 'body {\n  colr: red;\n}\n',
      'many.css': MANY_CSS,
      'sub/dup.json': '{"where": "sub"}\n',
      'dup.json': '{"where": "root"}\n',
    });
    return { workspace };
  });

  it('openFile + getEditorText read the whole model; languageMode', async function () {
    await s.wb.openFile('.vscode/settings.json');
    assert.strictEqual(await s.wb.getEditorText(), SETTINGS_JSON);
    assert.strictEqual(await s.wb.languageMode(), 'JSON with Comments');
    await s.wb.openFile('sub/dup.json');
    assert.strictEqual(await s.wb.getEditorText(), '{"where": "sub"}\n');
    await s.wb.openFile('dup.json');
    assert.strictEqual(await s.wb.getEditorText(), '{"where": "root"}\n');
  });

  it('goTo + getEditorText keep the cursor where it was', async function () {
    await s.wb.openFile('.vscode/settings.json');
    await s.wb.goTo(3, 5);
    await s.wb.getEditorText();
    assert.deepStrictEqual(await s.wb.cursorPosition(), { line: 3, column: 5 });
  });

  it('hoverAt shows the settings schema description', async function () {
    await s.wb.openFile('.vscode/settings.json');
    const byText = await s.wb.hoverAt(2, 'editor.fontSize');
    assert.match(byText, /Controls the font size in pixels/);
    await s.wb.screenshot('helpers-hover.png');
    const byColumn = await s.wb.hoverAt(3, 6);
    assert.match(byColumn, /number of spaces a tab is equal to/i);
  });

  it('runCommand runs built-in commands (Sort Lines Ascending, Format Document)', async function () {
    await s.wb.openFile('ugly.json');
    await s.wb.setEditorText('c\nb\na\n');
    await s.wb.runCommand('Sort Lines Ascending');
    assert.strictEqual(await s.wb.getEditorText(), 'a\nb\nc\n');
    await s.wb.setEditorText(UGLY_JSON);
    // Formatting needs the JSON language server, which may still be starting:
    // like a person, run the command again if nothing happened.
    const want = '{\n  "b": [\n    1,\n    2\n  ],\n  "a": {\n    "c": true\n  }\n}';
    let text = '';
    for (let attempt = 0; attempt < 5 && text !== want; attempt++) {
      await s.wb.runCommand('Format Document');
      const until = Date.now() + 4000;
      while (Date.now() < until && (text = await s.wb.getEditorText()) !== want) {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    assert.strictEqual(text, want);
    await s.wb.save();
    assert.strictEqual(fs.readFileSync(path.join(s.workspace, 'ugly.json'), 'utf8'), want);
  });

  it('readProblems reads every row of a long, virtualised list', async function () {
    await s.wb.openFile('many.css');
    const problems = await s.wb.waitForProblems((ps) => ps.filter((p) => p.file.endsWith('many.css')).length >= 30);
    const css = problems.filter((p) => p.file.endsWith('many.css'));
    assert.strictEqual(css.length, 30);
    assert.deepStrictEqual(
      css.map((p) => p.line),
      Array.from({ length: 30 }, (_, i) => i + 2),
    );
    assert.ok(
      css.every((p) => p.severity === 'warning' && p.source === 'css' && /Unknown property/.test(p.message)),
      JSON.stringify(css[0]),
    );
    await s.wb.screenshot('helpers-problems-many.png');
  });

  it('applyQuickFix applies a CSS quick fix', async function () {
    await s.wb.openFile('typo.css');
    await s.wb.waitForProblems((ps) => ps.some((p) => p.file.endsWith('typo.css') && /Unknown property/.test(p.message)));
    const applied = await s.wb.applyQuickFix("Rename to 'color'", { line: 2, at: 'colr' });
    assert.strictEqual(applied, "Rename to 'color'");
    assert.strictEqual(await s.wb.getEditorText(), 'body {\n  color: red;\n}\n');
    await s.wb.waitForProblems((ps) => !ps.some((p) => p.file.endsWith('typo.css')));
    await s.wb.screenshot('helpers-quickfix.png');
  });

  it('setEditorText replaces the document', async function () {
    await s.wb.openFile('dup.json');
    await s.wb.setEditorText('{\n  "replaced": [1, 2,, 3]\n}\n');
    const ps = await s.wb.waitForProblems((p) => p.some((x) => x.file.endsWith(`${path.sep}dup.json`) && x.message === 'Value expected'));
    assert.ok(ps.length >= 1);
    await s.wb.screenshot('helpers-set-text.png');
  });
});
