/**
 * Machine types: which alias each architecture's QEMU resolves, and the
 * versioned name it resolves to. Upstream QEMU names versioned machines
 * after its own major.minor version (qemu 7.2: pc-i440fx-7.2); distributions
 * may rename them (profile.machineNames), and a host's capabilities XML is
 * the final word when given.
 */
import { TargetProfile } from '../profiles/profile';
import { isX86Arch, machineKind } from './machineKind';
import { Source } from './source';
import { majorMinor } from './versions';

interface MachineFamily {
  /** the alias users write */
  alias: string;
  arches: string[];
  /** versioned name for a QEMU major.minor */
  versioned: (mm: string) => string;
}

const FAMILIES: MachineFamily[] = [
  { alias: 'pc', arches: ['x86_64', 'i686'], versioned: (v) => `pc-i440fx-${v}` },
  { alias: 'q35', arches: ['x86_64', 'i686'], versioned: (v) => `pc-q35-${v}` },
  { alias: 'virt', arches: ['aarch64', 'armv7l'], versioned: (v) => `virt-${v}` },
  { alias: 'pseries', arches: ['ppc64', 'ppc64le'], versioned: (v) => `pseries-${v}` },
  { alias: 's390-ccw-virtio', arches: ['s390x'], versioned: (v) => `s390-ccw-virtio-${v}` },
];

export const MACHINE_SOURCE: Source = {
  ref: 'QEMU names versioned machine types after its release (hw/i386/pc_piix.c, pc_q35.c, hw/arm/virt.c, hw/ppc/spapr.c, hw/s390x/s390-virtio-ccw.c); libvirt stores the canonical name at define (src/qemu/qemu_domain.c, qemuCanonicalizeMachine)',
};

/**
 * The machine libvirt picks when the document names none.
 * x86 and ppc64 get QEMU's default machine; for aarch64/armv7l QEMU has no
 * default and libvirt prefers `virt` (src/qemu/qemu_capabilities.c, virQEMUCapsGetPreferredMachine;
 * src/qemu/qemu_domain.c, qemuDomainDefaultMachine? observed on libvirt 9.0).
 */
const DEFAULT_ALIAS: Record<string, string> = {
  x86_64: 'pc',
  i686: 'pc',
  aarch64: 'virt',
  armv7l: 'virt',
  ppc64: 'pseries',
  ppc64le: 'pseries',
  s390x: 's390-ccw-virtio',
};

export const DEFAULT_MACHINE_SOURCE: Source = {
  ref: "src/qemu/qemu_capabilities.c, virQEMUCapsGetPreferredMachine: the QEMU binary's default machine (pc on x86, pseries on ppc64, s390-ccw-virtio on s390x); virt on ARM",
};

export function defaultMachineAlias(arch: string): string | undefined {
  return DEFAULT_ALIAS[arch];
}

/** QEMU's default machine for the arch on a host whose capabilities are known: the first one `virsh capabilities` lists */
export function hostDefaultMachine(profile: TargetProfile, arch: string): string | undefined {
  return profile.guests?.find((g) => g.arch === arch)?.machines[0]?.name;
}

/**
 * Whether the machine (as libvirt stores it) has IDE controller 0 built in. Source:
 * src/qemu/qemu_domain.c qemuDomainMachineHasBuiltinIDE, the same in libvirt 7.0, 9.0 and 11.3: i440fx (pc,
 * pc-0.*, pc-1.*, pc-i440fx-*, rhel*), malta, sun4u and g3beige; every other machine refuses an IDE controller
 * (qemu_validate.c qemuValidateDomainDeviceDefControllerIDE). Confirmed on the 7.0, 9.0 and 11.3 daemons
 * (test/fixtures/version/isapc-ide-cdrom.xml, pc-second-ide-controller.xml).
 */
export function machineHasBuiltinIde(arch: string, machine: string): boolean {
  const i440fx = isX86Arch(arch) && (machineKind(arch, machine) === 'i440fx' || machine.startsWith('rhel'));
  return i440fx || machine === 'malta' || machine === 'sun4u' || machine === 'g3beige';
}

/** the canonical (versioned) name QEMU gives a machine alias, or undefined when the name is not an alias we know */
export function canonicalMachine(profile: TargetProfile, arch: string, machine: string): string | undefined {
  // a host's capabilities are the most precise source
  const guest = profile.guests?.find((g) => g.arch === arch);
  const fromCaps = guest?.machines.find((m) => m.canonicalOf === machine);
  if (fromCaps) return fromCaps.name;
  if (guest?.machines.some((m) => m.name === machine)) return undefined;
  const family = FAMILIES.find((f) => f.alias === machine && f.arches.includes(arch));
  if (!family) return undefined;
  return profile.machineNames?.[machine] ?? family.versioned(majorMinor(profile.qemu));
}

/** true when `machine` is a versioned name of the alias family, e.g. pc-q35-6.2 for q35 */
export function machineFamily(machine: string): string | undefined {
  if (/^pc-q35-|^q35$/.test(machine)) return 'q35';
  if (/^pc-i440fx-|^pc$|^pc-\d/.test(machine)) return 'pc';
  if (/^virt(-|$)/.test(machine)) return 'virt';
  if (/^pseries(-|$)/.test(machine)) return 'pseries';
  if (/^s390-ccw-virtio(-|$)/.test(machine)) return 's390-ccw-virtio';
  return undefined;
}

/**
 * Which machine types have ACPI. QEMU reports it per machine in query-machines (from 8.0); libvirt 9.2 started
 * to refuse <features><acpi/> on a machine that reports none (src/qemu/qemu_validate.c qemuValidateDomainDef).
 * Read off QEMU 10.0's machine list as libvirt 11.3 caches it (acpi='yes'|'no'): every x86 machine but x-remote,
 * the virt machines of Arm, RISC-V and LoongArch; no other machine (pSeries, PowerNV, Mac, s390, Arm boards).
 */
export const MACHINE_ACPI_CHECKED_SINCE = '9.2.0';
export const QEMU_REPORTS_MACHINE_ACPI_SINCE = '8.0.0';
export const MACHINE_ACPI_SOURCE: Source = {
  ref: 'src/qemu/qemu_validate.c qemuValidateDomainDef ("machine type ... does not support ACPI"); machine acpi from QEMU query-machines',
  libvirt: `>=${MACHINE_ACPI_CHECKED_SINCE}`,
  qemu: `>=${QEMU_REPORTS_MACHINE_ACPI_SINCE}`,
  verifiedOn: ['11.3.0', '9.0.0'],
};

/** whether the machine has ACPI, by arch and canonical machine name */
export function machineHasAcpi(arch: string, machine: string): boolean {
  return isX86Arch(arch) ? machine !== 'x-remote' : machineKind(arch, machine) === 'virt';
}
