/**
 * Validation against libvirt's RelaxNG schema, with libxml2's verdicts (what
 * `virsh define --validate` and `virt-xml-validate` decide) and messages that
 * point at the offending value, attribute or element and list what is allowed.
 * Documents that are not well-formed are not validated: their syntax errors come first.
 */
import { defineRule } from '../diagnosticRules';
import { DomainDocument } from '../domainDocument';
import { Finding } from '../findings';
import { RelaxNgSchema, validate } from '../schema';

export const SCHEMA_RULE = defineRule({
  id: 'schema',
  title: "Not valid against libvirt's domain schema",
  defaultSeverity: 'error',
  docUrl: 'https://libvirt.org/formatdomain.html',
});

export function schemaFindings(doc: DomainDocument, schema: RelaxNgSchema): Finding[] {
  if (doc.xml.errors.length) return [];
  return validate(schema, doc.xml).map((p) => ({
    rule: SCHEMA_RULE.id,
    start: p.start,
    end: p.end,
    message: p.message,
    ...(p.detail ? { detail: p.detail } : {}),
    data: { subcode: p.code },
  }));
}
