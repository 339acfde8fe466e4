/** Well-formedness problems found by the parser, as LSP diagnostics. */
import { DomainDocument } from '../domainDocument';
import { Finding } from '../findings';

export function syntaxFindings(doc: DomainDocument): Finding[] {
  return doc.xml.errors.map((e) => ({
    rule: 'syntax',
    start: e.start,
    end: e.end,
    message: e.message,
    data: { subcode: e.code },
  }));
}
