/**
 * Expander facts found by pinning and fuzzing against the real daemons
 * (each expectation is what that daemon stored or said):
 * - the pseries default CPU belongs to the machine type's version: 11.3 with
 *   QEMU 10.0 stores POWER9 for pseries-7.2 and POWER10 for the alias
 *   (pseries-10.0);
 * - a virtio sound card (libvirt 10.4) is a virtio PCI device: on q35 11.3
 *   gives it a root port like the other virtio devices;
 * - an explicit PCI address with a part out of range fails libvirt's parse
 *   (9.0: "Invalid PCI address bus='0x100', must be <= 0xFF"), so no address
 *   is predicted, and a huge bus number no longer makes the planner build
 *   that many buses;
 * - 11.3 picks the UEFI firmware at define from the host's descriptors and
 *   stores the pick (the secure-boot / enrolled-keys state among it);
 * - 7.0 numbers a serial port without one while parsing, after the serials
 *   before it; 9.0 and 11.3 after the highest port written anywhere.
 */
import * as assert from 'assert';
import { expandDomain, Expansion } from '../../../server/src/languageservice/expander/expand';
import { parseXml } from '../../../server/src/languageservice/parser/xmlParser';
import { builtinProfile } from '../../../server/src/languageservice/profiles/builtinProfiles';

function expand(profileId: string, arch: string, machine: string, devices: string): Expansion {
  const text = `<domain type='qemu'><name>t</name><memory unit='MiB'>512</memory><os><type arch='${arch}' machine='${machine}'>hvm</type></os><devices>${devices}</devices></domain>`;
  const e = expandDomain(parseXml(text).root!, builtinProfile(profileId)!);
  assert.deepStrictEqual(e.failures, []);
  return e;
}

describe('expander facts confirmed on the real daemons', () => {
  it('the pseries default CPU follows the machine version, not the QEMU version', () => {
    const model = (machine: string) => expand('debian-13', 'ppc64', machine, '').root.child('cpu')?.child('model')?.text;
    assert.strictEqual(model('pseries-7.2'), 'POWER9');
    assert.strictEqual(model('pseries'), 'POWER10');
    assert.strictEqual(expand('debian-12', 'ppc64', 'pseries', '').root.child('cpu')?.child('model')?.text, 'POWER9');
  });

  it('a virtio sound card gets a PCI Express root port on q35', () => {
    const e = expand('debian-13', 'x86_64', 'q35', "<sound model='virtio'/>");
    const devices = e.root.child('devices')!;
    const bus = devices.child('sound')?.child('address')?.attr('bus');
    assert.ok(bus && bus !== '0x00', `sound on bus ${bus}`);
    const port = devices.children.find(
      (c) => c.name === 'controller' && c.attr('model') === 'pcie-root-port' && c.attr('index') === String(Number(bus)),
    );
    assert.ok(port, 'the bus is a pcie-root-port');
  });

  it('predicts no PCI address when an explicit one is out of range', () => {
    for (const bad of ["bus='0x100'", "slot='0x20'", "function='0x8'", "bus='99999999999999999999999'"]) {
      const e = expand(
        'debian-12',
        'x86_64',
        'pc',
        `<memballoon model='virtio'><address type='pci' ${bad}/></memballoon><rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>`,
      );
      const rng = e.root.child('devices')!.child('rng')!;
      assert.strictEqual(rng.child('address'), undefined, `${bad}: the rng got an address`);
    }
    const ok = expand('debian-12', 'x86_64', 'pc', `<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>`);
    assert.ok(ok.root.child('devices')!.child('rng')!.child('address'));
  });

  it('picks the firmware as the 11.3 daemon did, and only where the profile knows the descriptors', () => {
    const os = (machine: string, arch = 'x86_64', features = '', profile = 'debian-13') => {
      const text = `<domain type='qemu'><name>fw</name><memory unit='MiB'>256</memory><os firmware='efi'>${features}<type arch='${arch}' machine='${machine}'>hvm</type></os><features><acpi/></features></domain>`;
      const e = expandDomain(parseXml(text).root!, builtinProfile(profile)!);
      assert.deepStrictEqual(e.failures, []);
      const o = e.root.child('os')!;
      const feats = (o.child('firmware')?.all('feature') ?? []).map((f) => `${f.attr('name')}=${f.attr('enabled')}`).join(' ');
      const loader = o.child('loader');
      return `${feats} | ${loader?.text ?? '-'}${loader?.attr('secure') ? ' secure' : ''} | ${o.child('nvram')?.attr('template') ?? '-'} | smm ${e.root.child('features')?.child('smm')?.attr('state') ?? '-'}`;
    };
    assert.strictEqual(
      os('q35'),
      'enrolled-keys=yes secure-boot=yes | /usr/share/OVMF/OVMF_CODE_4M.ms.fd secure | /usr/share/OVMF/OVMF_VARS_4M.ms.fd | smm on',
    );
    assert.strictEqual(
      os('pc'),
      'enrolled-keys=no secure-boot=no | /usr/share/OVMF/OVMF_CODE_4M.fd | /usr/share/OVMF/OVMF_VARS_4M.fd | smm -',
    );
    assert.strictEqual(
      os('q35', 'x86_64', "<firmware><feature enabled='no' name='secure-boot'/></firmware>"),
      'enrolled-keys=no secure-boot=no | /usr/share/OVMF/OVMF_CODE_4M.fd | /usr/share/OVMF/OVMF_VARS_4M.fd | smm -',
    );
    assert.strictEqual(
      os('q35', 'x86_64', "<firmware><feature enabled='no' name='enrolled-keys'/></firmware>"),
      'enrolled-keys=no secure-boot=yes | /usr/share/OVMF/OVMF_CODE_4M.secboot.fd secure | /usr/share/OVMF/OVMF_VARS_4M.fd | smm on',
    );
    assert.strictEqual(
      os('virt', 'aarch64'),
      'enrolled-keys=yes secure-boot=yes | /usr/share/AAVMF/AAVMF_CODE.ms.fd | /usr/share/AAVMF/AAVMF_VARS.ms.fd | smm -',
    );
    // 9.0 picks at start, and a profile without descriptors does not guess a host
    assert.strictEqual(os('q35', 'x86_64', '', 'debian-12'), ' | - | - | smm -');
    assert.strictEqual(os('q35', 'x86_64', '', 'ubuntu-24.04'), ' | - | - | smm -');
  });

  it('numbers serial ports as each daemon did', () => {
    const serials =
      "<serial type='pty'/><serial type='pty'/><serial type='tcp'><source mode='bind' host='127.0.0.1' service='4555'/><protocol type='telnet'/><target port='3'/></serial><serial type='pty'><target type='pci-serial'/></serial>";
    const ports = (profile: string) =>
      expand(profile, 'x86_64', 'pc', serials)
        .root.child('devices')!
        .all('serial')
        .map((s) => s.child('target')?.attr('port'))
        .join(' ');
    assert.strictEqual(ports('debian-11'), '0 1 3 4');
    assert.strictEqual(ports('debian-12'), '4 5 3 6');
    assert.strictEqual(ports('debian-13'), '4 5 3 6');
  });
});
