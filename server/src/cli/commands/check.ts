/** `domxml check`: diagnostics for files, as text or JSON. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'url';
import { documentFindings } from '../../languageservice/services/documentFindings';
import { ruleById, SeverityName } from '../../languageservice/diagnosticRules';
import { DomainDocument } from '../../languageservice/domainDocument';
import { formatOptions, option } from '../args';
import { Command, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../command';
import { cliLanguageService, cliSettings } from '../cliService';
import { PROFILE_OPTIONS, profileFromArgs } from '../profileOptions';

interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Exclude<SeverityName, 'off'>;
  code: string;
  message: string;
}

const options = [
  { name: 'format', value: 'FORMAT', description: 'output format', choices: ['text', 'json'] },
  ...PROFILE_OPTIONS,
  { name: 'schema-dir', value: 'DIR', description: "folder with libvirt's RelaxNG schemas (default /usr/share/libvirt/schemas)" },
  { name: 'floor-libvirt', value: 'V', description: 'the oldest libvirt the domain must still migrate to' },
  { name: 'floor-qemu', value: 'V', description: 'the oldest QEMU the domain must still migrate to' },
  { name: 'help', description: 'show this help' },
];

export const checkCommand: Command = {
  name: 'check',
  summary: 'report problems in domain XML files',
  usage: 'domxml check [--format text|json] [--profile ID | --libvirt V --qemu V] [--floor-libvirt V] [--floor-qemu V] FILE...',
  options,
  run(args, io) {
    if (args.flags.has('help')) {
      io.stdout(`usage: ${this.usage}\n\nReports well-formedness problems and what libvirt will do with each domain.\nExit status: 0 no errors, 1 errors found, 2 usage or I/O failure.\n\n${formatOptions(options)}\n`);
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
    service.configure(cliSettings(target, { schemaDirectory: option(args, 'schema-dir'), ...(floor.libvirt || floor.qemu ? { floor } : {}) }));
    const results: JsonDiagnostic[] = [];
    let ioFailed = false;
    for (const file of args.positional) {
      let text: string;
      try {
        text = io.readFile(file);
      } catch (e) {
        io.stderr(`domxml check: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        ioFailed = true;
        continue;
      }
      const uri = file === '-' ? 'stdin:-' : pathToFileURL(file).href;
      const document = TextDocument.create(uri, 'xml', 1, text);
      const doc = service.parse(document);
      for (const f of documentFindings(service, document, doc)) {
        const severity = f.severity ?? ruleById(f.rule)?.defaultSeverity ?? 'warning';
        if (severity === 'off') continue;
        results.push({ file, range: doc.range(f.start, f.end), severity, code: f.rule, message: f.message });
      }
    }
    if (format === 'json') io.stdout(JSON.stringify(results, null, 2) + '\n');
    else io.stdout(results.map(formatText).join(''));
    if (ioFailed) return EXIT_USAGE;
    return results.some((r) => r.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
  },
};

function formatText(d: JsonDiagnostic): string {
  return `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} [${d.code}] ${d.message}\n`;
}

export type { DomainDocument };
