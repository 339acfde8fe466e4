/**
 * Which controller a device address points at: the address type, the
 * attribute that holds the controller's index, and the controller type.
 * Source: libvirt formatdomain documentation, "Device Addresses" (drive:
 * `controller` is the controller's index, of the disk's bus type;
 * virtio-serial and ccid: `controller`; usb: `bus` is the USB controller's
 * index; pci: `bus` is the index of a PCI controller, e.g. a pcie-root-port)
 * and src/conf/domain_addr.c (virDomainPCIAddressBusSetModel: PCI bus numbers
 * are controller indexes).
 */
import { Source } from './source';

export interface AddressController {
  /** the attribute of `<address>` that names the controller's index */
  indexAttribute: string;
  /** the controller's type; 'disk-bus' for drive addresses, whose controller type is the device's bus */
  controllerType: string;
  source: Source;
}

const SOURCE: Source = { ref: 'docs/formatdomain.rst, Device Addresses; src/conf/domain_addr.c, PCI bus numbers are controller indexes' };

export const ADDRESS_CONTROLLERS: Record<string, AddressController> = {
  pci: { indexAttribute: 'bus', controllerType: 'pci', source: SOURCE },
  drive: { indexAttribute: 'controller', controllerType: 'disk-bus', source: SOURCE },
  'virtio-serial': { indexAttribute: 'controller', controllerType: 'virtio-serial', source: SOURCE },
  ccid: { indexAttribute: 'controller', controllerType: 'ccid', source: SOURCE },
  usb: { indexAttribute: 'bus', controllerType: 'usb', source: SOURCE },
};
