/**
 * Device address assignment: each expected address below is what libvirt
 * 9.0.0 / QEMU 7.2 wrote (`virsh define` + `dumpxml --inactive`) for the
 * same document.
 */
import * as assert from 'assert';
import { expandDomain, Expansion } from '../../../server/src/languageservice/expander/expand';
import { ENode } from '../../../server/src/languageservice/expander/eTree';
import { parseXml } from '../../../server/src/languageservice/parser/xmlParser';
import { builtinProfile } from '../../../server/src/languageservice/profiles/builtinProfiles';

const profile = builtinProfile('debian-12')!;

function expand(machine: string, devices: string, arch = 'x86_64', extra = ''): Expansion {
  const text = `<domain type='qemu'><name>t</name><memory unit='MiB'>512</memory><os><type arch='${arch}' machine='${machine}'>hvm</type></os>${extra}<devices>${devices}</devices></domain>`;
  const e = expandDomain(parseXml(text).root!, profile);
  assert.deepStrictEqual(e.failures, []);
  return e;
}

/** a device's address, compactly: 'pci 01:00.0', 'pci 00:01.0 on', 'usb 0 1.2', 'virtio-serial 0 0 1', ... */
function addr(n: ENode | undefined): string {
  const a = n?.child('address');
  if (!a) return 'none';
  const v = (k: string) => a.attr(k) ?? '?';
  switch (a.attr('type')) {
    case 'pci': {
      assert.strictEqual(v('domain'), '0x0000');
      const multi = a.attr('multifunction') ? ` ${a.attr('multifunction')}` : '';
      return `pci ${v('bus').slice(2)}:${v('slot').slice(2)}.${v('function').slice(2)}${multi}`;
    }
    case 'usb':
      return `usb ${v('bus')} ${v('port')}`;
    case 'virtio-serial':
      return `virtio-serial ${v('controller')} ${v('bus')} ${v('port')}`;
    case 'ccw':
      return `ccw ${v('cssid')} ${v('ssid')} ${v('devno')}`;
    case 'spapr-vio':
      return `spapr-vio ${v('reg')}`;
    default:
      return [...a.attrs.values()].join(' ');
  }
}

function devices(e: Expansion, name: string): ENode[] {
  return e.root.child('devices')?.all(name) ?? [];
}

function controller(e: Expansion, type: string, index: number): ENode | undefined {
  return devices(e, 'controller').find((c) => c.attr('type') === type && c.attr('index') === String(index));
}

function rootPorts(e: Expansion): string[] {
  return devices(e, 'controller')
    .filter((c) => c.attr('model') === 'pcie-root-port')
    .map((c) => `${c.attr('index')} chassis=${c.child('target')?.attr('chassis')} port=${c.child('target')?.attr('port')} ${addr(c)}`);
}

const vd = (dev: string, extra = '') =>
  `<disk type='file' device='disk'><source file='/tmp/${dev}.img'/><target dev='${dev}' bus='virtio'/>${extra}</disk>`;
const nic = (model?: string, extra = '') => `<interface type='user'>${model ? `<model type='${model}'/>` : ''}${extra}</interface>`;

describe('expander: device addresses', () => {
  describe('PCI Express (q35)', () => {
    it('one virtio disk: four root ports (usb, disk, balloon and a spare), SATA at 00:1f.2', () => {
      const e = expand('q35', vd('vda'));
      assert.deepStrictEqual(rootPorts(e), [
        '1 chassis=1 port=0x8 pci 00:01.0 on',
        '2 chassis=2 port=0x9 pci 00:01.1',
        '3 chassis=3 port=0xa pci 00:01.2',
        '4 chassis=4 port=0xb pci 00:01.3',
      ]);
      assert.strictEqual(controller(e, 'pci', 1)?.child('model')?.attr('name'), 'pcie-root-port');
      assert.strictEqual(addr(controller(e, 'usb', 0)), 'pci 01:00.0');
      assert.strictEqual(addr(controller(e, 'sata', 0)), 'pci 00:1f.2');
      assert.strictEqual(addr(devices(e, 'disk')[0]), 'pci 02:00.0');
      assert.strictEqual(addr(devices(e, 'memballoon')[0]), 'pci 03:00.0');
      const added = e.fills.filter((f) => f.rule === 'pci-addresses' && f.kind === 'element' && f.node.name === 'controller');
      assert.strictEqual(added.length, 4);
      assert.ok(added.every((f) => f.category === 'abi'));
      assert.ok(e.fills.filter((f) => f.node.name === 'address' && f.kind === 'element').every((f) => f.category === 'address'));
    });

    it('a conventional PCI NIC gets a pcie-to-pci-bridge, which pass 2 places on the first root port', () => {
      const e = expand('q35', nic('virtio') + nic('e1000') + "<controller type='usb' model='none'/><memballoon model='none'/>");
      const bridge = controller(e, 'pci', 3);
      assert.strictEqual(bridge?.attr('model'), 'pcie-to-pci-bridge');
      assert.strictEqual(bridge?.child('model')?.attr('name'), 'pcie-pci-bridge');
      assert.strictEqual(addr(bridge), 'pci 01:00.0');
      assert.deepStrictEqual(rootPorts(e), [
        '1 chassis=1 port=0x8 pci 00:01.0 on',
        '2 chassis=2 port=0x9 pci 00:01.1',
        '4 chassis=4 port=0xa pci 00:01.2',
      ]);
      assert.deepStrictEqual(devices(e, 'interface').map(addr), ['pci 02:00.0', 'pci 03:01.0']);
    });

    it('the primary video takes 00:01.0, so root ports start at slot 2; the first ich9 sound is at 00:1b.0', () => {
      const e = expand('q35', vd('vda') + "<graphics type='vnc'/><sound model='ich9'/><video><model type='qxl'/></video>");
      assert.strictEqual(addr(devices(e, 'video')[0]), 'pci 00:01.0');
      assert.strictEqual(addr(devices(e, 'sound')[0]), 'pci 00:1b.0');
      assert.strictEqual(rootPorts(e)[0], '1 chassis=1 port=0x10 pci 00:02.0 on');
    });

    it('root ports the document names: no spare is added', () => {
      const e = expand(
        'q35',
        "<controller type='pci' index='1' model='pcie-root-port'/><controller type='pci' index='2' model='pcie-root-port'/>" +
          vd('vda') +
          nic('virtio'),
      );
      assert.strictEqual(devices(e, 'controller').filter((c) => c.attr('model') === 'pcie-root-port').length, 4);
      assert.strictEqual(controller(e, 'pci', 5), undefined);
    });
  });

  describe('conventional PCI (pc / i440fx)', () => {
    it('PIIX3 slot 1, the primary video at slot 2, then nets, sound, controllers, disks, balloon, rng', () => {
      const e = expand(
        'pc',
        vd('vda') +
          "<disk type='file' device='cdrom'><target dev='hdc'/></disk>" +
          nic() +
          "<graphics type='vnc'/><sound model='ich6'/><channel type='pty'><target type='virtio' name='x.y'/></channel><console type='pty'><target type='virtio'/></console><input type='tablet' bus='usb'/>" +
          "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>",
      );
      assert.strictEqual(addr(controller(e, 'usb', 0)), 'pci 00:01.2');
      assert.strictEqual(addr(controller(e, 'ide', 0)), 'pci 00:01.1');
      assert.strictEqual(addr(devices(e, 'video')[0]), 'pci 00:02.0');
      assert.strictEqual(addr(devices(e, 'interface')[0]), 'pci 00:03.0');
      assert.strictEqual(addr(devices(e, 'sound')[0]), 'pci 00:04.0');
      assert.strictEqual(addr(controller(e, 'virtio-serial', 0)), 'pci 00:05.0');
      assert.strictEqual(addr(devices(e, 'disk').find((d) => d.child('target')?.attr('dev') === 'vda')), 'pci 00:06.0');
      assert.strictEqual(addr(devices(e, 'memballoon')[0]), 'pci 00:07.0');
      assert.strictEqual(addr(devices(e, 'rng')[0]), 'pci 00:08.0');
      assert.strictEqual(addr(devices(e, 'channel')[0]), 'virtio-serial 0 0 1');
      assert.strictEqual(addr(devices(e, 'console')[0]), 'none');
      assert.strictEqual(addr(devices(e, 'input').find((i) => i.attr('type') === 'tablet')), 'usb 0 1');
    });

    it('30 NICs: a pci-bridge is added and placed first, at 00:02.0', () => {
      const e = expand('pc', Array.from({ length: 30 }, () => nic('virtio')).join(''));
      const bridge = controller(e, 'pci', 1);
      assert.strictEqual(bridge?.attr('model'), 'pci-bridge');
      assert.strictEqual(bridge?.child('target')?.attr('chassisNr'), '1');
      assert.strictEqual(addr(bridge), 'pci 00:02.0');
      const nics = devices(e, 'interface').map(addr);
      assert.strictEqual(nics[0], 'pci 00:03.0');
      assert.strictEqual(nics[28], 'pci 00:1f.0');
      assert.strictEqual(nics[29], 'pci 01:01.0');
    });

    it('28 NICs and the balloon fit on pci-root', () => {
      const e = expand('pc', Array.from({ length: 28 }, () => nic('virtio')).join(''));
      assert.strictEqual(controller(e, 'pci', 1), undefined);
    });

    it('keeps addresses the document gives, completes partial ones and marks multifunction slots', () => {
      const e = expand(
        'pc',
        nic('virtio', "<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>") +
          nic('virtio', "<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x1'/>") +
          vd('vda', "<address type='pci' slot='3'/>") +
          vd('vdb', "<address type='pci'/>"),
      );
      assert.deepStrictEqual(devices(e, 'interface').map(addr), ['pci 00:05.0 on', 'pci 00:05.1']);
      assert.strictEqual(addr(devices(e, 'disk')[0]), 'pci 00:03.0');
      assert.strictEqual(addr(devices(e, 'disk')[1]), 'pci 00:02.0');
    });
  });

  describe('other machines', () => {
    it('aarch64 virt: everything behind root ports, lsilogic behind a pcie-to-pci-bridge', () => {
      const e = expand('virt', vd('vda') + "<disk type='file' device='cdrom'><target dev='sda' bus='scsi'/></disk>" + nic(), 'aarch64');
      assert.strictEqual(controller(e, 'scsi', 0)?.attr('model'), 'lsilogic');
      assert.strictEqual(controller(e, 'pci', 3)?.attr('model'), 'pcie-to-pci-bridge');
      assert.strictEqual(addr(controller(e, 'pci', 3)), 'pci 01:00.0');
      assert.strictEqual(addr(devices(e, 'interface')[0]), 'pci 02:00.0');
      assert.strictEqual(addr(controller(e, 'scsi', 0)), 'pci 03:01.0');
      assert.strictEqual(addr(devices(e, 'disk').find((d) => d.child('target')?.attr('dev') === 'vda')), 'pci 04:00.0');
    });

    it('aarch64 virt: one virtio-mmio device puts every virtio device on virtio-mmio', () => {
      const e = expand('virt', vd('vda', "<address type='virtio-mmio'/>") + nic() + nic('e1000e'), 'aarch64');
      assert.deepStrictEqual(devices(e, 'interface').map(addr), ['virtio-mmio', 'pci 01:00.0']);
    });

    it('pSeries: spapr-vio registers by class, raised by 0x1000 on collision', () => {
      const e = expand(
        'pseries',
        nic('spapr-vlan') + nic('spapr-vlan') + "<controller type='scsi'/><serial type='pty'/><serial type='pty'/><nvram/>",
        'ppc64le',
      );
      assert.deepStrictEqual(devices(e, 'interface').map(addr), ['spapr-vio 0x00001000', 'spapr-vio 0x00002000']);
      assert.strictEqual(addr(controller(e, 'scsi', 0)), 'spapr-vio 0x00003000');
      assert.deepStrictEqual(devices(e, 'serial').map(addr), ['spapr-vio 0x30000000', 'spapr-vio 0x30001000']);
      assert.strictEqual(addr(devices(e, 'console')[0]), 'spapr-vio 0x30000000');
      assert.strictEqual(addr(devices(e, 'nvram')[0]), 'spapr-vio 0x00004000');
    });

    it('pSeries: 32 devices add a second PHB with target index 1', () => {
      const e = expand('pseries', Array.from({ length: 32 }, () => nic('virtio')).join(''), 'ppc64le');
      const phb = controller(e, 'pci', 1);
      assert.strictEqual(phb?.attr('model'), 'pci-root');
      assert.strictEqual(phb?.child('model')?.attr('name'), 'spapr-pci-host-bridge');
      assert.strictEqual(phb?.child('target')?.attr('index'), '1');
      assert.strictEqual(addr(devices(e, 'interface')[31]), 'pci 01:01.0');
    });

    it('s390x: CCW device numbers in device order around an explicit one', () => {
      const e = expand(
        's390-ccw-virtio',
        vd('vda') +
          vd('vdb', "<address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0001'/>") +
          nic() +
          "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>",
        's390x',
      );
      assert.deepStrictEqual(devices(e, 'disk').map(addr), ['ccw 0xfe 0x0 0x0000', 'ccw 0xfe 0x0 0x0001']);
      assert.strictEqual(addr(devices(e, 'interface')[0]), 'ccw 0xfe 0x0 0x0002');
      assert.strictEqual(addr(devices(e, 'memballoon')[0]), 'ccw 0xfe 0x0 0x0003');
      assert.strictEqual(addr(devices(e, 'rng')[0]), 'ccw 0xfe 0x0 0x0004');
    });
  });

  describe('USB and virtio-serial', () => {
    it('9 USB disks on a 2-port UHCI: two hubs on ports 1 and 2, disks behind them', () => {
      const e = expand(
        'pc',
        [...'abcdefghi']
          .map((c) => `<disk type='file' device='disk'><source file='/tmp/${c}'/><target dev='sd${c}' bus='usb'/></disk>`)
          .join(''),
      );
      assert.deepStrictEqual(devices(e, 'hub').map(addr), ['usb 0 1', 'usb 0 2']);
      assert.deepStrictEqual(devices(e, 'disk').map(addr), [
        'usb 0 1.1',
        'usb 0 1.2',
        'usb 0 1.3',
        'usb 0 1.4',
        'usb 0 1.5',
        'usb 0 1.6',
        'usb 0 1.7',
        'usb 0 1.8',
        'usb 0 2.1',
      ]);
    });

    it('a full virtio-serial controller makes libvirt add another one', () => {
      const ch = (n: string) => `<channel type='pty'><target type='virtio' name='${n}'/></channel>`;
      const e = expand('pc', "<controller type='virtio-serial' ports='2'/>" + ch('a.1') + ch('a.2') + ch('a.3'));
      assert.deepStrictEqual(devices(e, 'channel').map(addr), ['virtio-serial 0 0 1', 'virtio-serial 1 0 1', 'virtio-serial 1 0 2']);
      assert.strictEqual(addr(controller(e, 'virtio-serial', 1)), 'pci 00:03.0');
    });

    it('a smartcard sits in CCID slot 0 and its CCID controller takes a USB port before inputs', () => {
      const e = expand('pc', "<smartcard mode='passthrough' type='spicevmc'/><graphics type='spice'/><input type='tablet' bus='usb'/>");
      assert.strictEqual(addr(devices(e, 'smartcard')[0]), 'ccid 0 0');
      assert.strictEqual(addr(controller(e, 'ccid', 0)), 'usb 0 1');
      assert.strictEqual(addr(devices(e, 'input').find((i) => i.attr('type') === 'tablet')), 'usb 0 2');
    });
  });
});
