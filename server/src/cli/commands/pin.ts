/** `domxml pin`: the document with the ABI defaults of the target written in. */
import { loadDomainFile } from '../domainFile';
import { pinText, selectPinFills } from '../../languageservice/services/pin';
import { formatOptions } from '../args';
import { Command, EXIT_FINDINGS, EXIT_OK } from '../command';
import { PROFILE_OPTIONS } from '../profileOptions';

const options = [
  ...PROFILE_OPTIONS,
  { name: 'addresses', description: 'also pin the device addresses libvirt assigns' },
  { name: 'help', description: 'show this help' },
];

export const pinCommand: Command = {
  name: 'pin',
  summary: 'print a domain with the ABI defaults libvirt would fill in written out',
  usage: 'domxml pin [--profile ID | --libvirt V --qemu V] [--caps FILE] [--domcaps FILE] [--addresses] FILE',
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
          'change: indentation, quotes, comments and the order of what is there stay as written.\n' +
          'Exit status: 0 pinned (or nothing to pin), 1 not a well-formed domain, 2 usage or I/O failure.\n\n' +
          `${formatOptions(options)}\n`,
      );
      return EXIT_OK;
    }
    const loaded = loadDomainFile('pin', this.usage, args, io);
    if ('exit' in loaded) return loaded.exit;
    const { service, document, doc, file, profile } = loaded;
    const errors = doc.xml.errors;
    if (errors.length) {
      const at = doc.positionAt(errors[0].start);
      io.stderr(`domxml pin: ${file} is not well-formed (${errors.length} error(s), the first at ${at.line + 1}:${at.character + 1}: ${errors[0].message}); nothing pinned\n`);
      return EXIT_FINDINGS;
    }
    const expansion = service.expand(document)!;
    for (const f of expansion.failures) io.stderr(`domxml pin: internal: rule ${f.rule} failed: ${f.error}\n`);
    const pinOptions = { addresses: args.flags.has('addresses') };
    const fills = selectPinFills(expansion, pinOptions);
    io.stdout(pinText(doc, expansion, pinOptions));
    if (!fills.length) io.stderr(`domxml pin: nothing to pin for ${profile.label}\n`);
    return EXIT_OK;
  },
};
