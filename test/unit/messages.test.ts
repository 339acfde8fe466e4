/**
 * The words a user reads for a fill or a finding, on real fills: the
 * Problems panel, the hover and the quick-fix title say the same thing in
 * short correct sentences, and one node tells one story.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getLanguageService } from '../../server/src/languageservice/languageService';
import { markdownInline } from '../../server/src/languageservice/services/hover';
import { doc, fullText } from '../helpers';

const SCHEMAS = '/usr/share/libvirt/schemas';
const readFile = (p: string) => {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

function service(profile = 'debian-12') {
  const s = getLanguageService({ readFile });
  // every fill as a diagnostic (the default shows fills that no release changes as inlay hints)
  s.configure({ profile, schemaDirectory: SCHEMAS, defaults: 'diagnostics' });
  return s;
}

const domain = (devices: string, machine = 'q35') =>
  `<domain type='qemu'>\n  <name>vm</name>\n  <uuid>9a7b3c1e-2f4d-4c5b-8e6f-1a2b3c4d5e6f</uuid>\n  <memory unit='MiB'>512</memory>\n  <os>\n    <type arch='x86_64' machine='${machine}'>hvm</type>\n  </os>\n  <devices>\n${devices}  </devices>\n</domain>\n`;

function messages(text: string, profile?: string): string[] {
  return service(profile)
    .doValidation(doc(text))
    .map((d) => `${d.code}: ${d.message}`);
}

describe('messages: one sentence per fill', () => {
  it('a generated MAC address is said as such, on the <interface>', () => {
    const m = messages(domain("    <interface type='network'>\n      <source network='default'/>\n    </interface>\n"));
    assert.ok(m.includes('abi-generated: libvirt 9.0 will generate a MAC address for this <interface>'), m.join('\n'));
    assert.ok(m.includes("abi-default: libvirt 9.0 will add <model type='rtl8139'/> to this <interface>"), m.join('\n'));
    assert.ok(!m.some((x) => /<mac>|\(generated\)/.test(x)), m.join('\n'));
  });

  it('a controller whose index libvirt fills is not named by that index in the quick fix', () => {
    const text = domain("    <controller type='pci' model='pcie-root-port'/>\n");
    const s = service();
    const d = doc(text);
    const at = text.indexOf("<controller type='pci'") + 2;
    const titles = s.doCodeActions(d, { start: d.positionAt(at), end: d.positionAt(at) }, { diagnostics: [] }).map((a) => a.title);
    const index = titles.find((t) => /index/.test(t));
    assert.ok(index, titles.join('\n'));
    assert.match(index!, /^Pin PCI controller index \d+$/);
  });

  it('whole-document actions are cased like the palette commands', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const palette: string[] = pkg.contributes.commands.map((c: { title: string }) => c.title);
    const text = domain("    <interface type='network'>\n      <source network='default'/>\n    </interface>\n");
    const d = doc(text);
    const titles = service()
      .doCodeActions(d, { start: d.positionAt(0), end: d.positionAt(0) }, { diagnostics: [], only: ['source'] })
      .map((a) => a.title);
    assert.deepStrictEqual(titles, ['Pin All ABI Defaults', 'Pin All ABI Defaults and Device Addresses']);
    assert.ok(palette.includes(titles[0]), palette.join(', '));
  });
});

describe('messages: hover', () => {
  function hoverAt(text: string, needle: string, profile?: string): string {
    const d = doc(text);
    const h = service(profile).doHover(d, d.positionAt(text.indexOf(needle) + 1));
    assert.ok(h, 'a hover');
    return (h!.contents as { value: string }).value;
  }

  it('keeps inline XML of a reason visible as code', () => {
    const md = hoverAt(domain(''), '<devices>');
    assert.match(md, /unless `<memballoon model="none"\/>` says otherwise/);
    assert.doesNotMatch(md, /unless {2}says/);
    assert.strictEqual(markdownInline('a <b/> and `<c/>` and x_y'), 'a `<b/>` and `<c/>` and x\\_y');
  });

  it('names the profile and its libvirt version once', () => {
    const md = hoverAt(domain(''), '<devices>');
    assert.match(md, /\*\*At define time, Debian 12 \(libvirt 9\.0\.0, QEMU 7\.2\):\*\*/);
    assert.doesNotMatch(md, /\(libvirt 9\.0\)/);
  });
});

describe('messages: one node, one story', function () {
  before(function () {
    if (!fs.existsSync(path.join(SCHEMAS, 'domain.rng'))) this.skip();
  });

  it('a half-typed attribute value gets the syntax error only', () => {
    const text = domain(
      "    <disk type='file' device='disk'>\n      <source file='/a.img'/>\n      <target dev='vda' bus='/>\n    </disk>\n",
    );
    const m = messages(text).filter((x) => !x.startsWith('abi-'));
    assert.ok(m.length > 0 && m.every((x) => x.startsWith('syntax:')), m.join('\n'));
  });

  it('an element the target drops is reported once, as the drop, saying that validation refuses it', () => {
    const text = domain(
      "    <disk type='file' device='disk'>\n      <source file='/a.img'/>\n      <target dev='vda' bus='virtio'/>\n      <throttlefilters><throttlefilter group='g'/></throttlefilters>\n    </disk>\n",
    );
    const s = service();
    const d = doc(text);
    const start = text.indexOf('throttlefilters>');
    const on = s.doValidation(d).filter((x) => d.offsetAt(x.range.start) === start);
    assert.deepStrictEqual(
      on.map((x) => x.code),
      ['version-drop'],
      on.map((x) => x.message).join('\n'),
    );
    assert.match(on[0].message, /silently drops it$/);
    assert.match(fullText(on[0]), /virt-xml-validate refuse it/);
  });
});
