/**
 * Translation of XML Schema regular expressions (the `pattern` facet) into
 * JavaScript regular expressions.
 *
 * XSD regexes differ from JavaScript's: they always match the whole value (no
 * anchors; `^` and `$` are ordinary characters), `.` excludes only CR and LF,
 * `\s` is exactly space/tab/CR/LF, `\i` and `\c` are XML name characters, and
 * character classes may be subtracted (`[a-z-[aeiou]]`). Each character class
 * becomes a one-code-point JavaScript fragment built from `[...]`, `[^...]`,
 * alternation and negative lookahead, which expresses unions, complements and
 * subtractions without the `v` flag.
 */

class XsdRegexError extends Error {}

/** a fragment matching exactly one code point */
type CharMatcher = string;

const ANY: CharMatcher = '[\\s\\S]';

function cp(c: number): string {
  return `\\u{${c.toString(16)}}`;
}

function union(parts: CharMatcher[]): CharMatcher {
  if (parts.length === 1) return parts[0];
  return `(?:${parts.join('|')})`;
}

function complement(m: CharMatcher): CharMatcher {
  return `(?:(?!${m})${ANY})`;
}

const MULTI: Record<string, CharMatcher> = {
  s: '[\\u{20}\\u{9}\\u{a}\\u{d}]',
  d: '\\p{Nd}',
  w: '[^\\p{P}\\p{Z}\\p{C}]',
  i: '[\\p{L}\\p{Nl}_:]',
  c: '[\\p{L}\\p{Nl}\\p{Nd}\\p{Mn}\\p{Mc}\\u{b7}._:\\-]',
};

const SINGLE_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9 };

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): string {
    const body = this.regExp();
    if (this.pos < this.src.length) throw new XsdRegexError(`unexpected '${this.src[this.pos]}' at ${this.pos}`);
    return body;
  }

  private peek(): number {
    return this.pos < this.src.length ? this.src.codePointAt(this.pos)! : -1;
  }

  private next(): number {
    const c = this.src.codePointAt(this.pos)!;
    this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  private regExp(): string {
    const branches = [this.branch()];
    while (this.peek() === 0x7c /* | */) {
      this.pos++;
      branches.push(this.branch());
    }
    return branches.join('|');
  }

  private branch(): string {
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c < 0 || c === 0x7c || c === 0x29 /* ) */) return out;
      out += this.piece();
    }
  }

  private piece(): string {
    const atom = this.atom();
    const c = this.peek();
    if (c === 0x3f || c === 0x2a || c === 0x2b) {
      this.pos++;
      return atom + String.fromCharCode(c);
    }
    if (c === 0x7b /* { */) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (m) {
        this.pos += m[0].length;
        return atom + m[0];
      }
    }
    return atom;
  }

  private atom(): string {
    const c = this.next();
    if (c === 0x28 /* ( */) {
      const inner = this.regExp();
      if (this.peek() !== 0x29) throw new XsdRegexError('unclosed group');
      this.pos++;
      return `(?:${inner})`;
    }
    if (c === 0x5b /* [ */) return this.charClassExpr();
    if (c === 0x2e /* . */) return '[^\\n\\r]';
    if (c === 0x5c /* \ */) return this.escape();
    return cp(c);
  }

  /** after a backslash, outside or inside a class */
  private escape(): CharMatcher {
    if (this.pos >= this.src.length) throw new XsdRegexError('trailing backslash');
    const e = String.fromCodePoint(this.next());
    if (e in SINGLE_ESCAPES) return cp(SINGLE_ESCAPES[e]);
    const lower = e.toLowerCase();
    if (lower in MULTI && (e === lower || e === lower.toUpperCase())) {
      return e === lower ? MULTI[lower] : complement(MULTI[lower]);
    }
    if (e === 'p' || e === 'P') {
      const m = /^\{([^}]*)\}/.exec(this.src.slice(this.pos));
      if (!m) throw new XsdRegexError('bad \\p escape');
      this.pos += m[0].length;
      const prop = categoryEscape(m[1]);
      return e === 'p' ? prop : complement(prop);
    }
    return cp(e.codePointAt(0)!);
  }

  /** after '[' */
  private charClassExpr(): CharMatcher {
    let negated = false;
    if (this.peek() === 0x5e /* ^ */) {
      negated = true;
      this.pos++;
    }
    const parts: CharMatcher[] = [];
    let ranges = '';
    let first = true;
    let subtract: CharMatcher | null = null;
    for (;;) {
      const c = this.peek();
      if (c < 0) throw new XsdRegexError('unclosed character class');
      if (c === 0x5d /* ] */ && !first) {
        this.pos++;
        break;
      }
      if (c === 0x2d /* - */ && this.src[this.pos + 1] === '[' && !first) {
        this.pos += 2;
        subtract = this.charClassExpr();
        if (this.peek() !== 0x5d) throw new XsdRegexError('subtraction must end the class');
        this.pos++;
        break;
      }
      first = false;
      let lo: number;
      if (c === 0x5c) {
        this.pos++;
        const save = this.pos;
        const e = this.src[this.pos];
        if (e === 'p' || e === 'P' || (e !== undefined && e.toLowerCase() in MULTI)) {
          parts.push(this.escape());
          continue;
        }
        this.pos = save;
        const m = this.escape();
        lo = decodeSingle(m);
      } else {
        lo = this.next();
      }
      // a range `lo-hi`, unless the dash ends the class or starts a subtraction
      if (this.peek() === 0x2d && this.src[this.pos + 1] !== ']' && this.src[this.pos + 1] !== '[' && this.pos + 1 < this.src.length) {
        this.pos++;
        let hi: number;
        if (this.peek() === 0x5c) {
          this.pos++;
          hi = decodeSingle(this.escape());
        } else hi = this.next();
        if (hi < lo) throw new XsdRegexError('inverted range');
        ranges += `${cp(lo)}-${cp(hi)}`;
      } else {
        ranges += cp(lo);
      }
    }
    if (ranges) parts.unshift(`[${ranges}]`);
    let m: CharMatcher = parts.length ? union(parts) : '[]';
    if (negated) m = complement(m);
    if (subtract) m = `(?:(?!${subtract})${m})`;
    return m;
  }
}

/** the code point of a single-character matcher produced by `cp` */
function decodeSingle(m: CharMatcher): number {
  const r = /^\\u\{([0-9a-f]+)\}$/.exec(m);
  if (!r) throw new XsdRegexError('a multi-character escape cannot bound a range');
  return parseInt(r[1], 16);
}

const BLOCKS: Record<string, [number, number]> = {
  BasicLatin: [0x0, 0x7f],
  'Latin-1Supplement': [0x80, 0xff],
  LatinExtended_A: [0x100, 0x17f],
  'LatinExtended-A': [0x100, 0x17f],
  'LatinExtended-B': [0x180, 0x24f],
};

function categoryEscape(name: string): CharMatcher {
  if (name.startsWith('Is')) {
    const b = BLOCKS[name.slice(2)];
    if (!b) throw new XsdRegexError(`unsupported block escape ${name}`);
    return `[${cp(b[0])}-${cp(b[1])}]`;
  }
  if (!/^[A-Z][a-z]?$/.test(name)) throw new XsdRegexError(`bad category ${name}`);
  return `\\p{${name}}`;
}

/** JavaScript source (for a `u`-flag RegExp) matching the whole of a value */
export function xsdRegexSource(pattern: string): string {
  return `^(?:${new Parser(pattern).parse()})$`;
}

const compiled = new Map<string, RegExp | null>();

/**
 * The compiled whole-value matcher for an XSD pattern, or null when the
 * pattern cannot be translated (the caller then accepts every value).
 */
export function compileXsdRegex(pattern: string): RegExp | null {
  let r = compiled.get(pattern);
  if (r === undefined) {
    try {
      r = new RegExp(xsdRegexSource(pattern), 'u');
    } catch {
      r = null;
    }
    compiled.set(pattern, r);
  }
  return r;
}
