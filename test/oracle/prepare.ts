/**
 * Makes real-world domain XML definable on a machine without KVM, as the
 * shared corpus README describes: domain type qemu, no uuid, no emulator
 * path of another host. The same prepared text goes to libvirt and to the
 * expander, so the comparison is fair.
 */
import { parseXml } from '../../server/src/languageservice/parser/xmlParser';
import { XmlElement } from '../../server/src/languageservice/parser/xmlNodes';

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function prepareForOracle(xml: string): string {
  const doc = parseXml(xml);
  const root = doc.root;
  if (!root || root.name !== 'domain') return xml;
  const edits: Edit[] = [];
  const type = root.getAttribute('type');
  if (type && type.value !== 'qemu' && type.valueStart >= 0) edits.push({ start: type.valueStart, end: type.valueEnd, text: 'qemu' });
  const drop = (el: XmlElement | undefined) => {
    if (el) edits.push({ start: el.start, end: el.end, text: '' });
  };
  drop(root.child('uuid'));
  drop(root.child('devices')?.child('emulator'));
  edits.sort((a, b) => b.start - a.start);
  let out = xml;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
