/** Completion queries: what the schema allows at a point of a (possibly unfinished) document. */
import * as assert from 'assert';
import { parseXml } from '../../../server/src/languageservice/parser/xmlParser';
import { walkElements, XmlElement } from '../../../server/src/languageservice/parser/xmlNodes';
import {
  allowedAttributes,
  allowedChildElements,
  attributeValues,
  isElementAllowed,
  textValues,
} from '../../../server/src/languageservice/schema/completion';
import { loadRelaxNg, RelaxNgSchema } from '../../../server/src/languageservice/schema/loadRelaxNg';
import { DOMAIN_RNG, hasLibvirtSchemas } from './xmllint';

const TEXT = `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>vm</name>
  <memory unit='MiB'>1024</memory>
  <os>
    <type arch='x86_64'>hvm</type>
  </os>
  <devices>
    <controller type='usb' model=''/>
    <disk type='file' device='disk'>
      <target dev='vda'/>
    </disk>
    <interface type='network'>
    </interface>
    <graphics type='vnc'/>
  </devices>
  <on_crash></on_crash>
</domain>
`;

describe('RelaxNG completion queries', function () {
  this.timeout(60_000);
  let schema: RelaxNgSchema;
  let els: XmlElement[];
  const el = (name: string, n = 0) => els.filter((e) => e.name === name)[n];

  before(function () {
    if (!hasLibvirtSchemas()) this.skip();
    schema = loadRelaxNg(DOMAIN_RNG);
    els = [...walkElements(parseXml(TEXT).root!)];
  });

  it('lists the child elements allowed at the end of an element, required ones first', () => {
    const names = allowedChildElements(schema, el('domain')).map((s) => s.name);
    for (const n of ['uuid', 'vcpu', 'cpu', 'features', 'clock', 'on_reboot', 'metadata', 'seclabel', 'qemu:commandline'])
      assert.ok(names.includes(n), n);
    // name, memory, os, devices and on_crash are there already and may not repeat
    for (const n of ['name', 'os', 'devices', 'on_crash']) assert.ok(!names.includes(n), n);
    const disk = allowedChildElements(schema, el('disk'));
    assert.ok(disk.some((s) => s.name === 'source') && disk.some((s) => s.name === 'driver') && disk.some((s) => s.name === 'address'));
    assert.ok(!disk.some((s) => s.name === 'target'), 'target is there already');
  });

  it('marks the child elements that are required', () => {
    const iface = allowedChildElements(schema, el('interface'));
    assert.ok(iface.find((s) => s.name === 'source')?.required, 'a network interface needs <source>');
    assert.ok(!iface.find((s) => s.name === 'model')?.required);
    const os = allowedChildElements(schema, el('os'), 0);
    assert.ok(os.find((s) => s.name === 'type')?.required, '<os> starts with <type>');
  });

  it('lists the child elements allowed before a given child', () => {
    const first = allowedChildElements(schema, el('domain'), 0).map((s) => s.name);
    assert.ok(first.includes('name') && first.includes('uuid'));
  });

  it('lists the attributes an element may still take', () => {
    const disk = allowedAttributes(schema, el('disk')).map((s) => s.name);
    assert.ok(disk.includes('snapshot') && disk.includes('model'));
    assert.ok(!disk.includes('type') && !disk.includes('device'), 'present already');
    const target = allowedAttributes(schema, el('target', 0)).map((s) => s.name);
    assert.ok(target.includes('bus') && target.includes('tray'));
    // the attribute being edited is offered again
    const controller = el('controller');
    const model = controller.getAttribute('model')!;
    assert.ok(allowedAttributes(schema, controller, model).some((s) => s.name === 'model'));
  });

  it('marks required attributes', () => {
    const text = `<domain type='kvm'><name>x</name><memory>1</memory><os><type>hvm</type></os><devices><controller/></devices></domain>`;
    const controller = [...walkElements(parseXml(text).root!)].find((e) => e.name === 'controller')!;
    const attrs = allowedAttributes(schema, controller);
    assert.ok(attrs.find((a) => a.name === 'type')?.required);
    assert.ok(!attrs.find((a) => a.name === 'index')?.required);
    assert.strictEqual(attrs[0].name, 'type', 'required attributes come first');
  });

  it("lists the values of an enumerated attribute, in the schema's order", () => {
    const usb = attributeValues(schema, el('controller'), 'model');
    assert.deepStrictEqual(usb.values.slice(0, 3), ['piix3-uhci', 'piix4-uhci', 'ehci']);
    assert.ok(usb.values.includes('qemu-xhci') && usb.values.includes('none'));
    assert.deepStrictEqual(usb.datatypes, []);
    const dev = attributeValues(schema, el('disk'), 'device');
    assert.deepStrictEqual([...dev.values].sort(), ['cdrom', 'disk', 'floppy', 'lun'].filter((v) => dev.values.includes(v)).sort());
    assert.ok(dev.values.includes('cdrom'));
    const unit = attributeValues(schema, el('memory'), 'unit');
    assert.ok(unit.datatypes.length > 0 || unit.values.length > 0);
  });

  it("lists the values of an element's text", () => {
    const crash = textValues(schema, el('on_crash'));
    assert.deepStrictEqual(crash.values, ['destroy', 'restart', 'preserve', 'rename-restart', 'coredump-destroy', 'coredump-restart']);
    const type = textValues(schema, el('type'));
    assert.ok(type.values.includes('hvm'));
  });

  it('answers for an unfinished document', () => {
    const text = `<domain type='kvm'><devices><interface type='bridge'><model type=''/><`;
    const doc = parseXml(text);
    const iface = [...walkElements(doc.root!)].find((e) => e.name === 'interface')!;
    const kids = allowedChildElements(schema, iface).map((s) => s.name);
    assert.ok(kids.includes('source') && kids.includes('mac'));
    const model = [...walkElements(doc.root!)].find((e) => e.name === 'model')!;
    assert.ok(attributeValues(schema, model, 'type').anyText || attributeValues(schema, model, 'type').datatypes.length > 0);
  });

  it('tells whether an element may be where it is', () => {
    assert.strictEqual(isElementAllowed(schema, el('disk')), true);
    const text = `<domain type='kvm'><name>x</name><devices><name>y</name></devices></domain>`;
    const inner = [...walkElements(parseXml(text).root!)].filter((e) => e.name === 'name')[1];
    assert.strictEqual(isElementAllowed(schema, inner), false);
  });
});
