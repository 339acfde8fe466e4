/**
 * `domxml check`: diagnostics for files, directories and globs, as text, JSON,
 * SARIF or GitHub annotations, with a summary line on standard error.
 * A file that cannot be read, or whose analysis fails, is named in one line
 * and the others are still checked (exit status 2 at the end).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'url';
import { documentFindings } from '../../languageservice/services/documentFindings';
import { ruleById } from '../../languageservice/diagnosticRules';
import { formatOptions, option } from '../args';
import { Command, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../command';
import { resolveInputs } from '../inputs';
import { CheckResult } from '../output/checkResult';
import { toGithub } from '../output/github';
import { toSarif } from '../output/sarif';
import { cliLanguageService, cliSettings } from '../cliService';
import { PROFILE_OPTIONS, profileFromArgs } from '../profileOptions';
import { DefaultsLevel, DEFAULTS_LEVELS } from '../../languageservice/services/abiRisk';

type JsonDiagnostic = CheckResult;

const options = [
  {
    name: 'format',
    value: 'FORMAT',
    description: 'output format: text, json, sarif (SARIF 2.1.0 for code scanning), github (workflow annotations)',
    choices: ['text', 'json', 'sarif', 'github'],
  },
  ...PROFILE_OPTIONS,
  { name: 'schema-dir', value: 'DIR', description: "folder with libvirt's RelaxNG schemas (default /usr/share/libvirt/schemas)" },
  { name: 'floor-libvirt', value: 'V', description: 'the oldest libvirt the domain must still migrate to' },
  { name: 'floor-qemu', value: 'V', description: 'the oldest QEMU the domain must still migrate to' },
  {
    name: 'defaults',
    value: 'LEVEL',
    description:
      'what libvirt fills in the same way on every known release: inlay (default: left out, only ABI risks are reported), diagnostics (reported too), off',
    choices: [...DEFAULTS_LEVELS],
  },
  { name: 'debug', description: 'on an internal failure, print the stack trace' },
  { name: 'quiet', description: 'no summary line on standard error' },
  { name: 'help', description: 'show this help' },
];

export const checkCommand: Command = {
  name: 'check',
  summary: 'report problems in domain XML files',
  usage:
    'domxml check [--format text|json|sarif|github] [--defaults inlay|diagnostics|off] [--profile ID | --libvirt V --qemu V] [--floor-libvirt V] [--floor-qemu V] FILE|DIR|GLOB...',
  options,
  run(args, io) {
    if (args.flags.has('help')) {
      io.stdout(
        `usage: ${this.usage}\n\nReports well-formedness problems and what libvirt will do with each domain.\n` +
          'Files are checked whatever their root element; directories (searched recursively for *.xml) and globs\n' +
          'keep only documents whose root is <domain>. A summary line goes to standard error.\n' +
          'Exit status: 0 no errors, 1 errors found, 2 usage error, or a file that could not be read or analysed\n' +
          '(the other files are still checked).\n\n' +
          `${formatOptions(options)}\n`,
      );
      return EXIT_OK;
    }
    if (!args.positional.length) {
      io.stderr(`domxml check: no FILE given\nusage: ${this.usage}\n`);
      return EXIT_USAGE;
    }
    const format = option(args, 'format') ?? 'text';
    const floor = { libvirt: option(args, 'floor-libvirt'), qemu: option(args, 'floor-qemu') };
    for (const name of ['floor-libvirt', 'floor-qemu']) {
      const v = option(args, name);
      if (v !== undefined && !/^\d+(\.\d+){0,2}$/.test(v)) {
        io.stderr(`domxml check: --${name} needs a version like 9.0.0 (got '${v}')\nusage: ${this.usage}\n`);
        return EXIT_USAGE;
      }
    }
    const target = profileFromArgs(args, io);
    const service = cliLanguageService(target);
    const defaults = option(args, 'defaults') as DefaultsLevel | undefined;
    service.configure(
      cliSettings(target, { schemaDirectory: option(args, 'schema-dir'), defaults, ...(floor.libvirt || floor.qemu ? { floor } : {}) }),
    );
    const inputs = resolveInputs(args.positional);
    const results: JsonDiagnostic[] = [];
    let failed = false;
    for (const m of inputs.missing) {
      io.stderr(`domxml check: cannot read ${m.arg}: ${m.reason}\n`);
      failed = true;
    }
    // text and github lines stream out per file; json and sarif are one document at the end
    const streaming = format === 'text' || format === 'github';
    const emit = (rs: JsonDiagnostic[]) => {
      if (format === 'text') io.stdout(rs.map(formatText).join(''));
      else if (format === 'github') io.stdout(rs.map(toGithub).join(''));
    };
    let errors = 0;
    let warnings = 0;
    for (const file of inputs.files) {
      let text: string;
      let encodingProblems: { offset: number; message: string }[];
      try {
        const decoded = io.readDomain ? io.readDomain(file) : { text: io.readFile(file), problems: [] };
        text = decoded.text;
        encodingProblems = decoded.problems;
      } catch (e) {
        io.stderr(`domxml check: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        failed = true;
        continue;
      }
      const own: JsonDiagnostic[] = [];
      try {
        // fault injection for the tests of this error boundary (no effect unless the variable names the file)
        if (process.env.DOMXML_FAULT_INJECT && file.endsWith(process.env.DOMXML_FAULT_INJECT))
          throw new Error('fault injected by DOMXML_FAULT_INJECT');
        const uri = file === '-' ? 'stdin:-' : pathToFileURL(file).href;
        const document = TextDocument.create(uri, 'xml', 1, text);
        const doc = service.parse(document);
        for (const p of encodingProblems)
          own.push({
            file,
            range: doc.range(p.offset, Math.min(text.length, p.offset + 1)),
            severity: 'error',
            code: 'syntax',
            message: p.message,
          });
        for (const f of documentFindings(service, document, doc)) {
          const severity = f.severity ?? ruleById(f.rule)?.defaultSeverity ?? 'warning';
          if (severity === 'off') continue;
          own.push({ file, range: doc.range(f.start, f.end), severity, code: f.rule, message: f.message });
        }
      } catch (e) {
        // a bug of ours: name the file, keep going with the others
        const err = e instanceof Error ? e : new Error(String(e));
        io.stderr(
          `domxml check: ${file}: internal error: ${err.message}${args.flags.has('debug') ? `\n${err.stack ?? ''}` : ' (--debug for the stack)'}\n`,
        );
        failed = true;
        continue;
      }
      for (const r of own) {
        if (r.severity === 'error') errors++;
        else if (r.severity === 'warning') warnings++;
      }
      if (streaming) emit(own);
      else results.push(...own);
    }
    if (format === 'json') io.stdout(JSON.stringify(results, null, 2) + '\n');
    else if (format === 'sarif') io.stdout(JSON.stringify(toSarif(results), null, 2) + '\n');
    if (!args.flags.has('quiet')) {
      const n = inputs.files.length;
      const skipped = inputs.skipped ? `, ${inputs.skipped} non-domain file${inputs.skipped === 1 ? '' : 's'} skipped` : '';
      io.stderr(
        `domxml check: ${n} file${n === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${skipped}\n`,
      );
    }
    if (failed) return EXIT_USAGE;
    return errors ? EXIT_FINDINGS : EXIT_OK;
  },
};

function formatText(d: JsonDiagnostic): string {
  return `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} [${d.code}] ${d.message}\n`;
}
