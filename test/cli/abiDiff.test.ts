import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../helpers';

function domxml(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'domxml.js'), ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sample = path.join(REPO, 'samples', 'debian12-q35.xml');
const text = fs.readFileSync(sample, 'utf8');

describe('domxml abi-diff', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abidiff-'));
    fs.writeFileSync(path.join(dir, 'same.xml'), text.replace('</name>', '</name>\n  <title>Web</title>'));
    fs.writeFileSync(path.join(dir, 'broken.xml'), text.replace('<vcpu>2', '<vcpu>4'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when only non-ABI values change and lists them', () => {
    const r = domxml(['abi-diff', '--profile', 'debian-12', sample, path.join(dir, 'same.xml')]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /info-title: title changed from \(none\) to 'Web'/);
    assert.match(r.stdout, /^0 ABI change\(s\), 1 other/m);
  });

  it('exits 1 on an ABI change, with the location in both files, in every format', () => {
    const args = ['abi-diff', '--profile', 'debian-12', sample, path.join(dir, 'broken.xml')];
    const t = domxml(args);
    assert.strictEqual(t.code, 1, t.stderr);
    assert.match(t.stdout, /broken\.xml:9:3 \(old .*debian12-q35\.xml:9:3\) abi-vcpu-max: maximum vCPU count changed from '2' to '4'/);
    const j = domxml([...args, '--format', 'json']);
    assert.strictEqual(j.code, 1);
    const parsed = JSON.parse(j.stdout);
    assert.strictEqual(parsed.abiChanged, true);
    assert.ok(parsed.differences.some((d: { rule: string; abi: boolean }) => d.rule === 'abi-vcpu-max' && d.abi));
    const s = JSON.parse(domxml([...args, '--format', 'sarif']).stdout);
    assert.strictEqual(s.version, '2.1.0');
    assert.strictEqual(s.runs[0].results[0].level, 'error');
    assert.strictEqual(s.runs[0].results[0].locations[0].physicalLocation.region.startLine, 9);
    assert.match(domxml([...args, '--format', 'github']).stdout, /^::error file=.*broken\.xml,line=9,col=3.*::maximum vCPU count/m);
  });

  it('exits 2 on usage errors and unreadable files', () => {
    assert.strictEqual(domxml(['abi-diff', sample]).code, 2);
    assert.strictEqual(domxml(['abi-diff', sample, path.join(dir, 'missing.xml')]).code, 2);
    assert.strictEqual(domxml(['abi-diff', '--format', 'yaml', sample, sample]).code, 2);
  });

  it('--git REV FILE compares with the committed revision', function () {
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    const git = (...a: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...a], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    fs.writeFileSync(path.join(repo, 'vm.xml'), text);
    git('add', 'vm.xml');
    assert.strictEqual(git('commit', '-qm', 'x').status, 0);
    assert.strictEqual(domxml(['abi-diff', '--profile', 'debian-12', '--git', 'HEAD', 'vm.xml'], repo).code, 0);
    fs.writeFileSync(path.join(repo, 'vm.xml'), text.replace("<memory unit='GiB'>4", "<memory unit='GiB'>8"));
    const r = domxml(['abi-diff', '--profile', 'debian-12', '--git', 'HEAD', 'vm.xml'], repo);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /abi-max-memory/);
    assert.strictEqual(domxml(['abi-diff', '--git', 'nosuchrev', 'vm.xml'], repo).code, 2);
  });
});
