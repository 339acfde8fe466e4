/**
 * Oracle self-test: every document in test/fixtures/domains must be accepted
 * by the local libvirt (and come back with a uuid and a versioned machine
 * type); every document in test/fixtures/rejected must be refused.
 *
 * Skipped when libvirt does not answer on qemu:///system (see
 * scripts/install-libvirt.sh and scripts/start-libvirtd.sh).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  daemonCrashes,
  defineAndDump,
  domainNameOf,
  oracleLive,
  libvirtAvailable,
  libvirtVersion,
  LIBVIRT_URI,
  ORACLE_NAME_PREFIX,
  withDomainName,
} from './virsh';

function findRepoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

const FIXTURES = path.join(findRepoRoot(), 'test', 'fixtures');

function listXml(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .sort();
}

/** Text of the first `<tag ...>...</tag>` or attribute of `<tag .../>` (tiny helper, dumps are regular). */
function firstMatch(xml: string, re: RegExp): string | undefined {
  const m = re.exec(xml);
  return m ? m[1] : undefined;
}

describe('oracle: name handling (no libvirt needed)', () => {
  it('replaces the top-level <name> only', () => {
    const xml = `<domain type='qemu'><!-- <name>c</name> --><name>orig</name><devices><name>x</name></devices></domain>`;
    assert.strictEqual(domainNameOf(xml), 'orig');
    assert.strictEqual(
      withDomainName(xml, 'new'),
      `<domain type='qemu'><!-- <name>c</name> --><name>new</name><devices><name>x</name></devices></domain>`,
    );
  });

  it('inserts a <name> when the domain has none', () => {
    const out = withDomainName(`<?xml version="1.0"?>\n<domain type="qemu">\n  <memory>1</memory>\n</domain>`, 'n1');
    assert.ok(out !== undefined && /<domain type="qemu">\s*<name>n1<\/name>/.test(out), out);
  });

  it('refuses documents without a <domain> root', () => {
    assert.strictEqual(withDomainName('<network><name>x</name></network>', 'n'), undefined);
  });
});

describe('oracle: libvirt fixtures', function () {
  // A cold define can take a few seconds while libvirt probes QEMU.
  this.timeout(120_000);

  before(function () {
    if (!libvirtAvailable()) {
      this.skip();
    }
  });

  it('talks to libvirt 9.x or newer', () => {
    const v = libvirtVersion();
    assert.ok(v, 'libvirtVersion() returned nothing');
    assert.match(v!, /^\d+\.\d+\.\d+$/);
  });

  describe('documents libvirt accepts (test/fixtures/domains)', () => {
    const files = listXml(path.join(FIXTURES, 'domains'));

    it('has a corpus of at least 60 documents', () => {
      assert.ok(files.length >= 60, `only ${files.length} fixtures`);
    });

    for (const file of files) {
      it(`defines ${file}`, () => {
        const input = fs.readFileSync(path.join(FIXTURES, 'domains', file), 'utf8');
        const res = defineAndDump(input);
        if (!res.ok) {
          assert.fail(`libvirt rejected ${file}: ${res.error}`);
        }
        const out = res.xml;
        assert.match(out, /<domain type='qemu'/);
        assert.match(out, /<uuid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/uuid>/);
        const machine = firstMatch(out, /<type arch='[^']+' machine='([^']+)'/);
        assert.ok(machine, `no machine type in dump of ${file}`);
        // QEMU 7.2 versions the machine types of x86, ARM virt, pSeries and s390; RISC-V's virt and ARM boards (vexpress) have no versions
        if (/machine='vexpress-/.test(out)) assert.match(machine!, /^vexpress-a(9|15)$/);
        else if (!/arch='riscv64'/.test(out)) assert.match(machine!, /\d+\.\d+/, `machine '${machine}' of ${file} carries no version`);
        else assert.strictEqual(machine, 'virt');
        const name = domainNameOf(input);
        assert.strictEqual(domainNameOf(out), name, 'original <name> restored in the dump');
        assert.ok(!out.includes(ORACLE_NAME_PREFIX), 'temporary name leaked into the dump');
      });
    }
  });

  describe('documents libvirt rejects (test/fixtures/rejected)', () => {
    const files = listXml(path.join(FIXTURES, 'rejected'));

    it('has some rejected documents', () => {
      assert.ok(files.length >= 5, `only ${files.length} rejected fixtures`);
    });

    for (const file of files) {
      it(`refuses ${file}`, () => {
        const input = fs.readFileSync(path.join(FIXTURES, 'rejected', file), 'utf8');
        assert.match(input, /^\s*<!--[\s\S]*?-->/, 'rejected fixtures start with a comment saying why');
        const res = defineAndDump(input);
        assert.strictEqual(res.ok, false, `libvirt unexpectedly accepted ${file}`);
        if (!res.ok) assert.ok(res.error.length > 0, 'an error message is reported');
      });
    }
  });

  describe('defineAndDump', () => {
    it('returns the --migratable dump when asked', () => {
      const xml = fs.readFileSync(path.join(FIXTURES, 'domains', 'x86_64-pc-minimal.xml'), 'utf8');
      const res = defineAndDump(xml, { migratable: true });
      assert.ok(res.ok, res.ok ? '' : res.error);
      if (res.ok) {
        assert.ok(res.migratableXml, 'migratableXml present');
        // --migratable drops the implicit controllers/inputs/audio libvirt adds itself
        assert.match(res.xml, /<controller type='pci' index='0' model='pci-root'\/>/);
        assert.doesNotMatch(res.migratableXml!, /model='pci-root'/);
      }
    });

    it('leaves no domain behind', () => {
      const xml = fs.readFileSync(path.join(FIXTURES, 'domains', 'x86_64-q35-uefi-ovmf-loader.xml'), 'utf8');
      const prev = process.env.DOMXML_ORACLE_NOCACHE;
      process.env.DOMXML_ORACLE_NOCACHE = '1';
      try {
        const res = defineAndDump(xml);
        assert.ok(res.ok, res.ok ? '' : res.error);
        if (res.ok) {
          // the nvram path is derived from the (temporary) name: it must be mapped back
          assert.match(res.xml, /nvram\/q35-uefi-loader_VARS\.fd/);
        }
      } finally {
        if (prev === undefined) delete process.env.DOMXML_ORACLE_NOCACHE;
        else process.env.DOMXML_ORACLE_NOCACHE = prev;
      }
      const list = execFileSync('virsh', ['-q', '-c', LIBVIRT_URI, 'list', '--all', '--name'], {
        encoding: 'utf8',
      });
      const mine = list.split('\n').filter((n) => n.startsWith(`${ORACLE_NAME_PREFIX}${process.pid}-`));
      assert.deepStrictEqual(mine, []);
    });

    it('starts a daemon again that died, and asks it once more (npm run test:oracle, as root)', function () {
      const pidFile = '/run/libvirtd.pid';
      if (!oracleLive() || process.getuid?.() !== 0 || !fs.existsSync(pidFile)) this.skip();
      const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 50 && pidAlive(pid); i++) execFileSync('sleep', ['0.1']);
      assert.ok(!pidAlive(pid), 'libvirtd is gone');
      const xml = fs.readFileSync(path.join(FIXTURES, 'domains', 'x86_64-pc-minimal.xml'), 'utf8');
      const res = defineAndDump(xml);
      assert.ok(res.ok, res.ok ? '' : res.error);
      const now = Number(fs.readFileSync(pidFile, 'utf8').trim());
      assert.notStrictEqual(now, pid, 'a new libvirtd answered');
      assert.deepStrictEqual(daemonCrashes(), []);
    });
  });
});

/** running, and not a zombie nobody reaped */
function pidAlive(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
  } catch {
    return false;
  }
}
