/** Well-formedness problems found by the parser, as LSP diagnostics. */
import { DomainDocument } from '../domainDocument';
import { Finding } from '../findings';

export function syntaxFindings(doc: DomainDocument): Finding[] {
  const out: Finding[] = doc.xml.errors.map((e) => ({
    rule: 'syntax',
    start: e.start,
    end: e.end,
    message: e.message,
    data: { subcode: e.code },
  }));
  for (const w of doc.xml.warnings)
    out.push({ rule: 'syntax', start: w.start, end: w.end, message: w.message, severity: 'warning', data: { subcode: w.code } });
  return out;
}
