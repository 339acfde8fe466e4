import * as assert from 'assert';
import * as fs from 'fs';
import { CompletionItemTag } from 'vscode-languageserver-types';
import { getLanguageService, LanguageService } from '../../server/src/languageservice/languageService';
import { DEVICE_SNIPPETS } from '../../server/src/languageservice/knowledge/deviceSnippets';
import { doc, withCursor } from '../helpers';

const readFile = (p: string) => {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

const HEAD = `<domain type='kvm'>\n  <name>c</name>\n  <memory>1048576</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n`;

function complete(s: LanguageService, marked: string) {
  const { text, offset } = withCursor(marked);
  const d = doc(text);
  return s.doComplete(d, d.positionAt(offset)).items;
}

describe('completion from the schema', function () {
  let s: LanguageService;
  before(function () {
    if (!fs.existsSync('/usr/share/libvirt/schemas/domain.rng')) this.skip();
    s = getLanguageService({ readFile });
    s.configure({ profile: 'debian-12' });
  });

  it('offers the elements allowed in <devices> after a <, and device snippets', () => {
    const items = complete(s, `${HEAD}  <devices>\n    <|\n  </devices>\n</domain>\n`);
    const labels = items.map((i) => i.label);
    for (const e of ['disk', 'interface', 'controller', 'graphics', 'memballoon'])
      assert.ok(labels.includes(e), `${e} in ${labels.join(',')}`);
    assert.ok(!labels.includes('name'), 'no <name> inside <devices>');
    assert.ok(labels.includes('channel (QEMU guest agent)'));
  });

  it('offers the attributes of the current element, without those already written', () => {
    const labels = complete(s, `${HEAD}  <devices>\n    <controller type='usb' |/>\n  </devices>\n</domain>\n`).map((i) => i.label);
    assert.ok(labels.includes('index') && labels.includes('model'), labels.join(','));
    assert.ok(!labels.includes('type'));
  });

  it('offers the enum values of the attribute under the cursor, for its element', () => {
    const items = complete(s, `${HEAD}  <devices>\n    <controller type='usb' model='|'/>\n  </devices>\n</domain>\n`);
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('qemu-xhci') && labels.includes('piix3-uhci'), labels.join(','));
    assert.ok(!labels.includes('virtio-scsi'), 'SCSI models are not USB models');
  });

  it('offers the values of an element whose text is an enumeration', () => {
    const labels = complete(s, `${HEAD}  <on_crash>|</on_crash>\n</domain>\n`).map((i) => i.label);
    assert.ok(labels.includes('destroy') && labels.includes('coredump-restart'), labels.join(','));
  });

  it('marks values newer than the target with the version that added them, or hides them', () => {
    const old = getLanguageService({ readFile });
    old.configure({ libvirt: '5.0.0', qemu: '3.1.0' });
    const items = complete(old, `${HEAD}  <devices>\n    <controller type='scsi' model='|'/>\n  </devices>\n</domain>\n`);
    const vt = items.find((i) => i.label === 'virtio-transitional');
    assert.ok(vt, items.map((i) => i.label).join(','));
    assert.ok(vt!.tags?.includes(CompletionItemTag.Deprecated));
    assert.match(vt!.detail ?? '', /since libvirt 5\.2\.0: not on the target \(libvirt 5\.0\.0\)/);
    assert.ok(!items.find((i) => i.label === 'virtio-scsi')?.tags, 'virtio-scsi is old enough');
    old.configure({ libvirt: '5.0.0', qemu: '3.1.0', hideUnsupported: true });
    const hidden = complete(old, `${HEAD}  <devices>\n    <controller type='scsi' model='|'/>\n  </devices>\n</domain>\n`);
    assert.ok(!hidden.some((i) => i.label === 'virtio-transitional'));
  });

  it('inserts snippets that are valid against the schema', () => {
    for (const snip of DEVICE_SNIPPETS) {
      const body = snip.body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
      const text = `${HEAD}  <devices>\n${body}\n  </devices>\n</domain>\n`;
      const problems = s.doValidation(doc(text)).filter((x) => x.code === 'schema' || x.code === 'syntax');
      assert.deepStrictEqual(
        problems.map((p) => p.message),
        [],
        snip.label,
      );
    }
  });
});
