/** `domxml check` with a target (--libvirt/--qemu) and a migration floor (--floor-libvirt/--floor-qemu). */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES, REPO, fullText } from '../helpers';

function domxml(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'domxml.js'), ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TRANSITIONAL = path.join(FIXTURES, 'version', 'q35-transitional-devices.xml');
const PVPANIC = path.join(FIXTURES, 'version', 'x86-panic-pvpanic.xml');

describe('domxml check: versions', () => {
  it('reports what a migration floor rejects and drops, and exits 1', () => {
    const r = domxml(['check', '--format', 'json', '--floor-libvirt', '5.1.0', TRANSITIONAL]);
    assert.strictEqual(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { code: string; severity: string; message: string }[];
    assert.ok(
      out.some(
        (d) =>
          d.code === 'version-reject' &&
          d.severity === 'error' &&
          /libvirt 5\.1\.0 \(migration floor\) does not know model 'virtio-non-transitional'/.test(d.message),
      ),
      r.stdout,
    );
    assert.ok(out.some((d) => d.code === 'version-drop' && d.severity === 'warning'));
  });

  it('is quiet about the same file without a floor', () => {
    const r = domxml(['check', '--format', 'json', TRANSITIONAL]);
    assert.strictEqual(r.code, 0, r.stdout);
    assert.ok(!(JSON.parse(r.stdout) as { code: string }[]).some((d) => d.code.startsWith('version-')));
  });

  it('checks against the target given by --libvirt/--qemu', () => {
    assert.strictEqual(domxml(['check', PVPANIC]).code, 1, 'debian-12 (libvirt 9.0) rejects pvpanic');
    const older = domxml(['check', '--format', 'json', '--libvirt', '5.1.0', '--qemu', '3.1.0', TRANSITIONAL]);
    assert.strictEqual(older.code, 1, older.stdout);
    const out = JSON.parse(older.stdout) as { code: string; message: string }[];
    assert.ok(
      out.some(
        (d) => d.code === 'define-reject' && /^libvirt 5\.1\.0 \(target\) does not know model 'virtio-non-transitional'/.test(d.message),
      ),
      older.stdout,
    );
  });

  it('refuses a malformed version', () => {
    const r = domxml(['check', '--floor-qemu', 'latest', TRANSITIONAL]);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--floor-qemu needs a version/);
  });
});

describe('domxml check: the installed schema belongs to the local libvirt, not to the target', () => {
  const local = spawnSync('virsh', ['-r', 'version'], { encoding: 'utf8' });
  const localLibvirt = /(?:Running against daemon: |Using library: libvirt )(\d+\.\d+\.\d+)/.exec(local.stdout ?? '')?.[1];
  let file = '';
  before(function () {
    if (!localLibvirt || !localLibvirt.startsWith('9.0') || !fs.existsSync('/usr/share/libvirt/schemas/domain.rng')) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-schema-'));
    file = path.join(dir, 'unknown.xml');
    fs.writeFileSync(
      file,
      "<domain type='qemu'>\n  <name>vm</name>\n  <memory unit='MiB'>512</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <nosuchelement/>\n</domain>\n",
    );
  });

  it('a newer target gets schema findings as warnings that say whose schema refuses', () => {
    const r = domxml(['check', '--format', 'json', '--profile', 'debian-13', file]);
    const schema = (JSON.parse(r.stdout) as { code: string; severity: string; message: string; detail?: string }[]).filter(
      (d) => d.code === 'schema',
    );
    assert.ok(schema.length > 0, r.stdout + r.stderr);
    for (const d of schema) {
      assert.strictEqual(d.severity, 'warning', d.message);
      assert.match(d.message, new RegExp(`\\(local libvirt ${localLibvirt!.replace(/\./g, '\\.')}'s schema\\)$`));
      assert.match(
        fullText(d),
        new RegExp(
          `the schema of the local libvirt ${localLibvirt!.replace(/\./g, '\\.')}; the target's libvirt 11\\.3\\.0 is newer and may accept it`,
        ),
      );
    }
  });

  it('an older or equal target judges them as its own parser does: an unknown element is dropped, not a schema error', () => {
    const r = domxml(['check', '--format', 'json', '--profile', 'debian-11', file]);
    const out = JSON.parse(r.stdout) as { code: string; severity: string; message: string; detail?: string }[];
    assert.ok(!out.some((d) => /schema of the local libvirt/.test(fullText(d))), r.stdout);
    const drop = out.filter((d) => d.code === 'define-drop');
    assert.strictEqual(drop.length, 1, r.stdout);
    assert.match(drop[0].message, /does not know <nosuchelement> in <domain>: define silently drops it$/);
    assert.match(fullText(drop[0]), /runs without it and dumpxml does not show it/);
  });
});
