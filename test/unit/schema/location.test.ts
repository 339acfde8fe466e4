/**
 * Where problems point and what they say: the offending attribute value for a
 * bad value, the attribute name for an unexpected attribute, the element name
 * for an unexpected element, the start tag's name for what is missing in it.
 */
import * as assert from 'assert';
import { parseXml } from '../../../server/src/languageservice/parser/xmlParser';
import { loadRelaxNg, RelaxNgSchema } from '../../../server/src/languageservice/schema/loadRelaxNg';
import { SchemaProblem, validate } from '../../../server/src/languageservice/schema/validator';
import { DOMAIN_RNG, hasLibvirtSchemas } from './xmllint';

const HEAD = `<domain type='kvm'>
  <name>vm</name>
  <memory unit='MiB'>1024</memory>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
`;

function domain(devicesOrMore: string): string {
  return `${HEAD}${devicesOrMore}</domain>\n`;
}

/** the text a problem points at */
function at(text: string, p: SchemaProblem): string {
  return text.slice(p.start, p.end);
}

/** the offset of the n-th (0-based) occurrence of `needle` */
function offsetOf(text: string, needle: string, n = 0): number {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`${needle} not in text`);
  }
  return i;
}

describe('RelaxNG validation: located messages', function () {
  this.timeout(60_000);
  let schema: RelaxNgSchema;
  const check = (text: string) => validate(schema, parseXml(text));

  before(function () {
    if (!hasLibvirtSchemas()) this.skip();
    schema = loadRelaxNg(DOMAIN_RNG);
  });

  it('accepts a valid document without problems', () => {
    assert.deepStrictEqual(check(domain('  <devices/>\n')), []);
  });

  it('points at the value of an attribute whose value is not in the enumeration, and lists the values', () => {
    const text = domain(`  <devices>\n    <controller type='usb' index='0' model='bogus'/>\n  </devices>\n`);
    const ps = check(text);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(ps[0].code, 'invalid-attribute-value');
    assert.strictEqual(ps[0].start, offsetOf(text, "bogus'"));
    assert.strictEqual(at(text, ps[0]), 'bogus');
    assert.match(ps[0].message, /^model 'bogus' is not an allowed value$/);
    assert.match(ps[0].detail ?? '', /^Allowed: piix3-uhci, piix4-uhci, ehci, /);
  });

  it('explains a value rejected by a datatype', () => {
    const text = domain(`  <devices>\n    <controller type='usb' index='x'/>\n  </devices>\n`);
    const ps = check(text);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(at(text, ps[0]), 'x');
    assert.match(ps[0].message, /index 'x'/);
    assert.match(ps[0].message, /unsignedInt/);
  });

  it('points at the name of an attribute the element does not take', () => {
    const text = domain(
      `  <devices>\n    <disk type='file' device='disk' colour='blue'>\n      <source file='/a.img'/>\n      <target dev='vda'/>\n    </disk>\n  </devices>\n`,
    );
    const ps = check(text);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(ps[0].code, 'unknown-attribute');
    assert.strictEqual(at(text, ps[0]), 'colour');
    assert.strictEqual(ps[0].start, offsetOf(text, 'colour'));
    assert.match(ps[0].message, /attribute 'colour' is not allowed on <disk>/);
  });

  it('points at the start tag name for a missing required attribute and names it', () => {
    const text = domain(`  <devices>\n    <controller index='0'/>\n  </devices>\n`);
    const ps = check(text);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(ps[0].code, 'missing-attribute');
    assert.strictEqual(ps[0].start, offsetOf(text, 'controller'));
    assert.strictEqual(at(text, ps[0]), 'controller');
    assert.match(ps[0].message, /missing required attribute 'type'/);
  });

  it('points at the name of an element that is not allowed and says what is', () => {
    const text = domain(
      `  <devices>\n    <disk type='file' device='disk'>\n      <source file='/a.img'/>\n      <target dev='vda'/>\n      <flavour/>\n    </disk>\n  </devices>\n`,
    );
    const ps = check(text);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(ps[0].code, 'unexpected-element');
    assert.strictEqual(at(text, ps[0]), 'flavour');
    assert.strictEqual(ps[0].start, offsetOf(text, 'flavour'));
    assert.match(`${ps[0].message}; ${ps[0].detail}`, /^element <flavour> is not allowed here; Expected one of .*<driver>/);
  });

  it('points at the parent start tag for a missing required child and names it', () => {
    const text = domain(`  <devices>\n    <disk type='file' device='disk'>\n      <source file='/a.img'/>\n    </disk>\n  </devices>\n`);
    const ps = check(text);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(ps[0].code, 'missing-element');
    assert.strictEqual(ps[0].start, offsetOf(text, 'disk'));
    assert.match(ps[0].message, /<disk> is missing required child element <target>/);
  });

  it('reports an element placed under the wrong parent at the element', () => {
    const text = domain(
      `  <devices>\n    <interface type='network'>\n      <source network='default'/>\n    </interface>\n  </devices>\n  <model type='virtio'/>\n`,
    );
    const ps = check(text);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(at(text, ps[0]), 'model');
    assert.strictEqual(ps[0].start, offsetOf(text, 'model'));
  });

  it('points at text where the element must be empty', () => {
    const text = domain(`  <features>\n    <acpi>yes</acpi>\n  </features>\n`);
    const ps = check(text);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(ps[0].code, 'unexpected-text');
    assert.strictEqual(at(text, ps[0]), 'yes');
    assert.match(ps[0].message, /text is not allowed in <acpi>/);
  });

  it('points at a text value outside its enumeration', () => {
    const text = domain(`  <on_crash>explode</on_crash>\n`);
    const ps = check(text);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(ps[0].code, 'invalid-text-value');
    assert.strictEqual(at(text, ps[0]), 'explode');
    assert.match(`${ps[0].message} ${ps[0].detail}`, /'explode' is not an allowed value Allowed: destroy, restart, preserve/);
  });

  it('reports an empty element that needs a value at its name', () => {
    const text = domain(`  <on_crash/>\n`);
    const ps = check(text);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(ps[0].code, 'missing-value');
    assert.strictEqual(at(text, ps[0]), 'on_crash');
  });

  it('reports a wrong root element', () => {
    const text = `<network><name>n</name></network>`;
    const ps = check(text);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(ps[0].code, 'unexpected-root');
    assert.strictEqual(at(text, ps[0]), 'network');
    assert.match(ps[0].message, /expected <domain>/);
  });

  it('reports several independent problems in one document', () => {
    const text = domain(
      `  <devices>\n    <controller type='usb' model='bogus'/>\n    <controller index='1'/>\n    <video><model type='cirrus' heads='x'/></video>\n  </devices>\n`,
    );
    const ps = check(text);
    assert.deepStrictEqual(
      ps.map((p) => [p.code, at(text, p)]),
      [
        ['invalid-attribute-value', 'bogus'],
        ['missing-attribute', 'controller'],
        ['invalid-attribute-value', 'x'],
      ],
    );
  });

  it('resolves namespaces: qemu elements validate by namespace, not prefix', () => {
    const ok = domain(
      `  <devices/>\n  <q:commandline xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'>\n    <q:arg value='-S'/>\n  </q:commandline>\n`,
    );
    assert.deepStrictEqual(check(ok), []);
    const wrong = domain(
      `  <devices/>\n  <q:commandline xmlns:q='http://example.org/other'>\n    <q:arg value='-S'/>\n  </q:commandline>\n`,
    );
    const ps = check(wrong);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(ps[0].code, 'unexpected-element');
    assert.strictEqual(at(wrong, ps[0]), 'q:commandline');
    const badArg = domain(
      `  <devices/>\n  <qemu:commandline xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>\n    <qemu:arg valeu='-S'/>\n  </qemu:commandline>\n`,
    );
    const ps2 = check(badArg);
    assert.deepStrictEqual(
      ps2.map((p) => at(badArg, p)),
      ['valeu', 'qemu:arg'],
    );
  });

  it('accepts anything in metadata that is in a namespace', () => {
    const text = domain(`  <metadata>\n    <x:anything xmlns:x='urn:x' a='1'><x:deep>text</x:deep></x:anything>\n  </metadata>\n`);
    assert.deepStrictEqual(check(text), []);
  });

  it("reports libxml2's interleave quirk at the misplaced element", () => {
    // libxml2 rejects <memory> between <name> and <uuid>: the inner interleave of
    // name/uuid/genid relinks the children and breaks the chain of <memory>'s group
    const text = `<domain type='kvm'>\n  <name>vm</name>\n  <memory>1024</memory>\n  <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n  <currentMemory>1024</currentMemory>\n  <os><type>hvm</type></os>\n</domain>\n`;
    const ps = check(text);
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(ps[0].code, 'misplaced-element');
    assert.strictEqual(at(text, ps[0]), 'memory');
    assert.match(ps[0].message, /<memory> is not accepted between <name> and <uuid>/);
    // the same children in another order are fine
    const fine = text.replace(/ {2}<memory>1024<\/memory>\n {2}(<uuid>.*<\/uuid>\n)/, '  $1  <memory>1024</memory>\n');
    assert.deepStrictEqual(check(fine), []);
    // <title> between <name> and <uuid> is fine too, unless the domain has an id attribute
    const titled = `<domain type='kvm'>\n  <name>vm</name>\n  <title>t</title>\n  <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n  <memory>1024</memory>\n  <os><type>hvm</type></os>\n</domain>\n`;
    assert.deepStrictEqual(check(titled), []);
    const withId = titled.replace("type='kvm'", "type='kvm' id='1'");
    assert.deepStrictEqual(
      check(withId).map((p) => [p.code, at(withId, p)]),
      [['misplaced-element', 'title']],
    );
  });
});
