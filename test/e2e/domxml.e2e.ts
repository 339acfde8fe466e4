/**
 * The packaged extension (domxml.vsix at the repo root, or $DOMXML_E2E_VSIX)
 * installed into a real VS Code: a broken <domain> document (fixture
 * test/e2e/workspace/vm.xml) gets our error in the Problems panel; a valid one
 * (web01.xml) a hover and quick fixes. The palette commands and the status bar
 * are in domxml-commands.e2e.ts, a second XML extension in otherxml.e2e.ts.
 *
 * Skipped when there is no vsix yet (build it with `npm run package`).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeWorkspace, repoRoot } from './codeServer';
import { useWorkbench } from './session';

const VSIX = process.env.DOMXML_E2E_VSIX || path.join(repoRoot(), 'domxml.vsix');
const FIXTURE = path.join(repoRoot(), 'test', 'e2e', 'workspace');

describe('e2e: domxml.vsix in VS Code', function () {
  this.timeout(180_000);

  const s = useWorkbench('domxml', async function () {
    if (!fs.existsSync(VSIX)) {
      console.warn(`    (no ${VSIX}: run \`npm run package\` first)`);
      this.skip();
    }
    const built = path.join(repoRoot(), 'dist', 'server.js');
    if (fs.existsSync(built) && fs.statSync(built).mtimeMs > fs.statSync(VSIX).mtimeMs) {
      console.warn(`    (warning: ${path.basename(VSIX)} is older than dist/: it tests what was packaged, not the latest build)`);
    }
    const workspace = makeWorkspace({}, FIXTURE);
    return { workspace, vsix: [VSIX] };
  });

  it('lists the unclosed element of vm.xml as a domxml error', async function () {
    await s.wb.openFile('vm.xml');
    const problems = await s.wb.waitForProblems((ps) => ps.some((p) => p.source === 'domxml' && p.severity === 'error'), 90_000);
    const err = problems.find((p) => p.source === 'domxml' && p.severity === 'error')!;
    assert.strictEqual(err.line, 3, JSON.stringify(err));
    assert.ok(err.file.endsWith(`${path.sep}vm.xml`), err.file);
    await s.wb.screenshot('domxml-problems.png');
  });

  it('shows a hover on the machine type of a valid domain', async function () {
    await s.wb.openFile('web01.xml');
    await s.wb.waitForProblems((ps) => ps.some((p) => p.file.endsWith(`${path.sep}web01.xml`) && p.source === 'domxml'), 90_000);
    const text = await s.wb.hoverAt(6, 'machine');
    assert.match(text, /pc-q35-/, text);
    await s.wb.screenshot('domxml-hover.png');
    await s.wb.screenshot('docs-hover.png', { clipTo: ['.part.editor', '.monaco-editor .monaco-hover:not(.hidden)'] });
  });

  it('offers the pin quick fixes in the Quick Fix menu at the machine type', async function () {
    await s.wb.openFile('web01.xml');
    const titles = await s.wb.openQuickFixMenu({ line: 6, at: "'q35'" }, (t) => t.some((x) => /^Pin machine type pc-q35-[\d.]+$/.test(x)));
    try {
      await s.wb.screenshot('domxml-quickfix-menu.png');
    } finally {
      await s.wb.page.keyboard.press('Escape');
    }
    assert.ok(
      titles.some((t) => /^Pin machine type pc-q35-/.test(t)),
      JSON.stringify(titles),
    );
    // At <devices>: every device define adds implicitly, and the addresses it assigns.
    const devices = await s.wb.openQuickFixMenu({ line: 13, at: '<devices>' }, (t) =>
      t.includes('Make implicit USB controller explicit (qemu-xhci)'),
    );
    try {
      await s.wb.screenshot('domxml-quickfix-menu-devices.png');
      await s.wb.screenshot('docs-quick-fixes.png', { clipTo: ['.part.editor', '.action-widget'] });
    } finally {
      await s.wb.page.keyboard.press('Escape');
    }
    assert.ok(
      devices.some((t) => /^Pin USB controller address \(PCI [\da-f]{2}:[\da-f]{2}\.\d\)$/.test(t)),
      JSON.stringify(devices),
    );
  });

  it('pins the machine type with a quick fix', async function () {
    await s.wb.openFile('web01.xml');
    const applied = await s.wb.applyQuickFix(/^Pin machine type/, { line: 6, at: "'q35'" });
    const line6 = (await s.wb.getEditorText()).split(/\r?\n/)[5];
    assert.match(line6, /machine='pc-q35-[\d.]+'/, `${applied}: ${line6}`);
    await s.wb.screenshot('domxml-quickfix.png');
  });
});
