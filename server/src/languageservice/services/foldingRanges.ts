/**
 * Folding: every element and comment that spans lines, and
 * `<!-- #region -->` ... `<!-- #endregion -->` markers.
 */
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import { DomainDocument } from '../domainDocument';
import { XmlNode } from '../parser/xmlNodes';

const REGION = /^\s*#region\b/;
const END_REGION = /^\s*#endregion\b/;

export function foldingRanges(doc: DomainDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const regions: number[] = [];
  const line = (offset: number) => doc.positionAt(offset).line;
  const visit = (nodes: XmlNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'comment') {
        if (REGION.test(n.value)) regions.push(line(n.start));
        else if (END_REGION.test(n.value)) {
          const start = regions.pop();
          if (start !== undefined && line(n.start) > start)
            out.push({ startLine: start, endLine: line(n.start), kind: FoldingRangeKind.Region });
        } else if (line(n.end) > line(n.start))
          out.push({ startLine: line(n.start), endLine: line(n.end), kind: FoldingRangeKind.Comment });
        continue;
      }
      if (n.kind !== 'element') continue;
      const startLine = line(n.start);
      // the end tag's line stays visible, as editors do for markup
      const endLine = n.endTagStart >= 0 ? line(n.endTagStart) - 1 : line(n.end > 0 ? n.end : n.startTagEnd) - (n.closed ? 0 : 1);
      if (endLine > startLine) out.push({ startLine, endLine });
      visit(n.children);
    }
  };
  visit(doc.xml.children);
  return out.sort((a, b) => a.startLine - b.startLine);
}
