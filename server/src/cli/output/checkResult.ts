/** One finding of `domxml check` as every output format receives it (0-based LSP positions, like --format json). */
import { SeverityName } from '../../languageservice/diagnosticRules';

export interface CheckResult {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Exclude<SeverityName, 'off'>;
  code: string;
  message: string;
  /** what does not fit the one-line message (Finding.detail) */
  detail?: string;
}
