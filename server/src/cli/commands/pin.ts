/** `domxml pin`: the document with the ABI defaults of the target written in. */
import { loadDomainFile } from '../domainFile';
import { describeLeftovers, describeOthersOnly, pinLeftovers, pinText, selectPinFills } from '../../languageservice/services/pin';
import { formatOptions, ParsedArgs } from '../args';
import { createTwoFilesPatch } from 'diff';
import { CliIO } from '../command';
import { resolveInputs } from '../inputs';
import { SafeWriteError, writeFileAtomic, writeTarget } from '../safeWrite';
import { Command, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../command';
import { PROFILE_OPTIONS } from '../profileOptions';

const options = [
  ...PROFILE_OPTIONS,
  { name: 'addresses', description: 'also pin the device addresses libvirt assigns' },
  { name: 'in-place', description: 'write the pinned document back to each FILE (atomically, keeping its mode)' },
  { name: 'check', description: 'change nothing; exit 1 and name the files that pinning would change (for CI)' },
  { name: 'diff', description: 'print a unified diff of what pinning changes instead of the document' },
  { name: 'follow-symlinks', description: 'with --in-place, also write through symlinks that point outside the working directory' },
  { name: 'help', description: 'show this help' },
];

export const pinCommand: Command = {
  name: 'pin',
  summary: 'print a domain with the ABI defaults libvirt would fill in written out',
  usage:
    'domxml pin [--profile ID | --libvirt V --qemu V] [--caps FILE] [--domcaps FILE] [--addresses] [--diff] FILE | --in-place|--check FILE...',
  options,
  run(args, io) {
    if (args.flags.has('help')) {
      io.stdout(
        `usage: ${this.usage}\n\n` +
          'Prints FILE (- for standard input) with every guest-ABI value the target libvirt fills in at define\n' +
          'time written out: the versioned machine type, controller, CPU, video, NIC and disk defaults, and the\n' +
          'devices every guest of the machine gets. The guest then keeps this ABI on newer libvirt and QEMU.\n' +
          'Values libvirt generates (uuid, MAC addresses) and spellings it only normalises (memory units,\n' +
          'emulator path) are left alone; device addresses only with --addresses. Only the pinned values\n' +
          'change: indentation, quotes, comments and the order of what is there stay as written. What the pin\n' +
          'leaves to libvirt although it is guest ABI is listed on standard error, with the reason.\n' +
          'With --in-place each FILE is rewritten (a temporary file renamed over it); with --check nothing is\n' +
          'written and the files pinning would change are named (exit 1); --diff prints a unified diff.\n' +
          'Exit status: 0 pinned (or nothing to pin), 1 not a well-formed domain (or, with --check, files to\n' +
          'pin), 2 usage or I/O failure.\n\n' +
          `${formatOptions(options)}\n`,
      );
      return EXIT_OK;
    }
    if (args.flags.has('in-place') || args.flags.has('check')) return pinMany(args, io, this.usage);
    const loaded = loadDomainFile('pin', this.usage, args, io);
    if ('exit' in loaded) return loaded.exit;
    const { service, document, doc, file, profile } = loaded;
    const errors = doc.xml.errors;
    if (errors.length) {
      const at = doc.positionAt(errors[0].start);
      io.stderr(
        `domxml pin: ${file} is not well-formed (${errors.length} error(s), the first at ${at.line + 1}:${at.character + 1}: ${errors[0].message}); nothing pinned\n`,
      );
      return EXIT_FINDINGS;
    }
    const expansion = service.expand(document)!;
    for (const f of expansion.failures) io.stderr(`domxml pin: internal: rule ${f.rule} failed: ${f.error}\n`);
    const pinOptions = { addresses: args.flags.has('addresses') };
    const fills = selectPinFills(expansion, pinOptions);
    const pinned = pinText(doc, expansion, pinOptions);
    io.stdout(args.flags.has('diff') ? unifiedDiff(file, document.getText(), pinned) : pinned);
    const left = [...describeLeftovers(pinLeftovers(expansion, pinOptions)), ...describeOthersOnly(doc, service.rank(document))];
    if (!fills.length) io.stderr(`domxml pin: nothing to pin for ${profile.label}${left.length ? ' but what is listed below' : ''}\n`);
    for (const line of left) io.stderr(`domxml pin: left to libvirt: ${line}\n`);
    if (!pinOptions.addresses && expansion.fills.some((f) => f.category === 'address'))
      io.stderr('domxml pin: device addresses (abi-address) left to libvirt; --addresses pins them too\n');
    return EXIT_OK;
  },
};

function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, '', '', { context: 3 });
}

/** --in-place / --check over several files: each read, pinned and written (or only compared) on its own */
function pinMany(args: ParsedArgs, io: CliIO, usage: string): number {
  if (args.flags.has('in-place') && args.flags.has('check')) {
    io.stderr(`domxml pin: --in-place and --check exclude each other\nusage: ${usage}\n`);
    return EXIT_USAGE;
  }
  const inputs = resolveInputs(args.positional);
  if (!args.positional.length || inputs.files.includes('-')) {
    io.stderr(`domxml pin: --in-place and --check need FILEs (not standard input)\nusage: ${usage}\n`);
    return EXIT_USAGE;
  }
  let failed = inputs.missing.length > 0;
  for (const m of inputs.missing) io.stderr(`domxml pin: ${m.arg}: ${m.reason}\n`);
  const one = (file: string): ParsedArgs => ({ ...args, positional: [file] });
  const wouldChange: string[] = [];
  for (const file of inputs.files) {
    const loaded = loadDomainFile('pin', usage, one(file), io);
    if ('exit' in loaded) {
      failed = true;
      continue;
    }
    const { service, document, doc } = loaded;
    if (doc.xml.errors.length) {
      io.stderr(`domxml pin: ${file} is not well-formed; left as it is\n`);
      failed = true;
      continue;
    }
    try {
      const expansion = service.expand(document)!;
      const pinned = pinText(doc, expansion, { addresses: args.flags.has('addresses') });
      if (pinned === document.getText()) continue;
      wouldChange.push(file);
      if (args.flags.has('diff')) io.stdout(unifiedDiff(file, document.getText(), pinned));
      if (args.flags.has('in-place')) {
        writeFileAtomic(writeTarget(file, process.cwd(), args.flags.has('follow-symlinks')), pinned);
        io.stderr(`domxml pin: pinned ${file}\n`);
      }
    } catch (e) {
      io.stderr(`domxml pin: ${file}: ${e instanceof SafeWriteError ? e.message : `cannot pin: ${(e as Error).message}`}\n`);
      failed = true;
    }
  }
  if (args.flags.has('check')) {
    for (const f of wouldChange) io.stdout(`${f}: pinning would change it\n`);
    io.stderr(`domxml pin --check: ${wouldChange.length} of ${inputs.files.length} file(s) would change\n`);
  }
  if (failed) return EXIT_USAGE;
  return args.flags.has('check') && wouldChange.length ? EXIT_FINDINGS : EXIT_OK;
}
