/**
 * Datatype libraries for RelaxNG `<data>` and `<value>`: the built-in library
 * (`string`, `token`) and the W3C XML Schema datatypes with their facets,
 * following libxml2's lexical rules (what `xmllint --relaxng` accepts):
 *
 * - every type but `string` collapses whitespace before the lexical check;
 * - integers allow at most 24 significant digits; the unsigned types accept
 *   no sign at all (`+5` is not an unsignedInt);
 * - the `pattern` facet is matched against the raw value, anchored at both ends;
 * - `length` facets count code points.
 */
import { compileXsdRegex } from './xsdRegex';

export const XSD_LIBRARY = 'http://www.w3.org/2001/XMLSchema-datatypes';
/** libxml2 files datatypes without a datatypeLibrary under the RelaxNG namespace */
export const BUILTIN_LIBRARY = 'http://relaxng.org/ns/structure/1.0';

export interface DatatypeParam {
  readonly name: string;
  readonly value: string;
}

function isBlankCh(c: number): boolean {
  return c === 0x20 || c === 0x9 || c === 0xa || c === 0xd;
}

/** libxml2's xmlRelaxNGNormalize / XML Schema whitespace collapse */
export function collapseWhitespace(s: string): string {
  let i = 0;
  const n = s.length;
  while (i < n && isBlankCh(s.charCodeAt(i))) i++;
  let out = '';
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isBlankCh(c)) {
      while (i < n && isBlankCh(s.charCodeAt(i))) i++;
      if (i >= n) break;
      out += ' ';
    } else {
      out += s[i];
      i++;
    }
  }
  return out;
}

export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isBlankCh(s.charCodeAt(i))) return false;
  return true;
}

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

// ---- lexical spaces ---------------------------------------------------------

const NC_START =
  'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NC_CHAR = `${NC_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
// The XML 1.0 NameChar ranges include combining marks (U+0300-U+036F) on purpose: eslint's
// no-misleading-character-class does not apply to these generated classes.
/* eslint-disable no-misleading-character-class */
const NCNAME = new RegExp(`^[${NC_START}][${NC_CHAR}]*$`, 'u');
const NAME = new RegExp(`^[${NC_START}:][${NC_CHAR}:]*$`, 'u');
const NMTOKEN = new RegExp(`^[${NC_CHAR}:]+$`, 'u');
const QNAME = new RegExp(`^(?:[${NC_START}][${NC_CHAR}]*:)?[${NC_START}][${NC_CHAR}]*$`, 'u');
/* eslint-enable no-misleading-character-class */
const LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

/** a parsed integer: null when the lexical form is not accepted */
function parseInteger(v: string, signed: boolean): bigint | null {
  let i = 0;
  let neg = false;
  if (signed && (v[0] === '-' || v[0] === '+')) {
    neg = v[0] === '-';
    i = 1;
  }
  let j = i;
  while (j < v.length && v.charCodeAt(j) >= 48 && v.charCodeAt(j) <= 57) j++;
  if (j === i || j !== v.length) return null;
  let k = i;
  while (k < j - 1 && v[k] === '0') k++;
  if (j - k > 24) return null; // libxml2 keeps 24 significant digits
  const n = BigInt(v.slice(i));
  return neg ? -n : n;
}

interface IntRange {
  min?: bigint;
  max?: bigint;
  signed: boolean;
}

const INT_TYPES: Record<string, IntRange> = {
  integer: { signed: true },
  nonPositiveInteger: { signed: true, max: 0n },
  negativeInteger: { signed: true, max: -1n },
  nonNegativeInteger: { signed: true, min: 0n },
  positiveInteger: { signed: true, min: 1n },
  long: { signed: true, min: -(2n ** 63n), max: 2n ** 63n - 1n },
  int: { signed: true, min: -(2n ** 31n), max: 2n ** 31n - 1n },
  short: { signed: true, min: -32768n, max: 32767n },
  byte: { signed: true, min: -128n, max: 127n },
  unsignedLong: { signed: false, min: 0n, max: 2n ** 64n - 1n },
  unsignedInt: { signed: false, min: 0n, max: 2n ** 32n - 1n },
  unsignedShort: { signed: false, min: 0n, max: 65535n },
  unsignedByte: { signed: false, min: 0n, max: 255n },
};

/** a decimal as sign, integer digits and fraction digits, for exact comparison */
interface Dec {
  neg: boolean;
  int: string;
  frac: string;
}

function parseDecimal(v: string): Dec | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(v);
  if (!m || (!m[2] && !m[3])) return null;
  const int = m[2].replace(/^0+/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  return { neg: m[1] === '-' && (int !== '' || frac !== ''), int, frac };
}

function compareDec(a: Dec, b: Dec): number {
  if (a.neg !== b.neg) return a.neg ? -1 : 1;
  const s = a.neg ? -1 : 1;
  if (a.int.length !== b.int.length) return s * (a.int.length < b.int.length ? -1 : 1);
  if (a.int !== b.int) return s * (a.int < b.int ? -1 : 1);
  const len = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(len, '0');
  const fb = b.frac.padEnd(len, '0');
  return fa === fb ? 0 : s * (fa < fb ? -1 : 1);
}

/** libxml2's lexical rules for float and double */
function parseDouble(v: string): number | null {
  if (v === 'NaN') return NaN;
  let i = 0;
  let neg = false;
  if (v[i] === '-') {
    neg = true;
    i++;
  }
  if (v.slice(i) === 'INF') return neg ? -Infinity : Infinity;
  if (!neg && v[i] === '+') i++;
  if (i >= v.length || v[i] === '+' || v[i] === '-') return null;
  const start = i;
  let before = 0;
  let after = 0;
  while (i < v.length && v[i] >= '0' && v[i] <= '9') {
    i++;
    before++;
  }
  if (v[i] === '.') {
    i++;
    while (i < v.length && v[i] >= '0' && v[i] <= '9') {
      i++;
      after++;
    }
  }
  if (before === 0 && after === 0) return null;
  const mantEnd = i;
  let exp = '';
  if (v[i] === 'e' || v[i] === 'E') {
    i++;
    const es = i;
    if (v[i] === '-' || v[i] === '+') i++;
    while (i < v.length && v[i] >= '0' && v[i] <= '9') i++;
    exp = v.slice(es, i);
  }
  if (i !== v.length) return null;
  const num = Number(v.slice(start, mantEnd) + (exp && /\d/.test(exp) ? 'e' + exp : ''));
  return neg ? -num : num;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

const TZ = '(Z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))?';
const DATE_RE = new RegExp(`^(-?\\d{4,})-(\\d{2})-(\\d{2})${TZ}$`);
const TIME_RE = new RegExp(`^(\\d{2}):(\\d{2}):(\\d{2}(?:\\.\\d+)?)${TZ}$`);
const DATETIME_RE = new RegExp(`^(-?\\d{4,})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2}(?:\\.\\d+)?)${TZ}$`);

function validDate(y: string, mo: string, d: string): boolean {
  const yy = parseInt(y, 10);
  const mm = parseInt(mo, 10);
  const dd = parseInt(d, 10);
  if (yy === 0 || mm < 1 || mm > 12 || dd < 1) return false;
  return dd <= daysInMonth(Math.abs(yy), mm);
}

function validTime(h: string, mi: string, s: string): boolean {
  const hh = parseInt(h, 10);
  const mm = parseInt(mi, 10);
  const ss = parseFloat(s);
  if (hh === 24) return mm === 0 && ss === 0;
  return hh < 24 && mm < 60 && ss < 60;
}

/** a permissive RFC 3986 URI-reference check, as libxml2's xmlParseURI after escaping */
function validUri(v: string): boolean {
  // control characters are exactly what is escaped here
  // eslint-disable-next-line no-control-regex
  const s = v.replace(/[\u0000-\u001f\u007f-\u{10ffff} <>"{}|\\^`']/gu, '_');
  if ((s.match(/#/g) ?? []).length > 1) return false;
  if (/%(?![0-9a-fA-F]{2})/.test(s)) return false;
  const hash = s.indexOf('#');
  const beforeFrag = hash >= 0 ? s.slice(0, hash) : s;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(beforeFrag);
  let rest = m ? beforeFrag.slice(m[0].length) : beforeFrag;
  if (!m && /^[^/?]*:/.test(rest)) {
    // a relative reference cannot have a colon in its first segment unless it is a scheme
    if (!/^[^/?:]*$/.test(rest.split('/')[0])) return false;
  }
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?]/);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
    rest = end < 0 ? '' : rest.slice(2 + end);
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    if (hostPort.startsWith('[')) {
      if (!/^\[[0-9a-fA-F:.vV]+\](:\d*)?$/.test(hostPort)) return false;
    } else if (/[[\]]/.test(hostPort)) return false;
  }
  return !/[[\]]/.test(rest);
}

type Lexical = (v: string) => unknown | null;

/** lexical check and value for each XSD type (value null = not in the lexical space) */
const XSD_TYPES: Record<string, Lexical> = {
  string: (v) => v,
  normalizedString: (v) => v,
  token: (v) => v,
  anySimpleType: (v) => v,
  language: (v) => (LANGUAGE.test(v) ? v : null),
  Name: (v) => (NAME.test(v) ? v : null),
  NCName: (v) => (NCNAME.test(v) ? v : null),
  ID: (v) => (NCNAME.test(v) ? v : null),
  IDREF: (v) => (NCNAME.test(v) ? v : null),
  ENTITY: (v) => (NCNAME.test(v) ? v : null),
  IDREFS: (v) => (v !== '' && v.split(' ').every((t) => NCNAME.test(t)) ? v : null),
  ENTITIES: (v) => (v !== '' && v.split(' ').every((t) => NCNAME.test(t)) ? v : null),
  NMTOKEN: (v) => (NMTOKEN.test(v) ? v : null),
  NMTOKENS: (v) => (v !== '' && v.split(' ').every((t) => NMTOKEN.test(t)) ? v : null),
  QName: (v) => (QNAME.test(v) ? v : null),
  NOTATION: (v) => (QNAME.test(v) ? v : null),
  boolean: (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : null),
  decimal: (v) => parseDecimal(v),
  float: (v) => parseDouble(v),
  double: (v) => parseDouble(v),
  anyURI: (v) => (validUri(v) ? v : null),
  hexBinary: (v) => (/^([0-9a-fA-F]{2})*$/.test(v) ? v.toUpperCase() : null),
  base64Binary: (v) =>
    /^(?:[A-Za-z0-9+/] ?){0,}(?:[A-Za-z0-9+/] ?[A-Za-z0-9+/] ?[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?$/.test(v) &&
    v.replace(/ /g, '').length % 4 === 0
      ? v.replace(/ /g, '')
      : null,
  dateTime: (v) => {
    const m = DATETIME_RE.exec(v);
    return m && validDate(m[1], m[2], m[3]) && validTime(m[4], m[5], m[6]) ? v : null;
  },
  date: (v) => {
    const m = DATE_RE.exec(v);
    return m && validDate(m[1], m[2], m[3]) ? v : null;
  },
  time: (v) => {
    const m = TIME_RE.exec(v);
    return m && validTime(m[1], m[2], m[3]) ? v : null;
  },
  gYear: (v) => (new RegExp(`^-?\\d{4,}${TZ}$`).test(v) && !/^-?0000/.test(v) ? v : null),
  gYearMonth: (v) => {
    const m = new RegExp(`^(-?\\d{4,})-(\\d{2})${TZ}$`).exec(v);
    return m && parseInt(m[2], 10) >= 1 && parseInt(m[2], 10) <= 12 ? v : null;
  },
  gMonth: (v) => {
    const m = new RegExp(`^--(\\d{2})${TZ}$`).exec(v);
    return m && parseInt(m[1], 10) >= 1 && parseInt(m[1], 10) <= 12 ? v : null;
  },
  gDay: (v) => {
    const m = new RegExp(`^---(\\d{2})${TZ}$`).exec(v);
    return m && parseInt(m[1], 10) >= 1 && parseInt(m[1], 10) <= 31 ? v : null;
  },
  gMonthDay: (v) => {
    const m = new RegExp(`^--(\\d{2})-(\\d{2})${TZ}$`).exec(v);
    return m &&
      parseInt(m[1], 10) >= 1 &&
      parseInt(m[1], 10) <= 12 &&
      parseInt(m[2], 10) >= 1 &&
      parseInt(m[2], 10) <= daysInMonth(2000, parseInt(m[1], 10))
      ? v
      : null;
  },
  duration: (v) => (/^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(v) ? v : null),
};
for (const [name, range] of Object.entries(INT_TYPES)) {
  XSD_TYPES[name] = (v) => {
    const n = parseInteger(v, range.signed);
    if (n === null) return null;
    if (range.min !== undefined && n < range.min) return null;
    if (range.max !== undefined && n > range.max) return null;
    return n;
  };
}

/** types whose whitespace is preserved (or only replaced) rather than collapsed */
const PRESERVE = new Set(['string', 'anySimpleType']);

function isNumericType(type: string): 'int' | 'dec' | 'float' | null {
  if (type in INT_TYPES) return 'int';
  if (type === 'decimal') return 'dec';
  if (type === 'float' || type === 'double') return 'float';
  return null;
}

function compareValues(type: string, a: unknown, b: unknown): number | null {
  switch (isNumericType(type)) {
    case 'int':
      return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
    case 'dec':
      return compareDec(a as Dec, b as Dec);
    case 'float': {
      const x = a as number;
      const y = b as number;
      if (Number.isNaN(x) || Number.isNaN(y)) return null;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default:
      return null;
  }
}

/** a facet's value in the type's value space (integers of decimal facets on int types too) */
function facetValue(type: string, raw: string): unknown {
  const lex = XSD_TYPES[type];
  const v = collapseWhitespace(raw);
  const kind = isNumericType(type);
  if (kind === 'int') return parseInteger(v, true);
  if (kind === 'dec') return parseDecimal(v);
  if (kind === 'float') return parseDouble(v);
  return lex ? lex(v) : v;
}

/** A datatype with its parameters (facets), checking values of one `<data>` pattern. */
export class Datatype {
  private readonly lexical: Lexical | null;
  private readonly patterns: { source: string; re: RegExp | null }[] = [];
  private readonly checks: ((raw: string, norm: string, value: unknown) => boolean)[] = [];

  constructor(
    readonly library: string,
    readonly name: string,
    readonly params: readonly DatatypeParam[],
  ) {
    const xsd = library === XSD_LIBRARY;
    this.lexical = xsd ? (XSD_TYPES[name] ?? null) : null;
    if (!xsd) return;
    for (const p of params) this.addFacet(p);
  }

  /** true when the library knows the type (unknown types make the schema invalid) */
  get known(): boolean {
    if (this.library === XSD_LIBRARY) return this.lexical !== null;
    return this.name === 'string' || this.name === 'token';
  }

  private addFacet(p: DatatypeParam): void {
    const type = this.name;
    const lenOf = (raw: string, norm: string) => codePointLength(PRESERVE.has(type) ? raw : norm);
    switch (p.name) {
      case 'pattern':
        this.patterns.push({ source: p.value, re: compileXsdRegex(p.value) });
        return;
      case 'length': {
        const n = parseInt(p.value, 10);
        this.checks.push((raw, norm) => lenOf(raw, norm) === n);
        return;
      }
      case 'minLength': {
        const n = parseInt(p.value, 10);
        this.checks.push((raw, norm) => lenOf(raw, norm) >= n);
        return;
      }
      case 'maxLength': {
        const n = parseInt(p.value, 10);
        this.checks.push((raw, norm) => lenOf(raw, norm) <= n);
        return;
      }
      case 'minInclusive':
      case 'maxInclusive':
      case 'minExclusive':
      case 'maxExclusive': {
        const bound = facetValue(type, p.value);
        const want = p.name.startsWith('min') ? 1 : -1;
        const inclusive = p.name.endsWith('Inclusive');
        this.checks.push((_raw, _norm, value) => {
          if (bound === null || value === null) return false;
          const c = compareValues(type, value, bound);
          if (c === null) return false;
          return c === want || (inclusive && c === 0);
        });
        return;
      }
      case 'enumeration': {
        const ev = facetValue(type, p.value);
        this.checks.push((_raw, norm, value) => {
          const c = compareValues(type, value, ev);
          return c === null ? norm === collapseWhitespace(p.value) : c === 0;
        });
        return;
      }
      case 'totalDigits': {
        const n = parseInt(p.value, 10);
        this.checks.push((_raw, norm) => norm.replace(/^[+-]/, '').replace(/\./, '').replace(/^0+/, '').length <= Math.max(n, 1));
        return;
      }
      case 'fractionDigits': {
        const n = parseInt(p.value, 10);
        this.checks.push((_raw, norm) => (norm.split('.')[1] ?? '').replace(/0+$/, '').length <= n);
        return;
      }
      default:
        return; // whiteSpace and unknown facets do not restrict here
    }
  }

  /** the value in the type's value space, or null when the lexical form is rejected */
  parse(raw: string): unknown {
    if (this.library !== XSD_LIBRARY) return raw;
    if (!this.lexical) return null;
    return this.lexical(PRESERVE.has(this.name) ? raw : collapseWhitespace(raw));
  }

  check(raw: string): boolean {
    return this.explain(raw) === undefined;
  }

  /** why the value is rejected (undefined when it is accepted) */
  explain(raw: string): string | undefined {
    if (this.library !== XSD_LIBRARY) return undefined; // string and token accept everything
    const value = this.parse(raw);
    if (value === null) return `is not a valid ${this.name}`;
    for (const p of this.patterns) {
      if (p.re && !p.re.test(raw)) return `does not match the pattern ${p.source}`;
    }
    const norm = PRESERVE.has(this.name) ? raw : collapseWhitespace(raw);
    for (let i = 0; i < this.checks.length; i++) {
      if (!this.checks[i](raw, norm, value)) return this.describeFacetFailure();
    }
    return undefined;
  }

  private describeFacetFailure(): string {
    const parts = this.params.filter((p) => p.name !== 'pattern').map((p) => `${p.name} ${p.value}`);
    return `is outside the allowed range (${parts.join(', ')})`;
  }

  /** a short description: `unsignedInt`, `string matching [0-9]+`, `int, minInclusive 1` */
  describe(): string {
    const facets = this.params.map((p) => (p.name === 'pattern' ? `matching ${p.value}` : `${p.name} ${p.value}`));
    return facets.length ? `${this.name} ${facets.join(', ')}` : this.name;
  }
}

/** `<value type=... >` equality: the built-in token/string, or XSD value equality */
export function valueMatches(library: string | null, type: string | null, schemaValue: string, value: string): boolean {
  if (value === schemaValue) return true;
  if (!type) return collapseWhitespace(schemaValue) === collapseWhitespace(value);
  if (library !== XSD_LIBRARY) {
    if (type === 'string') return false;
    return collapseWhitespace(schemaValue) === collapseWhitespace(value);
  }
  const dt = new Datatype(library, type, []);
  const a = dt.parse(schemaValue);
  const b = dt.parse(value);
  if (a === null || b === null) return false;
  const c = compareValues(type, a, b);
  if (c !== null) return c === 0;
  return a === b || (typeof a === 'boolean' && a === b);
}
