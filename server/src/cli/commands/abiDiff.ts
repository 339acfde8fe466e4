/** `domxml abi-diff OLD NEW` / `--git REV FILE`: would libvirt refuse NEW for a guest running OLD? */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { abiDiff, LocatedDifference } from '../../languageservice/abiStability/abiDiff';
import { formatOptions, option } from '../args';
import { Command, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../command';
import { CheckResult } from '../output/checkResult';
import { toGithub } from '../output/github';
import { toSarif } from '../output/sarif';
import { PROFILE_OPTIONS, profileFromArgs } from '../profileOptions';

const options = [
  ...PROFILE_OPTIONS,
  { name: 'git', value: 'REV', description: 'compare FILE with its version at git revision REV (git show REV:FILE)' },
  {
    name: 'format',
    value: 'FORMAT',
    description: 'output format: text, json, sarif or github',
    choices: ['text', 'json', 'sarif', 'github'],
  },
  { name: 'help', description: 'show this help' },
];

function gitShow(rev: string, file: string): string {
  const dir = path.dirname(path.resolve(file));
  const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim();
  const rel = path.relative(top, path.resolve(file)).split(path.sep).join('/');
  return execFileSync('git', ['show', `${rev}:${rel}`], { cwd: top, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function toResults(d: LocatedDifference, oldName: string, newName: string): CheckResult[] {
  const at = (p: LocatedDifference['old']) => ({ start: p, end: p });
  const severity = d.abi ? 'error' : 'information';
  return [
    {
      file: newName,
      range: at(d.new),
      severity,
      code: d.rule,
      message: `${d.message} (old: ${oldName}:${d.old.line + 1}:${d.old.character + 1})`,
    },
  ];
}

export const abiDiffCommand: Command = {
  name: 'abi-diff',
  summary: "compare two revisions of a domain as libvirt's ABI-stability check does",
  usage: 'domxml abi-diff [--profile ID | --libvirt V --qemu V] [--format text|json|sarif|github] (OLD NEW | --git REV FILE)',
  options,
  run(args, io) {
    if (args.flags.has('help')) {
      io.stdout(
        `usage: ${this.usage}\n\nReports each difference between OLD and NEW that changes the guest ABI (libvirt refuses NEW on\nrestore, migration or save-image-define) as an error, and the differences that do not as information.\nExit status: 0 ABI kept, 1 ABI changed, 2 usage.\n\n${formatOptions(options)}\n`,
      );
      return EXIT_OK;
    }
    const rev = option(args, 'git');
    const want = rev !== undefined ? 1 : 2;
    if (args.positional.length !== want) {
      io.stderr(`domxml abi-diff: give ${rev !== undefined ? 'one FILE with --git' : 'OLD and NEW'}\nusage: ${this.usage}\n`);
      return EXIT_USAGE;
    }
    const profile = profileFromArgs(args, io);
    let oldText: string;
    let newText: string;
    const newName = args.positional[want - 1];
    const oldName = rev !== undefined ? `${rev}:${newName}` : args.positional[0];
    try {
      newText = io.readFile(newName);
      oldText = rev !== undefined ? gitShow(rev, newName) : io.readFile(oldName);
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stderr?: string };
      io.stderr(
        `domxml abi-diff: cannot read ${err.stderr ? oldName : newName}: ${(err.stderr || err.code || err.message).toString().trim()}\n`,
      );
      return EXIT_USAGE;
    }
    const r = abiDiff(oldText, newText, profile);
    for (const p of r.problems) io.stderr(`domxml abi-diff: ${p}\n`);
    if (r.problems.some((p) => p.includes('not a libvirt domain'))) return EXIT_USAGE;
    const breaks = r.differences.filter((d) => d.abi);
    const format = option(args, 'format') ?? 'text';
    const results = r.differences.flatMap((d) => toResults(d, oldName, newName));
    if (format === 'json')
      io.stdout(
        `${JSON.stringify({ old: oldName, new: newName, profile: profile.id, abiChanged: breaks.length > 0, differences: r.differences }, null, 2)}\n`,
      );
    else if (format === 'sarif') io.stdout(`${JSON.stringify(toSarif(results), null, 2)}\n`);
    else if (format === 'github') io.stdout(results.map(toGithub).join(''));
    else {
      const line = (d: LocatedDifference) =>
        `  ${newName}:${d.new.line + 1}:${d.new.character + 1} (old ${oldName}:${d.old.line + 1}:${d.old.character + 1}) ${d.rule}: ${d.message}\n`;
      if (breaks.length) io.stdout(`ABI changes (libvirt refuses NEW for a running or saved guest):\n${breaks.map(line).join('')}`);
      const free = r.differences.filter((d) => !d.abi);
      if (free.length) io.stdout(`Differences that keep the ABI:\n${free.map(line).join('')}`);
      io.stdout(`${breaks.length} ABI change(s), ${free.length} other difference(s)\n`);
    }
    return breaks.length ? EXIT_FINDINGS : EXIT_OK;
  },
};
