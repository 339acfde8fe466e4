/**
 * Address facts of the non-PCI buses libvirt 9.0 assigns at define time:
 * virtio-serial ports, spapr-vio registers, s390 CCW device numbers, USB
 * ports and hubs, DIMM slots. Each names its source; "observed" facts were
 * seen on libvirt 9.0.0 / QEMU 7.2 with `virsh define` + `dumpxml --inactive`.
 */
import { Source } from './source';

const ADDR = 'src/qemu/qemu_domain_address.c';
const DOMAIN_ADDR = 'src/conf/domain_addr.c';
const OBS = 'observed on libvirt 9.0.0 / QEMU 7.2';

/** ports of a virtio-serial controller without a `ports` attribute */
export const VIRTIO_SERIAL_DEFAULT_PORTS = 31;
export const VIRTIO_SERIAL_SOURCE: Source = {
  ref: `${ADDR}, qemuDomainAssignVirtioSerialAddresses; ${DOMAIN_ADDR}, virDomainVirtioSerialAddrAutoAssign (channels take the lowest free port from 1 on the lowest controller with one, 31 ports unless the controller says; port 0 is kept for a console; a new controller is added when all are full); ${OBS}`,
};

/** the first spapr-vio register per device class; on collision the value goes up by 0x1000 */
export const SPAPR_VIO_DEFAULT_REG = { net: 0x1000, controller: 0x2000, serial: 0x30000000, nvram: 0x3000, tpm: 0x4000 } as const;
export const SPAPR_VIO_SOURCE: Source = {
  ref: `${ADDR}, qemuDomainAssignSpaprVIOAddresses (spapr-vlan NICs from 0x1000, ibmvscsi from 0x2000, spapr-vty serials from 0x30000000, nvram from 0x3000, TPM from 0x4000, +0x1000 while taken; the defaults of QEMU's spapr devices); ${OBS}`,
};

/** the channel subsystem and subchannel set libvirt gives s390 virtio devices */
export const CCW_DEFAULT = { cssid: 0xfe, ssid: 0 };
export const CCW_SOURCE: Source = {
  ref: `${ADDR}, qemuDomainAssignS390Addresses and qemuDomainPrimeVirtioDeviceAddresses; ${DOMAIN_ADDR}, virDomainCCWAddressAllocate (virtio devices get cssid 0xfe, ssid 0 and the lowest free devno, in libvirt's device order, after explicit devnos are reserved); ${OBS}`,
};

/** the most ports libvirt accepts on qemu-xhci and nec-xhci (QEMU's limit; "'qemu-xhci' controller only supports up to '15' ports" on 9.0) */
export const XHCI_MAX_PORTS = 15;

/** ports libvirt counts per USB controller model (virDomainUSBAddressControllerModelToPorts); 0 = a companion that adds none */
export const USB_CONTROLLER_PORTS: Record<string, number> = {
  'piix3-uhci': 2,
  'piix4-uhci': 2,
  'vt82c686b-uhci': 2,
  ehci: 6,
  'ich9-ehci1': 6,
  'ich9-uhci1': 0,
  'ich9-uhci2': 0,
  'ich9-uhci3': 0,
  'pci-ohci': 3,
  'qemu-xhci': 4,
  'nec-xhci': 4,
  qusb1: 8,
  qusb2: 8,
};
/** ports of a USB hub */
export const USB_HUB_PORTS = 8;
/** hubs nest at most this deep, so a port path has at most this many parts */
export const USB_MAX_DEPTH = 4;
export const USB_SOURCE: Source = {
  ref: `${ADDR}, qemuDomainAssignUSBAddresses and qemuDomainUSBAddressAddHubs; ${DOMAIN_ADDR}, virDomainUSBAddressFindFreePort (hubs first, then USB hostdevs, disks, CCID, inputs, serials, sound, redirdevs each take the lowest free port of the lowest bus, then ports of its hubs; hubs are added when ports run out: ceil((devices - ports + 1) / 7)); ${OBS}`,
};

export const DIMM_SOURCE: Source = {
  ref: `${ADDR}, qemuDomainAssignMemorySlots (each dimm/nvdimm without an address gets the lowest free slot of <maxMemory slots>)`,
};
