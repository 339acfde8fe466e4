/**
 * Tag auto-closing, asked by the client after the user types `>` or `/`:
 * - `<disk type='file'>|` → `<disk type='file'>|</disk>`;
 * - `</|` → `</disk>` for the innermost element still open.
 * Answers a snippet (`$0` is where the cursor stays) or undefined.
 */
import { DomainDocument } from '../domainDocument';
import { elementAt, XmlElement } from '../parser/xmlNodes';

export function autoCloseTag(doc: DomainDocument, offset: number, typed: '>' | '/'): string | undefined {
  const text = doc.text;
  if (typed === '>') {
    if (text[offset - 1] !== '>' || text[offset - 2] === '/') return undefined;
    // the element whose start tag just ended here and has no end tag of its own
    const el = elementAt(doc.xml, offset - 1);
    if (!el || el.startTagEnd !== offset || el.selfClosing || hasOwnEndTag(el)) return undefined;
    return `$0</${el.name}>`;
  }
  if (text.slice(offset - 2, offset) !== '</') return undefined;
  // the element the `</` stands in: the innermost element open at that point, without an end tag
  for (let el = elementAt(doc.xml, offset - 2); el; el = el.parent ?? undefined) {
    if (el.startTagEnd > 0 && el.startTagEnd <= offset - 2 && !el.selfClosing && !hasOwnEndTag(el, offset - 2)) return `${el.name}>`;
  }
  return undefined;
}

/** true when the element is closed by its own end tag (other than one starting at `ignore`) */
function hasOwnEndTag(el: XmlElement, ignore = -1): boolean {
  return el.endTagStart >= 0 && el.endTagStart !== ignore;
}
