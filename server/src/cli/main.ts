/** `domxml`: the command-line face of the language service. */
import { parseArgs, UsageError } from './args';
import { CliIO, Command, EXIT_USAGE } from './command';
import { abiDiffCommand } from './commands/abiDiff';
import { checkCommand } from './commands/check';
import { expandCommand } from './commands/expand';
import { pinCommand } from './commands/pin';
import { readDocument, readDomainFile } from './files';

export const COMMANDS: Command[] = [checkCommand, expandCommand, pinCommand, abiDiffCommand];

function help(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: domxml <command> [options] FILE...',
    '',
    'Checks libvirt domain XML, predicts what libvirt fills in at define time,',
    'and pins those defaults so the guest ABI stays put.',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    "Run 'domxml <command> --help' for the options of a command.",
    '',
  ].join('\n');
}

export function runCli(argv: string[], io: CliIO): number {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version') {
    io.stdout('domxml 0.1.0\n');
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`domxml: unknown command '${name}'\n\n${help()}`);
    return EXIT_USAGE;
  }
  try {
    return cmd.run(parseArgs(rest, cmd.options), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`domxml ${cmd.name}: ${e.message}\nusage: ${cmd.usage}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

export function defaultIO(): CliIO {
  // A closed pipe (`domxml check f | head`) is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    readFile: readDocument,
    readDomain: readDomainFile,
    ...(process.stderr.isTTY ? { progress: terminalProgress() } : {}),
  };
}

/** `\r`-rewritten status line on standard error, at most every 200 ms */
function terminalProgress(): (line: string | undefined) => void {
  let last = 0;
  let shown = false;
  return (line) => {
    if (line === undefined) {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
      return;
    }
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    shown = true;
    process.stderr.write(`\r\x1b[K${line}`);
  };
}

// for bin/domxml.js and bin/build-snapshot.js
export { preloadForSnapshot, runFromSnapshot, scheduleSnapshotBuild, snapshotFile } from './snapshot';
