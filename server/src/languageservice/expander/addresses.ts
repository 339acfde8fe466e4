/**
 * Reading and writing device `<address>` elements the way libvirt parses and
 * formats them (src/conf/device_conf.c, virPCIDeviceAddressParseXML /
 * virPCIDeviceAddressFormat and the other address types).
 */
import { ExpandContext } from './context';
import { ENode } from './eTree';
import { FillMeta } from './fill';

/** a number as libvirt's parser reads it: 0x... hex, 0... octal, else decimal (strtol base 0) */
export function parseNum(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  let n: number;
  if (/^0x[0-9a-f]+$/i.test(t)) n = parseInt(t.slice(2), 16);
  else if (/^0[0-7]+$/.test(t)) n = parseInt(t, 8);
  else if (/^\d+$/.test(t)) n = parseInt(t, 10);
  else return undefined;
  return Number.isFinite(n) ? n : undefined;
}

export function hex(n: number, digits: number): string {
  return '0x' + n.toString(16).padStart(digits, '0');
}

export function addressOf(device: ENode): ENode | undefined {
  return device.child('address');
}

/** the device's address type, 'none' when it has no address */
export function addressType(device: ENode): string {
  const a = addressOf(device);
  return a ? a.attr('type') ?? 'none' : 'none';
}

/**
 * Writes an address the way libvirt prints it: adds the element when the
 * device has none, fills attributes the document left out and rewrites the
 * ones it spelled differently (slot='3' becomes slot='0x03').
 */
export function writeAddress(ctx: ExpandContext, device: ENode, attrs: [string, string][], meta: FillMeta): ENode {
  let a = addressOf(device);
  if (!a) {
    a = new ENode('address', attrs);
    ctx.addElement(device, a, meta);
    return a;
  }
  for (const [k, v] of attrs) {
    if (!a.attrs.has(k)) ctx.fillAttr(a, k, v, meta);
    else if (a.attr(k) !== v) ctx.changeAttr(a, k, v, { ...meta, reason: `libvirt writes ${k} as ${v}` });
  }
  return a;
}
