/**
 * An error-tolerant XML parser that keeps exact offsets.
 *
 * Why not a library: `@xmldom/xmldom` is fast but stops at the first
 * well-formedness error, and a half-typed document is the normal state of a
 * file in an editor. Error-tolerant parsers built on parser generators cost
 * several times more per keystroke. This is a single forward pass over the
 * string with `charCodeAt`, no regular expressions on the hot path, and it
 * always returns a tree: every problem becomes a located `XmlSyntaxError`
 * and parsing continues with the most plausible recovery:
 *
 * - an attribute value may not contain `<`; an unterminated quote therefore
 *   ends at the next `<` (the user is usually still typing that value);
 * - a start tag interrupted by `<` ends there;
 * - an end tag that matches an ancestor closes the elements in between, each
 *   reported as missing its end tag; an end tag matching nothing is reported
 *   and skipped;
 * - at the end of input every open element is reported as not closed.
 */
import { DeclaredEntity, declaredEntities, EntityRefused, expandEntity, expansionLimit } from './dtdEntities';
import { XmlAttribute, XmlComment, XmlDocument, XmlElement, XmlNode, XmlProcessingInstruction, XmlSyntaxError, XmlText } from './xmlNodes';

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const EQ = 61; // =
const QUOT = 34; // "
const APOS = 39; // '
const AMP = 38; // &
const BANG = 33; // !
const QMARK = 63; // ?

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameStart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    c === 95 || // _
    c === 58 || // :
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0xd800) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}

/** Characters XML 1.0 forbids anywhere (C0 controls other than tab, LF, CR; U+FFFE/FFFF). */
function isForbiddenChar(c: number): boolean {
  return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The deepest nesting libvirt's XML parser takes: libxml2 without
 * XML_PARSE_HUGE (libvirt's virXMLParse does not ask for it) stops with
 * "Excessive depth in document: 256" at the 258th level (the root is level 1).
 * Probed with libvirt 9.0.0 / libxml2 2.9.14: 257 levels define, 258 do not.
 */
export const MAX_ELEMENT_DEPTH = 257;

export function parseXml(text: string): XmlDocument {
  return new Parser(text).parse();
}

class Parser {
  private pos = 0;
  private readonly len: number;
  private readonly errors: XmlSyntaxError[] = [];
  private readonly warnings: XmlSyntaxError[] = [];
  /** the general entities the DOCTYPE declares */
  private entities: Map<string, DeclaredEntity> | undefined;
  /** what entity references may still produce in this document (dtdEntities.ts expansionLimit) */
  private entityBudget: number;
  private readonly topLevel: XmlNode[] = [];
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | undefined;
  private depthReported = false;

  constructor(private readonly text: string) {
    this.len = text.length;
    this.entityBudget = expansionLimit(text.length);
  }

  parse(): XmlDocument {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    while (this.pos < this.len) {
      const c = this.text.charCodeAt(this.pos);
      if (c === LT) this.scanMarkup();
      else this.scanText();
    }
    const endOffset = this.len;
    while (this.stack.length) {
      const el = this.stack.pop()!;
      el.end = endOffset;
      this.error(el.nameStart, el.nameEnd, `Element <${el.name}> is not closed: expected </${el.name}>`, 'unclosed-element');
    }
    if (!this.root) {
      this.error(this.len, this.len, 'The document has no root element', 'no-root');
    }
    return { text: this.text, children: this.topLevel, root: this.root, errors: this.errors, warnings: this.warnings };
  }

  private error(start: number, end: number, message: string, code: string): void {
    // Bound the number of reported errors so that a binary file does not produce millions.
    if (this.errors.length < 1000) this.errors.push({ start, end, message, code });
  }

  /** a character XML 1.0 does not allow, at the cursor (libxml2 refuses the document) */
  private forbiddenCharacter(c: number): void {
    const hex = c.toString(16).toUpperCase().padStart(4, '0');
    this.error(this.pos, this.pos + 1, `Character U+${hex} is not allowed in XML`, 'invalid-character');
  }

  private get current(): XmlElement | undefined {
    return this.stack.length ? this.stack[this.stack.length - 1] : undefined;
  }

  private append(node: XmlNode): void {
    const parent = this.current;
    if (parent) parent.children.push(node);
    else this.topLevel.push(node);
  }

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  // ---- text and references ------------------------------------------------

  private scanText(): void {
    const start = this.pos;
    let value = '';
    let chunkStart = start;
    let nonWhitespace = false;
    while (this.pos < this.len) {
      const c = this.text.charCodeAt(this.pos);
      if (c === LT) break;
      if (c === AMP) {
        value += this.text.slice(chunkStart, this.pos);
        value += this.scanReference(false);
        chunkStart = this.pos;
        nonWhitespace = true;
        continue;
      }
      if (!isWhitespace(c)) {
        nonWhitespace = true;
        if (isForbiddenChar(c)) {
          this.forbiddenCharacter(c);
        } else if (c === GT && this.text.startsWith(']]>', this.pos - 2)) {
          this.error(this.pos - 2, this.pos + 1, "']]>' is not allowed in text", 'cdata-end-in-text');
        }
      }
      this.pos++;
    }
    value += this.text.slice(chunkStart, this.pos);
    const node = new XmlText(this.current ?? null, start, this.pos, value);
    if (!this.current) {
      if (nonWhitespace) {
        this.error(
          start,
          this.pos,
          this.root ? 'Text is not allowed after the root element' : 'Text is not allowed before the root element',
          'text-outside-root',
        );
      }
      return; // whitespace and stray text outside the root are not kept as nodes
    }
    this.append(node);
  }

  /** at `&`; returns the decoded replacement and advances past the reference */
  private scanReference(inAttribute: boolean): string {
    const start = this.pos;
    this.pos++; // &
    let end = this.pos;
    while (end < this.len && end - start < 40) {
      const c = this.text.charCodeAt(end);
      if (c === 59 /* ; */ || c === LT || isWhitespace(c) || c === AMP || (inAttribute && (c === QUOT || c === APOS))) break;
      end++;
    }
    if (end >= this.len || this.text.charCodeAt(end) !== 59) {
      this.error(start, start + 1, "'&' must start an entity reference such as &amp; (write &amp; for a literal '&')", 'bare-ampersand');
      return '&';
    }
    const name = this.text.slice(this.pos, end);
    this.pos = end + 1;
    if (name.charCodeAt(0) === 35 /* # */) {
      const hex = name.charCodeAt(1) === 120; // x
      const digits = name.slice(hex ? 2 : 1);
      const ok = hex ? /^[0-9a-fA-F]+$/.test(digits) : /^[0-9]+$/.test(digits);
      const code = ok ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (!ok || code > 0x10ffff || (code < 32 && code !== 9 && code !== 10 && code !== 13) || (code >= 0xd800 && code <= 0xdfff)) {
        this.error(start, this.pos, `'&${name};' is not a valid character reference`, 'invalid-char-ref');
        return '';
      }
      return String.fromCodePoint(code);
    }
    const rep = PREDEFINED[name];
    const declared = rep === undefined ? this.entities?.get(name) : undefined;
    if (declared?.external !== undefined) {
      if (this.warnings.length < 1000)
        this.warnings.push({
          start,
          end: this.pos,
          message: `libvirt never loads external entities: '&${name};' (${declared.external}) is dropped, so this text is empty when the domain is defined`,
          code: 'external-entity',
        });
      return '';
    }
    if (declared) {
      try {
        const out = expandEntity(this.entities!, name, this.entityBudget);
        this.entityBudget -= out.length;
        return out;
      } catch (e) {
        if (!(e instanceof EntityRefused)) throw e;
        this.error(
          start,
          this.pos,
          `libvirt's XML parser refuses '&${name};': ${e.message} ("Detected an entity reference loop")`,
          'entity-refused',
        );
        return '';
      }
    }
    if (rep === undefined) {
      this.error(start, this.pos, `Unknown entity '&${name};': only &lt; &gt; &amp; &quot; &apos; are predefined`, 'unknown-entity');
      return '';
    }
    return rep;
  }

  // ---- markup -------------------------------------------------------------

  private scanMarkup(): void {
    const next = this.text.charCodeAt(this.pos + 1);
    if (next === BANG) {
      if (this.startsWith('<!--')) return this.scanComment();
      if (this.startsWith('<![CDATA[')) return this.scanCData();
      return this.scanDeclaration();
    }
    if (next === QMARK) return this.scanProcessingInstruction();
    if (next === SLASH) return this.scanEndTag();
    if (this.pos + 1 < this.len && isNameStart(next)) return this.scanStartTag();
    // A stray '<': report it and treat it as text so the tree stays intact.
    this.error(this.pos, this.pos + 1, "'<' must start a tag (write &lt; for a literal '<')", 'stray-lt');
    const start = this.pos;
    this.pos++;
    if (this.current) this.append(new XmlText(this.current, start, this.pos, '<'));
  }

  private scanComment(): void {
    const start = this.pos;
    const close = this.text.indexOf('-->', this.pos + 4);
    if (close < 0) {
      this.error(start, start + 4, 'Comment is not closed: expected -->', 'unclosed-comment');
      this.pos = this.len;
    } else {
      const inner = this.text.slice(start + 4, close);
      const dd = inner.indexOf('--');
      if (dd >= 0) this.error(start + 4 + dd, start + 6 + dd, "'--' is not allowed inside a comment", 'double-hyphen-in-comment');
      this.pos = close + 3;
    }
    this.append(new XmlComment(this.current ?? null, start, this.pos, this.text.slice(start + 4, Math.max(start + 4, this.pos - 3))));
  }

  private scanCData(): void {
    const start = this.pos;
    const close = this.text.indexOf(']]>', this.pos + 9);
    if (!this.current) this.error(start, start + 9, 'CDATA is not allowed outside the root element', 'text-outside-root');
    let value: string;
    if (close < 0) {
      this.error(start, start + 9, 'CDATA section is not closed: expected ]]>', 'unclosed-cdata');
      value = this.text.slice(start + 9);
      this.pos = this.len;
    } else {
      value = this.text.slice(start + 9, close);
      this.pos = close + 3;
    }
    if (this.current) this.append(new XmlText(this.current, start, this.pos, value, true));
  }

  private scanDeclaration(): void {
    // <!DOCTYPE ...> possibly with an internal subset in [...]
    const start = this.pos;
    let depth = 0;
    let i = this.pos + 2;
    for (; i < this.len; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 91 /* [ */) depth++;
      else if (c === 93 /* ] */) depth--;
      else if (c === GT && depth <= 0) break;
      else if (c === LT && depth <= 0) break;
    }
    if (!this.startsWith('<!DOCTYPE')) {
      this.error(start, Math.min(i, start + 2), "'<!' must start a comment <!-- -->, CDATA or DOCTYPE", 'invalid-declaration');
    } else if (this.root || this.current) {
      this.error(start, start + 9, 'DOCTYPE must come before the root element', 'misplaced-doctype');
    }
    if (this.startsWith('<!DOCTYPE') && !this.root) {
      const open = this.text.indexOf('[', start);
      if (open >= 0 && open < i) this.entities = declaredEntities(this.text.slice(open + 1, i));
    }
    if (i >= this.len || this.text.charCodeAt(i) !== GT) {
      if (this.startsWith('<!DOCTYPE')) this.error(start, start + 9, 'DOCTYPE is not closed: expected >', 'unclosed-declaration');
      this.pos = i;
    } else {
      this.pos = i + 1;
    }
  }

  private scanProcessingInstruction(): void {
    const start = this.pos;
    let i = this.pos + 2;
    while (i < this.len && isNameChar(this.text.charCodeAt(i))) i++;
    const target = this.text.slice(start + 2, i);
    const close = this.text.indexOf('?>', i);
    const stop = this.text.indexOf('<', i);
    if (close < 0 || (stop >= 0 && stop < close)) {
      this.error(start, i, `Processing instruction <?${target} is not closed: expected ?>`, 'unclosed-pi');
      this.pos = stop >= 0 ? stop : this.len;
    } else {
      this.pos = close + 2;
    }
    if (!target) this.error(start, start + 2, "'<?' must be followed by a name", 'invalid-pi');
    else if (target.toLowerCase() === 'xml') {
      const atDocumentStart = start === 0 || (start === 1 && this.text.charCodeAt(0) === 0xfeff);
      if (!atDocumentStart)
        this.error(start, i, 'The XML declaration <?xml ...?> must be at the very start of the document', 'misplaced-xml-decl');
    }
    this.append(new XmlProcessingInstruction(this.current ?? null, start, this.pos, target));
  }

  private scanEndTag(): void {
    const start = this.pos;
    let i = this.pos + 2;
    const nameStart = i;
    while (i < this.len && isNameChar(this.text.charCodeAt(i))) i++;
    const nameEnd = i;
    const name = this.text.slice(nameStart, nameEnd);
    while (i < this.len && isWhitespace(this.text.charCodeAt(i))) i++;
    if (i < this.len && this.text.charCodeAt(i) === GT) {
      this.pos = i + 1;
    } else {
      this.error(
        start,
        Math.max(nameEnd, start + 2),
        name ? `End tag </${name}> is not closed: expected >` : "'</' must be followed by an element name",
        'unclosed-end-tag',
      );
      // skip to just before the next '<' or to the '>' if there is junk first
      while (i < this.len && this.text.charCodeAt(i) !== LT && this.text.charCodeAt(i) !== GT) i++;
      this.pos = i < this.len && this.text.charCodeAt(i) === GT ? i + 1 : i;
    }
    if (!name) return;
    // find the matching open element
    let k = this.stack.length - 1;
    while (k >= 0 && this.stack[k].name !== name) k--;
    if (k < 0) {
      this.error(
        nameStart,
        nameEnd,
        `Unexpected end tag </${name}>: no <${name}> is open${this.current ? ` (the open element is <${this.current.name}>)` : ''}`,
        'unmatched-end-tag',
      );
      return;
    }
    while (this.stack.length - 1 > k) {
      const el = this.stack.pop()!;
      el.end = start;
      this.error(el.nameStart, el.nameEnd, `Element <${el.name}> is not closed before </${name}>`, 'unclosed-element');
    }
    const el = this.stack.pop()!;
    el.endTagStart = start;
    el.end = this.pos;
    el.closed = true;
  }

  private scanStartTag(): void {
    const start = this.pos;
    let i = this.pos + 1;
    const nameStart = i;
    while (i < this.len && isNameChar(this.text.charCodeAt(i))) i++;
    const name = this.text.slice(nameStart, i);
    const parent = this.current ?? null;
    const el = new XmlElement(name, parent, start, nameStart, i);
    this.pos = i;

    if (!parent) {
      if (this.root) {
        this.error(nameStart, i, `Only one root element is allowed; <${name}> follows </${this.root.name}>`, 'multiple-roots');
      } else {
        this.root = el;
      }
    }
    // An element past libvirt's depth limit is an error, and its subtree is kept out of the tree (still
    // scanned, so end tags match and later errors are found): nothing that walks the tree, recursively
    // or not, ever sees more than MAX_ELEMENT_DEPTH levels.
    if (this.stack.length + 1 === MAX_ELEMENT_DEPTH + 1) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.error(
          nameStart,
          i,
          `Elements are nested more than ${MAX_ELEMENT_DEPTH} levels deep here; libvirt's XML parser (libxml2) rejects the document ("Excessive depth in document")`,
          'excessive-depth',
        );
      }
    } else this.append(el);

    const seen = new Set<string>();
    let ended = false;
    while (this.pos < this.len) {
      const c = this.text.charCodeAt(this.pos);
      if (isWhitespace(c)) {
        this.pos++;
        continue;
      }
      if (c === GT) {
        this.pos++;
        ended = true;
        break;
      }
      if (c === SLASH) {
        if (this.text.charCodeAt(this.pos + 1) === GT) {
          this.pos += 2;
          el.selfClosing = true;
          ended = true;
          break;
        }
        this.error(this.pos, this.pos + 1, "Unexpected '/' in a start tag: expected '/>'", 'unexpected-char-in-tag');
        this.pos++;
        continue;
      }
      if (c === LT) break; // start tag interrupted by the next tag
      if (isNameStart(c)) {
        const before = this.pos;
        const attr = this.scanAttribute(el);
        if (seen.has(attr.name)) this.error(attr.nameStart, attr.nameEnd, `Attribute '${attr.name}' is repeated`, 'duplicate-attribute');
        seen.add(attr.name);
        el.attributes.push(attr);
        // Enforce whitespace between attributes, as XML does.
        const after = this.text.charCodeAt(this.pos);
        if (this.pos < this.len && isNameStart(after) && attr.valueEnd >= 0) {
          this.error(this.pos, this.pos + 1, 'Attributes must be separated by whitespace', 'missing-whitespace');
        }
        if (this.pos === before) this.pos++; // never loop in place
        continue;
      }
      // any other character: report the run of junk and skip it
      const junkStart = this.pos;
      while (this.pos < this.len) {
        const j = this.text.charCodeAt(this.pos);
        if (isWhitespace(j) || j === GT || j === LT || j === SLASH || isNameStart(j)) break;
        this.pos++;
      }
      this.error(
        junkStart,
        this.pos,
        `Unexpected '${this.text.slice(junkStart, Math.min(this.pos, junkStart + 10))}' in the start tag of <${name}>`,
        'unexpected-char-in-tag',
      );
    }
    el.startTagEnd = this.pos;
    if (!ended) {
      this.error(nameStart, el.nameEnd, `Start tag <${name}> is not closed: expected '>' or '/>'`, 'unclosed-start-tag');
    }
    if (el.selfClosing) {
      el.closed = true;
      el.end = this.pos;
    } else {
      el.end = this.pos;
      this.stack.push(el);
    }
  }

  private scanAttribute(el: XmlElement): XmlAttribute {
    const nameStart = this.pos;
    while (this.pos < this.len && isNameChar(this.text.charCodeAt(this.pos))) this.pos++;
    const nameEnd = this.pos;
    const name = this.text.slice(nameStart, nameEnd);
    let p = this.pos;
    while (p < this.len && isWhitespace(this.text.charCodeAt(p))) p++;
    if (p >= this.len || this.text.charCodeAt(p) !== EQ) {
      this.error(nameStart, nameEnd, `Attribute '${name}' has no value: expected ${name}="..."`, 'attribute-without-value');
      return new XmlAttribute(el, name, nameStart, nameEnd, null, -1, -1, null);
    }
    p++;
    while (p < this.len && isWhitespace(this.text.charCodeAt(p))) p++;
    const q = this.text.charCodeAt(p);
    if (q !== QUOT && q !== APOS) {
      // unquoted value: take it up to whitespace or the end of the tag
      const vs = p;
      while (p < this.len) {
        const c = this.text.charCodeAt(p);
        if (isWhitespace(c) || c === GT || c === LT || (c === SLASH && this.text.charCodeAt(p + 1) === GT)) break;
        p++;
      }
      this.pos = p;
      if (p === vs) {
        this.error(nameStart, nameEnd, `Attribute '${name}' has no value after '='`, 'attribute-without-value');
        return new XmlAttribute(el, name, nameStart, nameEnd, '', vs, vs, null);
      }
      this.error(vs, p, `The value of '${name}' must be in quotes`, 'unquoted-attribute-value');
      return new XmlAttribute(el, name, nameStart, nameEnd, this.text.slice(vs, p), vs, p, null);
    }
    const quote = q === QUOT ? '"' : "'";
    const vs = p + 1;
    let value = '';
    let chunk = vs;
    let closed = false;
    this.pos = vs;
    while (this.pos < this.len) {
      const c = this.text.charCodeAt(this.pos);
      if (c === q) {
        closed = true;
        break;
      }
      if (c === LT) break; // '<' cannot occur in a value: the quote was left open
      if (c === AMP) {
        // literal whitespace is normalised to spaces; character references are not (XML 1.0 section 3.3.3)
        value += normalizeAttributeWhitespace(this.text.slice(chunk, this.pos));
        value += this.scanReference(true);
        chunk = this.pos;
        continue;
      }
      if (isForbiddenChar(c)) {
        this.forbiddenCharacter(c);
      }
      this.pos++;
    }
    const i = this.pos;
    if (closed) {
      value += normalizeAttributeWhitespace(this.text.slice(chunk, i));
      this.pos = i + 1;
      return new XmlAttribute(el, name, nameStart, nameEnd, value, vs, i, quote);
    }
    // Unterminated: end the value before trailing whitespace preceding the '<' (or EOF).
    let ve = i;
    while (ve > vs && isWhitespace(this.text.charCodeAt(ve - 1))) ve--;
    value += normalizeAttributeWhitespace(this.text.slice(chunk, Math.max(chunk, ve)));
    this.error(vs - 1, ve, `The value of '${name}' is not closed: expected ${quote}`, 'unclosed-attribute-value');
    this.pos = i;
    return new XmlAttribute(el, name, nameStart, nameEnd, value, vs, ve, null);
  }
}

function normalizeAttributeWhitespace(v: string): string {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13) return v.replace(/\r\n|[\t\n\r]/g, ' ');
  }
  return v;
}
