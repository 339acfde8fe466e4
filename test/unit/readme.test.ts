/**
 * The README tells the truth: the quick start's commands are what package.json
 * runs, its output excerpt is the real start of `npm run sample`'s output, and
 * its Neovim snippets are Lua that Neovim loads (and, on a Neovim with
 * vim.lsp.start, attaches the server to a domain buffer). Each check finds its
 * section by its heading and fence, so edits elsewhere in the README do not
 * break it. Needs the built CLI and server (dist/).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../helpers';

const README = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** the text of a `## heading` section, up to the next `## ` */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `no section '${heading}'`);
  const end = README.indexOf('\n## ', start + 4);
  return README.slice(start, end < 0 ? undefined : end);
}

/** the fenced blocks of a text (indented fences too), with their language */
function fences(text: string): { lang: string; body: string }[] {
  const out: { lang: string; body: string }[] = [];
  const re = /^( *)```(\w*)\n([\s\S]*?)^\1```$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const indent = m[1];
    out.push({
      lang: m[2],
      body: m[3]
        .split('\n')
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
        .join('\n'),
    });
  }
  return out;
}

describe('README', () => {
  const quick = section('Quick start');

  it('the quick start runs npm ci && npm run sample, and the sample does not build a second time', () => {
    const sh = fences(quick).find((f) => f.lang === 'sh');
    assert.ok(sh, 'no sh block');
    const commands = sh!.body
      .split('\n')
      .map((l) => l.replace(/#.*$/, '').trim())
      .filter(Boolean);
    assert.deepStrictEqual(commands, ['npm ci && npm run sample', 'npm test']);
    // npm ci builds through `prepare`; `sample` must not build again
    assert.match(manifest.scripts.prepare, /\bbuild\b/);
    assert.doesNotMatch(manifest.scripts.sample, /\b(build|tsc|webpack)\b/);
    // and the README says how long the tests take
    assert.match(quick, /npm test[^\n]*about \d+/);
    assert.match(section('Tests'), /`npm test`[\s\S]{0,200}?about \d+\s+minutes/);
    assert.match(section('Tests'), /`npm run test:e2e`[\s\S]{0,200}?\d+\s+minutes/);
  });

  it("the sample excerpt is the real start of `npm run sample`'s output", () => {
    const excerpt = fences(quick).find((f) => f.lang === '' && /\[abi-default\]/.test(f.body));
    assert.ok(excerpt, 'no output excerpt');
    const cmd = manifest.scripts.sample.split(' ');
    const r = spawnSync(cmd[0], cmd.slice(1), { cwd: REPO, encoding: 'utf8', env: { ...process.env, DOMXML_NO_LOCAL_PROFILE: '1' } });
    assert.strictEqual(r.status, 0, r.stderr);
    const real = r.stdout.split('\n');
    const shown = excerpt!.body.split('\n').filter((l) => l.trim());
    assert.ok(shown.length >= 1);
    shown.forEach((l, i) => {
      if (l === '...') return assert.strictEqual(i, shown.length - 1, 'an ellipsis only at the end');
      // a line ending in "..." is the start of the real line
      if (l.endsWith('...'))
        assert.ok(real[i].startsWith(l.slice(0, -3).trimEnd()), `line ${i + 1}: '${l}' is not the start of '${real[i]}'`);
      else assert.strictEqual(l, real[i], `line ${i + 1}`);
    });
  });

  describe('Neovim snippets', function () {
    this.timeout(60_000);
    const install = section('Install');
    const lua = fences(install).filter((f) => f.lang === 'lua');
    const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    const hasNvim = nvim.status === 0;

    it('show vim.lsp.start in a FileType autocmd, and the nvim-lspconfig form', () => {
      assert.strictEqual(lua.length, 2, 'two Lua snippets');
      assert.match(lua[0].body, /nvim_create_autocmd\('FileType'/);
      assert.match(lua[0].body, /vim\.lsp\.start\(/);
      assert.doesNotMatch(lua[0].body, /start_client|buf_attach_client/);
      assert.match(lua[1].body, /require\('lspconfig'\)\.domxml\.setup/);
    });

    it('are Lua that Neovim loads; on Neovim 0.8+ the first attaches the server to a domain buffer', function () {
      if (!hasNvim) this.skip();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-readme-'));
      try {
        const file = path.join(dir, 'vm.xml');
        fs.writeFileSync(
          file,
          "<domain type='qemu'>\n  <name>readme</name>\n  <memory>524288</memory>\n  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n  </os>\n</domain>\n",
        );
        const out = path.join(dir, 'out.txt');
        const snippets = lua.map((f, i) => {
          const p = path.join(dir, `snippet${i}.lua`);
          fs.writeFileSync(p, f.body.replace('/path/to/dist/server.js', path.join(REPO, 'dist', 'server.js')));
          return p;
        });
        const driver = path.join(dir, 'driver.lua');
        fs.writeFileSync(
          driver,
          `local out = io.open(${JSON.stringify(out)}, 'w')
for _, p in ipairs({ ${snippets.map((p) => JSON.stringify(p)).join(', ')} }) do
  local chunk, err = loadfile(p)
  out:write(chunk and 'loaded\\n' or ('syntax error: ' .. tostring(err) .. '\\n'))
end
if vim.lsp.start then
  dofile(${JSON.stringify(snippets[0])})
  vim.cmd('edit ' .. vim.fn.fnameescape(${JSON.stringify(file)}))
  vim.cmd('setfiletype xml')
  local buf = vim.api.nvim_get_current_buf()
  vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  out:write('diagnostics ' .. #vim.diagnostic.get(buf) .. '\\n')
else
  out:write('no vim.lsp.start\\n')
end
out:close()
vim.cmd('qa!')
`,
        );
        const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${driver}`], {
          encoding: 'utf8',
          timeout: 50_000,
          env: { ...process.env, DOMXML_NO_LOCAL_PROFILE: '1' },
        });
        assert.ok(fs.existsSync(out), `nvim wrote nothing (${r.status}): ${r.stderr}`);
        const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
        assert.deepStrictEqual(lines.slice(0, 2), ['loaded', 'loaded']);
        if (lines[2] === 'no vim.lsp.start')
          console.log(`      (${nvim.stdout.split('\n')[0]} has no vim.lsp.start: the snippets were loaded, not run)`);
        else assert.match(lines[2], /^diagnostics [1-9]/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
