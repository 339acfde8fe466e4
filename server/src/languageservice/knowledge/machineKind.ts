/**
 * The one machine classifier: which family of machine a guest's arch and
 * machine type name belong to, as the default tables and version rows name
 * them. libvirt decides the same way (src/qemu/qemu_domain.c, qemuDomainIsQ35,
 * qemuDomainIsI440FX, qemuDomainIsARMVirt, qemuDomainIsRISCVVirt,
 * qemuDomainIsPSeries, qemuDomainIsS390CCW: prefix tests on the machine name).
 */
export type MachineKind = 'i440fx' | 'q35' | 'virt' | 'pseries' | 's390-ccw' | 'other';

export function isX86Arch(arch: string): boolean {
  return arch === 'x86_64' || arch === 'i686';
}

export function isArmArch(arch: string): boolean {
  return arch === 'aarch64' || arch === 'armv7l';
}

/** the machine family of a guest; `machine` is the name as written or canonicalised (pc, pc-i440fx-7.2, q35, virt-9.0...) */
export function machineKind(arch: string, machine: string): MachineKind {
  if (isX86Arch(arch)) {
    if (/q35/.test(machine)) return 'q35';
    if (/^pc($|-i440fx|-\d)/.test(machine)) return 'i440fx';
    return 'other';
  }
  if (/^virt($|-)/.test(machine) && (isArmArch(arch) || arch.startsWith('riscv') || arch === 'loongarch64')) return 'virt';
  if (arch.startsWith('ppc64') && /^pseries/.test(machine)) return 'pseries';
  if (arch === 's390x') return 's390-ccw';
  return 'other';
}
