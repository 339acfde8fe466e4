import * as assert from 'assert';
import { getLanguageService } from '../../server/src/languageservice/languageService';
import { doc, withCursor } from '../helpers';

const PC = `<domain type='qemu'>
  <name>vm</name>
  <memory unit='MiB'>1024</memory>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <devices>
    <controller type='usb' index='0'/>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/vm.img'/>
      <target dev='hda'/>
    </disk>
  </devices>
</domain>
`;

// every fill as a diagnostic (the default level shows the stable ones as inlay hints: abiRisk.test.ts)
function service(profile = 'debian-12') {
  const s = getLanguageService();
  s.configure({ profile, defaults: 'diagnostics' });
  return s;
}

describe('ABI diagnostics from the expander', () => {
  it('locates the machine type change on the attribute value and names both values', () => {
    const d = doc(PC);
    const diags = service().doValidation(d);
    const m = diags.find((x) => /machine='pc-i440fx-7.2' instead of 'pc'/.test(x.message));
    assert.ok(m, diags.map((x) => x.message).join('\n'));
    assert.strictEqual(d.getText(m!.range), 'pc');
    assert.strictEqual(m!.code, 'abi-default');
    assert.strictEqual(m!.severity, 3);
    assert.strictEqual(m!.codeDescription?.href.startsWith('https://libvirt.org/'), true);
  });

  it('reports a filled model on the controller that lacks it, and implicit devices on <devices>', () => {
    const d = doc(PC);
    const diags = service().doValidation(d);
    const usb = diags.find((x) => /model='piix3-uhci'/.test(x.message))!;
    assert.strictEqual(d.getText(usb.range), 'controller');
    const balloon = diags.find((x) => /will add a virtio memory balloon/.test(x.message))!;
    assert.strictEqual(d.getText(balloon.range), 'devices');
    assert.ok(diags.some((x) => /will add a PS\/2 mouse/.test(x.message)));
    assert.ok(
      diags.some((x) => /will add an IDE controller/.test(x.message)),
      'hda implies the IDE controller',
    );
  });

  it('follows the target profile: Ubuntu 22.04 names its machine types after the release', () => {
    const diags = service('ubuntu-22.04').doValidation(doc(PC));
    assert.ok(diags.some((x) => /machine='pc-i440fx-jammy'/.test(x.message)));
    assert.ok(diags.some((x) => /libvirt 8\.0 will/.test(x.message)));
  });

  it('honours per-rule severity settings, including off', () => {
    const s = service();
    s.configure({ profile: 'debian-12', defaults: 'diagnostics', severities: { 'abi-default': 'off', 'abi-address': 'warning' } });
    const diags = s.doValidation(doc(PC));
    assert.ok(!diags.some((x) => x.code === 'abi-default'));
    assert.ok(diags.some((x) => x.code === 'abi-address' && x.severity === 2));
  });

  it('reports nothing for a non-domain document', () => {
    assert.deepStrictEqual(service().doValidation(doc(`<network><name>x</name></network>`)), []);
  });

  it('still reports fills while the document is half-typed', () => {
    const diags = service().doValidation(doc(PC.slice(0, PC.indexOf('<disk'))));
    assert.ok(diags.some((x) => x.code === 'syntax'));
    assert.ok(diags.some((x) => /pc-i440fx-7.2/.test(x.message)));
  });
});

describe('hover over filled values', () => {
  it('explains the machine type on the machine attribute, with its source', () => {
    const { text, offset } = withCursor(PC.replace("machine='pc'", "mach|ine='pc'"));
    const d = doc(text);
    const h = service().doHover(d, d.positionAt(offset));
    assert.ok(h);
    const md = (h!.contents as { value: string }).value;
    assert.match(md, /pc-i440fx-7\.2/);
    assert.match(md, /Source: /);
    assert.strictEqual(d.getText(h!.range!), "machine='pc'");
  });

  it('lists what libvirt adds under <devices> when hovering its tag', () => {
    const { text, offset } = withCursor(PC.replace('<devices>', '<dev|ices>'));
    const d = doc(text);
    const md = (service().doHover(d, d.positionAt(offset))!.contents as { value: string }).value;
    assert.match(md, /adds a USB|adds a virtio memory balloon/);
    assert.match(md, /guest ABI/);
  });

  it('explains an element libvirt fills nothing into, with a documentation link and no define-time section', () => {
    const { text, offset } = withCursor(PC.replace('<name>vm', '<na|me>vm'));
    const d = doc(text);
    const md = (service().doHover(d, d.positionAt(offset))!.contents as { value: string }).value;
    assert.match(md, /\*\*`<name>`\*\* — /);
    assert.match(md, /\[libvirt documentation\]\(https:\/\/libvirt\.org\/formatdomain\.html#general-metadata\)/);
    assert.doesNotMatch(md, /At define time/);
  });

  it('says which libvirt version introduced an attribute value', () => {
    const text = PC.replace("<controller type='usb' index='0'/>", "<controller type='scsi' index='0' model='virtio-transitional'/>");
    const { text: t, offset } = withCursor(text.replace("model='virtio-transitional'", "model='virtio-tran|sitional'"));
    const d = doc(t);
    const md = (service().doHover(d, d.positionAt(offset))!.contents as { value: string }).value;
    assert.match(md, /Value `virtio-transitional` since libvirt 5\.2\.0/);
  });

  it('returns nothing outside start tags', () => {
    const { text, offset } = withCursor(PC.replace('<name>vm', '<name>v|m'));
    const d = doc(text);
    assert.strictEqual(service().doHover(d, d.positionAt(offset)), null);
  });
});
