import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentSymbol, SelectionRange, TextEdit } from 'vscode-languageserver-types';
import { getLanguageService } from '../../server/src/languageservice/languageService';
import { parseXml } from '../../server/src/languageservice/parser/xmlParser';
import { doc, SHARED_CORPUS, withCursor, xmlFiles } from '../helpers';

const VM = `<?xml version='1.0'?>
<!-- a web server -->
<domain type='kvm'>
  <name>web01</name>
  <memory unit='GiB'>4</memory>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>
  </os>
  <devices>
    <controller type='pci' index='0' model='pcie-root'/>
    <controller type='pci' index='3' model='pcie-root-port'>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x2'/>
    </controller>
    <controller type='scsi' index='0' model='virtio-scsi'/>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/web01.qcow2'/>
      <target dev='vda' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x03' slot='0x00' function='0x0'/>
    </disk>
    <disk type='file' device='cdrom'>
      <source file='/srv/iso/debian.iso'/>
      <target dev='sda' bus='scsi'/>
      <address type='drive' controller='0' bus='0' target='0' unit='0'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:12:34:56'/>
      <source network='default'/>
    </interface>
  </devices>
</domain>
`;

function service() {
  const s = getLanguageService();
  s.configure({ profile: 'debian-12' });
  return s;
}

function apply(d: TextDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(d, edits);
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

describe('document symbols', () => {
  it('names the domain and groups devices by kind, with their names', () => {
    const [root] = service().doDocumentSymbols(doc(VM));
    assert.strictEqual(root.name, 'domain web01');
    const devices = root.children!.find((c) => c.name === 'devices')!;
    const names = (list: DocumentSymbol[]): string[] => list.flatMap((s) => [s.name, ...names(s.children ?? [])]);
    assert.deepStrictEqual(names(devices.children!), [
      'controllers',
      'controller pci 0',
      'controller pci 3',
      'controller scsi 0',
      'disks',
      'disk vda',
      'disk sda',
      'interface 52:54:00:12:34:56',
    ]);
    const vda = devices.children![1].children!.find((c) => c.name === 'disk vda')!;
    assert.strictEqual(vda.range.start.line, lineOf(VM, "<disk type='file' device='disk'>"));
    assert.ok(root.children!.some((c) => c.name === 'os' && c.detail === 'x86_64 q35'));
  });

  it('gives half-typed documents an outline without failing', () => {
    const [root] = service().doDocumentSymbols(doc(`<domain>\n  <devices>\n    <disk type='file'>\n      <target dev='vdb'`));
    assert.ok(JSON.stringify(root).includes('disk vdb'));
  });
});

describe('folding ranges', () => {
  it('folds elements over several lines, keeping the end tag visible, and regions', () => {
    const text = VM.replace('  <devices>', '  <!-- #region devices -->\n  <devices>').replace(
      '  </devices>',
      '  </devices>\n  <!-- #endregion -->',
    );
    const ranges = service().doFoldingRanges(doc(text));
    const devices = ranges.find((r) => r.startLine === lineOf(text, '<devices>'))!;
    assert.strictEqual(devices.endLine, lineOf(text, '</devices>') - 1);
    assert.ok(
      ranges.some((r) => r.kind === 'region' && r.startLine === lineOf(text, '#region') && r.endLine === lineOf(text, '#endregion')),
    );
    // one-line elements do not fold
    assert.ok(!ranges.some((r) => r.startLine === lineOf(text, '<name>')));
  });
});

describe('selection ranges', () => {
  it('grows from an attribute value to the attribute, the start tag, the element and its parents', () => {
    const { text, offset } = withCursor(VM.replace("dev='vda'", "dev='v|da'"));
    const d = doc(text);
    const [sel] = service().doSelectionRanges(d, [d.positionAt(offset)]);
    const chain: string[] = [];
    for (let s: SelectionRange | undefined = sel; s; s = s.parent) chain.push(d.getText(s.range));
    assert.deepStrictEqual(chain.slice(0, 3), ['vda', "dev='vda'", "<target dev='vda' bus='virtio'/>"]);
    assert.ok(chain[3].startsWith("<disk type='file' device='disk'>") && chain[3].endsWith('</disk>'));
    assert.ok(chain.some((c) => c.startsWith('<devices>')));
    assert.strictEqual(chain[chain.length - 1], text);
    // each range contains the one before it
    for (let s: SelectionRange | undefined = sel; s?.parent; s = s.parent)
      assert.ok(d.offsetAt(s.parent.range.start) <= d.offsetAt(s.range.start) && d.offsetAt(s.parent.range.end) >= d.offsetAt(s.range.end));
  });
});

describe('document links', () => {
  it('links absolute paths to files and sections to libvirt documentation', () => {
    const d = doc(VM);
    const links = service().doDocumentLinks(d);
    const file = links.find((l) => d.getText(l.range) === '/var/lib/libvirt/images/web01.qcow2')!;
    assert.strictEqual(file.target, 'file:///var/lib/libvirt/images/web01.qcow2');
    assert.ok(
      links.some((l) => d.getText(l.range) === '/usr/share/OVMF/OVMF_CODE.fd'),
      'loader text',
    );
    const disk = links.find((l) => d.getText(l.range) === 'disk')!;
    assert.match(disk.target!, /^https:\/\/libvirt\.org\/formatdomain\.html#/);
  });
});

describe('definition and references between addresses and controllers', () => {
  it("goes from a PCI bus='0x03' to the pcie-root-port with index 3", () => {
    const { text, offset } = withCursor(VM.replace("bus='0x03'", "bus='0x|03'"));
    const d = doc(text);
    const [loc] = service().doDefinition(d, d.positionAt(offset));
    assert.ok(d.getText(loc.range).startsWith("<controller type='pci' index='3' model='pcie-root-port'>"), d.getText(loc.range));
  });

  it("goes from a drive address controller='0' to the SCSI controller of the disk's bus", () => {
    const { text, offset } = withCursor(VM.replace("controller='0' bus='0'", "controller='|0' bus='0'"));
    const d = doc(text);
    const [loc] = service().doDefinition(d, d.positionAt(offset));
    assert.strictEqual(d.getText(loc.range), "<controller type='scsi' index='0' model='virtio-scsi'/>");
  });

  it('finds every address on a controller, and not the controller its own address names', () => {
    const { text, offset } = withCursor(VM.replace("<controller type='pci' index='0'", "<controller type='pci' index='|0'"));
    const d = doc(text);
    const refs = service().doReferences(d, d.positionAt(offset), false);
    // the root port's own address is on bus 0
    assert.deepStrictEqual(
      refs.map((r) => r.range.start.line),
      [lineOf(text, "slot='0x02'")],
    );
    const port = withCursor(VM.replace("index='3'", "index='|3'"));
    const d2 = doc(port.text);
    const onPort = service().doReferences(d2, d2.positionAt(port.offset), true);
    assert.deepStrictEqual(
      onPort.map((r) => d2.getText(r.range).slice(0, 30)),
      ["<controller type='pci' index='", "<address type='pci' domain='0x"],
    );
  });

  it('has no definition for a controller libvirt adds itself', () => {
    const { text, offset } = withCursor(VM.replace("controller='0' bus='0'", "controller='|7' bus='0'"));
    const d = doc(text);
    assert.deepStrictEqual(service().doDefinition(d, d.positionAt(offset)), []);
  });
});

describe('formatting', () => {
  const MESSY = `<domain type='kvm'>
<name>vm</name>
      <!-- keep me -->
  <devices><controller type="usb"   index='0'/>
        <disk type='file' device='disk'><source file='/a&amp;b.img'/>
  <target dev='vda'/></disk>
  </devices>
 <description>  two  spaces  </description>
</domain>`;

  it('indents one element per line, keeping comments, order, quotes and text', () => {
    const d = doc(MESSY);
    const out = apply(d, service().doFormat(d, undefined, { tabSize: 2, insertSpaces: true }));
    assert.strictEqual(
      out,
      `<domain type='kvm'>
  <name>vm</name>
  <!-- keep me -->
  <devices>
    <controller type="usb" index='0'/>
    <disk type='file' device='disk'>
      <source file='/a&amp;b.img'/>
      <target dev='vda'/>
    </disk>
  </devices>
  <description>  two  spaces  </description>
</domain>
`,
    );
    // idempotent
    const again = doc(out);
    assert.deepStrictEqual(service().doFormat(again, undefined, { tabSize: 2, insertSpaces: true }), []);
  });

  it('formats only the nodes a range touches', () => {
    const d = doc(MESSY);
    const start = MESSY.indexOf('<disk');
    const edits = service().doFormat(d, { start: d.positionAt(start), end: d.positionAt(start + 5) }, { tabSize: 2, insertSpaces: true });
    const out = apply(d, edits);
    assert.ok(
      out.includes("    <disk type='file' device='disk'>\n      <source file='/a&amp;b.img'/>\n      <target dev='vda'/>\n    </disk>"),
      out,
    );
    assert.ok(out.includes('<name>vm</name>\n      <!-- keep me -->'), 'outside the range nothing moved');
  });

  it('leaves a document with syntax errors alone', () => {
    const d = doc(`<domain>\n<devices>\n<disk type='file>\n`);
    assert.deepStrictEqual(service().doFormat(d, undefined, { tabSize: 2, insertSpaces: true }), []);
  });

  it('keeps every real corpus document the same XML (same tree once whitespace-only text is ignored)', function () {
    const files = xmlFiles(path.join(SHARED_CORPUS, 'virt-install')).slice(0, 40);
    if (!files.length) this.skip();
    const shape = (text: string) => {
      const walk = (nodes: ReturnType<typeof parseXml>['children']): unknown[] =>
        nodes
          .filter((n) => n.kind !== 'text' || n.value.trim())
          .map((n) =>
            n.kind === 'element'
              ? [n.name, n.attributes.map((a) => `${a.name}=${a.value}`), walk(n.children)]
              : n.kind === 'text'
                ? n.value.trim()
                : n.kind === 'comment'
                  ? `<!--${n.value}-->`
                  : n.kind,
          );
      return walk(parseXml(text).children);
    };
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const d = doc(text);
      const out = apply(d, service().doFormat(d, undefined, { tabSize: 2, insertSpaces: true }));
      assert.deepStrictEqual(shape(out), shape(text), f);
    }
  });
});

describe('tag auto-closing', () => {
  it('closes a start tag just typed, and completes </ with the open element', () => {
    const s = service();
    const typed = withCursor(`<domain>\n  <devices>\n    <disk type='file'>|\n  </devices>\n</domain>\n`);
    const d = doc(typed.text);
    assert.strictEqual(s.doAutoClose(d, d.positionAt(typed.offset), '>'), '$0</disk>');
    const slash = withCursor(`<domain>\n  <devices>\n    <disk type='file'>\n    </|\n  </devices>\n</domain>\n`);
    const d2 = doc(slash.text);
    assert.strictEqual(s.doAutoClose(d2, d2.positionAt(slash.offset), '/'), 'disk>');
  });

  it('does nothing after a self-closing tag or when the element is already closed', () => {
    const s = service();
    const self = withCursor(`<domain>\n  <devices>\n    <disk/>|\n  </devices>\n</domain>\n`);
    const d = doc(self.text);
    assert.strictEqual(s.doAutoClose(d, d.positionAt(self.offset), '>'), undefined);
    const closed = withCursor(`<domain>\n  <name>|</name>\n</domain>\n`);
    const d2 = doc(closed.text);
    assert.strictEqual(s.doAutoClose(d2, d2.positionAt(closed.offset), '>'), undefined);
  });
});
