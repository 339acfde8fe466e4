/** domxml in CI: directories and globs, summary and exit codes, SARIF and GitHub output, the per-file error boundary, pin --in-place/--check/--diff. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { applyPatch } from 'diff';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Log } from 'sarif';
import { REPO } from '../helpers';

function domxml(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'domxml.js'), ...args], {
    encoding: 'utf8',
    cwd: opts.cwd,
    env: { ...process.env, DOMXML_NO_SNAPSHOT: '1', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sample = fs.readFileSync(path.join(REPO, 'samples', 'debian12-q35.xml'), 'utf8');
const broken = `<domain type='qemu'>\n  <name>broken</name>\n  <devices>\n    <disk type='file>\n`;

describe('domxml check over a tree, for CI', function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-ci-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'vms', 'nested'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'vms', 'web.xml'), sample);
  fs.writeFileSync(path.join(dir, 'vms', 'nested', 'broken.xml'), broken);
  fs.writeFileSync(path.join(dir, 'vms', 'nested', 'net.xml'), '<network><name>default</name></network>\n');
  fs.writeFileSync(path.join(dir, 'vms', 'notes.txt'), 'not xml');

  it('searches directories recursively, keeps only <domain> documents, and sums up on stderr', () => {
    const r = domxml(['check', '--profile', 'debian-12', '--format', 'json', 'vms'], { cwd: dir });
    assert.strictEqual(r.code, 1, r.stderr);
    const files = [...new Set((JSON.parse(r.stdout) as { file: string }[]).map((d) => d.file))].sort();
    assert.deepStrictEqual(files, [path.join('vms', 'nested', 'broken.xml'), path.join('vms', 'web.xml')]);
    const errors = (JSON.parse(r.stdout) as { severity: string }[]).filter((d) => d.severity === 'error').length;
    assert.match(r.stderr, new RegExp(`^domxml check: 2 files, ${errors} errors?, \\d+ warnings?, 1 non-domain file skipped$`, 'm'));
  });

  it('expands globs and names arguments that match nothing (exit 2, the rest still checked)', () => {
    const r = domxml(['check', '--profile', 'debian-12', 'vms/*.xml', 'missing/*.xml'], { cwd: dir });
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /missing\/\*\.xml: no file matches/);
    assert.match(r.stderr, /1 file, 0 errors/);
  });

  it('an explicit file is checked whatever its root element', () => {
    const r = domxml(['check', '--profile', 'debian-12', 'vms/nested/net.xml'], { cwd: dir });
    assert.match(r.stderr, /^domxml check: 1 file/m);
  });

  it('writes SARIF 2.1.0 whose results match the JSON findings, with rules and 1-based regions', () => {
    const json = JSON.parse(domxml(['check', '--profile', 'debian-12', '--format', 'json', 'vms'], { cwd: dir }).stdout) as {
      file: string;
      code: string;
      severity: string;
      message: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
    }[];
    const log = JSON.parse(domxml(['check', '--profile', 'debian-12', '--format', 'sarif', 'vms'], { cwd: dir }).stdout) as Log;
    assert.strictEqual(log.version, '2.1.0');
    const run = log.runs[0];
    const rules = run.tool.driver.rules!;
    assert.strictEqual(run.results!.length, json.length);
    run.results!.forEach((res, i) => {
      const j = json[i];
      assert.strictEqual(res.ruleId, j.code);
      assert.strictEqual(rules[res.ruleIndex!].id, j.code);
      assert.ok(rules[res.ruleIndex!].helpUri?.startsWith('https://'));
      assert.strictEqual(res.level, j.severity === 'error' ? 'error' : j.severity === 'warning' ? 'warning' : 'note');
      assert.strictEqual(res.message.text, j.message);
      const loc = res.locations![0].physicalLocation!;
      assert.strictEqual(loc.artifactLocation!.uri, j.file.split(path.sep).join('/'));
      assert.deepStrictEqual(loc.region, {
        startLine: j.range.start.line + 1,
        startColumn: j.range.start.character + 1,
        endLine: j.range.end.line + 1,
        endColumn: j.range.end.character + 1,
      });
    });
  });

  it('writes GitHub workflow annotations, one per finding', () => {
    const json = JSON.parse(
      domxml(['check', '--profile', 'debian-12', '--format', 'json', 'vms/nested/broken.xml'], { cwd: dir }).stdout,
    ) as { severity: string; range: { start: { line: number } } }[];
    const r = domxml(['check', '--profile', 'debian-12', '--format', 'github', 'vms/nested/broken.xml'], { cwd: dir });
    const lines = r.stdout.trim().split('\n');
    assert.strictEqual(lines.length, json.length);
    lines.forEach((l, i) => {
      const kind = json[i].severity === 'error' ? 'error' : json[i].severity === 'warning' ? 'warning' : 'notice';
      assert.match(
        l,
        new RegExp(
          `^::${kind} file=vms/nested/broken\\.xml,line=${json[i].range.start.line + 1},col=\\d+,endLine=\\d+,endColumn=\\d+,title=domxml [a-z-]+::\\S`,
        ),
      );
    });
  });

  it('names a file whose analysis fails in one line, exits 2 and still checks the others', () => {
    const r = domxml(['check', '--profile', 'debian-12', '--format', 'json', 'vms'], {
      cwd: dir,
      env: { DOMXML_FAULT_INJECT: 'broken.xml' },
    });
    assert.strictEqual(r.code, 2);
    const lines = r.stderr.split('\n').filter((l) => l.includes('internal error'));
    assert.deepStrictEqual(lines, [
      `domxml check: ${path.join('vms', 'nested', 'broken.xml')}: internal error: fault injected by DOMXML_FAULT_INJECT (--debug for the stack)`,
    ]);
    assert.ok((JSON.parse(r.stdout) as { file: string }[]).every((d) => d.file === path.join('vms', 'web.xml')));
    const dbg = domxml(['check', '--profile', 'debian-12', '--debug', 'vms'], { cwd: dir, env: { DOMXML_FAULT_INJECT: 'broken.xml' } });
    assert.match(dbg.stderr, /internal error: fault injected[^\n]*\n\s*Error: fault injected[\s\S]*at /);
    // source-mapped: the frame names our TypeScript file, not only dist/cli.js
    assert.match(dbg.stderr, /server\/src\/cli\/commands\/check\.ts:\d+/);
  });
});

describe('domxml pin --in-place, --check, --diff', function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-pin-ci-'));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-pin-outside-'));
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('--check exits 1 naming the files pinning would change, and changes nothing', () => {
    fs.writeFileSync(path.join(dir, 'a.xml'), sample);
    const r = domxml(['pin', '--check', '--profile', 'debian-12', 'a.xml'], { cwd: dir });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(r.stdout, 'a.xml: pinning would change it\n');
    assert.strictEqual(fs.readFileSync(path.join(dir, 'a.xml'), 'utf8'), sample);
  });

  it('--diff prints a unified diff that turns the document into the pinned one', () => {
    const pinned = domxml(['pin', '--profile', 'debian-12', 'a.xml'], { cwd: dir }).stdout;
    const diff = domxml(['pin', '--diff', '--profile', 'debian-12', 'a.xml'], { cwd: dir }).stdout;
    assert.match(diff, /^--- a\/a\.xml$/m);
    assert.strictEqual(applyPatch(sample, diff), pinned);
  });

  it('--in-place writes the pinned document, keeps the mode, and then --check is clean', () => {
    const f = path.join(dir, 'a.xml');
    fs.chmodSync(f, 0o640);
    const pinned = domxml(['pin', '--profile', 'debian-12', 'a.xml'], { cwd: dir }).stdout;
    const r = domxml(['pin', '--in-place', '--profile', 'debian-12', 'a.xml'], { cwd: dir });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(fs.readFileSync(f, 'utf8'), pinned);
    assert.strictEqual(fs.statSync(f).mode & 0o777, 0o640);
    assert.strictEqual(domxml(['pin', '--check', '--profile', 'debian-12', 'a.xml'], { cwd: dir }).code, 0);
    assert.deepStrictEqual(
      fs.readdirSync(dir).filter((n) => n.includes('.tmp')),
      [],
    );
  });

  it('refuses a symlink out of the working tree unless --follow-symlinks, leaving the target untouched', () => {
    const target = path.join(outside, 'b.xml');
    fs.writeFileSync(target, sample);
    fs.symlinkSync(target, path.join(dir, 'link.xml'));
    const r = domxml(['pin', '--in-place', '--profile', 'debian-12', 'link.xml'], { cwd: dir });
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /symlink .* outside .*--follow-symlinks/);
    assert.strictEqual(fs.readFileSync(target, 'utf8'), sample);
    const ok = domxml(['pin', '--in-place', '--follow-symlinks', '--profile', 'debian-12', 'link.xml'], { cwd: dir });
    assert.strictEqual(ok.code, 0, ok.stderr);
    assert.notStrictEqual(fs.readFileSync(target, 'utf8'), sample);
    assert.ok(fs.lstatSync(path.join(dir, 'link.xml')).isSymbolicLink(), 'the link stays a link');
  });

  it('leaves a malformed file as it is and says so (exit 2)', () => {
    fs.writeFileSync(path.join(dir, 'bad.xml'), broken);
    const r = domxml(['pin', '--in-place', '--profile', 'debian-12', 'bad.xml'], { cwd: dir });
    assert.strictEqual(r.code, 2);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'bad.xml'), 'utf8'), broken);
  });
});
