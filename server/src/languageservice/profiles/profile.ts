/**
 * A target profile: the libvirt and QEMU a domain will be defined on, and,
 * when known, facts read from that host (`virsh capabilities` /
 * `virsh domcapabilities`).
 */
import { FirmwareDescriptor } from '../knowledge/firmwareDescriptors';

export interface HostMachine {
  /** canonical machine type name, e.g. pc-i440fx-7.2 */
  name: string;
  /** alias QEMU resolves to this machine, e.g. pc */
  canonicalOf?: string;
}

export interface HostGuestArch {
  arch: string;
  emulator?: string;
  machines: HostMachine[];
  /** domain types available for the arch, e.g. ['qemu', 'kvm'] */
  domainTypes: string[];
}

export interface DomainCapabilities {
  arch?: string;
  machine?: string;
  /** the virt type they were asked for (`<domain>`: qemu or kvm) */
  virttype?: string;
  /** enum values the host supports, keyed like `devices/disk/bus` or `features/hyperv/features` */
  enums: Record<string, string[]>;
  cpuModes: string[];
  /** CPU models usable with mode=custom */
  cpuModels: string[];
  hostModel?: string;
  features: Record<string, boolean>;
  loaderValues: string[];
  /** the most vCPUs the machine takes (`<vcpu max=...>`) */
  vcpuMax?: number;
}

export interface DisabledValue {
  /** the attribute, as /domain/devices/interface/backend/@type */
  path: string;
  value: string;
  /** the distribution's patch or build option that disables it */
  source: string;
  /** the libvirt versions whose real daemon confirmed the refusal */
  verifiedOn?: string[];
}

export interface TargetProfile {
  id: string;
  label: string;
  libvirt: string;
  qemu: string;
  /** the host's architecture; the arch of a domain that names none */
  hostArch: string;
  /** per guest arch, from `virsh capabilities`; absent for built-in profiles */
  guests?: HostGuestArch[];
  /** the UEFI firmware descriptors of the host's packages, when known (knowledge/firmwareDescriptors.ts) */
  firmware?: readonly FirmwareDescriptor[];
  /** from `virsh domcapabilities`, when given: one set per arch, machine and virt type asked (picked per domain, domcapsFor) */
  domcaps?: DomainCapabilities[];
  /**
   * a live host's domain capabilities for one guest (the CLI's --connect asks virsh), used before the
   * captured sets; set by the host layer, never by the pure language service
   */
  domcapsProvider?: (guest: { arch: string; virttype: string; machine: string }) => DomainCapabilities | undefined;
  /**
   * attribute values upstream libvirt of this version knows but this distribution's build refuses at define
   * (its patches), e.g. Debian 12 builds libvirt 9.0 without passt
   */
  disabledValues?: readonly DisabledValue[];
  /** the distribution release the profile stands for, as /etc/os-release names it (ID, VERSION_ID) */
  distribution?: { id: string; versionId: string };
  /** machine type names of this QEMU that differ from upstream's (distribution patches), per alias */
  machineNames?: Record<string, string>;
  /** where the profile's facts come from */
  source: string;
}
