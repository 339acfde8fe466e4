/**
 * Reading RelaxNG schema files into a small tree of RelaxNG elements, with
 * the document-level simplifications applied the way libxml2 applies them:
 * foreign elements and blank text dropped, `<include>`d grammars loaded (with
 * the overridden `<start>`/`<define>`s removed from them), `<externalRef>`s
 * loaded, `<div>`s dissolved, `name` attributes turned into `<name>` children,
 * the `ns` attribute inherited by names and QNames resolved, and the
 * `datatypeLibrary` in scope recorded on every `<data>` and `<value>`.
 */
import * as path from 'path';
import { parseXml } from '../parser/xmlParser';
import { XmlElement } from '../parser/xmlNodes';

export const RNG_NS = 'http://relaxng.org/ns/structure/1.0';

export class SchemaLoadError extends Error {}

/** one element of a RelaxNG schema, after clean-up */
export interface RNode {
  /** local name of the RelaxNG element (`element`, `ref`, `name`, ...) */
  name: string;
  attrs: Map<string, string>;
  children: RNode[];
  /** text content (for `name`, `value`, `param`) */
  text: string;
  /** the datatypeLibrary in scope ('' = built-in) */
  datatypeLibrary: string;
  /** for `<include>`: the cleaned-up root of the included grammar */
  included?: RNode;
  /** for `<externalRef>`: the cleaned-up root of the referenced schema */
  external?: RNode;
  /** `file:line` for messages */
  source: string;
  /** namespace prefixes in scope (for QNames in `<name>`) */
  prefixes: Map<string, string>;
}

export type ReadFile = (path: string) => string;

const XML_PREFIXES = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);

/** 1-based line numbers of offsets, for `file:line` in messages */
class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}
  lineOf(offset: number): number {
    if (!this.starts) {
      const s = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) s.push(i + 1);
      this.starts = s;
    }
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

function lineOf(text: string, offset: number): number {
  return new LineIndex(text).lineOf(offset);
}

function isBlank(s: string): boolean {
  return /^[ \t\r\n]*$/.test(s);
}

export class RngReader {
  private readonly includeStack: string[] = [];
  private readonly externalStack: string[] = [];
  private readonly texts = new Map<string, string>();
  /** the files read, for diagnostics */
  readonly files: string[] = [];

  constructor(private readonly readFile: ReadFile) {}

  private text(file: string): string {
    let t = this.texts.get(file);
    if (t === undefined) {
      try {
        t = this.readFile(file);
      } catch (e) {
        throw new SchemaLoadError(`cannot read ${file}: ${(e as Error).message}`);
      }
      this.texts.set(file, t);
      this.files.push(file);
    }
    return t;
  }

  /** parses `file` into a cleaned-up tree; `inheritedNs` is given to the root when it has no `ns` */
  load(file: string, inheritedNs: string | null): RNode {
    const text = this.text(file);
    const doc = parseXml(text);
    if (doc.errors.length || !doc.root) {
      const e = doc.errors[0];
      throw new SchemaLoadError(`${file} is not well-formed: ${e ? `line ${lineOf(text, e.start)}: ${e.message}` : 'no root element'}`);
    }
    const lines = new LineIndex(text);
    const root = this.convert(doc.root, file, lines, null, XML_PREFIXES, XML_PREFIXES);
    if (!root) throw new SchemaLoadError(`${file}: the root element is not a RelaxNG element`);
    if (inheritedNs !== null && !root.attrs.has('ns')) root.attrs.set('ns', inheritedNs);
    this.cleanup(root, file, null);
    return root;
  }

  /** parsed element to RNode: RelaxNG elements only, attributes without namespace, text kept where meaningful */
  private convert(
    el: XmlElement,
    file: string,
    lines: LineIndex,
    parentLib: string | null,
    parentPrefixes: Map<string, string>,
    parentNs: Map<string, string>,
  ): RNode | null {
    // namespace declarations of this element: `prefixes` feeds QNames in <name>, `nsMap` resolves element/attribute names
    let prefixes = parentPrefixes;
    let nsMap = parentNs;
    for (const a of el.attributes) {
      const n = a.name;
      if (n === 'xmlns' || n.startsWith('xmlns:')) {
        if (nsMap === parentNs) nsMap = new Map(parentNs);
        const v = a.value ?? '';
        if (n === 'xmlns') nsMap.set('', v);
        else {
          if (prefixes === parentPrefixes) prefixes = new Map(parentPrefixes);
          prefixes.set(n.slice(6), v);
          nsMap.set(n.slice(6), v);
        }
      }
    }
    const colon = el.name.indexOf(':');
    const elNs = nsMap.get(colon < 0 ? '' : el.name.slice(0, colon));
    if (elNs !== RNG_NS) return null; // annotations
    const attrs = new Map<string, string>();
    for (const a of el.attributes) {
      const n = a.name;
      if (n === 'xmlns' || n.startsWith('xmlns:')) continue;
      const c = n.indexOf(':');
      if (c >= 0 && nsMap.get(n.slice(0, c)) !== RNG_NS) continue; // foreign attributes
      attrs.set(c < 0 ? n : n.slice(c + 1), a.value ?? '');
    }
    const ownLib = attrs.get('datatypeLibrary');
    const lib = ownLib !== undefined ? ownLib : parentLib;
    const node: RNode = {
      name: el.localName,
      attrs,
      children: [],
      text: '',
      datatypeLibrary: lib ?? '',
      source: `${path.basename(file)}:${lines.lineOf(el.start)}`,
      prefixes,
    };
    const keepText = node.name === 'name' || node.name === 'value' || node.name === 'param';
    for (const c of el.children) {
      if (c.kind === 'element') {
        const k = this.convert(c, file, lines, lib, prefixes, nsMap);
        if (k) node.children.push(k);
      } else if (c.kind === 'text') {
        if (keepText) node.text += c.value;
        else if (!isBlank(c.value)) throw new SchemaLoadError(`${node.source}: unexpected text in <${node.name}>`);
      }
    }
    return node;
  }

  /** in-place clean-up of a tree; `ns` is the inherited `ns` attribute */
  private cleanup(node: RNode, file: string, inheritedNs: string | null): void {
    const ns = node.attrs.has('ns') ? node.attrs.get('ns')! : inheritedNs;
    switch (node.name) {
      case 'externalRef': {
        const href = node.attrs.get('href');
        if (!href) throw new SchemaLoadError(`${node.source}: externalRef has no href`);
        const target = path.resolve(path.dirname(file), href);
        if (this.externalStack.includes(target)) throw new SchemaLoadError(`${node.source}: externalRef recursion for ${target}`);
        this.externalStack.push(target);
        node.external = this.load(target, ns);
        this.externalStack.pop();
        return;
      }
      case 'include': {
        const href = node.attrs.get('href');
        if (!href) throw new SchemaLoadError(`${node.source}: include has no href`);
        const target = path.resolve(path.dirname(file), href);
        if (this.includeStack.includes(target)) throw new SchemaLoadError(`${node.source}: include recursion for ${target}`);
        this.includeStack.push(target);
        const root = this.load(target, ns);
        this.includeStack.pop();
        if (root.name !== 'grammar') throw new SchemaLoadError(`${node.source}: included ${target} is not a grammar`);
        // definitions in the include element replace those of the included grammar
        for (const c of node.children) this.cleanup(c, file, ns);
        for (const c of node.children) {
          if (c.name === 'start') {
            if (!removeRedefined(root, null)) throw new SchemaLoadError(`${node.source}: include has a start but ${target} has none`);
          } else if (c.name === 'define') {
            const name = (c.attrs.get('name') ?? '').trim();
            if (!removeRedefined(root, name))
              throw new SchemaLoadError(`${node.source}: include redefines ${name}, which ${target} does not define`);
          }
        }
        node.included = root;
        dissolveDivs(node);
        return;
      }
      case 'element':
      case 'attribute': {
        const nameAttr = node.attrs.get('name');
        if (nameAttr !== undefined) {
          const nameNode: RNode = {
            name: 'name',
            attrs: new Map(),
            children: [],
            text: nameAttr,
            datatypeLibrary: node.datatypeLibrary,
            source: node.source,
            prefixes: node.prefixes,
          };
          if (node.attrs.has('ns')) nameNode.attrs.set('ns', node.attrs.get('ns')!);
          else if (node.name === 'attribute') nameNode.attrs.set('ns', '');
          node.attrs.delete('name');
          node.children.unshift(nameNode);
        }
        break;
      }
      case 'name':
      case 'nsName':
      case 'value': {
        if (!node.attrs.has('ns')) node.attrs.set('ns', ns ?? '');
        if (node.name === 'name') {
          const q = node.text.trim();
          const colon = q.indexOf(':');
          if (colon > 0) {
            const uri = node.prefixes.get(q.slice(0, colon));
            if (uri === undefined) throw new SchemaLoadError(`${node.source}: no namespace for prefix ${q.slice(0, colon)}`);
            node.attrs.set('ns', uri);
            node.text = q.slice(colon + 1);
          } else node.text = q;
        }
        return;
      }
    }
    for (const c of node.children) this.cleanup(c, file, ns);
    dissolveDivs(node);
  }
}

/** replaces every `<div>` child by its children, which inherit the div's `ns` */
function dissolveDivs(node: RNode): void {
  if (!node.children.some((c) => c.name === 'div')) return;
  const out: RNode[] = [];
  for (const c of node.children) {
    if (c.name !== 'div') {
      out.push(c);
      continue;
    }
    dissolveDivs(c);
    const divNs = c.attrs.get('ns');
    for (const k of c.children) {
      if (divNs !== undefined && !k.attrs.has('ns')) k.attrs.set('ns', divNs);
      out.push(k);
    }
  }
  node.children = out;
}

/** removes `<start>` (name null) or `<define name=...>` from a grammar and the grammars it includes */
function removeRedefined(grammar: RNode, name: string | null): boolean {
  let found = false;
  grammar.children = grammar.children.filter((c) => {
    if (name === null && c.name === 'start') {
      found = true;
      return false;
    }
    if (name !== null && c.name === 'define' && (c.attrs.get('name') ?? '').trim() === name) {
      found = true;
      return false;
    }
    return true;
  });
  for (const c of grammar.children) {
    if (c.name === 'include' && c.included && removeRedefined(c.included, name)) found = true;
  }
  return found;
}
