/**
 * Writes a working tree as XML: by default the way `virsh dumpxml` does
 * (two-space indentation, single-quoted attributes in libvirt's order, empty
 * elements self-closed), or in a document's own style (its indentation,
 * quotes and line ends, and the attribute order of the elements it wrote),
 * so that a diff against the document shows only what libvirt changes.
 *
 * Values libvirt generates at define (uuid, MAC addresses) are unknown until
 * then; they are written as the '(generated)' placeholder (for display, not
 * valid XML for libvirt), left out with a comment (libvirt generates them
 * when the output is defined), or replaced by real generated values from a
 * seeded generator.
 */
import { attributeOrder } from '../knowledge/formatOrder';
import { ENode } from './eTree';
import { GENERATED } from './fill';

export type GeneratedValues = 'placeholder' | 'omit' | 'generate';

export interface FormatOptions {
  /** how generated values are written (default 'placeholder') */
  generated?: GeneratedValues;
  /** the seed of the generator with `generated: 'generate'` (the same seed gives the same values); random when absent */
  seed?: string;
  /** the document's style; libvirt's when absent */
  style?: { indentUnit: string; quote: '"' | "'"; eol: string };
}

function escapeAttr(v: string, quote: '"' | "'" = "'"): string {
  const s = v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return quote === "'" ? s.replace(/'/g, '&apos;').replace(/"/g, '&quot;') : s.replace(/"/g, '&quot;');
}

function escapeText(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** attributes in libvirt's order: known ones first in their order, then the rest as they were */
export function orderedAttributes(node: ENode): [string, string][] {
  const order = attributeOrder(node.name);
  const entries = [...node.attrs.entries()];
  if (!order) return entries;
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e[0]) - rank(b.e[0]) || a.i - b.i)
    .map((x) => x.e);
}

/**
 * The attributes of an element of the document in the order it wrote them,
 * those libvirt adds after them in libvirt's order; an added element's in
 * libvirt's order.
 */
function documentOrderAttributes(node: ENode): [string, string][] {
  const ordered = orderedAttributes(node);
  const el = node.origin;
  if (!el) return ordered;
  const written = el.attributes.map((a) => a.name);
  const pos = (k: string) => {
    const i = written.indexOf(k);
    return i < 0 ? written.length : i;
  };
  return ordered
    .map((e, i) => ({ e, i }))
    .sort((a, b) => pos(a.e[0]) - pos(b.e[0]) || a.i - b.i)
    .map((x) => x.e);
}

// ---------------------------------------------------------------------------
// generated values

/** a small seeded generator (xorshift32 over an FNV-1a hash of the seed): the same seed gives the same values */
class ValueGenerator {
  private state: number;

  constructor(seed: string = `${Date.now()}:${Math.random()}`) {
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    this.state = h || 0x9e3779b9;
  }

  byte(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state & 0xff;
  }

  private hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.byte().toString(16).padStart(2, '0');
    return s;
  }

  /** a random (version 4) UUID, as libvirt generates one */
  uuid(): string {
    const b = this.hex(16).split('');
    b[12] = '4';
    b[16] = ((parseInt(b[16], 16) & 0x3) | 0x8).toString(16);
    const s = b.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  /** a MAC address in QEMU's 52:54:00 range, as libvirt generates one (virDomainNetGenerateMAC) */
  mac(): string {
    return ['52', '54', '00', ...[0, 1, 2].map(() => this.byte().toString(16).padStart(2, '0'))].join(':');
  }
}

function isGenerated(node: ENode): boolean {
  if (node.text === GENERATED) return true;
  for (const v of node.attrs.values()) if (v === GENERATED) return true;
  return false;
}

class Formatter {
  private readonly generator?: ValueGenerator;
  private readonly indentUnit: string;
  private readonly quote: '"' | "'";
  private readonly eol: string;

  constructor(private readonly options: FormatOptions) {
    if (options.generated === 'generate') this.generator = new ValueGenerator(options.seed);
    this.indentUnit = options.style?.indentUnit ?? '  ';
    this.quote = options.style?.quote ?? "'";
    this.eol = options.style?.eol ?? '\n';
  }

  private value(node: ENode, attr: string | undefined, v: string): string {
    if (v !== GENERATED || !this.generator) return v;
    if (node.name === 'uuid' && attr === undefined) return this.generator.uuid();
    if (node.name === 'mac' && attr === 'address') return this.generator.mac();
    return v;
  }

  node(node: ENode, indent: string): string {
    const eol = this.eol;
    if (this.options.generated === 'omit' && isGenerated(node)) {
      const what = node.name === 'mac' ? 'MAC address' : node.name === 'uuid' ? 'uuid' : `<${node.name}>`;
      return `${indent}<!-- ${what}: left out, libvirt generates it at define -->${eol}`;
    }
    const q = this.quote;
    const list = this.options.style ? documentOrderAttributes(node) : orderedAttributes(node);
    const attrs = list.map(([k, v]) => ` ${k}=${q}${escapeAttr(this.value(node, k, v), q)}${q}`).join('');
    const open = `${indent}<${node.name}${attrs}`;
    const text = node.text === undefined ? undefined : this.value(node, undefined, node.text);
    if (!node.children.length) {
      if (text === undefined || text === '') return `${open}/>${eol}`;
      return `${open}>${escapeText(text)}</${node.name}>${eol}`;
    }
    let s = `${open}>${eol}`;
    if (text) s += `${indent}${this.indentUnit}${escapeText(text)}${eol}`;
    for (const c of node.children) s += this.node(c, indent + this.indentUnit);
    return s + `${indent}</${node.name}>${eol}`;
  }
}

export function formatENode(node: ENode, indent = '', options: FormatOptions = {}): string {
  return new Formatter(options).node(node, indent);
}
