/**
 * Reads host facts from `virsh capabilities` and `virsh domcapabilities` XML
 * into a profile: the emulator and machine types per guest arch (with the
 * canonical name each alias resolves to) and what the host's QEMU supports.
 */
import { parseXml } from '../parser/xmlParser';
import { XmlElement } from '../parser/xmlNodes';
import { DomainCapabilities, HostGuestArch, TargetProfile } from './profile';
import { machineFamily } from '../knowledge/machineTypes';

export class CapabilitiesError extends Error {}

function rootOf(text: string, name: string): XmlElement {
  const doc = parseXml(text);
  if (doc.errors.length) throw new CapabilitiesError(`not well-formed XML: ${doc.errors[0].message}`);
  if (doc.root?.name !== name) throw new CapabilitiesError(`expected <${name}>, found <${doc.root?.name ?? 'nothing'}>`);
  return doc.root;
}

export function parseCapabilities(text: string): { hostArch?: string; guests: HostGuestArch[] } {
  const root = rootOf(text, 'capabilities');
  const hostArch = root.path('host', 'cpu', 'arch')?.trimmedText();
  const guests: HostGuestArch[] = [];
  for (const g of root.elements('guest')) {
    if (g.child('os_type')?.trimmedText() !== 'hvm') continue;
    const arch = g.child('arch');
    const name = arch?.attr('name');
    if (!arch || !name) continue;
    guests.push({
      arch: name,
      emulator: arch.child('emulator')?.trimmedText(),
      machines: arch.elements('machine').map((m) => {
        const canonical = m.attr('canonical');
        // `<machine canonical='pc-i440fx-7.2'>pc</machine>`: the alias pc resolves to pc-i440fx-7.2
        return canonical ? { name: canonical, canonicalOf: m.trimmedText() } : { name: m.trimmedText() };
      }),
      domainTypes: arch
        .elements('domain')
        .map((d) => d.attr('type') ?? '')
        .filter(Boolean),
    });
  }
  return { hostArch, guests };
}

export function parseDomainCapabilities(text: string): DomainCapabilities {
  const root = rootOf(text, 'domainCapabilities');
  const enums: Record<string, string[]> = {};
  const walk = (el: XmlElement, path: string) => {
    for (const c of el.elements()) {
      if (c.name === 'enum') {
        enums[`${path}/${c.attr('name')}`.replace(/^\//, '')] = c.elements('value').map((v) => v.trimmedText());
      } else if (c.name !== 'value') walk(c, `${path}/${c.name}`);
    }
  };
  walk(root, '');
  const cpu = root.child('cpu');
  const modes = cpu?.elements('mode') ?? [];
  const features: Record<string, boolean> = {};
  for (const f of root.child('features')?.elements() ?? []) features[f.name] = f.attr('supported') === 'yes';
  const vcpuMax = Number(root.child('vcpu')?.attr('max'));
  return {
    ...(Number.isInteger(vcpuMax) && vcpuMax > 0 ? { vcpuMax } : {}),
    arch: root.child('arch')?.trimmedText(),
    machine: root.child('machine')?.trimmedText(),
    virttype: root.child('domain')?.trimmedText(),
    enums,
    cpuModes: modes.filter((m) => m.attr('supported') === 'yes').map((m) => m.attr('name') ?? ''),
    cpuModels:
      modes
        .find((m) => m.attr('name') === 'custom')
        ?.elements('model')
        .filter((m) => m.attr('usable') !== 'no')
        .map((m) => m.trimmedText()) ?? [],
    hostModel: modes
      .find((m) => m.attr('name') === 'host-model')
      ?.child('model')
      ?.trimmedText(),
    features,
    loaderValues:
      root
        .path('os', 'loader')
        ?.elements('value')
        .map((v) => v.trimmedText()) ?? [],
  };
}

/** a profile with host facts layered over a base profile (versions) */
export function withHostFacts(base: TargetProfile, caps?: string, domcaps?: string | string[]): TargetProfile {
  const p: TargetProfile = { ...base };
  const notes: string[] = [];
  if (caps) {
    const c = parseCapabilities(caps);
    p.guests = c.guests;
    if (c.hostArch) p.hostArch = c.hostArch;
    notes.push('host capabilities');
  }
  const sets = (typeof domcaps === 'string' ? [domcaps] : (domcaps ?? [])).map(parseDomainCapabilities);
  if (sets.length) {
    p.domcaps = [...(base.domcaps ?? []), ...sets];
    notes.push(sets.length === 1 ? 'domain capabilities' : `${sets.length} sets of domain capabilities`);
  }
  if (notes.length) {
    p.id = `${base.id}+host`;
    p.label = `${base.label} with ${notes.join(' and ')}`;
    p.source = `${base.source}; ${notes.join(' and ')} given by the user`;
  }
  return p;
}

/** what the host's domain capabilities say for one guest, and how closely the captured set matches it */
export interface DomcapsMatch {
  caps: DomainCapabilities;
  /** captured for the guest's virt type (kvm, qemu): CPU modes and models differ between them */
  sameVirtType: boolean;
  /** captured for the guest's machine type (canonical name): the vCPU limit is the machine's */
  sameMachine: boolean;
  /** captured for a machine of the guest's family (pc-q35-10.0 for pc-q35-4.0): firmware and devices are the family's */
  sameFamily: boolean;
}

/**
 * Picks, from the domain capabilities captured for a host, the set that
 * libvirt would consult for this guest: the guest's arch is required (another
 * arch's emulator says nothing about this one); among those, the guest's
 * virt type counts most, then its machine type, then a machine of its family
 * (another version), then the first captured.
 */
export function domcapsFor(
  sets: DomainCapabilities[] | undefined,
  guest: { arch: string; virttype: string; machine: string },
  live?: TargetProfile['domcapsProvider'],
): DomcapsMatch | undefined {
  const asked = live?.(guest);
  if (asked) return { caps: asked, sameVirtType: true, sameMachine: true, sameFamily: true };
  let best: DomcapsMatch | undefined;
  let bestScore = -1;
  for (const caps of sets ?? []) {
    if (caps.arch && caps.arch !== guest.arch) continue;
    const sameVirtType = !caps.virttype || caps.virttype === guest.virttype;
    const sameMachine = !!caps.machine && caps.machine === guest.machine;
    const sameFamily = !!caps.machine && (machineFamily(caps.machine) ?? caps.machine) === (machineFamily(guest.machine) ?? guest.machine);
    const score = (sameVirtType ? 4 : 0) + (sameMachine ? 2 : 0) + (sameFamily ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [{ caps, sameVirtType, sameMachine, sameFamily }, score];
  }
  return best;
}
