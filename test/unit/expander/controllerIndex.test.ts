/**
 * Controllers written without index, and a live domain's id: each expected
 * value is what libvirt 9.0.0 stored for the same document (`virsh define` +
 * `dumpxml --inactive`; 7.0.0 and 11.3.0 number them the same). The fixture
 * test/fixtures/domains/x86_64-q35-controllers-without-index.xml is checked
 * against the daemons by the oracle tests.
 */
import * as assert from 'assert';
import { expandDomain } from '../../../server/src/languageservice/expander/expand';
import { parseXml } from '../../../server/src/languageservice/parser/xmlParser';
import { builtinProfile } from '../../../server/src/languageservice/profiles/builtinProfiles';

const profile = builtinProfile('debian-12')!;

function expand(devices: string, domainAttrs = '') {
  const text = `<domain type='qemu'${domainAttrs}><name>t</name><memory unit='MiB'>512</memory><os><type arch='x86_64' machine='q35'>hvm</type></os><devices>${devices}</devices></domain>`;
  const e = expandDomain(parseXml(text).root!, profile);
  assert.deepStrictEqual(e.failures, []);
  return e;
}

function controllers(devices: string, type: string): string[] {
  return expand(devices)
    .root.child('devices')!
    .all('controller')
    .filter((c) => c.attr('type') === type)
    .map((c) => `${c.attr('model') ?? ''}:${c.attr('index')}${c.child('master') ? `/${c.child('master')!.attr('startport')}` : ''}`);
}

describe('controller index (libvirt 9.0.0)', () => {
  it('USB2 companions share the index of the USB2 controller before them, unless their model already has it', () => {
    const usb =
      "<controller type='usb' model='qemu-xhci'/><controller type='usb' model='ich9-uhci1'/><controller type='usb' model='ich9-ehci1'/>" +
      "<controller type='usb' model='ich9-uhci1'/><controller type='usb' model='ich9-uhci2'/>";
    assert.deepStrictEqual(controllers(usb, 'usb'), ['qemu-xhci:0', 'ich9-uhci1:1/0', 'ich9-ehci1:1', 'ich9-uhci1:2/0', 'ich9-uhci2:2/2']);
  });

  it('an ehci1 group without indexes: all at 0, the UHCIs with start ports 0, 2, 4', () => {
    const usb =
      "<controller type='usb' model='ich9-ehci1'/><controller type='usb' model='ich9-uhci1'/>" +
      "<controller type='usb' model='ich9-uhci2'/><controller type='usb' model='ich9-uhci3'/>";
    assert.deepStrictEqual(controllers(usb, 'usb'), ['ich9-ehci1:0', 'ich9-uhci1:0/0', 'ich9-uhci2:0/2', 'ich9-uhci3:0/4']);
  });

  it('PCI controllers without index take the lowest free index in document order, around written ones', () => {
    const pci =
      "<controller type='pci' model='pcie-root-port'/><controller type='pci' index='0' model='pcie-root'/>" +
      "<controller type='pci' model='pcie-root-port'/><controller type='pci' index='5' model='pcie-root-port'/>" +
      "<controller type='pci' model='pcie-switch-upstream-port'/><controller type='pci' model='pcie-switch-downstream-port'/>" +
      "<controller type='pci' model='pcie-switch-downstream-port'/>";
    const got = controllers(pci, 'pci').slice(0, 7);
    assert.deepStrictEqual(got, [
      'pcie-root-port:1',
      'pcie-root:0',
      'pcie-root-port:2',
      'pcie-root-port:5',
      'pcie-switch-upstream-port:3',
      'pcie-switch-downstream-port:4',
      'pcie-switch-downstream-port:6',
    ]);
  });

  it('a controller without index before the written index 0 of its type gets the next one', () => {
    const scsi = "<controller type='scsi' model='virtio-scsi'/><controller type='scsi' index='0' model='virtio-scsi'/>";
    assert.deepStrictEqual(controllers(scsi, 'scsi'), ['virtio-scsi:1', 'virtio-scsi:0']);
  });
});

describe('live domain id (libvirt 7.0.0, 9.0.0, 11.3.0)', () => {
  it("define drops <domain id='N'>", () => {
    assert.strictEqual(expand('', " id='7'").root.attr('id'), undefined);
  });
});
