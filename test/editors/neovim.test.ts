/**
 * The server inside a second LSP client: Neovim's built-in one, headless.
 * Asserts diagnostics, a hover and a code action's edit as Neovim sees them.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { doc, REPO } from '../helpers';
import { getLanguageService } from '../../server/src/languageservice/languageService';

interface NvimResult {
  diagnostics: { lnum: number; col: number; message: string; severity: number; code: string }[];
  hover?: string;
  actions?: string[];
  line_after?: string;
  lenses?: { line: number; title: string }[];
  symbols?: string[];
  inlay?: { line: number; label: string }[];
  inlay_displayed?: boolean;
  errors: string[];
}

const TEXT = `<domain type='qemu'>\n  <name>nvim</name>\n  <memory unit='MiB'>512</memory>\n  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n  </os>\n  <devices>\n    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/nvim.img'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n  </devices>\n</domain>\n`;

describe('Neovim built-in LSP client', function () {
  this.timeout(60_000);
  let result: NvimResult;

  before(function () {
    if (spawnSync('nvim', ['--version']).status !== 0) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-nvim-'));
    const file = path.join(dir, 'vm.xml');
    fs.writeFileSync(file, TEXT);
    const out = path.join(dir, 'result.json');
    const r = spawnSync(
      'nvim',
      ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(REPO, 'test', 'editors', 'neovim-client.lua')}`],
      {
        env: {
          ...process.env,
          DOMXML_SERVER: path.join(REPO, 'dist', 'server.js'),
          DOMXML_FILE: file,
          DOMXML_OUT: out,
          DOMXML_NO_LOCAL_PROFILE: '1',
        },
        timeout: 50_000,
        encoding: 'utf8',
      },
    );
    assert.ok(fs.existsSync(out), `nvim wrote no result (status ${r.status}): ${r.stderr}`);
    result = JSON.parse(fs.readFileSync(out, 'utf8')) as NvimResult;
    fs.rmSync(dir, { recursive: true, force: true });
    assert.deepStrictEqual(result.errors, []);
  });

  it('shows located ABI diagnostics', () => {
    assert.ok(!result.diagnostics.some((d) => d.code === 'syntax'), JSON.stringify(result.diagnostics));
    const machine = result.diagnostics.find((d) => d.code === 'abi-default' && /pc-i440fx-7\.2/.test(d.message));
    assert.ok(machine, JSON.stringify(result.diagnostics));
    // on the value of machine='pc' (line 5, after `machine='`)
    assert.deepStrictEqual([machine!.lnum, machine!.col], [4, 33]);
    // the same diagnostics the language service gives VS Code for this text (the ABI risks; stable fills are inline)
    const s = getLanguageService();
    s.configure({ profile: 'debian-12' });
    const expected = s
      .doValidation(doc(TEXT))
      .map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`)
      .sort();
    assert.deepStrictEqual(result.diagnostics.map((d) => `${d.lnum}:${d.col} ${d.message}`).sort(), expected);
    assert.ok(!result.diagnostics.some((d) => /memory balloon/.test(d.message)), 'the balloon every release adds is no diagnostic');
  });

  it('shows the code lenses that count what libvirt adds (the balloon among the devices)', () => {
    const devices = result.lenses?.find((l) => l.line === 6);
    assert.match(devices?.title ?? '', /^libvirt 9\.0 will add \d+ devices, \d+ addresses: Pin all$/, JSON.stringify(result.lenses));
  });

  it('lists the outline: the domain, its sections and its devices by name', () => {
    assert.ok(result.symbols?.includes('domain nvim'), JSON.stringify(result.symbols));
    assert.ok(
      result.symbols?.some((x) => x.trim() === 'disk vda'),
      JSON.stringify(result.symbols),
    );
  });

  it('gets the inlay hints from the server, which Neovim 0.7 cannot display', () => {
    const s = getLanguageService();
    s.configure({ profile: 'debian-12' });
    const expected = s.doInlayHints(doc(TEXT)).map((h) => `${h.position.line} ${String(h.label)}`);
    assert.ok(expected.length > 0);
    assert.deepStrictEqual(
      result.inlay?.map((h) => `${h.line} ${h.label}`),
      expected,
    );
    // 0.7 has no vim.lsp.inlay_hint (0.10 added it): the hints reach the client but are not shown
    const v = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout;
    if (/NVIM v0\.[0-9]\./.test(v)) assert.strictEqual(result.inlay_displayed, false);
  });

  it('shows the hover explaining the machine type', () => {
    assert.match(result.hover ?? '', /pc-i440fx-7\.2/);
  });

  it('applies the quick fix that pins the machine type', () => {
    assert.ok(
      result.actions?.some((t) => /machine/i.test(t)),
      JSON.stringify(result.actions),
    );
    assert.strictEqual(result.line_after, "    <type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type>");
  });
});
