/**
 * `domxml check --jobs N`: files checked over worker threads give the same
 * bytes and exit status as one thread, a failure inside a worker is reported
 * for its file while the others are still checked, and bad values are usage
 * errors.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES, REPO, xmlFiles } from '../helpers';

function domxml(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'domxml.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('domxml check --jobs', function () {
  this.timeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-jobs-'));
  // enough files that two threads start a worker (one per FILES_PER_WORKER files), with some findings among them
  const sources = xmlFiles(path.join(FIXTURES, 'domains'));
  const files: string[] = [];
  for (let i = 0; files.length < 60; i++) {
    const f = path.join(dir, `d${String(i).padStart(3, '0')}.xml`);
    fs.copyFileSync(sources[i % sources.length], f);
    files.push(f);
  }
  fs.writeFileSync(path.join(dir, 'd999-broken.xml'), `<domain type='qemu'>\n  <name>broken</name>\n  <devices>\n    <disk type='file>\n`);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const format of ['text', 'json']) {
    it(`gives the same ${format} output and exit status with 2 threads as with 1`, () => {
      const one = domxml(['check', '--format', format, dir]);
      const two = domxml(['check', '--format', format, '--jobs', '2', '--debug', dir]);
      assert.strictEqual(two.code, one.code, two.stderr);
      assert.strictEqual(one.code, 1, 'the broken file has errors');
      assert.strictEqual(two.stdout, one.stdout);
      const m = /(\d+) worker thread\(s\) checked (\d+) of (\d+) files/.exec(two.stderr);
      assert.ok(m, two.stderr);
      assert.strictEqual(m[1], '1');
      assert.ok(Number(m[2]) > 0, `a worker checked some files: ${m[0]}`);
      assert.strictEqual(m[3], String(files.length + 1));
      // the same summary line (files, errors, warnings)
      const summary = (s: string) => s.split('\n').find((l) => /^domxml check: \d+ files?, /.test(l));
      assert.strictEqual(summary(two.stderr), summary(one.stderr));
    });
  }

  it('names a file whose analysis fails in a worker, and still checks the others', () => {
    // the last files go to the worker (it takes batches from the back)
    const victim = path.basename(files[files.length - 1]);
    const r = domxml(['check', '--jobs', '2', '--debug', dir], { DOMXML_FAULT_INJECT: victim });
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`${victim}: internal error: fault injected`));
    // every other file's lines are still there, in the same order
    const clean = domxml(['check', dir]);
    const others = clean.stdout
      .split('\n')
      .filter((l) => !l.includes(`${victim}:`))
      .join('\n');
    assert.strictEqual(r.stdout, others);
    assert.match(r.stdout, /d999-broken\.xml:\d+:\d+: error/);
  });

  it('refuses a --jobs value that is not a thread count', () => {
    for (const bad of ['0', 'two', '-1']) {
      const r = domxml(['check', '--jobs', bad, dir]);
      assert.strictEqual(r.code, 2, `--jobs ${bad}`);
      assert.match(r.stderr, /--jobs needs a number/);
    }
  });
});
