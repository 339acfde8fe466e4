/** `domxml expand`: the predicted `virsh dumpxml --inactive` after define. */
import { formatENode } from '../../languageservice/expander/format';
import { migratableRoot } from '../../languageservice/expander/migratable';
import { loadDomainFile } from '../domainFile';
import { formatOptions } from '../args';
import { Command, EXIT_FINDINGS, EXIT_OK } from '../command';
import { PROFILE_OPTIONS } from '../profileOptions';

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
    const loaded = loadDomainFile('expand', this.usage, args, io);
    if ('exit' in loaded) return loaded.exit;
    const { service, document, doc, file } = loaded;
    const expansion = service.expand(document)!;
    const errors = doc.xml.errors.length;
    if (errors) io.stderr(`domxml expand: ${file} has ${errors} well-formedness error(s); the expansion is of what could be read\n`);
    for (const f of expansion.failures) io.stderr(`domxml expand: internal: rule ${f.rule} failed: ${f.error}\n`);
    io.stdout(formatENode(args.flags.has('migratable') ? migratableRoot(expansion) : expansion.root));
    return errors ? EXIT_FINDINGS : EXIT_OK;
  },
};
