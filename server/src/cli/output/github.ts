/**
 * `domxml check --format github`: GitHub Actions workflow commands, so each
 * finding shows as an annotation on the pull request's diff
 * (`::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE::message`).
 * Errors are errors, warnings warnings, the rest notices; values are escaped
 * as the workflow-command syntax requires.
 */
import { CheckResult } from './checkResult';

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function toGithub(r: CheckResult): string {
  const command = r.severity === 'error' ? 'error' : r.severity === 'warning' ? 'warning' : 'notice';
  const props = [
    `file=${escapeProperty(r.file)}`,
    `line=${r.range.start.line + 1}`,
    `col=${r.range.start.character + 1}`,
    `endLine=${r.range.end.line + 1}`,
    `endColumn=${r.range.end.character + 1}`,
    `title=${escapeProperty(`domxml ${r.code}`)}`,
  ].join(',');
  return `::${command} ${props}::${escapeData(r.detail ? `${r.message}\n${r.detail}` : r.message)}\n`;
}
