/**
 * Formatting, for the whole document or a range: one element per line,
 * children indented one level, attributes on the start tag separated by one
 * space (each written as it was: quotes, entities), text-only elements on one
 * line. Nothing is reordered (the document's order is libvirt's or the
 * user's) and nothing is dropped: comments, processing instructions, CDATA
 * and text are kept verbatim. A document with syntax errors is left alone
 * (half-typed input would be re-indented by guesswork).
 */
import { TextEdit } from 'vscode-languageserver-types';
import { diffChars } from 'diff';
import { DomainDocument } from '../domainDocument';
import { XmlElement, XmlNode } from '../parser/xmlNodes';

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
}

class Printer {
  constructor(
    private readonly text: string,
    private readonly unit: string,
    private readonly eol: string,
  ) {}

  private startTag(el: XmlElement): string {
    const attrs = el.attributes.map((a) => this.text.slice(a.nameStart, a.end));
    const head = `<${el.name}${attrs.length ? ' ' + attrs.join(' ') : ''}`;
    return el.selfClosing ? `${head}/>` : `${head}>`;
  }

  node(n: XmlNode, depth: number): string | undefined {
    const indent = this.unit.repeat(depth);
    switch (n.kind) {
      case 'element':
        return this.element(n, depth);
      case 'text': {
        const raw = this.text.slice(n.start, n.end);
        return raw.trim() ? indent + raw.trim() : undefined;
      }
      default:
        // comments and processing instructions verbatim (their inner lines included)
        return indent + this.text.slice(n.start, n.end);
    }
  }

  element(el: XmlElement, depth: number): string {
    const indent = this.unit.repeat(depth);
    const open = indent + this.startTag(el);
    if (el.selfClosing) return open;
    const kids = el.children;
    if (!kids.some((c) => c.kind !== 'text')) {
      // text-only (or empty): on one line, the text as written
      const inner = kids.length ? this.text.slice(kids[0].start, kids[kids.length - 1].end) : '';
      return `${open}${/\n/.test(inner) && !inner.trim() ? '' : inner}</${el.name}>`;
    }
    const lines = [open];
    for (const c of kids) {
      const s = this.node(c, depth + 1);
      if (s !== undefined) lines.push(s);
    }
    lines.push(`${indent}</${el.name}>`);
    return lines.join(this.eol);
  }
}

function printer(doc: DomainDocument, options: FormatOptions): Printer {
  const unit = options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize)) : '\t';
  return new Printer(doc.text, unit, doc.text.includes('\r\n') ? '\r\n' : '\n');
}

/** the smallest edits that turn `from` (starting at `offset` in the document) into `to` */
function minimalEdits(doc: DomainDocument, offset: number, from: string, to: string): TextEdit[] {
  if (from === to) return [];
  const edits: TextEdit[] = [];
  let pos = offset;
  let pending: { start: number; end: number; text: string } | undefined;
  const flush = () => {
    if (pending) edits.push({ range: doc.range(pending.start, pending.end), newText: pending.text });
    pending = undefined;
  };
  for (const part of diffChars(from, to)) {
    if (!part.added && !part.removed) {
      flush();
      pos += part.value.length;
      continue;
    }
    pending ??= { start: pos, end: pos, text: '' };
    if (part.removed) {
      pos += part.value.length;
      pending.end = pos;
    } else pending.text += part.value;
  }
  flush();
  return edits;
}

export function formatDocument(doc: DomainDocument, options: FormatOptions): TextEdit[] {
  if (doc.xml.errors.length) return [];
  const p = printer(doc, options);
  const parts: string[] = [];
  for (const n of doc.xml.children) {
    const s = p.node(n, 0);
    if (s !== undefined) parts.push(s);
  }
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  return minimalEdits(doc, 0, doc.text, parts.join(eol) + eol);
}

/** the depth of an element: 0 for top-level nodes */
function depthOf(el: XmlElement | null): number {
  let d = 0;
  for (let p = el; p; p = p.parent) d++;
  return d;
}

/**
 * Formats the sibling nodes the range covers, from the first one it touches
 * to the last: they are reprinted at their depth, the rest of the document is
 * not touched.
 */
export function formatRange(doc: DomainDocument, start: number, end: number, options: FormatOptions): TextEdit[] {
  if (doc.xml.errors.length) return [];
  // the innermost element that contains the whole range: its children are the siblings to format
  let parent: XmlElement | undefined;
  let level: XmlNode[] = doc.xml.children;
  for (;;) {
    const next = level.find((n): n is XmlElement => n.kind === 'element' && n.start <= start && n.end >= end && n.startTagEnd <= start);
    if (!next) break;
    parent = next;
    level = next.children;
  }
  const touched = level.filter((n) => n.end > start && n.start < end && !(n.kind === 'text' && !doc.text.slice(n.start, n.end).trim()));
  if (!touched.length) return [];
  const p = printer(doc, options);
  const depth = depthOf(parent ?? null);
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const first = touched[0];
  const last = touched[touched.length - 1];
  // from the start of the first node's line (its indentation is reprinted), when only whitespace precedes it
  const lineStart = doc.text.lastIndexOf('\n', first.start - 1) + 1;
  const from = /^[ \t]*$/.test(doc.text.slice(lineStart, first.start)) ? lineStart : first.start;
  const printed = touched.map((n) => p.node(n, depth)).filter((s): s is string => s !== undefined);
  let text = printed.join(eol);
  if (from === first.start) text = text.trimStart();
  return minimalEdits(doc, from, doc.text.slice(from, last.end), text);
}
