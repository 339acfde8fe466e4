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
}

/** the first libvirt that picks the firmware at define and stores the pick (NEWS 9.2.0) */
export const FIRMWARE_PICKED_AT_DEFINE_SINCE = '9.2.0';

export const FIRMWARE_SOURCE: Source = {
  ref: 'src/qemu/qemu_firmware.c qemuFirmwareFillDomain (descriptors in file-name order, the first whose arch, machine and features fit); descriptors of the profile host packages',
  libvirt: '>=9.2.0',
  verifiedOn: ['11.3.0'],
};

/** Debian 13 (trixie): ovmf 2025.02 and qemu-efi-aarch64, read from the packages' /usr/share/qemu/firmware */
export const DEBIAN_13_FIRMWARE: FirmwareDescriptor[] = [
  {
    file: '40-edk2-aarch64-secure-enrolled.json',
    arch: 'aarch64',
    machines: ['virt-*'],
    features: ['enrolled-keys', 'secure-boot', 'verbose-static'],
    code: '/usr/share/AAVMF/AAVMF_CODE.ms.fd',
    varsTemplate: '/usr/share/AAVMF/AAVMF_VARS.ms.fd',
  },
  {
    file: '40-edk2-x86_64-secure-enrolled.json',
    arch: 'x86_64',
    machines: ['pc-q35-*'],
    features: ['acpi-s3', 'amd-sev', 'enrolled-keys', 'requires-smm', 'secure-boot', 'verbose-dynamic'],
    code: '/usr/share/OVMF/OVMF_CODE_4M.ms.fd',
    varsTemplate: '/usr/share/OVMF/OVMF_VARS_4M.ms.fd',
  },
  {
    file: '50-edk2-aarch64-secure.json',
    arch: 'aarch64',
    machines: ['virt-*'],
    features: ['secure-boot', 'verbose-static'],
    code: '/usr/share/AAVMF/AAVMF_CODE.secboot.fd',
    varsTemplate: '/usr/share/AAVMF/AAVMF_VARS.fd',
  },
  {
    file: '50-edk2-x86_64-secure.json',
    arch: 'x86_64',
    machines: ['pc-q35-*'],
    features: ['acpi-s3', 'amd-sev', 'requires-smm', 'secure-boot', 'verbose-dynamic'],
    code: '/usr/share/OVMF/OVMF_CODE_4M.secboot.fd',
    varsTemplate: '/usr/share/OVMF/OVMF_VARS_4M.fd',
  },
  {
    file: '60-edk2-aarch64.json',
    arch: 'aarch64',
    machines: ['virt-*'],
    features: ['verbose-static'],
    code: '/usr/share/AAVMF/AAVMF_CODE.no-secboot.fd',
    varsTemplate: '/usr/share/AAVMF/AAVMF_VARS.fd',
  },
  {
    file: '60-edk2-x86_64.json',
    arch: 'x86_64',
    machines: ['pc-i440fx-*', 'pc-q35-*'],
    features: ['acpi-s3', 'amd-sev', 'verbose-dynamic'],
    code: '/usr/share/OVMF/OVMF_CODE_4M.fd',
    varsTemplate: '/usr/share/OVMF/OVMF_VARS_4M.fd',
  },
];

const glob = (g: string) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

/**
 * The descriptor libvirt picks: the first (in file-name order) for the arch and canonical machine that has
 * every feature the domain enables and none it disables
 */
export function pickFirmware(
  descriptors: readonly FirmwareDescriptor[],
  arch: string,
  machine: string,
  wanted: Record<string, boolean>,
): FirmwareDescriptor | undefined {
  return descriptors.find(
    (d) =>
      d.arch === arch &&
      d.machines.some((m) => glob(m).test(machine)) &&
      Object.entries(wanted).every(([feature, on]) => d.features.includes(feature) === on),
  );
}
