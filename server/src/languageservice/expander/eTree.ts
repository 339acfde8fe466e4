/**
 * The expander's working tree: a small mutable element tree. Nodes copied
 * from the user's document keep a link to their source element (`origin`),
 * so every change the expander makes can be located in the user's text.
 */
import { XmlAttribute, XmlElement } from '../parser/xmlNodes';

/**
 * An element's attributes in document order, with the part of Map's API the
 * rules use. Elements have a handful of attributes, so a flat name/value
 * array scanned linearly is cheaper than a Map. A copied element reads its
 * source element's attributes until the first change (the expander copies
 * every element of the document on each analysis and changes few of them).
 */
export class AttrMap {
  /** name, value, name, value, ... once materialised */
  private kv: string[] | null;

  constructor(private src: readonly XmlAttribute[] | null = null) {
    this.kv = src ? null : [];
    // a malformed document may repeat a name: Map semantics (first position, last value) need the copy
    if (src && hasRepeatedName(src)) this.materialise();
  }

  private materialise(): string[] {
    if (this.kv) return this.kv;
    const kv: string[] = (this.kv = []);
    for (const a of this.src!) if (a.value !== null) this.set(a.name, a.value);
    this.src = null;
    return kv;
  }

  get size(): number {
    if (this.kv) return this.kv.length >> 1;
    let n = 0;
    for (const a of this.src!) if (a.value !== null) n++;
    return n;
  }

  private find(name: string): number {
    const kv = this.kv!;
    for (let i = 0; i < kv.length; i += 2) if (kv[i] === name) return i;
    return -1;
  }

  get(name: string): string | undefined {
    if (!this.kv) {
      for (const a of this.src!) if (a.name === name) return a.value ?? undefined;
      return undefined;
    }
    const i = this.find(name);
    return i < 0 ? undefined : this.kv[i + 1];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  set(name: string, value: string): this {
    const kv = this.materialise();
    const i = this.find(name);
    if (i < 0) kv.push(name, value);
    else kv[i + 1] = value;
    return this;
  }

  delete(name: string): boolean {
    const kv = this.materialise();
    const i = this.find(name);
    if (i < 0) return false;
    kv.splice(i, 2);
    return true;
  }

  keys(): IterableIterator<string> {
    const keys = this.list().map(([k]) => k);
    return keys[Symbol.iterator]();
  }

  values(): IterableIterator<string> {
    const values = this.list().map(([, v]) => v);
    return values[Symbol.iterator]();
  }

  entries(): IterableIterator<[string, string]> {
    return this.list()[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  /** calls `fn` for each attribute in order, without building a list */
  forEach(fn: (value: string, name: string) => void): void {
    if (!this.kv) {
      for (const a of this.src!) if (a.value !== null) fn(a.value, a.name);
      return;
    }
    for (let i = 0; i < this.kv.length; i += 2) fn(this.kv[i + 1], this.kv[i]);
  }

  private list(): [string, string][] {
    const out: [string, string][] = [];
    if (!this.kv) {
      for (const a of this.src!) if (a.value !== null) out.push([a.name, a.value]);
      return out;
    }
    for (let i = 0; i < this.kv.length; i += 2) out.push([this.kv[i], this.kv[i + 1]]);
    return out;
  }
}

function hasRepeatedName(attrs: readonly XmlAttribute[]): boolean {
  for (let i = 1; i < attrs.length; i++) for (let j = 0; j < i; j++) if (attrs[i].name === attrs[j].name) return true;
  return false;
}

/** shared by every node without children until its first child is added */
const NO_CHILDREN: ENode[] = [];

export class ENode {
  readonly attrs: AttrMap;
  /** the child elements (read-only: change them with append, insertAt and remove) */
  children: ENode[] = NO_CHILDREN;
  text: string | undefined;
  parent: ENode | undefined;
  /** the rule that added this node (set by ExpandContext.record; undefined for copied nodes) */
  addedBy: string | undefined;

  constructor(
    public name: string,
    attrs?: Record<string, string | undefined> | [string, string][],
    /** the element this node was copied from; undefined for nodes the expander added */
    public readonly origin?: XmlElement,
    /** the attributes to read until the first change (copies of document elements) */
    source?: readonly XmlAttribute[],
  ) {
    this.attrs = new AttrMap(source ?? null);
    if (Array.isArray(attrs)) for (const [k, v] of attrs) this.attrs.set(k, v);
    else if (attrs) for (const [k, v] of Object.entries(attrs)) if (v !== undefined) this.attrs.set(k, v);
  }

  attr(name: string): string | undefined {
    return this.attrs.get(name);
  }

  child(name: string): ENode | undefined {
    return this.children.find((c) => c.name === name);
  }

  all(name: string): ENode[] {
    return this.children.filter((c) => c.name === name);
  }

  path(...names: string[]): ENode | undefined {
    let cur: ENode | undefined = this;
    for (const n of names) {
      cur = cur.child(n);
      if (!cur) return undefined;
    }
    return cur;
  }

  /** trimmed text content ('' when none) */
  get value(): string {
    return (this.text ?? '').trim();
  }

  append(node: ENode): ENode {
    node.parent = this;
    if (this.children === NO_CHILDREN) this.children = [];
    this.children.push(node);
    return node;
  }

  insertAt(index: number, node: ENode): ENode {
    node.parent = this;
    if (this.children === NO_CHILDREN) this.children = [];
    this.children.splice(Math.max(0, Math.min(index, this.children.length)), 0, node);
    return node;
  }

  remove(node: ENode): void {
    const i = this.children.indexOf(node);
    if (i >= 0) this.children.splice(i, 1);
    node.parent = undefined;
  }

  /** the nearest node (this one or an ancestor) that came from the user's document */
  get anchor(): XmlElement | undefined {
    for (let n: ENode | undefined = this; n; n = n.parent) if (n.origin) return n.origin;
    return undefined;
  }

  /** this node and its descendants in document order */
  *walk(): Generator<ENode> {
    const stack: ENode[] = [this];
    while (stack.length) {
      const n = stack.pop()!;
      yield n;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
}

/** copies a positioned element (and its subtree) into a working tree */
export function fromXml(el: XmlElement, parent?: ENode): ENode {
  const n = new ENode(el.name, undefined, el, el.attributes);
  n.parent = parent;
  let text = '';
  let hasText = false;
  for (const c of el.children) {
    if (c.kind === 'element') {
      if (n.children === NO_CHILDREN) n.children = [];
      n.children.push(fromXml(c, n));
    } else if (c.kind === 'text') {
      text += c.value;
      hasText = true;
    }
  }
  if (hasText && text.trim()) n.text = text.trim();
  return n;
}
