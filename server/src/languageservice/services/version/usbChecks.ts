/**
 * libvirt's rules for USB controllers, hubs and USB addresses (libvirt 7.0,
 * 9.0 and 11.3 alike):
 * - src/conf/device_conf.c virDomainDeviceUSBAddressParsePort: a port is up
 *   to 4 numbers joined by dots;
 * - src/conf/domain_conf.c virDomainDefControllersParse: companion
 *   controllers (ich9-uhci*, or a <master>) need a master controller;
 * - src/qemu/qemu_domain.c qemuDomainControllerDefPostParse: an xHCI
 *   controller has at most 15 ports;
 * - src/conf/domain_addr.c (virDomainUSBAddressSetAddController, ...AddHub,
 *   ...FindPort, ...Reserve, ...Assign) through
 *   src/qemu/qemu_domain_address.c qemuDomainAssignUSBAddresses: every
 *   controller is a bus with a number of ports per model (piix3/piix4/vt82c686b
 *   2, ehci/ich9-ehci1 6, pci-ohci 3, xHCI `ports` or 4, companions none),
 *   every hub with an address has 8 ports there, and each written address
 *   must name an existing bus, hub and port, used once.
 * The controllers (their models filled as libvirt fills them) come from the
 * expansion; the addresses are the document's.
 */
import { XmlElement } from '../../parser/xmlNodes';
import { USB_CONTROLLER_PORTS, XHCI_MAX_PORTS } from '../../knowledge/busAddresses';
import { attrRange, int, LibvirtRule, nameOf, RuleFacts, uint } from './ruleFacts';

const MODEL_PORTS = USB_CONTROLLER_PORTS;

/** a written port path, or 'bad' when libvirt cannot parse it, undefined when absent or empty */
function portPath(a: XmlElement): number[] | 'bad' | undefined {
  const p = a.attr('port');
  if (p === undefined || p === '') return undefined;
  const parts = p.split('.');
  if (parts.length > 4 || parts.some((x) => !/^\d+$/.test(x))) return 'bad';
  const nums = parts.map(Number);
  // a port of 0 anywhere makes the address "not valid" (virDomainUSBAddressPortIsValid): libvirt assigns one instead
  return nums[0] === 0 ? undefined : nums;
}

/** the USB devices of the document (virDomainUSBDeviceDefForeach), hubs apart */
function usbDevices(f: RuleFacts): XmlElement[] {
  const out: XmlElement[] = [];
  for (const d of f.domain.child('devices')?.elements() ?? []) {
    const usb =
      (d.name === 'hostdev' && d.attr('type') === 'usb') ||
      (d.name === 'disk' && d.child('target')?.attr('bus') === 'usb') ||
      (d.name === 'controller' && d.attr('type') === 'ccid') ||
      (d.name === 'input' && d.attr('bus') === 'usb') ||
      (d.name === 'serial' && d.child('target')?.attr('type') === 'usb-serial') ||
      (d.name === 'sound' && d.attr('model') === 'usb') ||
      (d.name === 'redirdev' && (d.attr('bus') ?? 'usb') === 'usb');
    if (usb) out.push(d);
  }
  return out;
}

interface Hub {
  ports: (Hub | undefined)[];
  used: Set<number>;
}

const newHub = (n: number): Hub => ({ ports: new Array(n).fill(undefined), used: new Set() });

export const USB_RULES: LibvirtRule[] = [
  {
    id: 'usb-port-syntax',
    source: 'src/conf/device_conf.c virDomainDeviceUSBAddressParsePort',
    run(f, reject) {
      for (const d of f.domain.child('devices')?.elements() ?? []) {
        const a = d.child('address');
        if (a?.attr('type') === 'usb' && portPath(a) === 'bad')
          reject(
            'usb-port-syntax',
            attrRange(a, 'port'),
            `a USB port is up to 4 numbers joined by dots ("Cannot parse <address> 'port' attribute")`,
          );
      }
    },
  },
  {
    id: 'usb-controllers',
    source: 'src/conf/domain_conf.c virDomainDefControllersParse, src/qemu/qemu_domain.c qemuDomainControllerDefPostParse',
    run(f, reject) {
      const written = (f.domain.child('devices')?.elements('controller') ?? []).filter(
        (c) => c.attr('type') === 'usb' && c.attr('model') !== 'none',
      );
      if (written.length && written.every((c) => c.child('master') || /^ich9-uhci[123]$/.test(c.attr('model') ?? '')))
        reject(
          'usb-controllers',
          nameOf(written[0]),
          `a USB companion controller needs its EHCI master ("No master USB controller specified")`,
        );
      for (const c of f.devices('controller')) {
        const model = c.attr('model');
        const ports = int(c.attr('ports'));
        if (
          c.origin &&
          c.attr('type') === 'usb' &&
          (model === 'qemu-xhci' || model === 'nec-xhci') &&
          ports !== undefined &&
          ports > XHCI_MAX_PORTS
        )
          reject(
            'usb-controllers',
            nameOf(c.origin),
            `an xHCI controller has at most 15 ports ("'${model}' controller only supports up to '15' ports")`,
          );
      }
    },
  },
  {
    id: 'usb-address',
    source:
      'src/conf/domain_addr.c virDomainUSBAddressFindPort, virDomainUSBAddressReserve, virDomainUSBAddressAssign (via qemuDomainAssignUSBAddresses)',
    run(f, reject) {
      const buses = new Map<number, Hub>();
      for (const c of f.devices('controller')) {
        if (c.attr('type') !== 'usb') continue;
        const model = c.attr('model');
        const idx = int(c.attr('index'));
        if (!model || idx === undefined) return; // the expansion did not settle the model: say nothing
        if (model === 'none') continue;
        const n =
          model === 'qemu-xhci' || model === 'nec-xhci' || model.startsWith('qusb')
            ? (int(c.attr('ports')) ?? MODEL_PORTS[model])
            : MODEL_PORTS[model];
        if (n === undefined) return; // a model we do not know: say nothing
        if (n > 0 && !buses.has(idx)) buses.set(idx, newHub(n));
      }
      type Found = { hub: Hub; port: number } | { error: string };
      const find = (bus: number, path: number[]): Found => {
        let hub = buses.get(bus);
        const portStr = path.join('.');
        if (!hub) return { error: `Missing USB bus ${bus}` };
        for (const p of path.slice(0, -1)) {
          if (hub.ports.length <= p - 1) return { error: `port ${p} out of range in USB address bus: ${bus} port: ${portStr}` };
          const next: Hub | undefined = hub.ports[p - 1];
          if (!next) return { error: `there is no hub at port ${p} in USB address bus: ${bus} port: ${portStr}` };
          hub = next;
        }
        const last = path[path.length - 1] - 1;
        if (last >= hub.ports.length) return { error: `requested USB port ${portStr} not present on USB bus ${bus}` };
        return { hub, port: last };
      };
      const devices = f.domain.child('devices');
      if (!devices) return;
      // hubs with an address first, each adding 8 ports (virDomainUSBAddressSetAddControllers)
      // an address with a bus but no port gets a port at assignment, from a bus that must exist (virDomainUSBAddressAssign)
      const missingBus = (a: XmlElement, bus: number) =>
        reject(
          'usb-address',
          nameOf(a),
          `the address names a USB bus no controller provides ("USB bus ${bus} requested but no controller with that index is present")`,
        );
      for (const h of devices.elements('hub')) {
        const a = h.child('address');
        if (a?.attr('type') !== 'usb') continue;
        const path = portPath(a);
        const bus = uint(a.attr('bus')) ?? 0;
        if (!path && !buses.has(bus)) return missingBus(a, bus);
        if (!path || path === 'bad') continue;
        const r = find(bus, path);
        if ('error' in r) return reject('usb-address', nameOf(a), `no such USB port ("${r.error}")`);
        if (r.hub.ports[r.port])
          return reject('usb-address', nameOf(a), `two hubs at one port ("Duplicate USB hub on bus ${bus} port ${path.join('.')}")`);
        r.hub.used.add(r.port);
        r.hub.ports[r.port] = newHub(8);
      }
      for (const d of usbDevices(f)) {
        const a = d.child('address');
        if (a?.attr('type') !== 'usb') continue;
        const path = portPath(a);
        const bus = uint(a.attr('bus')) ?? 0;
        if (path === 'bad') continue;
        if (!path) {
          if (!buses.has(bus)) missingBus(a, bus);
          continue;
        }
        const r = find(bus, path);
        if ('error' in r) return reject('usb-address', nameOf(a), `no such USB port ("${r.error}")`);
        if (r.hub.used.has(r.port))
          return reject(
            'usb-address',
            nameOf(a),
            `two USB devices at one port ("Duplicate USB address bus ${bus} port ${path.join('.')}")`,
          );
        r.hub.used.add(r.port);
      }
    },
  },
];
