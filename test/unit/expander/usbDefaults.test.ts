/**
 * The model libvirt gives a USB controller the document writes without one,
 * and the controller it adds by itself, per arch and machine. Each expected
 * value is what libvirt 9.0.0 / QEMU 7.2 stored (`virsh define` +
 * `dumpxml --inactive`) for the same document; the fixtures
 * test/fixtures/domains/*-usb-controller-no-model.xml are checked against the
 * live daemon by the oracle tests.
 */
import * as assert from 'assert';
import { expandDomain } from '../../../server/src/languageservice/expander/expand';
import { parseXml } from '../../../server/src/languageservice/parser/xmlParser';
import { builtinProfile } from '../../../server/src/languageservice/profiles/builtinProfiles';

const profile = builtinProfile('debian-12')!;

function usbModels(arch: string, machine: string, devices: string): (string | undefined)[] {
  const text = `<domain type='qemu'><name>t</name><memory unit='MiB'>512</memory><os><type arch='${arch}' machine='${machine}'>hvm</type></os><devices>${devices}</devices></domain>`;
  const e = expandDomain(parseXml(text).root!, profile);
  assert.deepStrictEqual(e.failures, []);
  return e.root
    .child('devices')!
    .all('controller')
    .filter((c) => c.attr('type') === 'usb')
    .map((c) => c.attr('model'));
}

describe('USB controller models per arch (libvirt 9.0.0)', () => {
  const written = "<controller type='usb'/>";
  const cases: [string, string, string, (string | undefined)[]][] = [
    ['x86_64', 'pc', '', ['piix3-uhci']],
    ['x86_64', 'q35', '', ['qemu-xhci']],
    ['x86_64', 'q35', written, ['piix3-uhci']],
    ['aarch64', 'virt', '', []],
    ['aarch64', 'virt', written, ['qemu-xhci']],
    ['armv7l', 'virt', written, ['piix3-uhci']],
    ['ppc64', 'pseries', written, ['qemu-xhci']],
    ['s390x', 's390-ccw-virtio', written, ['none']],
  ];
  for (const [arch, machine, devices, expected] of cases) {
    it(`${arch} ${machine} ${devices ? 'with a model-less controller' : 'without one'}: ${expected.join(', ') || 'no controller'}`, () => {
      assert.deepStrictEqual(usbModels(arch, machine, devices), expected);
    });
  }

  it('a model the document writes is kept', () => {
    assert.deepStrictEqual(usbModels('aarch64', 'virt', "<controller type='usb' model='nec-xhci'/>"), ['nec-xhci']);
  });
});
