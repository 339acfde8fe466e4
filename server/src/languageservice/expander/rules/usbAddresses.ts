/**
 * USB ports (qemuDomainAssignUSBAddresses): hubs are added when the
 * controllers' ports run out, hubs without a port are placed first, then USB
 * hostdevs, disks, CCID controllers, inputs, serials, sound cards and
 * redirdevs each take the lowest free port of the lowest bus, going into the
 * hubs (port '1.1', ...) once a bus's own ports are full.
 */
import { USB_CONTROLLER_PORTS, USB_HUB_PORTS, USB_MAX_DEPTH, USB_SOURCE, XHCI_MAX_PORTS } from '../../knowledge/busAddresses';
import { addressOf, addressType, parseNum, writeAddress } from '../addresses';
import { ExpandContext, Rule } from '../context';
import { controllerList } from '../deviceOrder';
import { ENode } from '../eTree';
import { FillMeta } from '../fill';
import { effectiveUsbModel } from './pciAddresses';

const RULE = 'usb-addresses';

class Hub {
  readonly used: boolean[];
  readonly hubs: (Hub | undefined)[];
  constructor(readonly ports: number) {
    this.used = new Array(ports).fill(false);
    this.hubs = new Array(ports).fill(undefined);
  }

  /** the lowest free port here, else in the hubs plugged in here, as a path of port numbers */
  findFree(level: number): number[] | undefined {
    const i = this.used.indexOf(false);
    if (i >= 0) return [i + 1];
    if (level >= USB_MAX_DEPTH - 1) return undefined;
    for (let p = 0; p < this.ports; p++) {
      const sub = this.hubs[p]?.findFree(level + 1);
      if (sub) return [p + 1, ...sub];
    }
    return undefined;
  }
}

/** the devices that sit on USB, in the order libvirt gives them ports (virDomainUSBDeviceDefForeach, hubs aside) */
function usbDevices(ctx: ExpandContext): ENode[] {
  const d = ctx.root.child('devices');
  if (!d) return [];
  return [
    ...d.all('hostdev').filter((n) => n.attr('mode') !== 'capabilities' && n.attr('type') === 'usb'),
    ...d.all('disk').filter((n) => n.child('target')?.attr('bus') === 'usb'),
    ...controllerList(ctx).filter((n) => n.attr('type') === 'ccid'),
    ...d.all('input').filter((n) => n.attr('bus') === 'usb'),
    ...d.all('serial').filter((n) => n.child('target')?.attr('type') === 'usb-serial'),
    ...d.all('sound').filter((n) => n.attr('model') === 'usb'),
    ...d.all('redirdev').filter((n) => n.attr('bus') === 'usb'),
  ];
}

function portPath(a: ENode | undefined): number[] {
  const p = a?.attr('port');
  if (!p) return [];
  return p.split('.').map((x) => parseNum(x) ?? 0);
}

class UsbRefused extends Error {}

export const usbAddressesRule: Rule = {
  id: RULE,
  description: 'adds USB hubs when ports run out and gives USB devices their bus and port',
  apply(ctx) {
    const devices = ctx.root.child('devices');
    if (!devices) return;
    const controllers = controllerList(ctx).filter((c) => c.attr('type') === 'usb');
    const portsOf = (c: ENode): number => {
      const model = effectiveUsbModel(ctx, c);
      if (model === undefined) return 2;
      const n = USB_CONTROLLER_PORTS[model] ?? 0;
      return /xhci$/.test(model) && c.attr('ports') ? (parseNum(c.attr('ports')) ?? n) : n;
    };
    // libvirt 9.0 rejects an xHCI controller with more than 15 ports (confirmed on the 9.0 daemon) and fails to
    // parse a count that is not a number: nothing to predict for such a domain
    const badPorts = (c: ENode) => {
      const text = c.attr('ports');
      if (text === undefined || !/xhci$/.test(effectiveUsbModel(ctx, c) ?? '')) return false;
      const n = parseNum(text);
      return n === undefined || n < 1 || n > XHCI_MAX_PORTS;
    };
    if (controllers.some(badPorts)) return;
    const usbHubs = () => devices.all('hub').filter((h) => h.attr('type') === 'usb');
    const list = usbDevices(ctx);
    const count = list.length + usbHubs().length;
    if (!count) return;
    if (!controllers.some((c) => effectiveUsbModel(ctx, c) !== 'none')) return; // libvirt refuses USB devices without USB
    const available = controllers.reduce((s, c) => s + portsOf(c), 0) + usbHubs().length * USB_HUB_PORTS;
    if (count > available) {
      const needed = Math.ceil((count - available + 1) / (USB_HUB_PORTS - 1));
      for (let i = 0; i < needed; i++) {
        ctx.addElement(devices, new ENode('hub', { type: 'usb' }), {
          rule: RULE,
          category: 'abi',
          reason: `the USB controllers have ${available} ports for ${count} USB devices, so libvirt adds ${needed} hub${needed > 1 ? 's' : ''}`,
          source: USB_SOURCE,
        });
      }
    }
    try {
      const buses: (Hub | undefined)[] = [];
      for (const c of controllers) {
        const ports = portsOf(c);
        if (!ports) continue;
        const idx = Number(c.attr('index') ?? '0');
        if (buses[idx]) throw new UsbRefused();
        buses[idx] = new Hub(ports);
      }
      /** the hub holding the last port of a path, and that port's index */
      const locate = (bus: number, path: number[]): [Hub, number] => {
        let hub = buses[bus];
        if (!hub) throw new UsbRefused();
        for (const p of path.slice(0, -1)) {
          hub = hub.hubs[p - 1];
          if (!hub) throw new UsbRefused();
        }
        const last = path[path.length - 1] - 1;
        if (last < 0 || last >= hub.ports) throw new UsbRefused();
        return [hub, last];
      };
      const attachHub = (bus: number, path: number[]) => {
        const [hub, i] = locate(bus, path);
        if (hub.hubs[i]) throw new UsbRefused();
        hub.used[i] = true;
        hub.hubs[i] = new Hub(USB_HUB_PORTS);
      };
      const hasPort = (n: ENode) => addressType(n) === 'usb' && (portPath(addressOf(n))[0] ?? 0) !== 0;
      const busOf = (n: ENode) => parseNum(addressOf(n)?.attr('bus')) ?? 0;
      for (const h of usbHubs()) if (hasPort(h)) attachHub(busOf(h), portPath(addressOf(h)));
      for (const n of list) {
        if (!hasPort(n)) continue;
        const [hub, i] = locate(busOf(n), portPath(addressOf(n)));
        if (hub.used[i]) throw new UsbRefused();
        hub.used[i] = true;
      }
      const assign = (n: ENode, what: string): [number, number[]] | undefined => {
        const type = addressType(n);
        if (type !== 'none' && type !== 'usb') return undefined;
        if (hasPort(n)) return undefined;
        const candidates = type === 'usb' ? [busOf(n)] : buses.map((_, i) => i);
        if (type === 'usb' && !buses[busOf(n)]) throw new UsbRefused();
        for (const bus of candidates) {
          const path = buses[bus]?.findFree(0);
          if (!path) continue;
          const [hub, i] = locate(bus, path);
          hub.used[i] = true;
          const meta: FillMeta = {
            rule: RULE,
            category: 'address',
            reason: `the ${what} takes the first free USB port: bus ${bus} port ${path.join('.')}`,
            source: USB_SOURCE,
          };
          writeAddress(
            ctx,
            n,
            [
              ['type', 'usb'],
              ['bus', String(bus)],
              ['port', path.join('.')],
            ],
            meta,
          );
          return [bus, path];
        }
        throw new UsbRefused();
      };
      for (const h of usbHubs()) {
        const placed = assign(h, 'hub');
        if (placed) attachHub(placed[0], placed[1]);
      }
      for (const n of list) assign(n, n.name === 'controller' ? 'CCID controller' : n.name);
    } catch (e) {
      if (!(e instanceof UsbRefused)) throw e;
    }
  },
};
