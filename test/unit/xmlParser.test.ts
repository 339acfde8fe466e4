import * as assert from 'assert';
import { parseXml } from '../../server/src/languageservice/parser/xmlParser';
import { elementAt, walkElements, XmlElement } from '../../server/src/languageservice/parser/xmlNodes';
import { doc } from '../helpers';

function slice(text: string, start: number, end: number): string {
  return text.slice(start, end);
}

describe('xmlParser: positions', () => {
  const text = `<?xml version="1.0"?>\n<!-- saved by libvirt -->\n<domain type='kvm'>\n  <name>vm1</name>\n  <devices>\n    <controller type="usb" model='piix3-uhci'/>\n  </devices>\n</domain>\n`;
  const x = parseXml(text);

  it('finds the root after a prolog and a comment', () => {
    assert.strictEqual(x.errors.length, 0, JSON.stringify(x.errors));
    assert.strictEqual(x.root?.name, 'domain');
  });

  it('records element name, attribute name and value offsets exactly', () => {
    const c = x.root!.path('devices', 'controller')!;
    assert.strictEqual(slice(text, c.nameStart, c.nameEnd), 'controller');
    const model = c.getAttribute('model')!;
    assert.strictEqual(slice(text, model.nameStart, model.nameEnd), 'model');
    assert.strictEqual(slice(text, model.valueStart, model.valueEnd), 'piix3-uhci');
    assert.strictEqual(model.quote, "'");
    assert.strictEqual(c.getAttribute('type')!.quote, '"');
    assert.ok(c.selfClosing && c.closed);
    assert.strictEqual(slice(text, c.start, c.end), `<controller type="usb" model='piix3-uhci'/>`);
  });

  it('records text nodes and whole-element extents', () => {
    const name = x.root!.child('name')!;
    assert.strictEqual(name.text(), 'vm1');
    assert.strictEqual(slice(text, name.start, name.end), '<name>vm1</name>');
    assert.strictEqual(slice(text, x.root!.start, x.root!.end), text.slice(text.indexOf('<domain'), text.lastIndexOf('>') + 1));
  });

  it('maps offsets to UTF-16 LSP columns through non-ASCII text, tabs and CRLF', () => {
    const t = '<domain>\r\n\t<description>caf\u00e9 \u{1F600} ok</description>\r\n\t<name a="\u00fc">x</name>\r\n</domain>';
    const d = doc(t);
    const p = parseXml(t);
    assert.strictEqual(p.errors.length, 0);
    const nameEl = p.root!.child('name')!;
    const pos = d.positionAt(nameEl.nameStart);
    assert.deepStrictEqual(pos, { line: 2, character: 2 });
    const desc = p.root!.child('description')!;
    assert.strictEqual(desc.text(), 'caf\u00e9 \u{1F600} ok');
    // the emoji is two UTF-16 code units: the end tag starts at column 14 + 2 + 4
    assert.deepStrictEqual(d.positionAt(desc.endTagStart), { line: 1, character: 14 + 4 + 1 + 2 + 3 });
    assert.strictEqual(nameEl.attr('a'), '\u00fc');
  });

  it('normalises literal whitespace in attribute values but not character references', () => {
    const p = parseXml(`<domain a="x\ty\nz" b="1&#10;2&#9;3"/>`);
    assert.strictEqual(p.root!.attr('a'), 'x y z');
    assert.strictEqual(p.root!.attr('b'), '1\n2\t3');
  });

  it('skips a byte order mark', () => {
    const p = parseXml('\uFEFF<domain><name>a</name></domain>');
    assert.strictEqual(p.errors.length, 0);
    assert.strictEqual(p.root!.start, 1);
  });

  it('decodes entity and character references in values and text', () => {
    const p = parseXml(`<domain><name a="&lt;&#65;&#x42;&amp;">x &gt; y</name></domain>`);
    assert.strictEqual(p.errors.length, 0);
    assert.strictEqual(p.root!.child('name')!.attr('a'), '<AB&');
    assert.strictEqual(p.root!.child('name')!.text(), 'x > y');
  });

  it('finds the innermost element at an offset', () => {
    const off = text.indexOf('piix3');
    assert.strictEqual(elementAt(x, off)?.name, 'controller');
    assert.strictEqual(elementAt(x, text.indexOf('vm1'))?.name, 'name');
  });
});

describe('xmlParser: half-typed input keeps a tree and a located error', () => {
  function errs(t: string) {
    return parseXml(t).errors.map((e) => ({ code: e.code, at: t.slice(e.start, e.end) }));
  }

  it('an attribute quote left open ends at the next tag', () => {
    const t = `<domain>\n  <disk type="file>\n    <target dev='vda'/>\n  </disk>\n</domain>`;
    const p = parseXml(t);
    const disk = p.root!.child('disk')!;
    assert.strictEqual(disk.attr('type'), 'file>');
    assert.ok(disk.child('target'), 'the next element is still a child of disk');
    assert.strictEqual(disk.child('target')!.attr('dev'), 'vda');
    const e = p.errors.find((x) => x.code === 'unclosed-attribute-value')!;
    assert.strictEqual(t.slice(e.start, e.end), '"file>');
  });

  it('a missing end tag is reported on the unclosed element name and its parent still closes', () => {
    const t = `<domain><devices><disk type='file'><target dev='vda'/></devices></domain>`;
    const p = parseXml(t);
    assert.deepStrictEqual(errs(t), [{ code: 'unclosed-element', at: 'disk' }]);
    assert.ok(p.root!.closed);
    assert.strictEqual(p.root!.child('devices')!.child('disk')!.child('target')!.attr('dev'), 'vda');
  });

  it('an unmatched end tag is reported and skipped', () => {
    const t = `<domain><name>x</name></disk></domain>`;
    assert.deepStrictEqual(errs(t), [{ code: 'unmatched-end-tag', at: 'disk' }]);
  });

  it('a stray < is reported and does not break the tree', () => {
    const t = `<domain><name>a < b</name><uuid/></domain>`;
    const p = parseXml(t);
    assert.deepStrictEqual(errs(t), [{ code: 'stray-lt', at: '<' }]);
    assert.ok(p.root!.child('uuid'));
  });

  it('a start tag interrupted by the next tag is reported', () => {
    const t = `<domain>\n  <disk type='file'\n  <target dev='vda'/>\n</domain>`;
    const p = parseXml(t);
    assert.ok(p.errors.some((e) => e.code === 'unclosed-start-tag' && t.slice(e.start, e.end) === 'disk'));
    assert.strictEqual(p.root!.child('disk')!.attr('type'), 'file');
  });

  it('end of input reports every open element', () => {
    const t = `<domain type='kvm'>\n  <devices>\n    <disk`;
    const codes = parseXml(t).errors.map((e) => `${e.code}:${t.slice(e.start, e.end)}`);
    assert.deepStrictEqual(
      codes.sort(),
      ['unclosed-element:devices', 'unclosed-element:disk', 'unclosed-element:domain', 'unclosed-start-tag:disk'].sort(),
    );
  });

  it('reports duplicate attributes, unquoted values, valueless attributes and bad references', () => {
    const t = `<domain a='1' a='2' b=3 c d='&bogus;' e='x & y'/>`;
    const codes = errs(t).map((e) => e.code);
    assert.deepStrictEqual(codes, [
      'duplicate-attribute',
      'unquoted-attribute-value',
      'attribute-without-value',
      'unknown-entity',
      'bare-ampersand',
    ]);
  });

  it('reports text and a second root outside the root element', () => {
    assert.deepStrictEqual(
      errs(`<domain/>junk<other/>`).map((e) => e.code),
      ['text-outside-root', 'multiple-roots'],
    );
  });

  it('reports a misplaced XML declaration, an unclosed comment and forbidden characters', () => {
    assert.deepStrictEqual(
      errs(` <?xml version="1.0"?><domain/>`).map((e) => e.code),
      ['misplaced-xml-decl'],
    );
    assert.deepStrictEqual(
      errs(`<domain><!-- open</domain>`)
        .map((e) => e.code)
        .sort(),
      ['unclosed-comment', 'unclosed-element'],
    );
    assert.deepStrictEqual(
      errs(`<domain>\u0001</domain>`).map((e) => e.code),
      ['invalid-character'],
    );
  });

  it('reports an empty document as having no root', () => {
    assert.deepStrictEqual(
      errs('').map((e) => e.code),
      ['no-root'],
    );
  });

  it('gives every element an extent that contains its children', () => {
    const t = `<domain><devices><disk><source file='a'><target dev='b'/></devices>`;
    const p = parseXml(t);
    for (const el of walkElements(p.root!)) {
      for (const c of el.children) {
        assert.ok(c.start >= el.start && c.end <= el.end, `${(c as XmlElement).name ?? c.kind} inside ${el.name}`);
      }
    }
  });
});
