/**
 * `domxml check`: diagnostics for files, directories and globs, as text, JSON,
 * SARIF or GitHub annotations, with a summary line on standard error.
 * A file that cannot be read, or whose analysis fails, is named in one line
 * and the others are still checked (exit status 2 at the end).
 */
import { formatOptions, option } from '../args';
import { Command, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../command';
import { resolveInputs } from '../inputs';
import { CheckResult } from '../output/checkResult';
import { toGithub } from '../output/github';
import { toSarif } from '../output/sarif';
import { PROFILE_OPTIONS } from '../profileOptions';
import { DEFAULTS_LEVELS } from '../../languageservice/services/abiRisk';
import { checkFile, checkService, FileOutcome } from '../checkFile';
import { checkInPool, defaultJobs, FILES_PER_WORKER, workerCount } from '../checkPool';
import { readDomainFile } from '../files';

type JsonDiagnostic = CheckResult;

/** below this many files a run is too short for a progress line */
const PROGRESS_FROM = 20;

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
  {
    name: 'jobs',
    value: 'N',
    description: `threads for many files, or auto for one per core (default 1: no worker threads; a worker starts per ${FILES_PER_WORKER} files, output is the same)`,
  },
  { name: 'debug', description: 'on an internal failure, print the stack trace' },
  { name: 'quiet', description: 'no summary line on standard error' },
  { name: 'help', description: 'show this help' },
];

export const checkCommand: Command = {
  name: 'check',
  summary: 'report problems in domain XML files',
  usage:
    'domxml check [--format text|json|sarif|github] [--defaults inlay|diagnostics|off] [--profile ID | --libvirt V --qemu V] [--floor-libvirt V] [--floor-qemu V] [--jobs N] FILE|DIR|GLOB...',
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
    for (const name of ['floor-libvirt', 'floor-qemu']) {
      const v = option(args, name);
      if (v !== undefined && !/^\d+(\.\d+){0,2}$/.test(v)) {
        io.stderr(`domxml check: --${name} needs a version like 9.0.0 (got '${v}')\nusage: ${this.usage}\n`);
        return EXIT_USAGE;
      }
    }
    const service = checkService(args, io);
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
    const debug = args.flags.has('debug');
    // long runs on a terminal show how far they are (quiet turns it off, like the summary)
    const progress = !args.flags.has('quiet') && inputs.files.length >= PROGRESS_FROM ? io.progress : undefined;
    let done = 0;
    const take = (_i: number, o: FileOutcome) => {
      done++;
      if (o.stderr || (streaming && o.results.length)) progress?.(undefined);
      if (o.stderr) io.stderr(o.stderr);
      if (o.failed) failed = true;
      for (const r of o.results) {
        if (r.severity === 'error') errors++;
        else if (r.severity === 'warning') warnings++;
      }
      if (streaming) emit(o.results);
      else results.push(...o.results);
      progress?.(`domxml check: ${done}/${inputs.files.length} files, ${errors} errors, ${warnings} warnings`);
    };
    const jobsArg = option(args, 'jobs');
    if (jobsArg !== undefined && jobsArg !== 'auto' && !/^[1-9]\d*$/.test(jobsArg)) {
      io.stderr(`domxml check: --jobs needs a number of threads or 'auto' (got '${jobsArg}')\nusage: ${this.usage}\n`);
      return EXIT_USAGE;
    }
    // default one thread: on the 2-core machine workers measured no faster (bench/README.md)
    const jobs = jobsArg === 'auto' ? defaultJobs() : jobsArg ? Number(jobsArg) : 1;
    // workers read files themselves: only with the real file system (not a test's IO)
    const workers = io.readDomain === readDomainFile ? workerCount(inputs.files.length, jobs) : 0;
    if (workers) {
      const stats = checkInPool(inputs.files, args, workers, (f) => checkFile(service, f, io, debug), take);
      if (debug)
        io.stderr(`domxml check: ${stats.workers} worker thread(s) checked ${stats.filesInWorkers} of ${inputs.files.length} files\n`);
    } else inputs.files.forEach((f, i) => take(i, checkFile(service, f, io, debug)));
    progress?.(undefined);
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
  return `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} [${d.code}] ${d.message}\n${d.detail ? `    ${d.detail}\n` : ''}`;
}
