/**
 * Single-point mutations of domain documents, applied as text edits at the
 * offsets of the positioned parser, for the parity test against xmllint.
 * Each mutation keeps the document well-formed; some make it invalid, some
 * leave it valid (an optional attribute dropped, a repeatable element
 * duplicated), which is the point: the test compares verdicts either way.
 */
import { parseXml } from '../../../server/src/languageservice/parser/xmlParser';
import { walkElements, XmlElement } from '../../../server/src/languageservice/parser/xmlNodes';

export interface Mutation {
  kind: string;
  description: string;
  text: string;
}

function edit(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

function escapeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** the element's full source text */
function source(text: string, el: XmlElement): string {
  return text.slice(el.start, el.end);
}

/** offset just inside the element (after `>`), turning `<x/>` into `<x></x>` when needed */
function openInside(text: string, el: XmlElement): { text: string; at: number } {
  if (!el.selfClosing) return { text, at: el.startTagEnd };
  const tagEnd = el.startTagEnd; // just past '/>'
  const head = text.slice(el.start, tagEnd - 2).replace(/\s+$/, '');
  const replaced = `${head}></${el.name}>`;
  return { text: edit(text, el.start, tagEnd, replaced), at: el.start + head.length + 1 };
}

const BOGUS_VALUES = ['bogus', '', ' ', '-1', '0', '1', '99999999999', 'yes', 'on', 'x y', '0x1g', 'none'];
const KNOWN_ATTRS = ['type', 'name', 'model', 'index', 'mode', 'unit', 'bus', 'dev', 'file', 'port', 'id', 'value', 'state'];
const KNOWN_ELEMENTS = [
  'address',
  'alias',
  'model',
  'target',
  'source',
  'driver',
  'boot',
  'name',
  'memory',
  'vcpu',
  'clock',
  'os',
  'readonly',
  'shareable',
  'acpi',
  'topology',
  'feature',
];

/**
 * All mutations of `text`, sampled with `rand` so that each document gives
 * about `budget` cases spread over the kinds.
 */
export function mutate(text: string, rand: () => number, budget: number): Mutation[] {
  const doc = parseXml(text);
  if (!doc.root || doc.errors.length) return [];
  const elements = [...walkElements(doc.root)];
  const out: Mutation[] = [];
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const attrs = elements.flatMap((el) =>
    el.attributes.filter((a) => !a.name.startsWith('xmlns') && a.valueStart >= 0).map((a) => ({ el, a })),
  );
  const nonRoot = elements.filter((e) => e.parent);
  const leaves = elements.filter((e) => !e.children.some((c) => c.kind === 'element'));
  const withText = leaves.filter((e) => e.trimmedText() !== '');

  const generators: (() => Mutation | null)[] = [
    // an attribute value replaced by something else
    () => {
      if (!attrs.length) return null;
      const { el, a } = pick(attrs);
      const v = pick(BOGUS_VALUES);
      return {
        kind: 'attr-value',
        description: `<${el.name} ${a.name}="${v}">`,
        text: edit(text, a.valueStart, a.valueEnd, escapeAttr(v)),
      };
    },
    // an attribute value with whitespace around it
    () => {
      if (!attrs.length) return null;
      const { el, a } = pick(attrs);
      const v = ` ${a.value} `;
      return {
        kind: 'attr-space',
        description: `<${el.name} ${a.name}=" ${a.value} ">`,
        text: edit(text, a.valueStart, a.valueEnd, escapeAttr(v)),
      };
    },
    // a character reference or entity in an attribute value
    () => {
      if (!attrs.length) return null;
      const { el, a } = pick(attrs);
      const raw = text.slice(a.valueStart, a.valueEnd);
      const ref = pick(['&#10;', '&#9;', '&#x20;', '&amp;', '&#47;']);
      const at = Math.floor(rand() * (raw.length + 1));
      return {
        kind: 'attr-charref',
        description: `<${el.name} ${a.name}> with ${ref}`,
        text: edit(text, a.valueStart + at, a.valueStart + at, ref),
      };
    },
    // an attribute dropped (required or not)
    () => {
      if (!attrs.length) return null;
      const { el, a } = pick(attrs);
      let s = a.nameStart;
      while (s > 0 && /\s/.test(text[s - 1])) s--;
      return { kind: 'attr-drop', description: `<${el.name}> without ${a.name}`, text: edit(text, s, a.end, '') };
    },
    // an unknown or misplaced attribute added
    () => {
      const el = pick(elements);
      const name = rand() < 0.4 ? 'bogus' : pick(KNOWN_ATTRS);
      if (el.hasAttr(name)) return null;
      const v = rand() < 0.5 ? 'bogus' : pick(['1', 'yes', 'virtio', 'on', '0']);
      return { kind: 'attr-add', description: `<${el.name} ${name}="${v}">`, text: edit(text, el.nameEnd, el.nameEnd, ` ${name}="${v}"`) };
    },
    // an element removed
    () => {
      if (!nonRoot.length) return null;
      const el = pick(nonRoot);
      return { kind: 'elem-drop', description: `without <${el.name}> in <${el.parent!.name}>`, text: edit(text, el.start, el.end, '') };
    },
    // an element duplicated
    () => {
      if (!nonRoot.length) return null;
      const el = pick(nonRoot);
      return {
        kind: 'elem-dup',
        description: `<${el.name}> twice in <${el.parent!.name}>`,
        text: edit(text, el.end, el.end, source(text, el)),
      };
    },
    // an element moved under another parent
    () => {
      if (nonRoot.length < 2) return null;
      const el = pick(nonRoot);
      const target = pick(elements);
      if (target === el || isInside(target, el)) return null;
      const removed = edit(text, el.start, el.end, '');
      const shift = (o: number) => (o >= el.end ? o - (el.end - el.start) : o);
      const t2 = parseXml(removed);
      const tgt = [...walkElements(t2.root!)].find((e) => e.start === shift(target.start) && e.name === target.name);
      if (!tgt) return null;
      const { text: opened, at } = openInside(removed, tgt);
      return { kind: 'elem-move', description: `<${el.name}> moved into <${target.name}>`, text: edit(opened, at, at, source(text, el)) };
    },
    // two adjacent sibling elements swapped
    () => {
      const parents = elements.filter((e) => e.elements().length >= 2);
      if (!parents.length) return null;
      const p = pick(parents);
      const kids = p.elements();
      const i = Math.floor(rand() * (kids.length - 1));
      const a = kids[i];
      const b = kids[i + 1];
      const between = text.slice(a.end, b.start);
      return {
        kind: 'elem-swap',
        description: `<${b.name}> before <${a.name}> in <${p.name}>`,
        text: edit(text, a.start, b.end, source(text, b) + between + source(text, a)),
      };
    },
    // an unknown or known-elsewhere element inserted
    () => {
      const el = pick(elements);
      const name = rand() < 0.4 ? 'bogus' : pick(KNOWN_ELEMENTS);
      const { text: opened, at } = openInside(text, el);
      const kids = el.elements();
      let where = at;
      if (!el.selfClosing && kids.length && rand() < 0.5) where = pick(kids).end;
      const t = el.selfClosing ? opened : text;
      return { kind: 'elem-insert', description: `<${name}/> in <${el.name}>`, text: edit(t, where, where, `<${name}/>`) };
    },
    // text put into an element
    () => {
      const el = pick(elements);
      const { text: opened, at } = openInside(text, el);
      const v = pick(['x', '1', ' ', 'bogus text']);
      return { kind: 'text-insert', description: `"${v}" in <${el.name}>`, text: edit(el.selfClosing ? opened : text, at, at, v) };
    },
    // an element's text value replaced
    () => {
      if (!withText.length) return null;
      const el = pick(withText);
      const tn = el.textNode()!;
      const v = pick(['bogus', '', ' ', '-1', '0', '18446744073709551616', ' 1 ', 'x']);
      return { kind: 'text-value', description: `<${el.name}>${v}</${el.name}>`, text: edit(text, tn.start, tn.end, v) };
    },
    // the element children of an element reordered at random
    () => {
      const parents = elements.filter((e) => e.elements().length >= 3);
      if (!parents.length) return null;
      const p = pick(parents);
      const kids = p.elements();
      const order = kids.map((k, i) => ({ k, r: rand(), i }));
      order.sort((a, b) => a.r - b.r);
      let at = kids[0].start;
      let out = text.slice(0, at);
      for (let i = 0; i < kids.length; i++) {
        out += source(text, order[i].k);
        out += i + 1 < kids.length ? text.slice(kids[i].end, kids[i + 1].start) : '';
      }
      at = kids[kids.length - 1].end;
      out += text.slice(at);
      return { kind: 'shuffle', description: `children of <${p.name}> reordered`, text: out };
    },
    // an element moved to another position among its siblings
    () => {
      const parents = elements.filter((e) => e.elements().length >= 3);
      if (!parents.length) return null;
      const p = pick(parents);
      const kids = p.elements();
      const el = pick(kids);
      const to = pick(kids.filter((k) => k !== el));
      const removed = edit(text, el.start, el.end, '');
      const at = to.start > el.start ? to.end - (el.end - el.start) : to.end;
      return {
        kind: 'elem-reposition',
        description: `<${el.name}> moved after <${to.name}> in <${p.name}>`,
        text: edit(removed, at, at, source(text, el)),
      };
    },
    // an element in a foreign namespace inserted
    () => {
      const el = pick(elements);
      const { text: opened, at } = openInside(text, el);
      const snippet = pick([
        '<qemu:commandline xmlns:qemu="http://libvirt.org/schemas/domain/qemu/1.0"><qemu:arg value="-S"/></qemu:commandline>',
        '<f:thing xmlns:f="http://example.org/f" a="1"><f:x>t</f:x></f:thing>',
        '<qemu:capabilities xmlns:qemu="http://libvirt.org/schemas/domain/qemu/1.0"><qemu:add capability="blockdev"/></qemu:capabilities>',
        '<qemu:arg xmlns:qemu="http://libvirt.org/schemas/domain/qemu/1.0" value="x"/>',
      ]);
      return {
        kind: 'ns-insert',
        description: `foreign element in <${el.name}>`,
        text: edit(el.selfClosing ? opened : text, at, at, snippet),
      };
    },
    // a comment inserted somewhere (never changes validity)
    () => {
      const el = pick(elements);
      const { text: opened, at } = openInside(text, el);
      return { kind: 'comment', description: `comment in <${el.name}>`, text: edit(el.selfClosing ? opened : text, at, at, '<!-- c -->') };
    },
  ];
  const seen = new Set<string>();
  for (let tries = 0; out.length < budget && tries < budget * 4; tries++) {
    const m = generators[tries % generators.length]();
    if (!m || seen.has(m.text) || m.text === text) continue;
    seen.add(m.text);
    out.push(m);
  }
  return out;
}

function isInside(el: XmlElement, ancestor: XmlElement): boolean {
  for (let e: XmlElement | null = el; e; e = e.parent) if (e === ancestor) return true;
  return false;
}
