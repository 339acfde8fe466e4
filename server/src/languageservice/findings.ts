/**
 * A Finding is what a service reports before it becomes an LSP Diagnostic:
 * offsets instead of positions, and the rule id that decides severity.
 */
import { Diagnostic } from 'vscode-languageserver-types';
import { DomainDocument } from './domainDocument';
import { ruleById, SeverityName, toLspSeverity } from './diagnosticRules';

export interface Finding {
  rule: string;
  start: number;
  end: number;
  message: string;
  /** overrides the rule's default severity (e.g. a rule with both errors and warnings) */
  severity?: SeverityName;
  /** carried to code actions */
  data?: Record<string, unknown>;
  /** the detail that does not fit the one-line message (LSP relatedInformation) */
  related?: { start: number; end: number; message: string }[];
}

/** the documentation page for the element a finding is on (rules about libvirt link to its section) */
export type DocUrlAt = (offset: number) => string | undefined;

export function toDiagnostic(
  doc: DomainDocument,
  f: Finding,
  overrides: Partial<Record<string, SeverityName>>,
  docUrlAt?: DocUrlAt,
): Diagnostic | undefined {
  const rule = ruleById(f.rule);
  const severityName = overrides[f.rule] ?? f.severity ?? rule?.defaultSeverity ?? 'warning';
  const severity = toLspSeverity(severityName);
  if (severity === undefined) return undefined;
  const d: Diagnostic = {
    range: doc.range(f.start, f.end),
    severity,
    code: f.rule,
    source: 'domxml',
    message: f.message,
  };
  const href = f.rule !== 'syntax' ? (docUrlAt?.(f.start) ?? rule?.docUrl) : rule?.docUrl;
  if (href) d.codeDescription = { href };
  if (f.data) d.data = f.data;
  if (f.related?.length)
    d.relatedInformation = f.related.map((r) => ({
      location: { uri: doc.textDocument.uri, range: doc.range(r.start, r.end) },
      message: r.message,
    }));
  return d;
}

/** Orders findings by position, then by rule, so output is stable. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}
