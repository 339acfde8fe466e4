/** `domxml expand`: the predicted `virsh dumpxml --inactive` after define. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatENode } from '../../languageservice/expander/format';
import { migratableRoot } from '../../languageservice/expander/migratable';
import { cliLanguageService } from '../cliService';
import { formatOptions } from '../args';
import { Command, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../command';
import { PROFILE_OPTIONS, profileFromArgs } from '../profileOptions';

const options = [
  ...PROFILE_OPTIONS,
  { name: 'migratable', description: 'print the predicted `dumpxml --inactive --migratable` instead' },
  { name: 'help', description: 'show this help' },
];

export const expandCommand: Command = {
  name: 'expand',
  summary: 'print what libvirt will store for a domain at define time',
  usage: 'domxml expand [--profile ID | --libvirt V --qemu V] [--caps FILE] [--domcaps FILE] [--migratable] FILE',
  options,
  run(args, io) {
    if (args.flags.has('help')) {
      io.stdout(`usage: ${this.usage}\n\nPrints the predicted \`virsh dumpxml --inactive\` of FILE after \`virsh define\` on the target.\nGenerated values (uuid, MAC addresses) are shown as (generated).\n\n${formatOptions(options)}\n`);
      return EXIT_OK;
    }
    if (args.positional.length !== 1) {
      io.stderr(`domxml expand: give exactly one FILE\nusage: ${this.usage}\n`);
      return EXIT_USAGE;
    }
    const profile = profileFromArgs(args, io);
    const file = args.positional[0];
    let text: string;
    try {
      text = io.readFile(file);
    } catch (e) {
      io.stderr(`domxml expand: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return EXIT_USAGE;
    }
    const service = cliLanguageService(profile);
    service.configure({ profile: 'local' });
    const document = TextDocument.create('file:///expand.xml', 'xml', 1, text);
    const doc = service.parse(document);
    if (!doc.isDomain) {
      io.stderr(`domxml expand: ${file} is not a libvirt domain (root element <${doc.xml.root?.name ?? 'none'}>)\n`);
      return EXIT_FINDINGS;
    }
    const expansion = service.expand(document)!;
    const errors = doc.xml.errors.length;
    if (errors) io.stderr(`domxml expand: ${file} has ${errors} well-formedness error(s); the expansion is of what could be read\n`);
    for (const f of expansion.failures) io.stderr(`domxml expand: internal: rule ${f.rule} failed: ${f.error}\n`);
    io.stdout(formatENode(args.flags.has('migratable') ? migratableRoot(expansion) : expansion.root));
    return errors ? EXIT_FINDINGS : EXIT_OK;
  },
};
