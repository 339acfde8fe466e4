import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../helpers';

function domxml(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'domxml.js'), ...args], { encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('domxml check', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-cli-'));
  const half = path.join(dir, 'half.xml');
  fs.writeFileSync(half, `<domain type="kvm">\n  <name>half</name>\n  <devices>\n    <disk type="file>\n`);
  const sample = path.join(REPO, 'samples', 'debian12-q35.xml');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 with an empty JSON array... or only non-errors for a well-formed domain', () => {
    const r = domxml(['check', '--format', 'json', sample]);
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { severity: string }[];
    assert.ok(Array.isArray(out));
    assert.ok(
      out.every((d) => d.severity !== 'error'),
      r.stdout,
    );
  });

  it('reports located errors as JSON for a half-typed domain and exits 1', () => {
    const r = domxml(['check', '--format=json', half]);
    assert.strictEqual(r.code, 1);
    const out = JSON.parse(r.stdout) as {
      file: string;
      range: { start: { line: number; character: number } };
      severity: string;
      code: string;
      message: string;
    }[];
    const quote = out.find((d) => /not closed: expected "/.test(d.message))!;
    assert.deepStrictEqual(
      { file: quote.file, start: quote.range.start, severity: quote.severity, code: quote.code },
      { file: half, start: { line: 3, character: 15 }, severity: 'error', code: 'syntax' },
    );
    assert.ok(out.some((d) => d.message.includes('<devices> is not closed')));
  });

  it('prints text diagnostics with 1-based positions', () => {
    const r = domxml(['check', half]);
    assert.strictEqual(r.code, 1);
    assert.match(r.stdout, /half\.xml:4:16: error \[syntax\] The value of 'type' is not closed/);
  });

  it('reads standard input for -', () => {
    const r = domxml(['check', '--format', 'json', '-'], '<domain><name>x</name>');
    assert.strictEqual(r.code, 1);
    assert.strictEqual(JSON.parse(r.stdout)[0].file, '-');
  });

  it('says when a file is not a domain, without failing', () => {
    const net = path.join(dir, 'net.xml');
    fs.writeFileSync(net, '<network><name>default</name></network>');
    const r = domxml(['check', '--format', 'json', net]);
    assert.strictEqual(r.code, 0);
    assert.strictEqual(JSON.parse(r.stdout)[0].code, 'not-a-domain');
  });

  it('exits 2 on usage and I/O errors, with a message', () => {
    assert.strictEqual(domxml(['check']).code, 2);
    assert.strictEqual(domxml(['check', '--format', 'yaml', sample]).code, 2);
    assert.strictEqual(domxml(['check', '--bogus', sample]).code, 2);
    const missing = domxml(['check', path.join(dir, 'missing.xml')]);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*missing\.xml: ENOENT/);
    assert.strictEqual(domxml(['frobnicate']).code, 2);
  });

  it('has --help for the tool and the command', () => {
    const top = domxml(['--help']);
    assert.strictEqual(top.code, 0);
    assert.match(top.stdout, /check/);
    const sub = domxml(['check', '--help']);
    assert.strictEqual(sub.code, 0);
    assert.match(sub.stdout, /--format/);
  });
});
