/**
 * A second XML extension next to ours: the tiny extension in
 * test/e2e/fixtures/other-xml-extension/ (contributes the `xml` language for
 * .xml files, activates on onLanguage:xml, publishes one warning per XML
 * document with source 'otherxml' and answers hovers) is packaged here with
 * `npx vsce package` and installed together with domxml.vsix. Both must
 * work: our diagnostics and hover on a <domain> document, theirs on it and on
 * a non-domain XML document, where we stay silent.
 *
 * Skipped when there is no domxml.vsix (build it with `npm run package`).
 */
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Problem } from './browser';
import { makeWorkspace, repoRoot } from './codeServer';
import { useWorkbench } from './session';

const VSIX = process.env.DOMXML_E2E_VSIX || path.join(repoRoot(), 'domxml.vsix');
const FIXTURE = path.join(repoRoot(), 'test', 'e2e', 'workspace');
const OTHER_SOURCES = path.join(repoRoot(), 'test', 'e2e', 'fixtures', 'other-xml-extension');

const NETWORK = `<network>
  <name>default</name>
  <forward mode='nat'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'/>
</network>
`;

const inFile = (p: Problem, name: string) => p.file.endsWith(`${path.sep}${name}`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Packages the fixture extension from a temporary copy (nothing is written
 * into the repository) with the repository's own @vscode/vsce: `npx --no
 * --prefix <repo> vsce package` (--prefix so that npx finds the repository's
 * vsce from the copy's folder, --no so that it never downloads anything).
 */
async function packageOtherExtension(outDir: string): Promise<string> {
  const src = path.join(outDir, 'other-xml-extension');
  fs.cpSync(OTHER_SOURCES, src, { recursive: true });
  const vsix = path.join(outDir, 'other-xml-extension.vsix');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const args = [
    '--no',
    '--prefix',
    repoRoot(),
    '--',
    'vsce',
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--skip-license',
    '-o',
    vsix,
  ];
  await new Promise<void>((resolve, reject) =>
    execFile(npx, args, { cwd: src, timeout: 120_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`npx ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`)) : resolve(),
    ),
  );
  if (!fs.existsSync(vsix)) {
    throw new Error(`vsce did not write ${vsix}`);
  }
  return vsix;
}

describe('e2e: domxml.vsix next to another XML extension', function () {
  this.timeout(180_000);

  const s = useWorkbench('otherxml', async function (alsoRemove) {
    if (!fs.existsSync(VSIX)) {
      console.warn(`    (no ${VSIX}: run \`npm run package\` first)`);
      this.skip();
    }
    const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-e2e-otherxml-'));
    alsoRemove.push(buildDir);
    const other = await packageOtherExtension(buildDir);
    const workspace = makeWorkspace({
      'web01.xml': fs.readFileSync(path.join(FIXTURE, 'web01.xml'), 'utf8'),
      'network.xml': NETWORK,
    });
    return { workspace, vsix: [VSIX, other], settings: { 'domxml.profile': 'debian-12', 'domxml.defaults': 'diagnostics' } }; // every fill a Problems entry (editorFeatures.e2e.ts tests the ranked default)
  });

  it('both extensions are installed', async function () {
    const installed = fs.readdirSync(s.server.extensionsDir);
    assert.ok(
      installed.some((d) => d.startsWith('domxml.libvirt-domain-xml-')),
      JSON.stringify(installed),
    );
    assert.ok(
      installed.some((d) => d.startsWith('domxml-e2e.other-xml-extension-')),
      JSON.stringify(installed),
    );
  });

  it('a <domain> document gets our diagnostics and theirs', async function () {
    // network.xml first: once web01.xml has our diagnostics, our server (which
    // answers in order) has had network.xml's turn too (last test).
    await s.wb.openFile('network.xml');
    await s.wb.openFile('web01.xml');
    assert.strictEqual(await s.wb.languageMode(), 'XML');
    const problems = await s.wb.waitForProblems(
      (ps) =>
        ps.some(
          (p) => inFile(p, 'web01.xml') && p.source === 'domxml' && /will store machine='pc-q35-7\.2' instead of 'q35'/.test(p.message),
        ) && ps.some((p) => inFile(p, 'web01.xml') && p.source === 'otherxml'),
      90_000,
    );
    const theirs = problems.find((p) => inFile(p, 'web01.xml') && p.source === 'otherxml')!;
    assert.strictEqual(theirs.severity, 'warning');
    assert.match(theirs.message, /^otherxml: checked <domain> \(\d+ elements\)$/);
    assert.strictEqual(theirs.line, 1);
    assert.ok(problems.filter((p) => inFile(p, 'web01.xml') && p.source === 'domxml' && p.code === 'abi-default').length >= 10);
    await s.wb.screenshot('otherxml-problems.png');
  });

  it('a hover shows both our explanation and theirs', async function () {
    await s.wb.openFile('web01.xml');
    let text = '';
    for (let i = 0; i < 5 && !(/pc-q35-7\.2/.test(text) && /otherxml/.test(text)); i++) {
      text = await s.wb.hoverAt(6, 'q35');
      if (!(/pc-q35-7\.2/.test(text) && /otherxml/.test(text))) {
        await sleep(1000);
      }
    }
    assert.match(text, /stores\s+machine='pc-q35-7\.2'/, text);
    assert.match(text, /otherxml hover: q35/, text);
    await s.wb.screenshot('otherxml-hover.png');
    await s.wb.page.keyboard.press('Escape');
  });

  it('a libvirt <network> gets their diagnostic and nothing from us', async function () {
    await s.wb.openFile('network.xml');
    assert.strictEqual(await s.wb.languageMode(), 'XML');
    await s.wb.waitForProblems((ps) => ps.some((p) => inFile(p, 'network.xml') && p.source === 'otherxml'), 60_000);
    await sleep(1000);
    const network = (await s.wb.readProblems()).filter((p) => inFile(p, 'network.xml'));
    assert.deepStrictEqual(
      network.map((p) => `${p.source}: ${p.message}`),
      ['otherxml: otherxml: checked <network> (4 elements)'],
    );
    await s.wb.screenshot('otherxml-network.png');
  });
});
