/**
 * What the version checks need to know about a guest and where it is
 * checked: its arch, machine family and driver, and the libvirt/QEMU
 * versions of the migration floor or the target host (a "scope").
 */
import { XmlAttribute, XmlElement } from '../../parser/xmlNodes';
import { defaultMachineAlias } from '../../knowledge/machineTypes';
import { isArmArch, isX86Arch, MachineKind, machineKind } from '../../knowledge/machineKind';
import { Expansion } from '../../expander/expand';

export interface Guest {
  domain: XmlElement;
  /** os/type@arch, or the host's arch */
  arch: string;
  /** os/type@machine as written, or the arch's default alias */
  machine: string;
  /** the machine type as libvirt stores it (the expansion's canonical name), else `machine` */
  storedMachine: string;
  machineKind: MachineKind;
  /** the libvirt driver that parses the domain: 'qemu' for qemu/kvm/hvf domains */
  driver: string;
  isX86: boolean;
  isArm: boolean;
}

/**
 * The guest as the expander sees it: arch and machine family come from the
 * expansion (its os rule decides the default arch and machine); `machine`
 * keeps the name as written (or the alias libvirt starts from), which is
 * what messages and the per-version machine lists name.
 */
export function guestOf(domain: XmlElement, expansion: Expansion): Guest {
  const arch = expansion.arch;
  const machine = domain.path('os', 'type')?.attr('machine') ?? defaultMachineAlias(arch) ?? '';
  const isX86 = isX86Arch(arch);
  const isArm = isArmArch(arch);
  const domType = domain.attr('type') ?? 'qemu';
  const driver = ['qemu', 'kvm', 'hvf', 'kqemu'].includes(domType) ? 'qemu' : domType;
  const storedMachine = expansion.machine || machine;
  return { domain, arch, machine, storedMachine, machineKind: machineKind(arch, storedMachine), driver, isX86, isArm };
}

/** the floor or the target, with the words messages use for it */
export interface Scope {
  kind: 'floor' | 'target';
  libvirt?: string;
  qemu?: string;
}

export function libvirtLabel(s: Scope): string {
  return s.kind === 'floor' ? `libvirt ${s.libvirt} (migration floor)` : `libvirt ${s.libvirt} (target)`;
}

export function qemuLabel(s: Scope): string {
  return s.kind === 'floor' ? `QEMU ${s.qemu} (migration floor)` : `QEMU ${s.qemu} (target)`;
}

// ---------------------------------------------------------------------------
// ranges

export type Range = [number, number];

export function nameRange(n: XmlElement | XmlAttribute): Range {
  return [n.nameStart, n.nameEnd];
}

/** the attribute's value without quotes (its name when it has no value) */
export function valueRange(a: XmlAttribute): Range {
  return a.valueStart >= 0 ? [a.valueStart, a.valueEnd] : [a.nameStart, a.nameEnd];
}

/** the trimmed text content of an element (its name when it is empty) */
export function textRange(el: XmlElement): Range {
  const t = el.textNode();
  if (!t) return nameRange(el);
  // decoded offsets equal source offsets unless entities or CDATA were used; then take the whole node
  if (t.end - t.start !== t.value.length || !t.value.trim()) return [t.start, t.end];
  const lead = t.value.length - t.value.trimStart().length;
  const trail = t.value.length - t.value.trimEnd().length;
  return [t.start + lead, t.end - trail];
}

/** an integer attribute/text in libvirt's notation (decimal or 0x hex) */
export { uint as parseInteger } from './ruleFacts';
