/**
 * Schema questions for the editor: which child elements may go into an
 * element (at a given position), which attributes it may still take, which
 * values an attribute or the element's text may have. Pure functions of the
 * schema and the element (with its parent chain and preceding siblings):
 * the derivative state at that point is replayed from the root, leniently,
 * so a document that is still being typed gets answers too.
 */
import { XmlAttribute, XmlElement } from '../parser/xmlNodes';
import { RelaxNgSchema } from './loadRelaxNg';
import { nameClassIsWildcard, nameClassNames } from './nameClass';
import { attributeQName, elementQName, NsScope } from './namespaces';
import {
  attributeName,
  missingAttributes,
  patternNameClass,
  remainingAttributes,
  requiredElements,
  valueSpace,
  ValueSpace,
} from './patternQueries';
import { elementToken, K, Pattern } from './patterns';
import { acceptedNext, SchemaWalker } from './validator';

export interface ElementSuggestion {
  /** the name to insert: with the document's prefix for a namespace, `{uri}local` when it has none */
  name: string;
  ns: string;
  local: string;
  /** the content is incomplete without one of the required ones */
  required: boolean;
}

export interface AttributeSuggestion {
  name: string;
  ns: string;
  local: string;
  required: boolean;
}

export interface ValueSuggestions {
  /** enumerated values (`<choice>` of `<value>`s) */
  values: string[];
  /** descriptions of datatypes that also accept values (e.g. `unsignedInt`) */
  datatypes: string[];
  /** any text is accepted */
  anyText: boolean;
}

interface ElementState {
  /** after the start tag opened (attributes not yet derived) */
  open: Pattern;
  /** the scope inside the element */
  scope: NsScope;
}

function chain(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let e: XmlElement | null = el; e; e = e.parent) out.push(e);
  return out.reverse();
}

/** element patterns anywhere in the schema with this name, as a fallback state */
function anywhere(schema: RelaxNgSchema, ns: string, local: string): Pattern | null {
  const f = schema.factory;
  const found: Pattern[] = [];
  const seen = new Set<Pattern>();
  const stack: Pattern[] = [schema.start];
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (p.kind === K.Element) {
      const e = p.extra as { content: () => Pattern };
      if (nameClassNames(patternNameClass(p)).some((n) => n.ns === ns && n.local === local)) found.push(f.after(e.content(), f.empty));
      stack.push(e.content());
      continue;
    }
    if (p.a) stack.push(p.a);
    if (p.b) stack.push(p.b);
    if (p.items) stack.push(...p.items);
  }
  return found.length ? f.choiceOf(found) : null;
}

/** the derivative state of `el`'s start tag, replayed from the root */
function stateOf(schema: RelaxNgSchema, el: XmlElement): ElementState | null {
  const w = new SchemaWalker(schema, '', false);
  w.shallow = true;
  const d = schema.deriver;
  const path = chain(el);
  let p = schema.start;
  let scope = NsScope.root();
  for (let i = 0; i < path.length; i++) {
    const node = path[i];
    scope = scope.enter(node);
    let open = w.open(p, node, scope);
    if (!open) {
      const n = elementQName(node, scope);
      open = anywhere(schema, n.ns, n.local);
      if (!open) return null;
    }
    if (i === path.length - 1) return { open, scope };
    const afterAttrs = w.attributes(open, node, scope);
    let c = d.startTagClose(afterAttrs);
    if (c.kind === K.NotAllowed) c = d.startTagCloseLenient(afterAttrs);
    p = w.content(c, node, scope, node.children.indexOf(path[i + 1]));
  }
  return null;
}

function contentState(schema: RelaxNgSchema, el: XmlElement, beforeChild: number): { content: Pattern; scope: NsScope } | null {
  const s = stateOf(schema, el);
  if (!s) return null;
  const d = schema.deriver;
  const w = new SchemaWalker(schema, '', false);
  w.shallow = true;
  const afterAttrs = w.attributes(s.open, el, s.scope);
  let c = d.startTagClose(afterAttrs);
  if (c.kind === K.NotAllowed) c = d.startTagCloseLenient(afterAttrs);
  return { content: w.content(c, el, s.scope, Math.max(0, Math.min(beforeChild, el.children.length))), scope: s.scope };
}

/** a prefix declared in scope for a namespace, for inserting names */
function prefixFor(scope: NsScope, el: XmlElement, ns: string, schema: RelaxNgSchema): string | null {
  for (let e: XmlElement | null = el; e; e = e.parent) {
    for (const a of e.attributes) {
      if (a.name.startsWith('xmlns:') && a.value === ns) return a.name.slice(6);
    }
  }
  if (scope.resolve('') === ns) return '';
  return schema.prefixes.get(ns) ?? null;
}

function qualifiedName(schema: RelaxNgSchema, scope: NsScope, el: XmlElement, ns: string, local: string): string {
  if (!ns) return local;
  const p = prefixFor(scope, el, ns, schema);
  if (p === '') return local;
  return p ? `${p}:${local}` : `{${ns}}${local}`;
}

/**
 * Child elements allowed in `el` before its child number `beforeChild`
 * (default: after all existing children).
 */
export function allowedChildElements(schema: RelaxNgSchema, el: XmlElement, beforeChild = el.children.length): ElementSuggestion[] {
  const s = contentState(schema, el, beforeChild);
  if (!s) return [];
  const required = new Set<string>();
  for (const r of requiredElements(s.content)) for (const n of nameClassNames(patternNameClass(r))) required.add(n.ns + '\u0000' + n.local);
  const out = new Map<string, ElementSuggestion>();
  for (const e of acceptedNext(schema, s.content)) {
    const nc = patternNameClass(e);
    for (const n of nameClassNames(nc)) {
      const key = n.ns + '\u0000' + n.local;
      if (!out.has(key))
        out.set(key, { name: qualifiedName(schema, s.scope, el, n.ns, n.local), ns: n.ns, local: n.local, required: required.has(key) });
    }
    if (nameClassIsWildcard(nc) && !out.has('*')) out.set('*', { name: '*', ns: '', local: '*', required: false });
  }
  return [...out.values()].sort((a, b) => Number(b.required) - Number(a.required) || a.name.localeCompare(b.name));
}

/** attributes `el` may still take, given its other attributes (`editing` is left out) */
export function allowedAttributes(schema: RelaxNgSchema, el: XmlElement, editing?: XmlAttribute): AttributeSuggestion[] {
  const s = stateOf(schema, el);
  if (!s) return [];
  const w = new SchemaWalker(schema, '', false);
  const d = schema.deriver;
  const q = w.attributes(s.open, el, s.scope, editing);
  const present = new Set(el.attributes.filter((a) => a !== editing).map((a) => a.name));
  const required = new Set(
    d.startTagClose(q).kind === K.NotAllowed ? missingAttributes(q, (x) => d.startTagClose(x).kind !== K.NotAllowed) : [],
  );
  const out = new Map<string, AttributeSuggestion>();
  for (const a of remainingAttributes(q)) {
    for (const n of nameClassNames(patternNameClass(a))) {
      const name = qualifiedName(schema, s.scope, el, n.ns, n.local);
      if (present.has(name) || out.has(name)) continue;
      out.set(name, { name, ns: n.ns, local: n.local, required: required.has(attributeName(a)) });
    }
  }
  return [...out.values()].sort((a, b) => Number(b.required) - Number(a.required) || a.name.localeCompare(b.name));
}

function suggestions(space: ValueSpace): ValueSuggestions {
  return {
    values: space.values,
    datatypes: space.datatypes.map((t) => t.describe()),
    anyText: space.anyText || space.datatypes.some((t) => t.params.length === 0 && (t.name === 'string' || t.name === 'token')),
  };
}

/** values the attribute `name` of `el` may take (given `el`'s other attributes) */
export function attributeValues(schema: RelaxNgSchema, el: XmlElement, name: string): ValueSuggestions {
  const s = stateOf(schema, el);
  const empty: ValueSuggestions = { values: [], datatypes: [], anyText: false };
  if (!s) return empty;
  const w = new SchemaWalker(schema, '', false);
  const self = el.getAttribute(name);
  const q = w.attributes(s.open, el, s.scope, self);
  const qn = self
    ? attributeQName(self, s.scope)
    : name.includes(':')
      ? attributeQName({ name } as XmlAttribute, s.scope)
      : { ns: '', local: name };
  const space: ValueSpace = { values: [], datatypes: [], anyText: false, empty: false };
  for (const c of schema.deriver.attributeCandidates(q, qn.ns, qn.local)) valueSpace(c.a!, space);
  return suggestions(space);
}

/** values the text content of `el` may take (an enumeration like `<on_crash>`'s) */
export function textValues(schema: RelaxNgSchema, el: XmlElement): ValueSuggestions {
  const s = contentState(schema, el, 0);
  if (!s) return { values: [], datatypes: [], anyText: false };
  const space: ValueSpace = { values: [], datatypes: [], anyText: false, empty: false };
  for (const c of schema.deriver.textCandidates(s.content)) valueSpace(c, space);
  return suggestions(space);
}

/** whether `el` may appear where it is (its parent's state allows its name) */
export function isElementAllowed(schema: RelaxNgSchema, el: XmlElement): boolean {
  if (!el.parent) {
    const n = elementQName(el, NsScope.root().enter(el));
    return schema.deriver.startTagOpen(schema.start, elementToken(n.ns, n.local)).kind !== K.NotAllowed;
  }
  const s = contentState(schema, el.parent, el.parent.children.indexOf(el));
  if (!s) return false;
  const n = elementQName(el, s.scope.enter(el));
  return schema.deriver.startTagOpen(s.content, elementToken(n.ns, n.local)).kind !== K.NotAllowed;
}
