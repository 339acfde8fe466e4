/**
 * A small, approximate RelaxNG walker used by the version-facts cross-check.
 *
 * It loads a schema (following <include href>), merges <define>s, and walks
 * the grammar from its <start> pattern, recording for every absolute element
 * path (e.g. `/domain/devices/disk/driver`) which attributes and child
 * elements may occur there and which literal <value>s an attribute (or the
 * element's own text) may take. It is deliberately coarse: choices, groups,
 * interleaves and optionality are all flattened, so "described" means "the
 * schema mentions it somewhere at that path", not "this document validates".
 */
import * as fs from 'fs';
import * as path from 'path';
import { DOMParser } from '@xmldom/xmldom';

const RNG_NS = 'http://relaxng.org/ns/structure/1.0';

/** the values an attribute (or an element's text) may take at one path */
export interface ValueSet {
  /** literal <value>s found anywhere in the pattern */
  values: Set<string>;
  /** true when some branch accepts any text (<text>, or <data> without a pattern) */
  freeform: boolean;
  /** <data><param name="pattern"> regular expressions, anchored */
  patterns: RegExp[];
}

/** does the value set accept `v`: 'value' (literal), 'pattern', 'text' (any text) or null */
export function accepts(vs: ValueSet, v: string): 'value' | 'pattern' | 'text' | null {
  if (vs.values.has(v)) return 'value';
  if (vs.patterns.some((re) => re.test(v))) return 'pattern';
  if (vs.freeform) return 'text';
  return null;
}

function emptyValues(): ValueSet {
  return { values: new Set(), freeform: false, patterns: [] };
}

/** record a <data> pattern: with a usable pattern param it narrows, otherwise it is any text */
function addData(out: ValueSet, data: RElement): void {
  const params = kids(data).filter((k) => k.localName === 'param' && k.getAttribute('name') === 'pattern');
  if (params.length === 0) {
    out.freeform = true;
    return;
  }
  for (const p of params) {
    try {
      out.patterns.push(new RegExp('^(?:' + (p.textContent ?? '') + ')$', 'u'));
    } catch {
      out.freeform = true; // an XSD regex JavaScript cannot compile: be lenient
    }
  }
}

export interface PathInfo {
  attributes: Map<string, ValueSet>;
  children: Set<string>;
  text: ValueSet;
}

export interface SchemaPaths {
  /** element path -> what the schema allows there */
  elements: Map<string, PathInfo>;
  hasElement(p: string): boolean;
  attribute(elementPath: string, name: string): ValueSet | undefined;
}

// xmldom's DOM typings are loose; the walker only needs these members
interface RElement {
  nodeType: number;
  localName: string;
  namespaceURI: string | null;
  childNodes: { length: number; [i: number]: RElement };
  getAttribute(name: string): string | null;
  textContent: string | null;
}

function kids(el: RElement): RElement[] {
  const out: RElement[] = [];
  for (let i = 0; i < el.childNodes.length; i++) {
    const c = el.childNodes[i];
    if (c.nodeType === 1 && c.namespaceURI === RNG_NS) out.push(c);
  }
  return out;
}

interface Grammar {
  defines: Map<string, RElement[]>;
  starts: RElement[];
}

function loadGrammar(file: string, g: Grammar, seen: Set<string>): void {
  const abs = path.resolve(file);
  if (seen.has(abs)) return;
  seen.add(abs);
  const doc = new DOMParser().parseFromString(fs.readFileSync(abs, 'utf8'), 'text/xml') as unknown as {
    documentElement: RElement;
  };
  const visit = (el: RElement) => {
    for (const c of kids(el)) {
      switch (c.localName) {
        case 'include':
          loadGrammar(path.join(path.dirname(abs), c.getAttribute('href') ?? ''), g, seen);
          // an <include> may carry overriding <define>s of its own
          visit(c);
          break;
        case 'define': {
          const name = c.getAttribute('name') ?? '';
          const list = g.defines.get(name) ?? [];
          list.push(c);
          g.defines.set(name, list);
          break;
        }
        case 'start':
          g.starts.push(c);
          break;
        case 'div':
          visit(c);
          break;
        default:
          break;
      }
    }
  };
  visit(doc.documentElement);
}

function info(map: Map<string, PathInfo>, p: string): PathInfo {
  let i = map.get(p);
  if (!i) {
    i = { attributes: new Map(), children: new Set(), text: emptyValues() };
    map.set(p, i);
  }
  return i;
}

/** Collect the literal values / free-text-ness of a pattern (attribute content or element text). */
function collectValues(g: Grammar, pattern: RElement[], out: ValueSet, seenDefs: Set<string>): void {
  for (const c of pattern) {
    switch (c.localName) {
      case 'value':
        out.values.add((c.textContent ?? '').trim());
        break;
      case 'data':
        addData(out, c);
        break;
      case 'text':
        out.freeform = true;
        break;
      case 'ref': {
        const name = c.getAttribute('name') ?? '';
        if (seenDefs.has(name)) break;
        seenDefs.add(name);
        for (const d of g.defines.get(name) ?? []) collectValues(g, kids(d), out, seenDefs);
        break;
      }
      case 'element':
      case 'attribute':
        // nested structure is not a value
        break;
      default:
        collectValues(g, kids(c), out, seenDefs);
    }
  }
}

const MAX_DEPTH = 14;

export function loadSchemaPaths(entryFile: string): SchemaPaths {
  const g: Grammar = { defines: new Map(), starts: [] };
  loadGrammar(entryFile, g, new Set());
  const elements = new Map<string, PathInfo>();
  // (define name | element path) pairs already expanded
  const expanded = new Set<string>();

  const walk = (pattern: RElement[], cur: string | null): void => {
    for (const c of pattern) {
      switch (c.localName) {
        case 'element': {
          const name = c.getAttribute('name');
          if (!name) break; // <anyName>/<nsName> wildcards are not modelled
          const p = (cur ?? '') + '/' + name;
          if (cur !== null) info(elements, cur).children.add(name);
          info(elements, p);
          if (p.split('/').length - 1 > MAX_DEPTH) break;
          const key = 'E|' + p + '|' + elementId(c);
          if (expanded.has(key)) break;
          expanded.add(key);
          walk(kids(c), p);
          break;
        }
        case 'attribute': {
          const name = c.getAttribute('name');
          if (!name || cur === null) break;
          const at = info(elements, cur).attributes;
          let vs = at.get(name);
          if (!vs) {
            vs = emptyValues();
            at.set(name, vs);
          }
          const content = kids(c);
          if (content.length === 0)
            vs.freeform = true; // <attribute name='x'/> means any text
          else collectValues(g, content, vs, new Set());
          break;
        }
        case 'value':
          if (cur !== null) info(elements, cur).text.values.add((c.textContent ?? '').trim());
          break;
        case 'data':
          if (cur !== null) addData(info(elements, cur).text, c);
          break;
        case 'text':
          if (cur !== null) info(elements, cur).text.freeform = true;
          break;
        case 'ref': {
          const name = c.getAttribute('name') ?? '';
          const key = 'R|' + name + '|' + cur;
          if (expanded.has(key)) break;
          expanded.add(key);
          for (const d of g.defines.get(name) ?? []) walk(kids(d), cur);
          break;
        }
        default:
          // choice, group, interleave, optional, zeroOrMore, oneOrMore, mixed, list, except...
          walk(kids(c), cur);
      }
    }
  };

  for (const s of g.starts) walk(kids(s), null);

  return {
    elements,
    hasElement: (p) => elements.has(p),
    attribute: (p, n) => elements.get(p)?.attributes.get(n),
  };
}

// distinguishes two different <element name="x"> patterns reached at the same path
const ids = new WeakMap<object, number>();
let nextId = 1;
function elementId(el: RElement): number {
  let id = ids.get(el);
  if (id === undefined) {
    id = nextId++;
    ids.set(el, id);
  }
  return id;
}
