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
  if (!t) return undefined;
  // digits only, in one pass (addresses are parsed for every device on every analysis)
  let base = 10;
  let i = 0;
  if (t.length > 2 && t.charCodeAt(0) === 48 && (t.charCodeAt(1) | 32) === 120) {
    base = 16;
    i = 2;
  } else if (t.length > 1 && t.charCodeAt(0) === 48) base = 8;
  const digitsFrom = i;
  let n = 0;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i) | 0;
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (base === 16 && (c | 32) >= 97 && (c | 32) <= 102) d = (c | 32) - 87;
    else return undefined;
    // a leading 0 with an 8 or 9 later reads as decimal ('08' is 8)
    if (d >= base) return base === 8 && d < 10 ? parseNum(t.replace(/^0+(?=\d)/, '')) : undefined;
    n = n * base + d;
  }
  // beyond 2^53 the running sum rounds differently from parseInt
  if (n > Number.MAX_SAFE_INTEGER) n = parseInt(t.slice(digitsFrom), base);
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
  return a ? (a.attr('type') ?? 'none') : 'none';
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
