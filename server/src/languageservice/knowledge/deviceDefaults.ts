/**
 * Device defaults of libvirt's QEMU driver, per architecture and machine.
 * Each table entry names its source; "observed" entries were seen on
 * libvirt 9.0.0 / QEMU 7.2 (Debian 12) by defining documents without the
 * value and reading `virsh dumpxml --inactive`.
 */
import { Source } from './source';
import { atLeast } from './versions';
import { Guest, pickRow, Row, rowSource, Versions } from './rows';

import { MachineKind } from './machineKind';
export type { MachineKind } from './machineKind';

const POSTPARSE = 'src/qemu/qemu_domain.c, qemuDomainDefAddDefaultDevices';
const OBS = 'observed on libvirt 9.0.0 / QEMU 7.2';

/**
 * The USB controller libvirt adds at index 0 (key 'usb-controller', value: its model).
 * Checked in libvirt's source for 7.0.0, 9.0.0 and 11.3.0 (qemuDomainDefAddDefaultDevices:
 * q35 prefers qemu-xhci when QEMU has it, which every QEMU of our profiles has; a model-less
 * controller on i440fx becomes piix3-uhci in qemuDomainControllerDefPostParse; pSeries gets
 * qemu-xhci for newly defined domains).
 */
export const USB_CONTROLLER_ROWS: Row<string>[] = [
  {
    key: 'usb-controller',
    machines: ['i440fx'],
    libvirt: '>=7.0.0',
    value: 'piix3-uhci',
    source: { ref: `${POSTPARSE}; ${OBS}`, verifiedOn: ['7.0.0', '9.0.0', '11.3.0'] },
  },
  {
    key: 'usb-controller',
    machines: ['q35'],
    libvirt: '>=7.0.0',
    qemu: '>=2.12.0',
    value: 'qemu-xhci',
    source: {
      ref: `${POSTPARSE} (q35: qemu-xhci preferred when QEMU has it, else nec-xhci, else ich9-ehci1); ${OBS}`,
      verifiedOn: ['7.0.0', '9.0.0', '11.3.0'],
    },
  },
  {
    key: 'usb-controller',
    machines: ['pseries'],
    libvirt: '>=7.0.0',
    qemu: '>=2.12.0',
    value: 'qemu-xhci',
    source: {
      ref: `src/qemu/qemu_domain.c, qemuDomainControllerDefPostParse (pseries prefers qemu-xhci over pci-ohci for new domains); ${OBS}`,
      verifiedOn: ['9.0.0'],
    },
  },
];

/** the USB controller a machine gets at index 0 for these versions, if any */
export function usbControllerDefault(versions: Versions, guest: Guest): { model: string; source: Source } | undefined {
  const row = pickRow(USB_CONTROLLER_ROWS, 'usb-controller', versions, guest);
  return row && { model: row.value, source: rowSource(row) };
}

/**
 * Implicit devices whose presence depends on the libvirt version.
 * - 'implicit-audio': libvirt 7.2.0 introduced <audio> for QEMU and, with it,
 *   qemuDomainDefAddDefaultAudioBackend (NEWS.rst v7.2.0; absent from 7.0.0's
 *   src/qemu/qemu_domain.c), so 7.0 stores no <audio>.
 * - 'itco-watchdog': since 9.1.0 a q35 guest lists the iTCO watchdog of its ICH9
 *   chipset (NEWS.rst v9.1.0 "iTCO watchdog made operational"; 11.3.0
 *   src/qemu/qemu_postparse.c, qemuDomainDefAddDefaultDevices addITCOWatchdog; absent from 9.0.0).
 */
export const IMPLICIT_DEVICE_ROWS: Row<boolean>[] = [
  {
    key: 'implicit-audio',
    libvirt: '<7.2.0',
    value: false,
    source: { ref: 'src/qemu/qemu_domain.c (7.0.0): no default audio backend; NEWS.rst v7.2.0 introduces <audio>', verifiedOn: ['7.0.0'] },
  },
  {
    key: 'implicit-audio',
    libvirt: '>=7.2.0',
    value: true,
    source: {
      ref: 'src/qemu/qemu_domain.c, qemuDomainDefAddDefaultAudioBackend (spice audio with SPICE graphics, else none); NEWS.rst v7.2.0',
      verifiedOn: ['9.0.0', '11.3.0'],
    },
  },
  {
    key: 'itco-watchdog',
    machines: ['q35'],
    libvirt: '<9.1.0',
    value: false,
    source: {
      ref: 'src/qemu/qemu_domain.c (7.0.0, 9.0.0), qemuDomainDefAddDefaultDevices: no iTCO watchdog is added',
      verifiedOn: ['7.0.0', '9.0.0'],
    },
  },
  {
    key: 'itco-watchdog',
    machines: ['q35'],
    libvirt: '>=9.1.0',
    value: true,
    source: {
      ref: 'src/qemu/qemu_postparse.c (11.3.0), qemuDomainDefAddDefaultDevices (q35: a watchdog of model itco, action reset or that of the first watchdog); NEWS.rst v9.1.0',
      verifiedOn: ['11.3.0'],
    },
  },
];

/** whether libvirt of these versions adds the implicit device `key` ('implicit-audio', 'itco-watchdog') to this guest, and why */
export function implicitDevice(
  key: 'implicit-audio' | 'itco-watchdog',
  versions: Versions,
  guest: Guest,
): { add: boolean; source: Source } | undefined {
  const row = pickRow(IMPLICIT_DEVICE_ROWS, key, versions, guest);
  return row && { add: row.value, source: rowSource(row) };
}

/** the USB controller built into i440fx's PIIX3 chipset (at 00:01.2); older libvirt added it without writing it */
export const I440FX_USB_MODEL = USB_CONTROLLER_ROWS.find((u) => u.machines?.includes('i440fx'))!.value;

/**
 * The model of a USB controller the user wrote without one, per guest arch.
 * It resolves per arch, not per machine (src/qemu/qemu_domain.c,
 * qemuDomainDefaultUSBControllerModel via qemuDomainControllerDefPostParse):
 * on x86 it is piix3-uhci even on q35, where the controller libvirt adds
 * itself is qemu-xhci; 32-bit ARM and RISC-V fall through to piix3-uhci too.
 */
export const EXPLICIT_USB_MODEL: { arches: string[]; model: string; source: Source }[] = [
  {
    arches: ['x86_64', 'i686'],
    model: 'piix3-uhci',
    source: {
      ref: `src/qemu/qemu_domain.c, qemuDomainControllerDefPostParse; ${OBS} (q35: model-less <controller type='usb'/> becomes piix3-uhci)`,
    },
  },
  {
    arches: ['aarch64', 'ppc64', 'ppc64le'],
    model: 'qemu-xhci',
    source: {
      ref: `src/qemu/qemu_domain.c, qemuDomainDefaultUSBControllerModel (qemu-xhci preferred on aarch64 and ppc64 when QEMU has it); ${OBS}`,
    },
  },
  {
    arches: ['armv7l', 'riscv64'],
    model: 'piix3-uhci',
    source: { ref: `src/qemu/qemu_domain.c, qemuDomainDefaultUSBControllerModel (the generic fallback); ${OBS} (armv7l and riscv64 virt)` },
  },
  { arches: ['s390x'], model: 'none', source: { ref: `formatdomain.rst#controllers (s390 has no USB); ${OBS}` } },
];

/** the model a model-less `<controller type='usb'/>` gets on an arch, if known */
export function explicitUsbModel(arch: string): { model: string; source: Source } | undefined {
  return EXPLICIT_USB_MODEL.find((e) => e.arches.includes(arch));
}

/** the PCI root controller each machine has */
export const PCI_ROOT: {
  machine: MachineKind;
  model: 'pci-root' | 'pcie-root';
  modelName?: string;
  targetIndex?: string;
  source: Source;
}[] = [
  { machine: 'i440fx', model: 'pci-root', source: { ref: POSTPARSE } },
  { machine: 'q35', model: 'pcie-root', source: { ref: POSTPARSE } },
  { machine: 'virt', model: 'pcie-root', source: { ref: `${POSTPARSE} (when QEMU has the gpex host bridge)` } },
  {
    machine: 'pseries',
    model: 'pci-root',
    modelName: 'spapr-pci-host-bridge',
    targetIndex: '0',
    source: {
      ref: `${POSTPARSE}; src/qemu/qemu_domain.c, qemuDomainControllerDefPostParse (spapr PHB model name and target index); ${OBS}`,
    },
  },
  { machine: 's390-ccw', model: 'pci-root', source: { ref: `${POSTPARSE} (zPCI-capable QEMU); ${OBS}` } },
];

/** which machines get a memballoon, ps2 inputs, a SATA controller, a panic device without asking */
export const IMPLICIT_DEVICES = {
  memballoon: {
    machines: ['i440fx', 'q35', 'pseries', 's390-ccw', 'virt'] as MachineKind[],
    exceptArches: ['aarch64', 'armv7l'],
    model: 'virtio',
    source: { ref: `${POSTPARSE} (not on ARM); ${OBS} (RISC-V virt gets one)` } as Source,
  },
  ps2Inputs: {
    arches: ['x86_64', 'i686'],
    source: { ref: 'src/qemu/qemu_domain.c, qemuDomainDefAddImplicitInputDevice (x86 machines with an i8042 controller)' } as Source,
  },
  sata: { machines: ['q35'] as MachineKind[], source: { ref: `${POSTPARSE} (q35's ICH9 AHCI at 00:1f.2)` } as Source },
  usbInputsWithGraphics: {
    machines: ['pseries'] as MachineKind[],
    source: { ref: `${POSTPARSE} (ppc64 gets USB keyboard and mouse when it has graphics)` } as Source,
  },
  panic: {
    pseries: 'pseries',
    's390-ccw': 's390',
    source: { ref: `${POSTPARSE} (the firmware provides the panic notification on pSeries and s390)` } as Source,
  },
  gic: {
    version: '2',
    source: {
      ref: 'src/qemu/qemu_domain.c, qemuDomainDefEnableDefaultFeatures (virt machines always have a GIC; TCG uses version 2)',
    } as Source,
  },
};

/**
 * The model of a panic device written without one (key 'panic-model').
 * 7.0.0 and 9.0.0 (src/qemu/qemu_domain.c, qemuDomainDevicePanicDefPostParse): pseries on
 * pSeries machines, s390 on s390, isa everywhere else, which QEMU refuses outside x86
 * (the define fails). 11.3.0 (src/qemu/qemu_domain.c, qemuDomainDefaultPanicModel): ARM virt
 * gets pvpanic, other non-x86 guests keep no model. Between 9.1.0 and 11.2 ARM and RISC-V
 * are not checked here: no row, so nothing is predicted.
 */
const PANIC_REF = 'src/qemu/qemu_domain.c, qemuDomainDevicePanicDefPostParse';
const PANIC_REF_11 = 'src/qemu/qemu_domain.c, qemuDomainDefaultPanicModel';
export const PANIC_MODEL_ROWS: Row<string | undefined>[] = [
  {
    key: 'panic-model',
    arches: ['x86_64', 'i686'],
    libvirt: '>=7.0.0',
    value: 'isa',
    source: { ref: `${PANIC_REF} (7.0.0, 9.0.0); ${PANIC_REF_11} (11.3.0)`, verifiedOn: ['7.0.0', '9.0.0', '11.3.0'] },
  },
  {
    key: 'panic-model',
    arches: ['ppc64', 'ppc64le'],
    machines: ['pseries'],
    libvirt: '>=7.0.0',
    value: 'pseries',
    source: { ref: `${PANIC_REF} (7.0.0, 9.0.0); ${PANIC_REF_11} (11.3.0)` },
  },
  {
    key: 'panic-model',
    arches: ['s390x'],
    libvirt: '>=7.0.0',
    value: 's390',
    source: { ref: `${PANIC_REF} (7.0.0, 9.0.0); ${PANIC_REF_11} (11.3.0)` },
  },
  {
    key: 'panic-model',
    arches: ['aarch64', 'armv7l', 'riscv64'],
    libvirt: '<9.1.0',
    value: 'isa',
    source: {
      ref: `${PANIC_REF} (7.0.0, 9.0.0: isa on every arch but pSeries and s390, which QEMU refuses outside x86)`,
      verifiedOn: ['7.0.0', '9.0.0'],
    },
  },
  {
    key: 'panic-model',
    arches: ['aarch64', 'armv7l'],
    machines: ['virt'],
    libvirt: '>=11.3.0',
    value: 'pvpanic',
    source: { ref: `${PANIC_REF_11} (11.3.0: pvpanic on ARM virt)`, verifiedOn: ['11.3.0'] },
  },
  {
    key: 'panic-model',
    arches: ['riscv64'],
    libvirt: '>=11.3.0',
    value: undefined,
    source: { ref: `${PANIC_REF_11} (11.3.0: no model outside x86, pSeries, s390 and ARM virt)`, verifiedOn: ['11.3.0'] },
  },
];

/** the model libvirt of these versions gives a model-less panic device of this guest (undefined: none, or not known) */
export function panicModelDefault(versions: Versions, guest: Guest): { model?: string; source: Source } | undefined {
  const row = pickRow(PANIC_MODEL_ROWS, 'panic-model', versions, guest);
  return row && { model: row.value, source: rowSource(row) };
}

/** the NIC model of an interface without <model> */
export function defaultNetModel(arch: string, machine: MachineKind, machineName = ''): string {
  if (arch === 's390x' || arch.startsWith('riscv')) return 'virtio';
  if (arch === 'aarch64' || arch === 'armv7l') {
    if (machine === 'virt') return 'virtio';
    // other ARM boards: versatilepb has an smc91c111, the rest (vexpress...) a lan9118
    return machineName === 'versatilepb' ? 'smc91c111' : 'lan9118';
  }
  return 'rtl8139';
}
export const NET_MODEL_SOURCE: Source = {
  ref: `src/qemu/qemu_domain.c, qemuDomainDefaultNetModel (virtio on s390x, RISC-V and ARM virt, smc91c111 on ARM versatilepb, lan9118 on other ARM boards, rtl8139 elsewhere); ${OBS}`,
};

/** the target of a serial port without one, per arch */
export const SERIAL_TARGET: Record<string, { type: string; model: string }> = {
  x86_64: { type: 'isa-serial', model: 'isa-serial' },
  i686: { type: 'isa-serial', model: 'isa-serial' },
  aarch64: { type: 'system-serial', model: 'pl011' },
  armv7l: { type: 'system-serial', model: 'pl011' },
  riscv64: { type: 'system-serial', model: '16550a' },
  ppc64: { type: 'spapr-vio-serial', model: 'spapr-vty' },
  ppc64le: { type: 'spapr-vio-serial', model: 'spapr-vty' },
  s390x: { type: 'sclp-serial', model: 'sclpconsole' },
};
/**
 * The target of a serial port without one on this guest, or undefined when
 * libvirt leaves it unset: system-serial only on ARM and RISC-V virt, the
 * spapr-vio serial only on pSeries (a vexpress board gets a bare <target port='0'/>).
 */
export function serialTargetDefault(arch: string, machine: MachineKind): { type: string; model: string } | undefined {
  const def = SERIAL_TARGET[arch];
  if (def?.type === 'system-serial' && machine !== 'virt') return undefined;
  if (def?.type === 'spapr-vio-serial' && machine !== 'pseries') return undefined;
  return def;
}
/** the <model name> of each serial target type (qemuDomainChrTargetModel per target type) */
export const SERIAL_MODEL_BY_TARGET: Record<string, string> = {
  'isa-serial': 'isa-serial',
  'pci-serial': 'pci-serial',
  'usb-serial': 'usb-serial',
  'spapr-vio-serial': 'spapr-vty',
  'sclp-serial': 'sclpconsole',
};
/**
 * The first libvirt that numbers serial ports after parsing the whole document (observed on 9.0.0 and
 * 11.3.0) instead of while parsing each (observed on 7.0.0); the release in between that changed it is not
 * confirmed, 7.1.0 is assumed (as for the disk bus, knowledge/diskDefaults.ts)
 */
export const SERIAL_PORTS_AFTER_PARSE_SINCE = '7.1.0';
/** ISA serial ports libvirt accepts when written (0-3); it numbers further ones itself without complaint */
export const ISA_SERIAL_MAX_PORT = 3;
export const SERIAL_SOURCE: Source = {
  ref: `src/qemu/qemu_domain.c, qemuDomainChrDefPostParse (serial target type and model per machine); src/conf/domain_conf.c, virDomainDefAddConsoleCompat (console 0 mirrors serial 0); ${OBS}`,
};

/** the SCSI controller model libvirt picks for an implicit or model-less SCSI controller */
export function defaultScsiModel(arch: string): string {
  if (arch.startsWith('ppc64')) return 'ibmvscsi';
  if (arch === 's390x') return 'virtio-scsi';
  return 'lsilogic';
}
export const SCSI_MODEL_SOURCE: Source = {
  ref: `src/qemu/qemu_domain_address.c, qemuDomainGetSCSIControllerModel (ibmvscsi on pSeries, virtio-scsi on s390, else lsilogic when QEMU has it: x86, aarch64, riscv64); ${OBS}`,
};

/** the video model of an implicit video device (added when there is graphics but no video) */
export function defaultVideoModel(arch: string): string {
  if (arch.startsWith('ppc64')) return 'vga';
  // RISC-V too (observed on libvirt 9.0.0: riscv64 virt with <graphics> and no <video> gets virtio)
  if (arch === 'aarch64' || arch === 'armv7l' || arch === 's390x' || arch === 'riscv64') return 'virtio';
  return 'cirrus';
}
export const VIDEO_SOURCE: Source = {
  ref: `src/conf/domain_conf.c, virDomainDefAddImplicitVideo and virDomainVideoDefaultRAM; src/qemu/qemu_domain.c, qemuDomainDeviceVideoDefPostParse; ${OBS}`,
};

/** the attributes libvirt fills on <video><model> per model type (KiB) */
export const VIDEO_MODEL_ATTRS: Record<string, Record<string, string>> = {
  qxl: { ram: '65536', vram: '65536', vgamem: '16384', heads: '1' },
  vga: { vram: '16384', heads: '1' },
  cirrus: { vram: '16384', heads: '1' },
  bochs: { vram: '16384', heads: '1' },
  vmvga: { vram: '16384', heads: '1' },
  virtio: { heads: '1' },
  ramfb: { heads: '1' },
  none: {},
};

/**
 * the default CPU model libvirt sets when a domain has none, from QEMU's machine default; the default is a
 * property of the machine type's version (QEMU's pseries-9.0 moved to POWER10, pseries-8.2 and older keep
 * POWER9: the 11.3 daemon with QEMU 10.0 stores POWER9 for pseries-7.2), so `machineName` is the canonical one
 */
export function defaultCpuModel(
  arch: string,
  machine: MachineKind,
  isKvm: boolean,
  qemu: string,
  machineName = '',
): { model?: string; mode?: string } | undefined {
  switch (arch) {
    case 'x86_64':
      return { model: 'qemu64' };
    case 'i686':
      return { model: 'qemu32' };
    case 'aarch64':
    case 'armv7l':
      return machine === 'virt' ? (isKvm ? { mode: 'host-passthrough' } : { model: 'cortex-a15' }) : undefined;
    case 'ppc64':
    case 'ppc64le':
      if (machine !== 'pseries') return undefined;
      return { model: atLeast(/^pseries-(\d+\.\d+)$/.exec(machineName)?.[1] ?? qemu, '9.0.0') ? 'POWER10' : 'POWER9' };
    case 's390x':
      return isKvm ? { mode: 'host-model' } : { model: 'qemu' };
    default:
      return undefined;
  }
}
export const DEFAULT_CPU_SOURCE: Source = {
  ref: `src/qemu/qemu_domain.c, qemuDomainDefSetDefaultCPU (QEMU's default-cpu-type of the machine, written as mode custom, match exact, check none, fallback forbid); ${OBS}`,
  libvirt: '>=5.10.0',
};
export const CPU_CHECK_SOURCE: Source = {
  ref: 'src/qemu/qemu_domain.c, qemuDomainDefCPUPostParse (check: none for host-passthrough and for custom CPUs under TCG, partial for host-model and custom under KVM)',
  libvirt: '>=3.2.0',
};

/** the TPM model of a <tpm> without one (key 'tpm-model'): spapr-tpm on ppc64, tpm-tis elsewhere */
export const TPM_MODEL_ROWS: Row<string>[] = [
  {
    key: 'tpm-model',
    arches: ['ppc64', 'ppc64le'],
    libvirt: '>=7.0.0',
    value: 'tpm-spapr',
    source: { ref: 'src/qemu/qemu_domain.c, qemuDomainTPMDefPostParse (7.0.0, 9.0.0; qemu_postparse.c in 11.3.0)' },
  },
  {
    key: 'tpm-model',
    arches: ['x86_64', 'i686', 'aarch64', 'armv7l', 'riscv64', 's390x'],
    libvirt: '>=7.0.0',
    value: 'tpm-tis',
    source: { ref: 'src/qemu/qemu_domain.c, qemuDomainTPMDefPostParse (7.0.0, 9.0.0; qemu_postparse.c in 11.3.0)', verifiedOn: ['7.0.0'] },
  },
];

/**
 * The TPM version of an emulated TPM written without one (key 'tpm-version'); TPM 1.2 and 2.0
 * are not compatible, so libvirt records one. The rule changed twice: in 7.0.0
 * (qemuDomainDefTPMsPostParse) tpm-crb and tpm-spapr get 2.0, the rest 1.2; 9.0.0
 * (qemuDomainTPMDefPostParse) also gives ARM virt 2.0; 11.3.0 (qemu_postparse.c) gives 1.2 only
 * to tpm-tis on x86 and 2.0 to everything else. The exact releases of the changes between the
 * versions read are not located: each row starts at the version whose source was read.
 */
export type TpmVersionRule = (model: string, guest: Guest) => '1.2' | '2.0';
export const TPM_VERSION_ROWS: Row<TpmVersionRule>[] = [
  {
    key: 'tpm-version',
    libvirt: '7.0.0-8.99.99',
    value: (m) => (m === 'tpm-crb' || m === 'tpm-spapr' ? '2.0' : '1.2'),
    source: { ref: 'src/qemu/qemu_domain.c, qemuDomainDefTPMsPostParse (7.0.0)', verifiedOn: ['7.0.0'] },
  },
  {
    key: 'tpm-version',
    libvirt: '9.0.0-11.2.99',
    value: (m, g) =>
      m === 'tpm-crb' || m === 'tpm-spapr' || (g.machine === 'virt' && (g.arch === 'aarch64' || g.arch === 'armv7l')) ? '2.0' : '1.2',
    source: { ref: 'src/qemu/qemu_domain.c, qemuDomainTPMDefPostParse (9.0.0)' },
  },
  {
    key: 'tpm-version',
    libvirt: '>=11.3.0',
    value: (m, g) => (m === 'tpm-tis' && (g.arch === 'x86_64' || g.arch === 'i686') ? '1.2' : '2.0'),
    source: { ref: 'src/qemu/qemu_postparse.c, qemuDomainTPMDefPostParse (11.3.0)', verifiedOn: ['11.3.0'] },
  },
];

/**
 * <hyperv mode>: since 8.0.0 libvirt stores the mode of the Hyper-V enlightenments, custom
 * unless passthrough is asked (formatdomain.rst "Hypervisor features", since 8.0.0;
 * src/conf/domain_conf.c, virDomainFeaturesHyperVDefParse and the formatter); 7.0.0 has no mode.
 */
export const HYPERV_MODE_ROWS: Row<string | undefined>[] = [
  {
    key: 'hyperv-mode',
    libvirt: '<8.0.0',
    value: undefined,
    source: { ref: 'src/conf/domain_conf.c (7.0.0): <hyperv> has no mode attribute' },
  },
  {
    key: 'hyperv-mode',
    libvirt: '>=8.0.0',
    value: 'custom',
    source: {
      ref: 'src/conf/domain_conf.c, virDomainDefFormatFeatures (9.0.0, 11.3.0: <hyperv mode=...> always written); formatdomain.rst, since 8.0.0',
    },
  },
];
