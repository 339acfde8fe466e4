import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../helpers';

function domxml(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'domxml.js'), ...args], { encoding: 'utf8', env: { ...process.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sample = path.join(REPO, 'samples', 'debian12-q35.xml');

describe('domxml expand', () => {
  it('prints the predicted dumpxml for a built-in profile', () => {
    const r = domxml(['expand', '--profile', 'debian-12', sample]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /<type arch='x86_64' machine='pc-q35-7.2'>hvm<\/type>/);
    assert.match(r.stdout, /<controller type='usb' index='0' model='qemu-xhci'/);
    assert.match(r.stdout, /<uuid>\(generated\)<\/uuid>/);
  });

  it('takes explicit versions', () => {
    const r = domxml(['expand', '--libvirt', '8.0.0', '--qemu', '6.2.0', sample]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /machine='pc-q35-6.2'/);
  });

  it('takes host facts from a capabilities file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-caps-'));
    const caps = path.join(dir, 'caps.xml');
    fs.writeFileSync(caps, `<capabilities><host><cpu><arch>x86_64</arch></cpu></host><guest><os_type>hvm</os_type><arch name='x86_64'><emulator>/opt/qemu/bin/qemu-system-x86_64</emulator><machine maxCpus='288'>pc-q35-rhel9.4.0</machine><machine canonical='pc-q35-rhel9.4.0' maxCpus='288'>q35</machine><domain type='qemu'/></arch></guest></capabilities>`);
    const r = domxml(['expand', '--profile', 'debian-12', '--caps', caps, sample]);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /machine='pc-q35-rhel9.4.0'/);
    assert.match(r.stdout, /<emulator>\/opt\/qemu\/bin\/qemu-system-x86_64<\/emulator>/);
  });

  it('--migratable leaves out what an older destination adds itself', () => {
    const pc = path.join(REPO, 'test', 'fixtures', 'cli-pc.xml');
    const full = domxml(['expand', '--profile', 'debian-12', pc]);
    const mig = domxml(['expand', '--profile', 'debian-12', '--migratable', pc]);
    assert.strictEqual(mig.code, 0, mig.stderr);
    assert.match(full.stdout, /<input type='keyboard' bus='ps2'\/>/);
    assert.doesNotMatch(mig.stdout, /<input type='keyboard' bus='ps2'\/>/);
    assert.match(mig.stdout, /<input type='mouse' bus='ps2'\/>/);
    assert.doesNotMatch(mig.stdout, /piix3-uhci/);
  });

  it('rejects unknown profiles and lone versions with exit 2', () => {
    assert.strictEqual(domxml(['expand', '--profile', 'nope', sample]).code, 2);
    assert.strictEqual(domxml(['expand', '--libvirt', '9.0.0', sample]).code, 2);
    assert.strictEqual(domxml(['expand', '--profile', 'debian-12']).code, 2);
  });
});
