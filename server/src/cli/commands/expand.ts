/** `domxml expand`: the predicted `virsh dumpxml --inactive` after define. */
import { formatENode, GeneratedValues } from '../../languageservice/expander/format';
import { migratableRoot } from '../../languageservice/expander/migratable';
import { loadDomainFile } from '../domainFile';
import { formatOptions, option } from '../args';
import { Command, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../command';
import { PROFILE_OPTIONS } from '../profileOptions';

const options = [
  ...PROFILE_OPTIONS,
  { name: 'migratable', description: 'print the predicted `dumpxml --inactive --migratable` instead' },
  {
    name: 'generated',
    value: 'HOW',
    description:
      'values libvirt generates (uuid, MAC): omit (left out with a comment; libvirt generates them when the output is defined; default), generate (real random values), placeholder (shown as (generated), not definable)',
    choices: ['omit', 'generate', 'placeholder'],
  },
  { name: 'seed', value: 'S', description: 'with --generated generate: the seed of the generator, for the same values on every run' },
  {
    name: 'format',
    value: 'FORMAT',
    description: 'output format: xml, or json ({ file, profile, generated, seed, xml })',
    choices: ['xml', 'json'],
  },
  { name: 'help', description: 'show this help' },
];

export const expandCommand: Command = {
  name: 'expand',
  summary: 'print what libvirt will store for a domain at define time',
  usage:
    'domxml expand [--profile ID | --libvirt V --qemu V] [--caps FILE] [--domcaps FILE] [--migratable] [--generated omit|generate|placeholder] [--seed S] [--format xml|json] FILE',
  options,
  run(args, io) {
    if (args.flags.has('help')) {
      io.stdout(
        `usage: ${this.usage}\n\nPrints the predicted \`virsh dumpxml --inactive\` of FILE after \`virsh define\` on the target.\nThe output is XML libvirt accepts: values libvirt generates (uuid, MAC addresses) are left out with a\ncomment, or generated (--generated generate, --seed S for the same values every run).\n\n${formatOptions(options)}\n`,
      );
      return EXIT_OK;
    }
    const loaded = loadDomainFile('expand', this.usage, args, io);
    if ('exit' in loaded) return loaded.exit;
    const { service, document, doc, file, profile } = loaded;
    const seed = option(args, 'seed');
    const generated = (option(args, 'generated') ?? (seed !== undefined ? 'generate' : 'omit')) as GeneratedValues;
    if (seed !== undefined && generated !== 'generate') {
      io.stderr(`domxml expand: --seed goes with --generated generate\nusage: ${this.usage}\n`);
      return EXIT_USAGE;
    }
    const expansion = service.expand(document)!;
    const errors = doc.xml.errors.length;
    if (errors) io.stderr(`domxml expand: ${file} has ${errors} well-formedness error(s); the expansion is of what could be read\n`);
    for (const f of expansion.failures) io.stderr(`domxml expand: internal: rule ${f.rule} failed: ${f.error}\n`);
    const migratable = args.flags.has('migratable');
    const xml = formatENode(migratable ? migratableRoot(expansion) : expansion.root, '', { generated, seed });
    if (option(args, 'format') === 'json') {
      const used = { id: profile.id, label: profile.label, libvirt: profile.libvirt, qemu: profile.qemu, source: profile.source };
      io.stdout(
        `${JSON.stringify({ file, profile: used, migratable, generated, ...(seed !== undefined ? { seed } : {}), xml }, null, 2)}\n`,
      );
    } else io.stdout(xml);
    return errors ? EXIT_FINDINGS : EXIT_OK;
  },
};
