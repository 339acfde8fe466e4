/**
 * The UEFI firmware a host offers, as QEMU firmware descriptors describe it
 * (/usr/share/qemu/firmware/*.json, read by libvirt's
 * src/qemu/qemu_firmware.c). From libvirt 9.2 the pick happens at define
 * time and is stored in the domain: the loader and NVRAM template paths and
 * the secure-boot / enrolled-keys state, which the guest sees. Which
 * descriptors exist is a fact of the host's packages, so only profiles whose
 * packages were read carry them.
 */
import { Source } from './source';

export interface FirmwareDescriptor {
  /** the descriptor file, for messages */
  file: string;
  arch: string;
  /** machine type globs, e.g. pc-q35-* */
  machines: string[];
  features: string[];
  code: string;
  varsTemplate: string;
  /** the firmware interface the descriptor offers ("interface-types") */
  interface: 'uefi' | 'bios';
  /** how the flash is mapped: split code and variables, one combined image, or no variables */
  mode: 'split' | 'combined' | 'stateless';
  /** image format of the code and of the variables template */
  format: 'raw' | 'qcow2';
}

/** the first libvirt that picks the firmware at define and stores the pick (NEWS 9.2.0) */
export const FIRMWARE_PICKED_AT_DEFINE_SINCE = '9.2.0';

export const FIRMWARE_SOURCE: Source = {
  ref: 'src/qemu/qemu_firmware.c qemuFirmwareFillDomain (descriptors in file-name order, the first whose arch, machine and features fit); descriptors of the profile host packages',
  libvirt: '>=9.2.0',
  verifiedOn: ['11.3.0'],
};

/** every Debian 13 descriptor: UEFI in split raw flash (code and a variables template) */
const DEBIAN_FLASH = { interface: 'uefi', mode: 'split', format: 'raw' } as const;

/** Debian 13 (trixie): ovmf 2025.02 and qemu-efi-aarch64, read from the packages' /usr/share/qemu/firmware */
export const DEBIAN_13_FIRMWARE: FirmwareDescriptor[] = [
  {
    file: '40-edk2-aarch64-secure-enrolled.json',
    arch: 'aarch64',
    machines: ['virt-*'],
    features: ['enrolled-keys', 'secure-boot', 'verbose-static'],
    code: '/usr/share/AAVMF/AAVMF_CODE.ms.fd',
    varsTemplate: '/usr/share/AAVMF/AAVMF_VARS.ms.fd',
    ...DEBIAN_FLASH,
  },
  {
    file: '40-edk2-x86_64-secure-enrolled.json',
    arch: 'x86_64',
    machines: ['pc-q35-*'],
    features: ['acpi-s3', 'amd-sev', 'enrolled-keys', 'requires-smm', 'secure-boot', 'verbose-dynamic'],
    code: '/usr/share/OVMF/OVMF_CODE_4M.ms.fd',
    varsTemplate: '/usr/share/OVMF/OVMF_VARS_4M.ms.fd',
    ...DEBIAN_FLASH,
  },
  {
    file: '50-edk2-aarch64-secure.json',
    arch: 'aarch64',
    machines: ['virt-*'],
    features: ['secure-boot', 'verbose-static'],
    code: '/usr/share/AAVMF/AAVMF_CODE.secboot.fd',
    varsTemplate: '/usr/share/AAVMF/AAVMF_VARS.fd',
    ...DEBIAN_FLASH,
  },
  {
    file: '50-edk2-x86_64-secure.json',
    arch: 'x86_64',
    machines: ['pc-q35-*'],
    features: ['acpi-s3', 'amd-sev', 'requires-smm', 'secure-boot', 'verbose-dynamic'],
    code: '/usr/share/OVMF/OVMF_CODE_4M.secboot.fd',
    varsTemplate: '/usr/share/OVMF/OVMF_VARS_4M.fd',
    ...DEBIAN_FLASH,
  },
  {
    file: '60-edk2-aarch64.json',
    arch: 'aarch64',
    machines: ['virt-*'],
    features: ['verbose-static'],
    code: '/usr/share/AAVMF/AAVMF_CODE.no-secboot.fd',
    varsTemplate: '/usr/share/AAVMF/AAVMF_VARS.fd',
    ...DEBIAN_FLASH,
  },
  {
    file: '60-edk2-x86_64.json',
    arch: 'x86_64',
    machines: ['pc-i440fx-*', 'pc-q35-*'],
    features: ['acpi-s3', 'amd-sev', 'verbose-dynamic'],
    code: '/usr/share/OVMF/OVMF_CODE_4M.fd',
    varsTemplate: '/usr/share/OVMF/OVMF_VARS_4M.fd',
    ...DEBIAN_FLASH,
  },
];

const glob = (g: string) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

/**
 * What a domain asks of its firmware when libvirt autoselects it (src/qemu/qemu_firmware.c
 * qemuFirmwareMatchDomain reads the same fields, in this order).
 */
export interface FirmwareRequest {
  /** from <os firmware>: efi asks for UEFI, bios for BIOS */
  interface: 'uefi' | 'bios';
  arch: string;
  /** the canonical machine type */
  machine: string;
  loader?: { path?: string; type?: string; secure?: string; stateless?: string; readonly?: string; format?: string };
  nvramTemplate?: string;
  /** <firmware><feature>s: secure-boot and enrolled-keys, enabled or refused */
  features: Record<string, boolean>;
  /** <pm> asks for suspend to memory / to disk */
  s3: boolean;
  s4: boolean;
  /** <features><smm state='off'/> */
  smmOff: boolean;
  /** <launchSecurity>: sev (with the SEV-ES policy bit: sev-es) or sev-snp */
  launchSecurity?: 'sev' | 'sev-es' | 'sev-snp';
}

/** why a descriptor does not fit, or undefined when it does; `stage` orders the reasons (later = closer to a fit) */
export function firmwareMismatch(d: FirmwareDescriptor, r: FirmwareRequest): { stage: number; reason: string } | undefined {
  const no = (stage: number, reason: string) => ({ stage, reason });
  const l = r.loader;
  if (d.interface !== r.interface)
    return no(0, `it offers ${d.interface === 'uefi' ? 'UEFI' : 'BIOS'}, the domain asks for ${r.interface === 'uefi' ? 'UEFI' : 'BIOS'}`);
  if (l?.path && l.path !== d.code) return no(1, `its code is ${d.code}, the <loader> names ${l.path}`);
  if (r.nvramTemplate !== undefined && r.nvramTemplate !== d.varsTemplate)
    return no(1, `its variables template is ${d.varsTemplate}, the <nvram> names ${r.nvramTemplate}`);
  if (d.arch !== r.arch || !d.machines.some((m) => glob(m).test(r.machine))) return no(2, `it is for ${d.arch} ${d.machines.join(', ')}`);
  if (r.s3 && !d.features.includes('acpi-s3')) return no(3, 'it has no suspend to memory (acpi-s3), which <pm> enables');
  if (r.s4 && !d.features.includes('acpi-s4')) return no(3, 'it has no suspend to disk (acpi-s4), which <pm> enables');
  for (const [feature, on] of Object.entries(r.features))
    if (d.features.includes(feature) !== on)
      return no(4, `it ${on ? 'lacks' : 'has'} ${feature}, which the domain ${on ? 'enables' : 'refuses'}`);
  const smm = d.features.includes('requires-smm');
  if (smm && r.smmOff) return no(5, 'it needs SMM, which <features><smm state="off"/> turns off');
  if (smm && l?.secure === 'no') return no(5, "it needs SMM, and the <loader> says secure='no'");
  if (!smm && l?.secure === 'yes') return no(5, "the <loader> says secure='yes', which needs SMM firmware; it has none");
  if (l?.type && l.type !== 'pflash') return no(6, `it is flash firmware, the <loader> is type='${l.type}'`);
  if (l?.stateless === 'yes' && d.mode !== 'stateless') return no(6, "the <loader> is stateless='yes', the firmware keeps variables");
  if (l?.stateless !== 'yes' && d.mode !== 'split') return no(6, 'it has no separate variables store');
  if (l?.readonly === 'no' && d.mode !== 'combined') return no(6, "the <loader> is readonly='no', the firmware code is read-only");
  if (l?.format && l.format !== d.format) return no(6, `its image format is ${d.format}, the <loader> says ${l.format}`);
  if (r.launchSecurity) {
    const need = r.launchSecurity === 'sev' ? 'amd-sev' : r.launchSecurity === 'sev-es' ? 'amd-sev-es' : 'amd-sev-snp';
    if (!d.features.includes(need) || (need === 'amd-sev-es' && !d.features.includes('amd-sev')))
      return no(7, `it has no ${need}, which <launchSecurity> needs`);
  }
  return undefined;
}

/**
 * The descriptor libvirt picks for a request (the first in file-name order that fits), or, when none fits,
 * the reason the closest one does not
 */
export function matchFirmware(
  descriptors: readonly FirmwareDescriptor[],
  r: FirmwareRequest,
): { pick: FirmwareDescriptor } | { pick: undefined; closest?: { file: string; reason: string } } {
  let closest: { file: string; stage: number; reason: string } | undefined;
  for (const d of descriptors) {
    const m = firmwareMismatch(d, r);
    if (!m) return { pick: d };
    if (!closest || m.stage > closest.stage) closest = { file: d.file, ...m };
  }
  return { pick: undefined, closest };
}
