/**
 * Findings for a file that the user explicitly asked to check (the CLI):
 * a domain gets the full analysis; any other document gets its syntax errors
 * and a note that it is not a domain.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../languageService';
import { DomainDocument } from '../domainDocument';
import { Finding, sortFindings } from '../findings';
import { defineRule } from '../diagnosticRules';
import { syntaxFindings } from './syntaxDiagnostics';

export const NOT_A_DOMAIN = defineRule({
  id: 'not-a-domain',
  title: 'Not a libvirt domain document',
  defaultSeverity: 'warning',
  docUrl: 'https://libvirt.org/formatdomain.html',
});

export function documentFindings(service: LanguageService, document: TextDocument, doc: DomainDocument): Finding[] {
  if (doc.isDomain) return service.findings(document);
  const root = doc.xml.root;
  const out = syntaxFindings(doc);
  if (root) {
    out.unshift({
      rule: NOT_A_DOMAIN.id,
      start: root.nameStart,
      end: root.nameEnd,
      message: `Not a libvirt domain: the root element is <${root.name}>, not <domain>`,
    });
  }
  return sortFindings(out);
}
