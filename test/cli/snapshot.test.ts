/**
 * bin/domxml starts from a V8 heap snapshot with the schema loaded
 * (server/src/cli/snapshot.ts). The snapshot is only a cache: what the CLI
 * prints from it must be what it prints without it, and a schema folder that
 * changed after the snapshot was built must be read again.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES, REPO } from '../helpers';

const SCHEMAS = '/usr/share/libvirt/schemas';

function run(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(path.join(REPO, 'bin', 'domxml'), args, { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function buildSnapshot(env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'build-snapshot.js')], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  assert.strictEqual(r.status, 0, r.stderr);
  const id = fs.readFileSync(path.join(REPO, 'dist', 'cli.id'), 'utf8').trim();
  const blob = path.join(env.DOMXML_CACHE_DIR!, `cli-${id}.blob`);
  assert.ok(fs.existsSync(blob), `no snapshot at ${blob}`);
  return blob;
}

describe('domxml started from its heap snapshot', function () {
  this.timeout(120_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-snapshot-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  before(function () {
    if (!fs.existsSync(path.join(SCHEMAS, 'domain.rng'))) this.skip();
  });

  it('prints exactly what the plain start prints, for every fixture and exit code', () => {
    const cache = path.join(tmp, 'cache-a');
    buildSnapshot({ DOMXML_CACHE_DIR: cache });
    const files = fs
      .readdirSync(path.join(FIXTURES, 'domains'))
      .filter((f) => f.endsWith('.xml'))
      .slice(0, 12)
      .map((f) => path.join(FIXTURES, 'domains', f));
    assert.ok(files.length >= 5);
    for (const args of [
      ['check', '--profile', 'debian-12', ...files],
      ['check', '--format', 'json', '--profile', 'debian-11', ...files],
      ['expand', '--profile', 'debian-12', files[0]],
      ['--help'],
    ]) {
      const fromSnapshot = run(args, { DOMXML_CACHE_DIR: cache });
      const plain = run(args, { DOMXML_CACHE_DIR: cache, DOMXML_NO_SNAPSHOT: '1' });
      assert.strictEqual(fromSnapshot.code, plain.code, args.join(' '));
      assert.strictEqual(fromSnapshot.stdout, plain.stdout, args.join(' '));
      assert.ok(plain.stdout.length > 0);
    }
  });

  it('reads a schema folder again when its files changed after the snapshot was built', () => {
    const cache = path.join(tmp, 'cache-b');
    const schemas = path.join(tmp, 'schemas');
    fs.cpSync(SCHEMAS, schemas, { recursive: true });
    const blob = buildSnapshot({ DOMXML_CACHE_DIR: cache, DOMXML_SNAPSHOT_SCHEMA_DIR: schemas });
    const doc = path.join(tmp, 'vm.xml');
    fs.writeFileSync(
      doc,
      "<domain type='qemu'>\n  <name>vm</name>\n  <memory>65536</memory>\n  <os><type arch='x86_64' machine='q35'>hvm</type></os>\n  <on_poweroff>destroy</on_poweroff>\n</domain>\n",
    );
    const args = ['check', '--format', 'json', '--profile', 'debian-12', '--schema-dir', schemas, doc];
    const before = run(args, { DOMXML_CACHE_DIR: cache });
    assert.strictEqual(before.code, 0, before.stdout + before.stderr);
    // the new schema no longer knows on_poweroff='destroy'
    const basic = path.join(schemas, 'domaincommon.rng');
    const text = fs.readFileSync(basic, 'utf8');
    const changed = text.replace(/<value>destroy<\/value>/g, '<value>destroyed-not</value>');
    assert.notStrictEqual(changed, text, 'the schema has a destroy value to change');
    fs.writeFileSync(basic, changed);
    const after = run(args, { DOMXML_CACHE_DIR: cache });
    const findings = JSON.parse(after.stdout) as { code: string; severity: string }[];
    assert.ok(
      findings.some((f) => f.code === 'schema'),
      after.stdout,
    );
    assert.ok(!fs.existsSync(blob), 'the stale snapshot is removed');
  });
});
