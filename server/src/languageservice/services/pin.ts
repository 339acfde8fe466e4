/**
 * Pinning: writes into the user's document the values libvirt would fill in
 * at define time for the target profile, as small hand-written-looking edits.
 *
 * Edits are built from the expander's fills:
 * - an attribute filled on an element of the document is appended at the end
 *   of its start tag (or, when libvirt changes a value, replaced in place);
 * - text filled on an element of the document replaces its text;
 * - an element the expander added is inserted under its nearest element of
 *   the document, where libvirt's formatter puts it, with the document's
 *   indentation, quote character and line ending; its added descendants are
 *   part of its text (one edit per topmost added element).
 *
 * Only 'abi' fills are pinned by default, 'address' fills on request, never
 * 'generated' ones (uuid, MAC: unknown until libvirt generates them) nor
 * 'normalised' ones (memory units, emulator path), except where a pinned
 * value needs them to keep its meaning (a memory size pinned in KiB carries
 * its unit). Comments, attribute order and everything else stay as written.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextEdit } from 'vscode-languageserver-types';
import { DomainDocument } from '../domainDocument';
import { expandDomain, Expansion } from '../expander/expand';
import { factPaths, factsOf, subtreeFacts } from '../expander/facts';
import { ENode } from '../expander/eTree';
import { Fill, GENERATED } from '../expander/fill';
import { orderedAttributes } from '../expander/format';
import { libvirtDiskOrder } from '../expander/deviceOrder';
import { diskIndex } from '../knowledge/diskDefaults';
import { attributeOrder, insertionIndex } from '../knowledge/formatOrder';
import { MEMORY_UNITS } from '../knowledge/scalarDefaults';
import { walkElements, XmlElement } from '../parser/xmlNodes';
import { parseXml } from '../parser/xmlParser';
import { othersOnly, Ranking } from './abiRisk';

export interface PinOptions {
  /** also pin device addresses ('address' fills) */
  addresses?: boolean;
  /** pin only these fills (a quick fix's group); default: every 'abi' fill (and 'address' ones with `addresses`) */
  fills?: Fill[];
}

/** how the document is written, so that inserted text looks like the rest */
export interface TextStyle {
  indentUnit: string;
  quote: '"' | "'";
  eol: string;
}

/** an edit in offsets (the LSP form is built from these) */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

// ---------------------------------------------------------------------------
// the document's style

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** the spaces and tabs at the start of the line holding offset */
function lineIndent(text: string, offset: number): string {
  const s = lineStart(text, offset);
  let i = s;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(s, i);
}

/** true when only spaces and tabs precede offset on its line */
function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

export function detectStyle(doc: DomainDocument): TextStyle {
  const text = doc.text;
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const eol = crlf > 0 && crlf >= lf ? '\r\n' : '\n';
  let single = 0;
  let double = 0;
  const units = new Map<string, number>();
  const root = doc.xml.root;
  if (root) {
    for (const el of walkElements(root)) {
      for (const a of el.attributes) {
        if (a.quote === "'") single++;
        else if (a.quote === '"') double++;
      }
      const p = el.parent;
      if (p && startsLine(text, el.start) && startsLine(text, p.start)) {
        const ci = lineIndent(text, el.start);
        const pi = lineIndent(text, p.start);
        if (ci.length > pi.length && ci.startsWith(pi)) {
          const u = ci.slice(pi.length);
          units.set(u, (units.get(u) ?? 0) + 1);
        }
      }
    }
  }
  let indentUnit = '  ';
  let best = 0;
  for (const [u, n] of units) if (n > best) [indentUnit, best] = [u, n];
  return { indentUnit, quote: double > single ? '"' : "'", eol };
}

function escapeAttr(v: string, quote: '"' | "'"): string {
  const s = v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return quote === "'" ? s.replace(/'/g, '&apos;') : s.replace(/"/g, '&quot;');
}

function escapeText(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---------------------------------------------------------------------------
// which fills, and which added nodes, a pin writes

function attached(n: ENode, root: ENode): boolean {
  let cur: ENode | undefined = n;
  while (cur.parent) cur = cur.parent;
  return cur === root;
}

/**
 * The fills a pin with these options writes: never generated or normalised
 * ones, and not those that would change the guest when written (see
 * keepDiskOrder). What the expander reports beyond these stays unpinned.
 */
export function selectPinFills(expansion: Expansion, options: PinOptions = {}): Fill[] {
  const base =
    options.fills ?? expansion.fills.filter((f) => f.category === 'abi' || (options.addresses === true && f.category === 'address'));
  return keepDiskOrder(
    expansion,
    base.filter(
      (f) =>
        f.category !== 'generated' &&
        f.category !== 'normalised' &&
        !f.unpinnable &&
        f.value !== GENERATED &&
        attached(f.node, expansion.root),
    ),
  );
}

/** a value libvirt fills in that a pin with these options does not write, and why */
export interface PinLeftover {
  fill: Fill;
  why: string;
}

/**
 * What a pin with these options leaves for libvirt to fill in although its
 * finding is one the pin answers (abi-default, and abi-address with
 * `addresses`), each with the reason: the pin commands report these.
 */
export function pinLeftovers(expansion: Expansion, options: PinOptions = {}): PinLeftover[] {
  const base = expansion.fills.filter(
    (f) => (f.category === 'abi' || (options.addresses === true && f.category === 'address')) && attached(f.node, expansion.root),
  );
  const written = new Set(selectPinFills(expansion, options));
  const out: PinLeftover[] = [];
  for (const f of base) {
    if (written.has(f)) continue;
    const why =
      f.unpinnable ??
      (f.value === GENERATED
        ? 'libvirt generates this value at define time'
        : f.kind === 'attribute' && f.attribute === 'bus' && f.node.parent?.name === 'disk'
          ? "naming the bus would move the disk in libvirt's disk order, and with it the address the disk gets"
          : 'the pin leaves it to libvirt');
    out.push({ fill: f, why });
  }
  return out;
}

/** othersOnly (services/abiRisk.ts) as lines for the pin commands, each with its line number */
export function describeOthersOnly(doc: DomainDocument, ranking: Ranking | undefined): string[] {
  return ranking ? othersOnly(ranking).map((o) => `line ${doc.positionAt(o.start).line + 1}: ${o.text}`) : [];
}

/** one line per leftover: what it is and why it stays unpinned */
export function describeLeftovers(left: PinLeftover[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { fill: f, why } of left) {
    const what =
      f.kind === 'attribute'
        ? `${f.attribute}='${f.value ?? ''}' on <${f.node.name}>`
        : f.kind === 'text'
          ? `the text of <${f.node.name}>`
          : `<${f.node.name}>`;
    const where = f.node.parent ? ` in <${f.node.parent.name}>` : '';
    const line = `${what}${where}: ${why}`;
    if (!seen.has(line)) out.push(line);
    seen.add(line);
  }
  return out;
}

/**
 * Naming the bus of a disk that named none can move it in libvirt's disk
 * list (expander/deviceOrder.ts, libvirtDiskOrder), and with it the PCI slot or drive unit it
 * gets: pinning would change the ABI it means to keep. Drops the bus fills
 * (in document order) that would reorder the disks.
 */
function keepDiskOrder(expansion: Expansion, fills: Fill[]): Fill[] {
  const busFill = (f: Fill) =>
    f.kind === 'attribute' &&
    f.attribute === 'bus' &&
    f.node.name === 'target' &&
    f.node.origin !== undefined &&
    f.node.parent?.name === 'disk';
  const candidates = fills.filter(busFill);
  if (!candidates.length) return fills;
  const disks = (expansion.root.child('devices')?.all('disk') ?? []).filter((d) => d.origin && d.child('target')?.attr('dev'));
  const state = (pinned: Set<ENode>) =>
    libvirtDiskOrder(
      disks.map((d) => {
        const t = d.child('target')!;
        const bus = t.origin?.attr('bus') ?? (pinned.has(t) ? t.attr('bus') : undefined);
        return { dev: t.attr('dev')!, bus: bus ?? '' };
      }),
      (d) => d.bus,
      (d) => diskIndex(d.dev) ?? -1,
    )
      .map((d) => d.dev)
      .join(' ');
  const baseline = state(new Set());
  const pinned = new Set<ENode>();
  const dropped = new Set<Fill>();
  for (const f of candidates) {
    pinned.add(f.node);
    if (state(pinned) !== baseline) {
      pinned.delete(f.node);
      dropped.add(f);
    }
  }
  return dropped.size ? fills.filter((f) => !dropped.has(f)) : fills;
}

class PinPlan {
  readonly selected: Set<Fill>;
  /** added nodes the pin writes (selected ones and the added ancestors they need) */
  readonly needed = new Set<ENode>();
  private readonly elementFill = new Set<ENode>();
  private readonly attrFills = new Map<ENode, Map<string, Fill[]>>();
  private readonly textFills = new Map<ENode, Fill[]>();
  /** pinned texts written otherwise than the expander has them (a size in the element's own unit) */
  private readonly texts = new Map<ENode, string>();

  constructor(expansion: Expansion, options: PinOptions) {
    const chosen = selectPinFills(expansion, options);
    this.selected = new Set(chosen);
    for (const f of expansion.fills) {
      if (f.kind === 'element') this.elementFill.add(f.node);
      else if (f.kind === 'attribute' && f.attribute !== undefined) {
        const m = this.attrFills.get(f.node) ?? new Map<string, Fill[]>();
        m.set(f.attribute, [...(m.get(f.attribute) ?? []), f]);
        this.attrFills.set(f.node, m);
      } else if (f.kind === 'text') this.textFills.set(f.node, [...(this.textFills.get(f.node) ?? []), f]);
    }
    // A size pinned as text is in libvirt's unit (KiB): written in the element's own unit when it divides
    // evenly, else the unit change (a normalised fill) must come with it.
    for (const f of chosen) {
      if (f.kind !== 'text' || !f.node.origin) continue;
      const own = f.node.origin.attr('unit');
      const converted = own && f.node.attrs.get('unit') === 'KiB' ? kibIn(f.node.text, own) : undefined;
      if (converted !== undefined) {
        this.texts.set(f.node, converted);
        continue;
      }
      for (const g of expansion.fills) if (g.node === f.node && g.kind === 'attribute' && g.category === 'normalised') this.selected.add(g);
    }
    for (const f of this.selected) {
      if (f.node.origin && f.kind !== 'element') continue;
      for (let n: ENode | undefined = f.node; n && !n.origin; n = n.parent) this.needed.add(n);
    }
  }

  /** a child of a written added node is written when needed, or when it was built with its parent */
  childIncluded(c: ENode): boolean {
    if (c.origin) return false;
    return this.needed.has(c) || !this.elementFill.has(c);
  }

  attrIncluded(n: ENode, name: string): boolean {
    const v = n.attrs.get(name);
    if (v === undefined || v === GENERATED) return false;
    const fills = this.attrFills.get(n)?.get(name);
    return !fills || fills.some((f) => this.selected.has(f));
  }

  /** the value to write for an attribute of an element of the document, undefined when the pin leaves it alone */
  pinnedAttr(n: ENode, name: string): string | undefined {
    const fills = this.attrFills.get(n)?.get(name);
    if (!fills || !fills.some((f) => this.selected.has(f))) return undefined;
    const v = n.attrs.get(name);
    return v === GENERATED ? undefined : v;
  }

  textIncluded(n: ENode): boolean {
    if (n.text === undefined || n.text === GENERATED) return false;
    const fills = this.textFills.get(n);
    return !fills || fills.some((f) => this.selected.has(f));
  }

  pinnedText(n: ENode): string | undefined {
    const fills = this.textFills.get(n);
    if (!fills || !fills.some((f) => this.selected.has(f))) return undefined;
    return n.text === GENERATED ? undefined : (this.texts.get(n) ?? n.text);
  }

  /** elements of the document the pin edits */
  touched(): ENode[] {
    const out = new Set<ENode>();
    for (const f of this.selected) if (f.node.origin && f.kind !== 'element') out.add(f.node);
    for (const n of this.needed) if (n.parent?.origin) out.add(n.parent);
    return [...out];
  }
}

// ---------------------------------------------------------------------------
// writing

/**
 * An added <currentMemory> in the unit the document's <memory> uses
 * (libvirt writes KiB; 1024 MiB reads better next to <memory unit='MiB'>1024</memory>).
 */
/** a size in KiB written in another memory unit, when it divides evenly */
function kibIn(kib: string | undefined, unit: string): string | undefined {
  if (kib === undefined || !/^\d+$/.test(kib)) return undefined;
  if (unit === 'KiB') return kib;
  const factor = MEMORY_UNITS[unit.toLowerCase()];
  const bytes = Number(kib) * 1024;
  if (!factor || !Number.isSafeInteger(bytes) || bytes % factor !== 0) return undefined;
  return String(bytes / factor);
}

export function inDocumentUnit(
  n: ENode,
  attrs: [string, string][],
  text: string | undefined,
): { attrs: [string, string][]; text: string | undefined } {
  const unitAt = attrs.findIndex(([k]) => k === 'unit');
  const memory = n.parent?.child('memory')?.origin;
  const unit = memory?.attr('unit');
  if (n.name !== 'currentMemory' || unitAt < 0 || attrs[unitAt][1] !== 'KiB' || !unit) return { attrs, text };
  const converted = kibIn(text, unit);
  if (converted === undefined) return { attrs, text };
  const out = [...attrs];
  out[unitAt] = ['unit', unit];
  return { attrs: out, text: converted };
}

class Writer {
  constructor(
    private readonly text: string,
    private readonly style: TextStyle,
    private readonly plan: PinPlan,
  ) {}

  attrText(_n: ENode, names: [string, string][]): string {
    const q = this.style.quote;
    return names.map(([k, v]) => ` ${k}=${q}${escapeAttr(v, q)}${q}`).join('');
  }

  /** an added element and what it carries; `inline` keeps it on one line */
  render(n: ENode, indent: string, inline: boolean): string {
    const shown = inDocumentUnit(
      n,
      orderedAttributes(n).filter(([k]) => this.plan.attrIncluded(n, k)),
      this.plan.textIncluded(n) ? n.text : undefined,
    );
    const attrs = this.attrText(n, shown.attrs);
    const kids = n.children.filter((c) => this.plan.childIncluded(c));
    const text = shown.text;
    if (!kids.length) {
      if (text === undefined || text === '') return `<${n.name}${attrs}/>`;
      return `<${n.name}${attrs}>${escapeText(text)}</${n.name}>`;
    }
    if (inline)
      return `<${n.name}${attrs}>${text ? escapeText(text) : ''}${kids.map((c) => this.render(c, '', true)).join('')}</${n.name}>`;
    const inner = indent + this.style.indentUnit;
    const eol = this.style.eol;
    let s = `<${n.name}${attrs}>`;
    if (text) s += eol + inner + escapeText(text);
    for (const c of kids) s += eol + inner + this.render(c, inner, false);
    return `${s}${eol}${indent}</${n.name}>`;
  }

  /** just past `pos`, or at the end of its line when only blanks and comments follow on that line */
  private lineEndAfter(pos: number): number {
    const t = this.text;
    let i = pos;
    for (;;) {
      while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
      if (t.startsWith('<!--', i)) {
        const e = t.indexOf('-->', i + 4);
        if (e < 0) return pos;
        i = e + 3;
        continue;
      }
      break;
    }
    return i >= t.length || t[i] === '\n' || t[i] === '\r' ? i : pos;
  }

  /** the indentation of the children of el */
  private childIndent(el: XmlElement, near?: XmlElement): string {
    if (near && startsLine(this.text, near.start)) return lineIndent(this.text, near.start);
    for (const c of el.elements()) if (startsLine(this.text, c.start)) return lineIndent(this.text, c.start);
    return lineIndent(this.text, el.start) + this.style.indentUnit;
  }

  /** the edits for one element of the document */
  edits(n: ENode): OffsetEdit[] {
    const el = n.origin!;
    const t = this.text;
    const { eol } = this.style;
    const out: OffsetEdit[] = [];
    // attributes: replaced in place, or appended in libvirt's order
    const appended: [string, string][] = [];
    for (const name of n.attrs.keys()) {
      const v = this.plan.pinnedAttr(n, name);
      if (v === undefined) continue;
      const a = el.getAttribute(name);
      if (a && a.valueStart >= 0) {
        if (a.value !== v) out.push({ start: a.valueStart, end: a.valueEnd, text: escapeAttr(v, a.quote ?? this.style.quote) });
      } else if (!a) appended.push([name, v]);
    }
    const order = attributeOrder(n.name) ?? [];
    const rank = (k: string) => (order.indexOf(k) < 0 ? order.length : order.indexOf(k));
    appended.sort((x, y) => rank(x[0]) - rank(y[0]));
    const newAttrs = this.attrText(n, appended);
    const tail = el.attributes.reduce((m, a) => Math.max(m, a.end), el.nameEnd);
    const text = this.plan.pinnedText(n);
    const added = n.children.filter((c) => !c.origin && this.plan.needed.has(c));
    const parentIndent = lineIndent(t, el.start);

    if (el.selfClosing) {
      if (text !== undefined && text !== '') {
        out.push({ start: tail, end: el.startTagEnd, text: `${newAttrs}>${escapeText(text)}</${el.name}>` });
      } else if (added.length) {
        const ci = parentIndent + this.style.indentUnit;
        const body = added.map((c) => eol + ci + this.render(c, ci, false)).join('');
        out.push({ start: tail, end: el.startTagEnd, text: `${newAttrs}>${body}${eol}${parentIndent}</${el.name}>` });
      } else if (newAttrs) out.push({ start: tail, end: tail, text: newAttrs });
      return out;
    }
    if (newAttrs) out.push({ start: tail, end: tail, text: newAttrs });

    if (text !== undefined && el.endTagStart >= 0) {
      const texts = el.children.filter((c) => c.kind === 'text' && c.value.trim() !== '');
      if (!texts.length) {
        const inner = t.slice(el.startTagEnd, el.endTagStart);
        if (/^\s*$/.test(inner)) out.push({ start: el.startTagEnd, end: el.endTagStart, text: escapeText(text) });
        else out.push({ start: el.endTagStart, end: el.endTagStart, text: escapeText(text) });
      } else {
        texts.forEach((c, i) => {
          const raw = t.slice(c.start, c.end);
          const lead = raw.length - raw.trimStart().length;
          const trail = raw.length - raw.trimEnd().length;
          out.push({ start: c.start + lead, end: c.end - trail, text: i === 0 ? escapeText(text) : '' });
        });
      }
    }

    if (!added.length || el.endTagStart < 0) return out;
    const kids = n.children;
    const hasOriginKids = kids.some((c) => c.origin);
    if (!hasOriginKids) {
      const inner = t.slice(el.startTagEnd, el.endTagStart);
      if (/^\s*$/.test(inner)) {
        const ci = parentIndent + this.style.indentUnit;
        const body = added.map((c) => eol + ci + this.render(c, ci, false)).join('');
        out.push({ start: el.startTagEnd, end: el.endTagStart, text: `${body}${eol}${parentIndent}` });
      } else if (startsLine(t, el.endTagStart)) {
        const ci = lineIndent(t, el.endTagStart) + this.style.indentUnit;
        const at = lineStart(t, el.endTagStart);
        out.push({ start: at, end: at, text: added.map((c) => ci + this.render(c, ci, false) + eol).join('') });
      } else {
        const ci = parentIndent + this.style.indentUnit;
        const body = added.map((c) => eol + ci + this.render(c, ci, false)).join('');
        out.push({ start: el.endTagStart, end: el.endTagStart, text: `${body}${eol}${parentIndent}` });
      }
      return out;
    }
    const singleLine = !/[\r\n]/.test(t.slice(el.start, el.end));
    // The expander may list the document's elements in libvirt's order rather than the document's (re-sorted
    // disks): then the neighbours in its tree say nothing about the text, and libvirt's order among the
    // document's elements decides.
    const originKids = kids.filter((c) => c.origin).map((c) => c.origin!);
    const inDocumentOrder = originKids.every((o, i) => i === 0 || originKids[i - 1].start < o.start);
    const inText = [...originKids].sort((a, b) => a.start - b.start);
    for (const c of added) {
      let prev: XmlElement | undefined;
      let next: XmlElement | undefined;
      if (inDocumentOrder) {
        const i = kids.indexOf(c);
        for (let j = i - 1; j >= 0 && !prev; j--) prev = kids[j].origin;
        for (let j = i + 1; j < kids.length && !next && !prev; j++) next = kids[j].origin;
      } else {
        const at = insertionIndex(n.name, inText, c.name);
        prev = inText[at - 1];
        next = prev ? undefined : inText[at];
      }
      if (singleLine) {
        const at = prev ? prev.end : next!.start;
        out.push({ start: at, end: at, text: this.render(c, '', true) });
        continue;
      }
      const ci = this.childIndent(el, prev ?? next);
      if (prev) {
        const at = this.lineEndAfter(prev.end);
        out.push({ start: at, end: at, text: eol + ci + this.render(c, ci, false) });
      } else if (startsLine(t, next!.start)) {
        const at = lineStart(t, next!.start);
        out.push({ start: at, end: at, text: ci + this.render(c, ci, false) + eol });
      } else {
        out.push({ start: next!.start, end: next!.start, text: this.render(c, ci, false) + eol + ci });
      }
    }
    return out;
  }
}

/**
 * The address fills (not written by these edits) whose value libvirt would no longer assign after the
 * edits: what the pin writes can change the order libvirt assigns addresses in. libvirt keeps its
 * controllers sorted by type and index when it parses a document, but inserts the ones it adds after
 * those written, so writing an added `<controller type='pci' index='1'>` ahead of a written index 8
 * moves the slot index 8 gets. The edited text is expanded again, and every address of the original
 * expansion that the new one lacks is returned, to be pinned as it was.
 */
function movedAddresses(doc: DomainDocument, expansion: Expansion, edits: OffsetEdit[], written: Set<Fill>): Fill[] {
  const candidates = expansion.fills.filter((f) => f.category === 'address' && !written.has(f) && attached(f.node, expansion.root));
  if (!candidates.length || !edits.length) return [];
  const root = parseXml(applyOffsetEdits(doc.text, edits)).root;
  if (!root) return [];
  const now = factsOf(expandDomain(root, expansion.profile).root);
  const paths = factPaths(expansion.root);
  return candidates.filter((f) => {
    const path = paths.get(f.node);
    if (path === undefined) return false;
    if (f.kind === 'attribute') return !now.has(`${path}@${f.attribute}=${f.node.attr(f.attribute!) ?? ''}`);
    for (const fact of subtreeFacts(f.node, path)) if (!now.has(fact)) return true;
    return false;
  });
}

/** the pin as offset edits, in document order (inserts at one offset in the order they appear) */
export function pinOffsetEdits(doc: DomainDocument, expansion: Expansion, options: PinOptions = {}): OffsetEdit[] {
  if (!doc.isDomain || doc.xml.errors.length) return [];
  let fills = selectPinFills(expansion, options);
  let edits = planEdits(doc, expansion, { ...options, fills });
  // what the edits write must not move an address libvirt assigns: pin those too, until nothing moves
  for (let round = 0; round < 3; round++) {
    const moved = movedAddresses(doc, expansion, edits, new Set(fills));
    if (!moved.length) break;
    fills = [...fills, ...moved];
    edits = planEdits(doc, expansion, { ...options, fills });
  }
  return edits;
}

function planEdits(doc: DomainDocument, expansion: Expansion, options: PinOptions): OffsetEdit[] {
  const plan = new PinPlan(expansion, options);
  const writer = new Writer(doc.text, detectStyle(doc), plan);
  const touched = plan.touched().filter((n) => n.origin && n.origin.closed);
  touched.sort((a, b) => a.origin!.start - b.origin!.start);
  const edits: OffsetEdit[] = [];
  for (const n of touched) edits.push(...writer.edits(n));
  // stable: edits at the same offset keep the order they were made in
  return edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.i - b.i)
    .map((x) => x.e);
}

/** the pin as LSP text edits */
export function pinEdits(doc: DomainDocument, expansion: Expansion, options: PinOptions = {}): TextEdit[] {
  return pinOffsetEdits(doc, expansion, options).map((e) => TextEdit.replace(doc.range(e.start, e.end), e.text));
}

/** applies offset edits (sorted, not overlapping) to text */
export function applyOffsetEdits(text: string, edits: OffsetEdit[]): string {
  let out = '';
  let cursor = 0;
  for (const e of edits) {
    out += text.slice(cursor, e.start) + e.text;
    cursor = Math.max(cursor, e.end);
  }
  return out + text.slice(cursor);
}

/** the pinned text of a document */
export function pinText(doc: DomainDocument, expansion: Expansion, options: PinOptions = {}): string {
  return applyOffsetEdits(doc.text, pinOffsetEdits(doc, expansion, options));
}

/** applies LSP text edits to a document's text (for tests and the CLI) */
export function applyTextEdits(doc: DomainDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(doc.textDocument, edits);
}
