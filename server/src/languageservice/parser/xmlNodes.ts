/**
 * The positioned document model. Every node keeps UTF-16 offsets into the
 * source text (JavaScript string indices), which map 1:1 onto LSP positions
 * through a line index. Nodes are plain classes with small query helpers so
 * that rules can read `el.attr('model')` or `el.child('target')`.
 */

export type XmlNode = XmlElement | XmlText | XmlComment | XmlProcessingInstruction;

export class XmlAttribute {
  constructor(
    public readonly parent: XmlElement,
    public readonly name: string,
    /** offset of the first character of the name */
    public readonly nameStart: number,
    public readonly nameEnd: number,
    /** decoded value (entities resolved); null when the attribute has no `=value` */
    public readonly value: string | null,
    /** offsets of the value without its quotes; -1 when there is no value */
    public readonly valueStart: number,
    public readonly valueEnd: number,
    /** the quote character used, or null when unquoted or missing */
    public readonly quote: '"' | "'" | null,
  ) {}

  /** offset just past the whole attribute, including the closing quote */
  get end(): number {
    if (this.valueEnd < 0) return this.nameEnd;
    return this.quote ? this.valueEnd + 1 : this.valueEnd;
  }
}

export class XmlElement {
  readonly kind = 'element' as const;
  attributes: XmlAttribute[] = [];
  children: XmlNode[] = [];
  /** offset just past the `>` of the start tag (or where the start tag stopped) */
  startTagEnd = -1;
  /** offset of `</` of the end tag, -1 when the element has no end tag */
  endTagStart = -1;
  /** offset just past the element (end tag, or the last child for an unclosed element) */
  end = -1;
  selfClosing = false;
  /** true when the element ended properly (`/>` or a matching end tag) */
  closed = false;

  constructor(
    public readonly name: string,
    public readonly parent: XmlElement | null,
    /** offset of `<` */
    public readonly start: number,
    public readonly nameStart: number,
    public readonly nameEnd: number,
  ) {}

  get localName(): string {
    const i = this.name.indexOf(':');
    return i < 0 ? this.name : this.name.slice(i + 1);
  }

  getAttribute(name: string): XmlAttribute | undefined {
    for (const a of this.attributes) if (a.name === name) return a;
    return undefined;
  }

  /** the decoded value of an attribute, or undefined when absent or valueless */
  attr(name: string): string | undefined {
    const a = this.getAttribute(name);
    return a && a.value !== null ? a.value : undefined;
  }

  hasAttr(name: string): boolean {
    return this.getAttribute(name) !== undefined;
  }

  /** child elements, optionally only those with the given name */
  elements(name?: string): XmlElement[] {
    const out: XmlElement[] = [];
    for (const c of this.children) if (c.kind === 'element' && (name === undefined || c.name === name)) out.push(c);
    return out;
  }

  /** the first child element with the given name */
  child(name: string): XmlElement | undefined {
    for (const c of this.children) if (c.kind === 'element' && c.name === name) return c;
    return undefined;
  }

  /** follows a path of child element names, e.g. `el.path('os', 'type')` */
  path(...names: string[]): XmlElement | undefined {
    let cur: XmlElement | undefined = this;
    for (const n of names) {
      cur = cur.child(n);
      if (!cur) return undefined;
    }
    return cur;
  }

  /** concatenated decoded text of direct text children */
  text(): string {
    let s = '';
    for (const c of this.children) if (c.kind === 'text') s += c.value;
    return s;
  }

  /** the text content with surrounding whitespace removed */
  trimmedText(): string {
    return this.text().trim();
  }

  /** the first text child (for editing the text in place) */
  textNode(): XmlText | undefined {
    for (const c of this.children) if (c.kind === 'text') return c;
    return undefined;
  }

  /** `/domain/devices/disk` style path of names from the root */
  get xpath(): string {
    return (this.cachedXpath ??= (this.parent ? this.parent.xpath : '') + '/' + this.name);
  }
  private cachedXpath: string | undefined = undefined;
}

export class XmlText {
  readonly kind = 'text' as const;
  constructor(
    public readonly parent: XmlElement | null,
    public readonly start: number,
    public readonly end: number,
    /** decoded text (entities resolved; CDATA contents included verbatim) */
    public readonly value: string,
    public readonly cdata = false,
  ) {}
}

export class XmlComment {
  readonly kind = 'comment' as const;
  constructor(
    public readonly parent: XmlElement | null,
    public readonly start: number,
    public readonly end: number,
    public readonly value: string,
  ) {}
}

export class XmlProcessingInstruction {
  readonly kind = 'pi' as const;
  constructor(
    public readonly parent: XmlElement | null,
    public readonly start: number,
    public readonly end: number,
    public readonly target: string,
  ) {}
}

/** A well-formedness problem, located by offsets into the text. */
export interface XmlSyntaxError {
  start: number;
  end: number;
  message: string;
  /** stable identifier of the kind of problem, e.g. `unclosed-element` */
  code: string;
}

export interface XmlDocument {
  readonly text: string;
  /** top-level nodes: prolog, comments, the root element */
  readonly children: XmlNode[];
  /** the first top-level element, if any */
  readonly root: XmlElement | undefined;
  readonly errors: XmlSyntaxError[];
  /** what libvirt accepts but the user should know (an external entity it drops); the document stays well-formed */
  readonly warnings: XmlSyntaxError[];
}

/** Depth-first walk over every element below (and including) `el`. */
export function* walkElements(el: XmlElement): Generator<XmlElement> {
  // one generator with an explicit stack: nested generators cost O(depth) per element
  const stack: XmlElement[] = [el];
  while (stack.length) {
    const e = stack.pop()!;
    yield e;
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i];
      if (c.kind === 'element') stack.push(c);
    }
  }
}

/** The innermost element whose extent contains `offset`. */
export function elementAt(doc: XmlDocument, offset: number): XmlElement | undefined {
  let found: XmlElement | undefined;
  let level: XmlNode[] = doc.children;
  for (;;) {
    const next = childElementAt(level, offset);
    if (!next) return found;
    found = next;
    level = next.children;
  }
}

/**
 * The first element among `nodes` (in document order, not overlapping) whose
 * extent contains `offset`: a binary search, since <devices> can have
 * thousands of children and every diagnostic asks.
 */
function childElementAt(nodes: XmlNode[], offset: number): XmlElement | undefined {
  let lo = 0;
  let hi = nodes.length - 1;
  // the last node starting at or before offset
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid].start <= offset) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // an element ending exactly where the next starts contains `offset` too; prefer the earlier one
  for (let i = Math.max(0, at - 1); i <= at && i < nodes.length; i++) {
    const n = nodes[i];
    if (n.kind === 'element' && n.start <= offset && offset <= n.end) return n;
  }
  return undefined;
}
