/**
 * The expander's working tree: a small mutable element tree. Nodes copied
 * from the user's document keep a link to their source element (`origin`),
 * so every change the expander makes can be located in the user's text.
 */
import { XmlElement } from '../parser/xmlNodes';

/**
 * An element's attributes in document order, with the part of Map's API the
 * rules use. Elements have a handful of attributes, so two parallel arrays
 * scanned linearly are cheaper to build and read than a Map (the expander
 * copies every element of the document on each analysis).
 */
export class AttrMap {
  /** name, value, name, value, ... (one array per element) */
  private readonly kv: string[] = [];

  get size(): number {
    return this.kv.length >> 1;
  }

  private find(name: string): number {
    const kv = this.kv;
    for (let i = 0; i < kv.length; i += 2) if (kv[i] === name) return i;
    return -1;
  }

  get(name: string): string | undefined {
    const i = this.find(name);
    return i < 0 ? undefined : this.kv[i + 1];
  }

  has(name: string): boolean {
    return this.find(name) >= 0;
  }

  set(name: string, value: string): this {
    const i = this.find(name);
    if (i < 0) this.kv.push(name, value);
    else this.kv[i + 1] = value;
    return this;
  }

  delete(name: string): boolean {
    const i = this.find(name);
    if (i < 0) return false;
    this.kv.splice(i, 2);
    return true;
  }

  keys(): IterableIterator<string> {
    return this.kv.filter((_, i) => i % 2 === 0)[Symbol.iterator]();
  }

  values(): IterableIterator<string> {
    return this.kv.filter((_, i) => i % 2 === 1)[Symbol.iterator]();
  }

  entries(): IterableIterator<[string, string]> {
    const out: [string, string][] = [];
    for (let i = 0; i < this.kv.length; i += 2) out.push([this.kv[i], this.kv[i + 1]]);
    return out[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

export class ENode {
  readonly attrs = new AttrMap();
  children: ENode[] = [];
  text: string | undefined;
  parent: ENode | undefined;
  /** the rule that added this node (set by ExpandContext.record; undefined for copied nodes) */
  addedBy: string | undefined;

  constructor(
    public name: string,
    attrs?: Record<string, string | undefined> | [string, string][],
    /** the element this node was copied from; undefined for nodes the expander added */
    public readonly origin?: XmlElement,
  ) {
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
    this.children.push(node);
    return node;
  }

  insertAt(index: number, node: ENode): ENode {
    node.parent = this;
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
  const n = new ENode(el.name, undefined, el);
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i];
    if (a.value !== null) n.attrs.set(a.name, a.value);
  }
  n.parent = parent;
  let text = '';
  let hasText = false;
  for (const c of el.children) {
    if (c.kind === 'element') n.children.push(fromXml(c, n));
    else if (c.kind === 'text') {
      text += c.value;
      hasText = true;
    }
  }
  if (hasText && text.trim()) n.text = text.trim();
  return n;
}
