/**
 * What the pin commands and the stored-XML preview show, in a real VS Code,
 * on domains virt-install wrote (double quotes) from the shared corpus:
 *
 * - after "Pin All ABI Defaults" no abi-default finding is left (the root
 *   ports' chassis and port are abi-address findings, for the address pin);
 * - "Show What libvirt Will Store" keeps the document's double quotes and
 *   attribute order: no line of its diff differs from the document only in
 *   quoting (screenshot pin-stored-diff.png);
 * - the target-profile status item shows for a domain only, not for a
 *   pom.xml or a libvirt <network>.
 *
 * Skipped without the vsix or the shared corpus.
 */
import * as assert from 'assert';
import { diffLines } from 'diff';
import * as fs from 'fs';
import * as path from 'path';
import { Problem } from './browser';
import { makeWorkspace, repoRoot } from './codeServer';
import { useWorkbench } from './session';

const VSIX = process.env.DOMXML_E2E_VSIX || path.join(repoRoot(), 'domxml.vsix');
const CORPUS = path.join(repoRoot(), '..', 'shared', 'corpus', 'virt-install');
/** q35 domains with 14 written root ports, and domains of other shapes */
const DOMAINS = [
  'virt-install-graphics-usb-disable.xml',
  'virt-install-cloud-init-default--1.xml',
  'virt-install-cdrom-centos-label--1.xml',
  'virt-install-arm-vexpress-plain.xml',
];

const POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId>
  <artifactId>demo</artifactId>
  <version>1.0</version>
</project>
`;

const NETWORK = `<network>
  <name>default</name>
  <bridge name="virbr0"/>
</network>
`;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const inFile = (p: Problem, name: string) => p.file.endsWith(`${path.sep}${name}`);

describe('e2e: pin commands and the stored-XML preview', function () {
  this.timeout(300_000);

  const s = useWorkbench('pin', async function () {
    const present = DOMAINS.filter((f) => fs.existsSync(path.join(CORPUS, f)));
    if (!fs.existsSync(VSIX) || present.length < DOMAINS.length) {
      console.warn(`    (needs ${VSIX} and the shared corpus)`);
      this.skip();
    }
    const files: Record<string, string> = { 'pom.xml': POM, 'network.xml': NETWORK };
    for (const f of present) files[f] = fs.readFileSync(path.join(CORPUS, f), 'utf8');
    return { workspace: makeWorkspace(files), vsix: [VSIX], settings: { 'domxml.profile': 'debian-12' } };
  });

  for (const name of DOMAINS) {
    it(`${name}: Pin All ABI Defaults leaves no abi-default finding`, async function () {
      await s.wb.openFile(name);
      const before = await s.wb.waitForProblems((ps) => ps.some((p) => inFile(p, name) && p.code === 'abi-default'), 90_000);
      const text = await s.wb.getEditorText();
      await s.wb.runCommand('Domain XML: Pin All ABI Defaults');
      for (const until = Date.now() + 15_000; (await s.wb.getEditorText()) === text && Date.now() < until;) await sleep(200);
      assert.notStrictEqual(await s.wb.getEditorText(), text, 'nothing was pinned');
      const after = await s.wb
        .waitForProblems((ps) => !ps.some((p) => inFile(p, name) && p.code === 'abi-default'), 30_000)
        .catch(async () => s.wb.readProblems());
      const left = after.filter((p) => inFile(p, name) && p.code === 'abi-default');
      assert.deepStrictEqual(
        left.map((p) => `${p.line}: ${p.message}`),
        [],
        `${before.filter((p) => inFile(p, name)).length} findings before`,
      );
      // a second Pin All has nothing more to do, and says so
      await s.wb.runCommand('Domain XML: Pin All ABI Defaults');
      await s.wb.waitForNotification(/Nothing (more )?to pin/);
      await s.wb.clearNotifications();
      await s.wb.runCommand('File: Revert File');
    });
  }

  it('Show What libvirt Will Store keeps double quotes and attribute order: the diff shows only what libvirt changes', async function () {
    const name = 'virt-install-cdrom-centos-label--1.xml';
    await s.wb.openFile(name);
    const original = fs.readFileSync(path.join(s.workspace, name), 'utf8');
    await s.wb.runCommand('Domain XML: Show What libvirt Will Store (Expanded XML)');
    await s.wb.waitForDiffEditor((d) => /<memory unit="KiB">/.test(d.modified), 30_000);
    await sleep(800);
    await s.wb.screenshot('pin-stored-diff.png', { clipTo: ['.part.editor'] });
    const right = await s.wb.getEditorText();
    assert.match(right, /<domain type="kvm"/, right.slice(0, 200));
    const removed: string[] = [];
    const added: string[] = [];
    for (const part of diffLines(original, right)) {
      const lines = part.value.split('\n').filter((l) => l.trim());
      if (part.removed) removed.push(...lines);
      else if (part.added) added.push(...lines);
    }
    const requoted = (l: string) => l.replace(/'/g, '"').trim();
    const onlyQuotes = removed.filter((l) => added.some((a) => requoted(a) === requoted(l) && a.trim() !== l.trim()));
    assert.deepStrictEqual(onlyQuotes, [], 'lines that differ only in quoting');
    const kept = original.split('\n').filter((l) => l.trim()).length - removed.length;
    assert.ok(kept > removed.length, `${removed.length} lines changed, ${kept} kept:\n${removed.join('\n')}`);
    await s.wb.runCommand('View: Close Editor');
  });

  it('the target-profile status item shows for a domain, not for pom.xml or a libvirt <network>', async function () {
    await s.wb.openFile(DOMAINS[0]);
    await s.wb.waitForStatusBarItem('domxml.profile', (t) => t === 'Debian 12');
    for (const other of ['pom.xml', 'network.xml']) {
      await s.wb.openFile(other);
      for (let i = 0; i < 50 && (await s.wb.statusBarItems()).some((x) => x.id.endsWith('.domxml.profile')); i++) await sleep(200);
      const shown = (await s.wb.statusBarItems()).filter((x) => x.id.endsWith('.domxml.profile'));
      assert.deepStrictEqual(shown, [], `shown for ${other}`);
    }
    await s.wb.screenshot('pin-status-hidden-network.png');
    await s.wb.openFile(DOMAINS[0]);
    await s.wb.waitForStatusBarItem('domxml.profile', (t) => t === 'Debian 12');
  });
});
