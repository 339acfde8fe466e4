/**
 * Namespaces of instance documents: the in-scope prefix declarations and the
 * expanded names of elements and attributes, as libxml2 resolves them.
 */
import { XmlAttribute, XmlElement } from '../parser/xmlNodes';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** in-scope namespace declarations */
export class NsScope {
  constructor(
    private readonly parent: NsScope | null,
    private readonly map: Map<string, string>,
  ) {}

  static root(): NsScope {
    return new NsScope(null, new Map([['xml', XML_NS]]));
  }

  private defaultNs: string | undefined;

  /** the default namespace in scope ('' when none) */
  get defaultNamespace(): string {
    return (this.defaultNs ??= this.resolve('') ?? '');
  }

  resolve(prefix: string): string | undefined {
    for (let s: NsScope | null = this; s; s = s.parent) {
      const u = s.map.get(prefix);
      if (u !== undefined) return u;
    }
    return undefined;
  }

  /** the scope inside `el` (itself when `el` declares nothing) */
  enter(el: XmlElement): NsScope {
    let map: Map<string, string> | null = null;
    for (const a of el.attributes) {
      if (a.name.charCodeAt(0) === 120 /* x */ && (a.name === 'xmlns' || a.name.startsWith('xmlns:'))) {
        map ??= new Map();
        map.set(a.name === 'xmlns' ? '' : a.name.slice(6), a.value ?? '');
      }
    }
    return map ? new NsScope(this, map) : this;
  }
}

export interface QName {
  ns: string;
  local: string;
}

/** an element's expanded name; an undeclared prefix leaves the qualified name as the local name */
export function elementQName(el: XmlElement, scope: NsScope): QName {
  const i = el.name.indexOf(':');
  if (i < 0) return { ns: scope.defaultNamespace, local: el.name };
  const uri = scope.resolve(el.name.slice(0, i));
  if (uri === undefined) return { ns: '', local: el.name };
  return { ns: uri, local: el.name.slice(i + 1) };
}

export function attributeQName(a: XmlAttribute, scope: NsScope): QName {
  const i = a.name.indexOf(':');
  if (i < 0) return { ns: '', local: a.name };
  const uri = scope.resolve(a.name.slice(0, i));
  if (uri === undefined) return { ns: '', local: a.name };
  return { ns: uri, local: a.name.slice(i + 1) };
}

export function isNamespaceDeclaration(a: XmlAttribute): boolean {
  return a.name === 'xmlns' || a.name.startsWith('xmlns:');
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * An attribute's value as an XML processor reports it: literal whitespace
 * (tab, CR, LF) becomes a space, but a character reference such as `&#10;`
 * keeps its character. The parser normalizes after decoding, so values with
 * references are decoded again here from the source text.
 */
export function attributeValue(a: XmlAttribute, text: string): string {
  const value = a.value ?? '';
  if (a.valueStart < 0 || a.valueEnd > text.length) return value;
  // only values with a character reference need decoding again (scan the value alone, never past it)
  let hasRef = false;
  for (let i = a.valueStart; i < a.valueEnd - 1; i++) {
    if (text.charCodeAt(i) === 38 /* & */ && text.charCodeAt(i + 1) === 35 /* # */) {
      hasRef = true;
      break;
    }
  }
  if (!hasRef) return value;
  const raw = text.slice(a.valueStart, a.valueEnd);
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\r') {
      out += ' ';
      if (raw[i + 1] === '\n') i++;
    } else if (c === '\n' || c === '\t') out += ' ';
    else if (c === '&') {
      const end = raw.indexOf(';', i);
      const name = end > i ? raw.slice(i + 1, end) : '';
      if (name.startsWith('#')) {
        const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        if (Number.isFinite(code) && code <= 0x10ffff) {
          out += String.fromCodePoint(code);
          i = end;
          continue;
        }
      } else if (ENTITIES[name] !== undefined) {
        out += ENTITIES[name];
        i = end;
        continue;
      }
      out += c;
    } else out += c;
  }
  return out;
}
