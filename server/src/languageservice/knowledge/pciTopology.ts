/**
 * PCI topology facts of libvirt 9.0's QEMU driver: what each PCI controller
 * model offers downstream, what each device needs upstream, the slots a
 * chipset fixes, and the names and options libvirt gives the controllers it
 * adds. The expander's PCI address rule works from these tables.
 *
 * Sources: src/conf/domain_addr.c (bus models, connect types, growth),
 * src/qemu/qemu_domain_address.c (device connect flags, chipset slots,
 * controller defaults); each fact was checked against `virsh define` +
 * `dumpxml --inactive` on libvirt 9.0.0 / QEMU 7.2.
 */
import { Source } from './source';

const ADDR = 'src/qemu/qemu_domain_address.c';
const DOMAIN_ADDR = 'src/conf/domain_addr.c';
const OBS = 'observed on libvirt 9.0.0 / QEMU 7.2';

/** connection types: what plugs in (device side) and what a bus accepts (bus side) */
export const CONNECT = {
  PCI_DEVICE: 1 << 0,
  PCIE_DEVICE: 1 << 1,
  PCIE_ROOT_PORT: 1 << 2,
  PCIE_SWITCH_UPSTREAM_PORT: 1 << 3,
  PCIE_SWITCH_DOWNSTREAM_PORT: 1 << 4,
  DMI_TO_PCI_BRIDGE: 1 << 5,
  PCIE_TO_PCI_BRIDGE: 1 << 6,
  PCI_EXPANDER_BUS: 1 << 7,
  PCIE_EXPANDER_BUS: 1 << 8,
  PCI_BRIDGE: 1 << 9,
  /** bus side: libvirt may place devices here on its own; device side: the device is placed by libvirt */
  AUTOASSIGN: 1 << 16,
  /** several of these devices may share one slot as functions 0-7 (pcie-root-port) */
  AGGREGATE_SLOT: 1 << 17,
  /** may sit directly on bus 0 of a PCIe machine (virtio-iommu) */
  INTEGRATED: 1 << 18,
} as const;

/** every connection type (not the placement modifiers) */
export const CONNECT_TYPES_MASK = (1 << 10) - 1;
export const CONNECT_ENDPOINT = CONNECT.PCI_DEVICE | CONNECT.PCIE_DEVICE;

export interface PciBusModel {
  /** the slots devices may use */
  minSlot: number;
  maxSlot: number;
  /** CONNECT bits of what may plug in downstream, plus AUTOASSIGN when libvirt may place devices here itself */
  accepts: number;
}

const C = CONNECT;
/** what each PCI controller model offers downstream (virDomainPCIAddressBusSetModel) */
export const PCI_BUS_MODELS: Record<string, PciBusModel> = {
  'pci-root': { minSlot: 1, maxSlot: 31, accepts: C.AUTOASSIGN | C.PCI_DEVICE | C.PCI_BRIDGE | C.PCI_EXPANDER_BUS },
  'pci-bridge': { minSlot: 1, maxSlot: 31, accepts: C.AUTOASSIGN | C.PCI_DEVICE | C.PCI_BRIDGE },
  'pci-expander-bus': { minSlot: 0, maxSlot: 31, accepts: C.AUTOASSIGN | C.PCI_DEVICE | C.PCI_BRIDGE },
  'pcie-root': { minSlot: 1, maxSlot: 31, accepts: C.PCIE_DEVICE | C.PCIE_ROOT_PORT | C.DMI_TO_PCI_BRIDGE | C.PCIE_EXPANDER_BUS },
  'dmi-to-pci-bridge': { minSlot: 0, maxSlot: 31, accepts: C.PCI_DEVICE | C.PCI_BRIDGE },
  'pcie-to-pci-bridge': { minSlot: 1, maxSlot: 31, accepts: C.AUTOASSIGN | C.PCI_DEVICE | C.PCI_BRIDGE },
  'pcie-root-port': { minSlot: 0, maxSlot: 0, accepts: C.AUTOASSIGN | C.PCIE_DEVICE | C.PCIE_SWITCH_UPSTREAM_PORT | C.PCIE_TO_PCI_BRIDGE },
  'pcie-switch-downstream-port': {
    minSlot: 0,
    maxSlot: 0,
    accepts: C.AUTOASSIGN | C.PCIE_DEVICE | C.PCIE_SWITCH_UPSTREAM_PORT | C.PCIE_TO_PCI_BRIDGE,
  },
  'pcie-switch-upstream-port': { minSlot: 0, maxSlot: 31, accepts: C.PCIE_SWITCH_DOWNSTREAM_PORT },
  'pcie-expander-bus': { minSlot: 0, maxSlot: 31, accepts: C.PCIE_ROOT_PORT | C.DMI_TO_PCI_BRIDGE },
};
/** @public where the table above comes from */
export const PCI_BUS_MODEL_SOURCE: Source = {
  ref: `${DOMAIN_ADDR}, virDomainPCIAddressBusSetModel (usable slots and accepted connections per controller model)`,
};

/** what each PCI controller model needs upstream (virDomainPCIControllerModelToConnectType); roots plug into nothing */
export const PCI_CONTROLLER_CONNECT: Record<string, number> = {
  'pci-root': 0,
  'pcie-root': 0,
  'pci-bridge': C.PCI_BRIDGE,
  'pci-expander-bus': C.PCI_EXPANDER_BUS,
  'pcie-expander-bus': C.PCIE_EXPANDER_BUS,
  'dmi-to-pci-bridge': C.DMI_TO_PCI_BRIDGE,
  'pcie-to-pci-bridge': C.PCIE_TO_PCI_BRIDGE,
  'pcie-root-port': C.PCIE_ROOT_PORT | C.AGGREGATE_SLOT,
  'pcie-switch-upstream-port': C.PCIE_SWITCH_UPSTREAM_PORT,
  'pcie-switch-downstream-port': C.PCIE_SWITCH_DOWNSTREAM_PORT,
};

/** the QEMU device name libvirt writes as `<model name>` of a PCI controller (qemuDomainPCIControllerSetDefaultModelName) */
export const PCI_CONTROLLER_MODEL_NAME: Record<string, string> = {
  'pci-bridge': 'pci-bridge',
  'dmi-to-pci-bridge': 'i82801b11-bridge',
  'pcie-to-pci-bridge': 'pcie-pci-bridge',
  'pcie-root-port': 'pcie-root-port',
  'pcie-switch-upstream-port': 'x3130-upstream',
  'pcie-switch-downstream-port': 'xio3130-downstream',
  'pci-expander-bus': 'pxb',
  'pcie-expander-bus': 'pxb-pcie',
};
/** the model name of a pci-root on pSeries: each is a PHB */
export const PSERIES_PHB_MODEL_NAME = 'spapr-pci-host-bridge';
export const PCI_MODEL_NAME_SOURCE: Source = {
  ref: `${ADDR}, qemuDomainPCIControllerSetDefaultModelName (pcie-root-port rather than ioh3420 when QEMU has it; spapr-pci-host-bridge for pSeries PHBs); ${OBS}`,
};
export const PCI_TARGET_SOURCE: Source = {
  ref: `${ADDR}, qemuDomainAssignPCIAddresses: pci-bridge chassisNr = index; pcie-root-port chassis = index and port = slot*8 + function of its own address; downstream port chassis = index, port = slot; PHB target index 0 for index 0, else the lowest free 1..31; ${OBS}`,
};

/**
 * How a device connects: 'pci' conventional PCI, 'pcie' PCI Express when the
 * machine has a pcie-root (else conventional), 'virtio' like 'pcie' (QEMU 7.2
 * has the transitional virtio devices), 'none' not a PCI device.
 */
export type PciConnectClass = 'pci' | 'pcie' | 'virtio' | 'none';

/** NIC models by connection (qemuDomainDeviceCalculatePCIConnectFlags); any other model is conventional PCI */
export const NET_MODEL_CONNECT: Record<string, PciConnectClass> = {
  virtio: 'virtio',
  'virtio-non-transitional': 'virtio',
  'virtio-transitional': 'pci',
  e1000e: 'pcie',
  igb: 'pcie',
  'usb-net': 'none',
  'spapr-vlan': 'none',
};

/** USB controller models by connection; a model left unset is conventional PCI */
export const USB_MODEL_CONNECT: Record<string, PciConnectClass> = {
  'qemu-xhci': 'pcie',
  'nec-xhci': 'pcie',
  none: 'none',
  qusb1: 'none',
  qusb2: 'none',
};

/** SCSI controller models by connection; the other models (lsilogic, ibmvscsi, ...) are conventional PCI */
export const SCSI_MODEL_CONNECT: Record<string, PciConnectClass> = {
  'virtio-scsi': 'virtio',
  'virtio-non-transitional': 'virtio',
  'virtio-transitional': 'pci',
  ncr53c90: 'none',
};

/** sound models that are PCI devices; sb16, pcspk, usb and ich7 are not */
export const PCI_SOUND_MODELS = ['es1370', 'ac97', 'ich6', 'ich9'];

/** video models by connection */
export const VIDEO_MODEL_CONNECT: Record<string, PciConnectClass> = {
  virtio: 'virtio',
  vga: 'pci',
  cirrus: 'pci',
  vmvga: 'pci',
  xen: 'pci',
  vbox: 'pci',
  qxl: 'pci',
  parallels: 'pci',
  bochs: 'pcie',
  none: 'none',
  ramfb: 'none',
  gop: 'none',
};
/** @public where the table above comes from */
export const CONNECT_FLAGS_SOURCE: Source = {
  ref: `${ADDR}, qemuDomainDeviceCalculatePCIConnectFlags (virtio devices are PCI Express on machines with a pcie-root, *-transitional models and most emulated devices are conventional PCI)`,
};

/**
 * The slots a chipset fixes (qemuDomainValidateDevicePCISlotsPIIX3 / ...Q35):
 * functions reserved for built-in devices that never appear in the XML, the
 * controllers that live at fixed addresses, and where the primary video goes.
 */
export interface ChipsetLayout {
  /** [slot, function] pairs on bus 0 always taken by built-in devices */
  reserved: [number, number][];
  /** controllers with a fixed address: type, index, optional models, [slot, function] */
  fixed: {
    type: string;
    index: string;
    models?: (string | undefined)[];
    slot: number;
    fn: number;
    multifunction?: boolean;
    onlyIfFree?: boolean;
  }[];
  /** the primary video's slot on bus 0, when free */
  primaryVideoSlot: number;
  source: Source;
}

export const CHIPSET_LAYOUT: Record<'i440fx' | 'q35', ChipsetLayout> = {
  i440fx: {
    reserved: [
      [1, 0],
      [1, 3],
    ],
    fixed: [
      { type: 'ide', index: '0', slot: 1, fn: 1 },
      { type: 'usb', index: '0', models: ['piix3-uhci', undefined], slot: 1, fn: 2 },
    ],
    primaryVideoSlot: 2,
    source: {
      ref: `${ADDR}, qemuDomainValidateDevicePCISlotsPIIX3 (PIIX3 ISA bridge 00:01.0, IDE 00:01.1, UHCI 00:01.2, ACPI 00:01.3; the primary video at 00:02.0); ${OBS}`,
    },
  },
  q35: {
    reserved: [
      [0x1f, 0],
      [0x1f, 3],
    ],
    fixed: [{ type: 'sata', index: '0', slot: 0x1f, fn: 2 }],
    primaryVideoSlot: 1,
    source: {
      ref: `${ADDR}, qemuDomainValidateDevicePCISlotsQ35 (ICH9 LPC 00:1f.0, SATA 00:1f.2, SMBus 00:1f.3; the primary video at 00:01.0; ich9-uhci at 00:1d or 00:1a; dmi-to-pci-bridge at 00:1e; the first ich9 sound at 00:1b); ${OBS}`,
    },
  },
};
/** q35 slots that the ICH9 parts take when free */
export const Q35_PREFERRED = { usbUhciSlots: [0x1d, 0x1a], dmiBridgeSlot: 0x1e, ich9SoundSlot: 0x1b };

/** the function each USB2 companion model takes in the slot it shares with its siblings */
export const USB2_COMPANION_FUNCTION: Record<string, { fn: number; multifunction?: boolean }> = {
  'ich9-ehci1': { fn: 7 },
  'ich9-uhci1': { fn: 0, multifunction: true },
  'ich9-uhci2': { fn: 1 },
  'ich9-uhci3': { fn: 2 },
};
export const USB2_COMPANION_SOURCE: Source = {
  ref: `${ADDR}, qemuDomainAssignDevicePCISlots (USB2 companions of one index share a slot: ehci1 function 7, uhci1-3 functions 0-2)`,
};

export const PCI_ASSIGN_SOURCE: Source = {
  ref: `${ADDR}, qemuDomainAssignPCIAddresses and qemuDomainAssignDevicePCISlots (a dry run decides which PCI controllers to add, then every device is placed in libvirt's order: PCI controllers, filesystems, NICs, sound, other controllers, virtio disks, hostdevs, balloon, RNG, watchdog, video, shmem, virtio input, PCI serial, IOMMU, vsock, memory); ${DOMAIN_ADDR}, virDomainPCIAddressGetNextAddr (lowest compatible bus, lowest free slot); ${OBS}`,
};
export const PCI_GROW_SOURCE: Source = {
  ref: `${DOMAIN_ADDR}, virDomainPCIAddressSetGrow (a pcie-root-port per PCIe device; a pcie-root-port + pcie-to-pci-bridge for the first conventional PCI device of a PCIe machine; a pci-bridge, or a PHB on pSeries, when slots run out); ${ADDR}, qemuDomainAssignPCIAddresses (one spare hotplug root port when libvirt added buses to a pcie-root machine whose XML named no PCI controllers); ${OBS}`,
};
export const PCI_MULTIFUNCTION_SOURCE: Source = {
  ref: `${DOMAIN_ADDR}, virDomainPCIAddressSetAllMulti (function 0 of a slot with other functions in use gets multifunction='on' unless set to off)`,
};
export const ZPCI_SOURCE: Source = {
  ref: `${ADDR}, qemuDomainAssignPCIAddressExtension (s390 PCI devices get zPCI uid from 1 and fid from 0, lowest free); ${OBS}`,
};

/**
 * The largest value of each part of a PCI address libvirt parses (src/util/virpci.c
 * virPCIDeviceAddressIsValid; "Invalid PCI address bus='0x100', must be <= 0xFF" on 9.0), and of a PCI
 * controller's index (src/conf/domain_validate.c, "PCI controller index 256 too high, maximum is 255").
 */
export const PCI_ADDRESS_MAX = { domain: 0xffff, bus: 0xff, slot: 0x1f, function: 7 } as const;
export const PCI_CONTROLLER_INDEX_MAX = 255;
