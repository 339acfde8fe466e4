/**
 * Smart selection (expand/shrink): attribute value → attribute → start tag →
 * element → parent element ... → the root; inside text: the trimmed text,
 * then its element.
 */
import { Range, SelectionRange } from 'vscode-languageserver-types';
import { DomainDocument } from '../domainDocument';
import { elementAt, XmlElement } from '../parser/xmlNodes';

function selectionRange(doc: DomainDocument, offset: number): SelectionRange {
  const spans: [number, number][] = [];
  const push = (s: number, e: number) => {
    const last = spans[spans.length - 1];
    if (e > s && (!last || last[0] !== s || last[1] !== e)) spans.push([s, e]);
  };
  const inner = elementAt(doc.xml, offset);
  const chain: XmlElement[] = [];
  for (let el: XmlElement | null | undefined = inner; el; el = el.parent) chain.push(el);
  // innermost first: what inside the innermost element holds the offset
  if (inner) {
    const tagEnd = inner.startTagEnd > 0 ? inner.startTagEnd : inner.end;
    if (offset <= tagEnd) {
      for (const a of inner.attributes) {
        if (offset < a.nameStart || offset > a.end) continue;
        if (a.valueStart >= 0 && offset >= a.valueStart && offset <= a.valueEnd) push(a.valueStart, a.valueEnd);
        push(a.nameStart, a.end);
      }
      push(inner.start, tagEnd);
    } else {
      for (const c of inner.children) {
        if (c.kind !== 'text' || offset < c.start || offset > c.end) continue;
        const raw = doc.text.slice(c.start, c.end);
        const lead = raw.length - raw.trimStart().length;
        push(c.start + lead, c.start + raw.trimEnd().length);
      }
      if (inner.endTagStart >= 0) push(inner.startTagEnd, inner.endTagStart);
    }
  }
  for (const el of chain) push(el.start, el.end > 0 ? el.end : doc.text.length);
  push(0, doc.text.length);
  let result: SelectionRange | undefined;
  for (let i = spans.length - 1; i >= 0; i--) {
    const range: Range = doc.range(spans[i][0], spans[i][1]);
    result = result ? { range, parent: result } : { range };
  }
  return result ?? { range: doc.range(offset, offset) };
}

export function selectionRanges(doc: DomainDocument, offsets: number[]): SelectionRange[] {
  return offsets.map((o) => selectionRange(doc, o));
}
