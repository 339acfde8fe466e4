/**
 * Every diagnostic the language service emits belongs to one rule. A rule has
 * an id (the diagnostic `code`), a default severity the user can override per
 * rule, and a page of libvirt's documentation that explains the subject.
 */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { RuleCode } from '../protocol';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface DiagnosticRule {
  /** the diagnostic code; a new rule adds its code to RULE_CODES in server/src/protocol.ts */
  id: RuleCode;
  title: string;
  defaultSeverity: SeverityName;
  docUrl: string;
}

const FORMAT_DOMAIN = 'https://libvirt.org/formatdomain.html';

export const RULES = {
  syntax: {
    id: 'syntax',
    title: 'XML well-formedness',
    defaultSeverity: 'error',
    docUrl: 'https://www.w3.org/TR/xml/#sec-well-formed',
  },
  'internal-error': {
    id: 'internal-error',
    title: 'Analysis failed (a bug in domxml; the output log has the stack)',
    defaultSeverity: 'error',
    docUrl: 'https://libvirt.org/formatdomain.html',
  },
} as const satisfies Record<string, DiagnosticRule>;

/** @public the code of every rule, for clients that switch on codes */
export type RuleId = keyof typeof RULES;

/** Registers a rule defined by a feature module; ids must be unique. */
const registry = new Map<string, DiagnosticRule>(Object.values(RULES).map((r) => [r.id, r]));

export function defineRule(rule: DiagnosticRule): DiagnosticRule {
  const existing = registry.get(rule.id);
  if (existing && existing !== rule) throw new Error(`diagnostic rule '${rule.id}' is defined twice`);
  registry.set(rule.id, rule);
  return rule;
}

export function allRules(): DiagnosticRule[] {
  return [...registry.values()];
}

export function ruleById(id: string): DiagnosticRule | undefined {
  return registry.get(id);
}

export function docUrlFor(section?: string): string {
  return section ? `${FORMAT_DOMAIN}#${section}` : FORMAT_DOMAIN;
}

export function toLspSeverity(s: SeverityName): DiagnosticSeverity | undefined {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
    default:
      return undefined;
  }
}
