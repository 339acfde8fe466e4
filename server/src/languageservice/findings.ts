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
  /**
   * what does not fit the one-line message: libvirt's own words, the consequence,
   * what only the schema says (LSP relatedInformation on the finding's own range,
   * an indented line in `domxml check`)
   */
  detail?: string;
  /** other places that explain the finding (LSP relatedInformation) */
  related?: { start: number; end: number; message: string }[];
}

/** the longest message that still reads as one line in the Problems panel */
export const ONE_LINE = 130;

/**
 * `head` + `reason` as one line plus a detail. While the whole is longer than
 * ONE_LINE, the reason gives up its first aside `(...)` or, failing that, what
 * follows its first ': ' or '; ' (outside quotes, parentheses and tags); what it
 * gives up becomes a sentence of the detail. `extra` (a sentence) ends the detail.
 */
export function oneLine(head: string, reason: string, extra?: string): { message: string; detail?: string } {
  const moved: string[] = [];
  for (let round = 0; round < 3 && head.length + reason.length > ONE_LINE; round++) {
    const cut = clauseBoundary(reason);
    if (!cut) break;
    moved.push(sentence(reason.slice(cut.from, cut.to)));
    reason = (reason.slice(0, cut.at) + reason.slice(cut.resume)).trim();
  }
  const detail = [...moved, extra].filter(Boolean).join(' ');
  return detail ? { message: head + reason, detail } : { message: head + reason };
}

/** where the reason can give up a part: [at, resume) leaves the line, [from, to) is the part's text */
function clauseBoundary(s: string): { at: number; resume: number; from: number; to: number } | undefined {
  let depth = 0;
  let quote = '';
  let clause: { at: number; resume: number; from: number; to: number } | undefined;
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || (c === "'" && !/\w/.test(s[i - 1] ?? ''))) quote = c;
    else if (c === '(' || c === '<' || c === '[') {
      if (depth === 0 && c === '(' && s[i - 1] === ' ' && i > 20) {
        if (clause) return clause;
        open = i;
      }
      depth++;
    } else if (c === ')' || c === '>' || c === ']') {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && c === ')' && open >= 0) return { at: open - 1, resume: i + 1, from: open + 1, to: i };
    } else if (depth === 0 && !clause && i > 20 && (c === ':' || c === ';') && s[i + 1] === ' ')
      clause = { at: i, resume: s.length, from: i + 2, to: s.length };
  }
  return clause;
}

/** a clause as a sentence: capitalised, with a full stop */
function sentence(clause: string): string {
  const t = clause.trim();
  const c = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(c) ? c : `${c}.`;
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
  const related = [...(f.detail ? [{ start: f.start, end: f.end, message: f.detail }] : []), ...(f.related ?? [])];
  if (related.length)
    d.relatedInformation = related.map((r) => ({
      location: { uri: doc.textDocument.uri, range: doc.range(r.start, r.end) },
      message: r.message,
    }));
  return d;
}

/** for the hover at an offset: the detail of each finding there (markdown), or undefined */
export function findingDetails(findings: Finding[], offset: number): string | undefined {
  const lines = findings.filter((f) => f.detail && f.start <= offset && offset <= f.end).map((f) => `**${f.rule}**: ${f.detail}`);
  return lines.length ? lines.join('\n\n') : undefined;
}

/** Orders findings by position, then by rule, so output is stable. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}
