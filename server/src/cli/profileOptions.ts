/** The target-profile options every `domxml` command takes, and the profile they select. */
import { domcapsTexts } from '../host/domcapsFiles';
import { readHostProfile } from '../host/virshProfile';
import { BUILTIN_PROFILES, builtinProfile, customProfile, DEFAULT_PROFILE_ID } from '../languageservice/profiles/builtinProfiles';
import { withHostFacts } from '../languageservice/profiles/capabilities';
import { TargetProfile } from '../languageservice/profiles/profile';
import { option, OptionSpec, ParsedArgs, UsageError } from './args';
import { CliIO } from './command';

export const PROFILE_OPTIONS: OptionSpec[] = [
  {
    name: 'profile',
    value: 'ID',
    description: `built-in target profile: ${BUILTIN_PROFILES.map((p) => p.id).join(', ')}, or 'local' (default: the local host when virsh answers, else ${DEFAULT_PROFILE_ID})`,
  },
  { name: 'libvirt', value: 'VERSION', description: 'target libvirt version (with --qemu)' },
  { name: 'qemu', value: 'VERSION', description: 'target QEMU version (with --libvirt)' },
  { name: 'caps', value: 'FILE', description: 'host facts from a `virsh capabilities` XML file' },
  {
    name: 'domcaps',
    value: 'FILE|DIR',
    repeatable: true,
    description:
      'host facts from `virsh domcapabilities` XML: a file, or a folder of them; repeatable, one per arch/machine/virt type (each domain uses the set of its arch, virt type and machine)',
  },
  {
    name: 'connect',
    value: 'URI',
    description:
      'read the target live through virsh (e.g. qemu+ssh://host/system): version and capabilities read-only, domain capabilities per domain',
  },
];

const VERSION = /^\d+\.\d+(\.\d+)?$/;

export function profileFromArgs(args: ParsedArgs, io: CliIO): TargetProfile {
  const libvirt = option(args, 'libvirt');
  const qemu = option(args, 'qemu');
  const id = option(args, 'profile');
  const uri = option(args, 'connect');
  if (!!libvirt !== !!qemu) throw new UsageError('--libvirt and --qemu go together');
  for (const v of [libvirt, qemu]) if (v && !VERSION.test(v)) throw new UsageError(`'${v}' is not a version like 9.0.0`);
  let base: TargetProfile | undefined;
  if (libvirt && qemu) base = customProfile(libvirt, qemu);
  else if (uri) {
    base = readHostProfile(uri, true);
    if (!base) throw new UsageError(`cannot read the host at ${uri} through virsh`);
  } else if (id && id !== 'local') {
    base = builtinProfile(id);
    if (!base) throw new UsageError(`unknown profile '${id}' (known: ${BUILTIN_PROFILES.map((p) => p.id).join(', ')}, local)`);
  } else {
    base = readHostProfile(undefined, false);
    if (!base && id === 'local') throw new UsageError('the local libvirt does not answer through virsh');
    base ??= builtinProfile(DEFAULT_PROFILE_ID)!;
  }
  const capsFile = option(args, 'caps');
  const domcaps = (args.options.get('domcaps') ?? []).flatMap((p) => {
    try {
      return domcapsTexts(p, io.readFile);
    } catch (e) {
      throw new UsageError(`--domcaps: ${(e as Error).message}`);
    }
  });
  if (!capsFile && !domcaps.length) return base;
  return withHostFacts(base, capsFile ? io.readFile(capsFile) : undefined, domcaps);
}
