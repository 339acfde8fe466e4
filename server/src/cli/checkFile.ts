/**
 * One file of `domxml check`: read, analyse, and return its findings and the
 * lines it has for standard error. Shared by the in-process loop and the
 * worker threads (checkWorker.ts), so both produce the same bytes.
 */
import { injectFault } from '../faultInjection';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'url';
import { documentFindings } from '../languageservice/services/documentFindings';
import { ruleById } from '../languageservice/diagnosticRules';
import { LanguageService } from '../languageservice/languageService';
import { DefaultsLevel } from '../languageservice/services/abiRisk';
import { option, ParsedArgs } from './args';
import { CliIO } from './command';
import { CheckResult } from './output/checkResult';
import { cliLanguageService, cliSettings } from './cliService';
import { profileFromArgs } from './profileOptions';

export interface FileOutcome {
  results: CheckResult[];
  /** lines for standard error (cannot read, internal error) */
  stderr: string;
  failed: boolean;
}

/** the service configured by check's options (the same in the main thread and in every worker) */
export function checkService(args: ParsedArgs, io: CliIO): LanguageService {
  const floor = { libvirt: option(args, 'floor-libvirt'), qemu: option(args, 'floor-qemu') };
  const target = profileFromArgs(args, io);
  const service = cliLanguageService(target);
  const defaults = option(args, 'defaults') as DefaultsLevel | undefined;
  service.configure(
    cliSettings(target, { schemaDirectory: option(args, 'schema-dir'), defaults, ...(floor.libvirt || floor.qemu ? { floor } : {}) }),
  );
  return service;
}

export function checkFile(service: LanguageService, file: string, io: CliIO, debug: boolean): FileOutcome {
  let text: string;
  let encodingProblems: { offset: number; message: string }[];
  try {
    const decoded = io.readDomain ? io.readDomain(file) : { text: io.readFile(file), problems: [] };
    text = decoded.text;
    encodingProblems = decoded.problems;
  } catch (e) {
    return {
      results: [],
      stderr: `domxml check: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
      failed: true,
    };
  }
  const own: CheckResult[] = [];
  try {
    injectFault(file);
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
      own.push({
        file,
        range: doc.range(f.start, f.end),
        severity,
        code: f.rule,
        message: f.message,
        ...(f.detail ? { detail: f.detail } : {}),
      });
    }
  } catch (e) {
    // a bug of ours: name the file, keep going with the others
    const err = e instanceof Error ? e : new Error(String(e));
    return {
      results: [],
      stderr: `domxml check: ${file}: internal error: ${err.message}${debug ? `\n${err.stack ?? ''}` : ' (--debug for the stack)'}\n`,
      failed: true,
    };
  }
  return { results: own, stderr: '', failed: false };
}
