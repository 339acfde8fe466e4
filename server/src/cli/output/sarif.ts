/**
 * `domxml check --format sarif`: SARIF 2.1.0 as GitHub code scanning reads
 * it. Rules come from the rule registry (title, default level, documentation
 * link); locations are relative to the working directory with 1-based
 * lines and columns (SARIF's default columnKind is UTF-16 code units, which
 * is what our positions count).
 */
import * as path from 'path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { allRules, SeverityName } from '../../languageservice/diagnosticRules';
import { CheckResult } from './checkResult';

export const TOOL_VERSION = '0.1.0';
const INFORMATION_URI = 'https://libvirt.org/formatdomain.html';

function level(s: Exclude<SeverityName, 'off'>): Result.level {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

function artifactUri(file: string, cwd: string): string {
  if (file === '-') return 'stdin';
  const rel = path.relative(cwd, path.resolve(cwd, file));
  const p = rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(cwd, file) : rel;
  return p.split(path.sep).map(encodeURIComponent).join('/');
}

export function toSarif(results: CheckResult[], cwd = process.cwd()): Log {
  const rules: ReportingDescriptor[] = allRules().map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.title },
    help: { text: `${r.title}. See ${r.docUrl}`, markdown: `${r.title}. See [the documentation](${r.docUrl}).` },
    helpUri: r.docUrl,
    defaultConfiguration: { level: r.defaultSeverity === 'off' ? 'none' : level(r.defaultSeverity) },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'domxml', version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: INFORMATION_URI, rules } },
        columnKind: 'utf16CodeUnits',
        results: results.map((r) => ({
          ruleId: r.code,
          ...(index.has(r.code) ? { ruleIndex: index.get(r.code) } : {}),
          level: level(r.severity),
          message: { text: r.detail ? `${r.message}\n\n${r.detail}` : r.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(r.file, cwd) },
                region: {
                  startLine: r.range.start.line + 1,
                  startColumn: r.range.start.character + 1,
                  endLine: r.range.end.line + 1,
                  endColumn: r.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}
