/**
 * libvirt's rules for PCI controllers and for where a device may be plugged
 * (libvirt 7.0, 9.0, 11.3 unless a rule says otherwise), read against the
 * expansion: its PCI controllers are the ones libvirt has by the time it
 * validates (indexes assigned, implicit roots and automatic root ports
 * added). Sources:
 * - src/conf/device_conf.c virPCIDeviceAddressParseXML + src/util/virpci.c
 *   virPCIDeviceAddressIsValid: the ranges of a PCI address;
 * - src/conf/domain_validate.c virDomainControllerDefValidate: root
 *   controllers have no address; index, target index, chassis, port, busNr
 *   ranges;
 * - src/qemu/qemu_domain.c qemuDomainDeviceDefPostParse (11.3:
 *   qemu_postparse.c): pcie-expander-bus machines, NUMA nodes of expander
 *   buses and PHBs;
 * - src/conf/domain_addr.c virDomainPCIAddressValidate and
 *   virDomainPCIAddressFlagsCompatible, reached through
 *   qemuDomainCollectPCIAddress for every address the document gives: the
 *   bus must accept that kind of device, and its lowest usable slot;
 *   "No PCI buses available" when the guest has no PCI controller at all;
 * - src/qemu/qemu_domain_address.c qemuDomainAssignPCIAddresses: on an x86
 *   machine without PCI (isapc) every device libvirt puts on PCI fails the same
 *   way: NICs of any model (ne2k_isa too), video, memballoons (the implicit
 *   one is virtio), USB controllers other than 'none', virtio devices; ISA
 *   ones (serial, PS/2, sb16, TPM TIS) do not (observed on 7.0, 9.0 and 11.3);
 * - virDomainPCIAddressSetGrow: automatic pcie-root-ports beyond what
 *   pcie-root's slots hold.
 */
import { XmlElement, walkElements } from '../../parser/xmlNodes';
import { ENode } from '../../expander/eTree';
import {
  CONNECT,
  CONNECT_TYPES_MASK,
  PCI_ADDRESS_MAX,
  PCI_BUS_MODELS,
  PCI_CONTROLLER_CONNECT,
  PCI_CONTROLLER_INDEX_MAX,
} from '../../knowledge/pciTopology';
import { int, LibvirtRule, nameOf, attrRange, nodeRange, RuleFacts, uint } from './ruleFacts';

const ROOTS = new Set(['pci-root', 'pcie-root']);

function pciControllers(f: RuleFacts): ENode[] {
  return f.devices('controller').filter((c) => c.attr('type') === 'pci');
}

function byIndex(f: RuleFacts): Map<number, ENode> {
  const m = new Map<number, ENode>();
  for (const c of pciControllers(f)) {
    const i = int(c.attr('index'));
    if (i !== undefined && !m.has(i)) m.set(i, c);
  }
  return m;
}

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');

interface WrittenPci {
  device: XmlElement;
  address: XmlElement;
  domain: number;
  bus: number;
  slot: number;
  fn: number;
}

/** the PCI address a device element of the document gives itself (not a hostdev's host address), when present and not empty */
function writtenPci(device: XmlElement): WrittenPci | undefined {
  const a = device.child('address');
  if (!a || a.attr('type') !== 'pci') return undefined;
  const domain = uint(a.attr('domain')) ?? 0;
  const bus = uint(a.attr('bus')) ?? 0;
  const slot = uint(a.attr('slot')) ?? 0;
  const fn = uint(a.attr('function')) ?? 0;
  // all-zero domain, bus and slot asks libvirt to pick (virDeviceInfoPCIAddressIsPresent)
  if (!domain && !bus && !slot) return undefined;
  return { device, address: a, domain, bus, slot, fn };
}

const show = (a: WrittenPci) => `${hex(a.domain, 4)}:${hex(a.bus, 2)}:${hex(a.slot, 2)}.${a.fn}`;

/** the connection kind libvirt names in its message (virDomainPCIAddressFlagsCompatible) */
function connectName(flags: number): string {
  const names: [number, string][] = [
    [CONNECT.PCI_DEVICE, 'standard PCI device'],
    [CONNECT.PCIE_DEVICE, 'PCI Express device'],
    [CONNECT.PCIE_ROOT_PORT, 'pcie-root-port'],
    [CONNECT.PCIE_SWITCH_UPSTREAM_PORT, 'pcie-switch-upstream-port'],
    [CONNECT.PCIE_SWITCH_DOWNSTREAM_PORT, 'pcie-switch-downstream-port'],
    [CONNECT.DMI_TO_PCI_BRIDGE, 'dmi-to-pci-bridge'],
    [CONNECT.PCIE_TO_PCI_BRIDGE, 'pcie-to-pci-bridge'],
    [CONNECT.PCI_EXPANDER_BUS, 'pci-expander-bus'],
    [CONNECT.PCIE_EXPANDER_BUS, 'pcie-expander-bus'],
    [CONNECT.PCI_BRIDGE, 'pci-bridge'],
  ];
  return names.find(([bit]) => flags & bit)?.[1] ?? 'PCI device';
}

/** the devices of the document with their expansion nodes, by element */
function expandedOf(f: RuleFacts): Map<XmlElement, ENode> {
  const m = new Map<XmlElement, ENode>();
  for (const d of f.devices()) if (d.origin) m.set(d.origin, d);
  return m;
}

/** sound models on the ISA bus; every other one is a PCI device */
const ISA_SOUND = new Set(['sb16', 'pcspk']);

/** the first device of the expansion that libvirt would place on PCI (without an address of its own) */
function firstPciDevice(f: RuleFacts): ENode | undefined {
  for (const d of f.devices()) {
    if (d.child('address')) continue;
    const model = d.attr('model') ?? d.child('model')?.attr('type');
    const pci =
      d.name === 'interface' ||
      (d.name === 'video' && model !== 'none') ||
      (d.name === 'memballoon' && model !== 'none') ||
      (d.name === 'controller' && d.attr('type') === 'usb' && model !== 'none') ||
      (d.name === 'controller' && ['scsi', 'sata', 'virtio-serial'].includes(d.attr('type') ?? '')) ||
      (d.name === 'sound' && !ISA_SOUND.has(model ?? '')) ||
      (d.name === 'disk' && d.child('target')?.attr('bus') === 'virtio') ||
      (d.name === 'input' && d.attr('bus') === 'virtio') ||
      ['rng', 'filesystem', 'vsock', 'shmem'].includes(d.name) ||
      (d.name === 'hostdev' && d.attr('type') === 'pci');
    if (pci) return d;
  }
  return undefined;
}

export const PCI_PLACEMENT_RULES: LibvirtRule[] = [
  {
    id: 'pci-bus-missing',
    source: 'src/qemu/qemu_domain_address.c qemuDomainAssignPCIAddresses, src/conf/domain_addr.c virDomainPCIAddressGetNextAddr',
    run(f, reject) {
      if (f.arch !== 'x86_64' && f.arch !== 'i686') return;
      if (f.machine !== 'isapc' || pciControllers(f).length) return;
      // libvirt adds a virtio memballoon to any x86 guest that names none
      const implicitBalloon = !f.domain.child('devices')?.child('memballoon');
      const d = firstPciDevice(f);
      if (!d && !implicitBalloon) return;
      reject(
        'pci-bus-missing',
        d ? nodeRange(d) : nameOf(f.domain.child('devices') ?? f.domain),
        `isapc has no PCI bus, and ${d ? `this <${d.name}>` : "the virtio memballoon libvirt adds (write <memballoon model='none'/>)"} is a PCI device ("No PCI buses available")`,
      );
    },
  },
  {
    id: 'pci-address-range',
    source: 'src/conf/device_conf.c virPCIDeviceAddressParseXML, src/util/virpci.c virPCIDeviceAddressIsValid',
    run(f, reject) {
      const devices = f.domain.child('devices');
      if (!devices) return;
      for (const a of walkElements(devices)) {
        if (a.name !== 'address') continue;
        // a device's own address says type='pci'; a PCI hostdev's host address (in <source>) has no type
        const pci =
          a.attr('type') === 'pci' || (a.parent?.name === 'source' && a.parent.parent?.attr('type') === 'pci' && !a.hasAttr('type'));
        if (!pci) continue;
        const bus = uint(a.attr('bus')) ?? 0;
        const slot = uint(a.attr('slot')) ?? 0;
        const fn = uint(a.attr('function')) ?? 0;
        const domain = uint(a.attr('domain')) ?? 0;
        if (!domain && !bus && !slot && !fn) continue;
        if (bus > PCI_ADDRESS_MAX.bus)
          reject(
            'pci-address-range',
            attrRange(a, 'bus'),
            `a PCI bus number is at most 0xFF ("Invalid PCI address bus='0x${bus.toString(16)}', must be <= 0xFF")`,
          );
        else if (slot > PCI_ADDRESS_MAX.slot)
          reject(
            'pci-address-range',
            attrRange(a, 'slot'),
            `a PCI slot is at most 0x1F ("Invalid PCI address slot='0x${slot.toString(16)}', must be <= 0x1F")`,
          );
        else if (fn > PCI_ADDRESS_MAX.function)
          reject(
            'pci-address-range',
            attrRange(a, 'function'),
            `a PCI function is at most 7 ("Invalid PCI address function=0x${fn.toString(16)}, must be <= 7")`,
          );
      }
    },
  },
  {
    id: 'pci-root-address',
    source: 'src/conf/domain_validate.c virDomainControllerDefValidate',
    run(f, reject) {
      for (const c of pciControllers(f)) {
        const a = c.origin?.child('address');
        if (ROOTS.has(c.attr('model') ?? '') && a)
          reject(
            'pci-root-address',
            nameOf(a),
            `the ${c.attr('model')} is the bus itself and plugs into nothing ("pci-root and pcie-root controllers should not have an address")`,
          );
      }
    },
  },
  {
    id: 'pci-controller-options',
    source: 'src/conf/domain_validate.c virDomainControllerDefValidate',
    run(f, reject) {
      for (const c of pciControllers(f)) {
        const el = c.origin;
        if (!el) continue;
        const idx = int(c.attr('index'));
        const target = el.child('target');
        const range = (name: string, lo: number, hi: number, label: string, message: (v: number) => string) => {
          const v = int(target?.attr(name));
          if (target && v !== undefined && (v < lo || v > hi))
            reject('pci-controller-options', attrRange(target, name), `${label} ("${message(v)}")`);
          return v;
        };
        if (idx !== undefined && idx > PCI_CONTROLLER_INDEX_MAX) {
          reject(
            'pci-controller-options',
            attrRange(el, 'index'),
            `PCI controller indexes end at 255 ("PCI controller index ${idx} too high, maximum is 255")`,
          );
          continue;
        }
        const ti = range(
          'index',
          0,
          30,
          'a PHB target index is 0-30',
          (v) => `PCI controller target index '${v}' out of range - must be 0-30`,
        );
        if (ti !== undefined && ti >= 0 && ti <= 30 && idx !== undefined && (idx === 0) !== (ti === 0))
          reject(
            'pci-controller-options',
            attrRange(target!, 'index'),
            `target index 0 belongs to the default PHB, the controller with index 0 ("Only the PCI controller with index 0 can have target index 0, and vice versa")`,
          );
        range('chassisNr', 1, 255, 'a chassisNr is 1-255', (v) => `PCI controller chassisNr '${v}' out of range - must be 1-255`);
        range('chassis', 0, 255, 'a chassis is 0-255', (v) => `PCI controller chassis '${v}' out of range - must be 0-255`);
        range('port', 0, 255, 'a port is 0-255', (v) => `PCI controller port '${v}' out of range - must be 0-255`);
        range('busNr', 1, 254, 'a busNr is 1-254', (v) => `PCI controller busNr '${v}' out of range - must be 1-254`);
      }
    },
  },
  {
    id: 'pci-index0-numa-node',
    source: 'src/conf/domain_validate.c virDomainControllerDefValidate (not in 7.0)',
    since: '8.0.0',
    run(f, reject) {
      for (const c of pciControllers(f)) {
        const node = c.origin?.child('target')?.child('node');
        if (node && int(c.attr('index')) === 0 && (int(node.trimmedText()) ?? -1) >= 0)
          reject(
            'pci-index0-numa-node',
            nameOf(node),
            `the PCI root (index 0) has no NUMA node of its own ("The PCI controller with index=0 can't be associated with a NUMA node")`,
          );
      }
    },
  },
  {
    id: 'pci-expander-bus-machine',
    source: 'src/qemu/qemu_domain.c qemuDomainDeviceDefPostParse (11.3: qemu_postparse.c)',
    run(f, reject) {
      const armVirt = f.machineKind === 'virt' && (f.arch === 'aarch64' || f.arch === 'armv7l');
      for (const c of pciControllers(f)) {
        if (!c.origin) continue;
        const model = c.attr('model');
        if (model === 'pci-expander-bus' && f.machineKind !== 'i440fx')
          reject(
            'pci-expander-bus-machine',
            nodeRange(c, 'model'),
            `a pci-expander-bus needs an i440fx machine ("pci-expander-bus controllers are only supported on 440fx-based machinetypes")`,
          );
        else if (model === 'pcie-expander-bus' && f.machineKind !== 'q35' && (!armVirt || !f.targetIn('9.0.0')))
          reject(
            'pci-expander-bus-machine',
            nodeRange(c, 'model'),
            f.targetIn('9.0.0')
              ? `a pcie-expander-bus needs q35 or ARM virt ("pcie-expander-bus controllers are not supported with this machine type")`
              : `a pcie-expander-bus needs q35 ("pcie-expander-bus controllers are only supported on q35-based machinetypes")`,
          );
      }
    },
  },
  {
    id: 'pci-numa-node-cell',
    source: 'src/qemu/qemu_domain.c qemuDomainDeviceDefPostParse (11.3: qemu_postparse.c)',
    run(f, reject) {
      const cells = f.root.path('cpu', 'numa')?.all('cell').length ?? 0;
      for (const c of pciControllers(f)) {
        const node = c.origin?.child('target')?.child('node');
        const n = int(node?.trimmedText());
        if (!node || n === undefined || n < cells || n < 0) continue;
        reject(
          'pci-numa-node-cell',
          nameOf(node),
          `the guest has ${cells} NUMA cell(s) ("${c.attr('model')} with index ${c.attr('index')} is configured for a NUMA node (${n}) not present in the domain's <cpu><numa> array (${cells})")`,
        );
      }
    },
  },
  {
    id: 'pci-placement',
    source: 'src/conf/domain_addr.c virDomainPCIAddressValidate, virDomainPCIAddressFlagsCompatible (via qemuDomainCollectPCIAddress)',
    run(f, reject) {
      const devices = f.domain.child('devices');
      if (!devices) return;
      const controllers = byIndex(f);
      const expanded = expandedOf(f);
      for (const el of devices.elements()) {
        if (el.name === 'console') continue; // the console of serial 0 is that serial
        const a = writtenPci(el);
        if (!a) continue;
        if (!controllers.size) {
          reject(
            'pci-placement',
            nameOf(a.address),
            `${f.machine} has no PCI bus for a device to be plugged into ("No PCI buses available")`,
          );
          return;
        }
        const node = expanded.get(el);
        const model = node?.attr('model');
        // the PIIX3 functions at 00:01.1/2 are skipped here (pciChecks.ts has their rules)
        if (el.name === 'controller' && a.bus === 0 && a.slot === 1 && ['ide', 'usb'].includes(el.attr('type') ?? '')) continue;
        if (el.name === 'iommu') continue; // integrated on bus 0
        const bus = controllers.get(a.bus);
        const busModel = bus?.attr('model');
        const spec = busModel ? PCI_BUS_MODELS[busModel] : undefined;
        if (!bus || !spec || a.domain !== 0) continue;
        let devFlags = CONNECT.PCI_DEVICE | CONNECT.PCIE_DEVICE;
        if (el.name === 'controller' && el.attr('type') === 'pci') {
          if (!model || ROOTS.has(model)) continue;
          devFlags = PCI_CONTROLLER_CONNECT[model] ?? 0;
          if (!devFlags) continue;
          if (devFlags & CONNECT.PCI_BRIDGE) devFlags |= CONNECT.PCI_DEVICE;
        }
        let busFlags = spec.accepts;
        if (busFlags & (CONNECT.PCI_DEVICE | CONNECT.PCIE_DEVICE)) busFlags |= CONNECT.PCI_DEVICE | CONNECT.PCIE_DEVICE;
        const where = `The device at PCI address ${show(a)}`;
        if (!(devFlags & busFlags & CONNECT_TYPES_MASK)) {
          const isController = el.name === 'controller' && el.attr('type') === 'pci';
          const quote = `${where} cannot be plugged into the PCI controller with index='${a.bus}'`;
          reject(
            'pci-placement',
            nameOf(a.address),
            isController
              ? `bus ${a.bus} is a ${busModel}, which does not take a ${model} ("${quote}. It requires a controller that accepts a ${connectName(devFlags)}.")`
              : `bus ${a.bus} is a ${busModel}, which takes no endpoint devices ("${quote}")`,
          );
        } else if (spec.minSlot && a.slot < spec.minSlot)
          reject(
            'pci-placement',
            attrRange(a.address, 'slot'),
            `slot 0 of a ${busModel} is not usable ("Invalid PCI address ${show(a)}. slot must be >= ${spec.minSlot}")`,
          );
      }
    },
  },
  {
    id: 'pcie-root-port-slots',
    source: 'src/conf/domain_addr.c virDomainPCIAddressSetGrow (via qemuDomainAssignPCIAddresses)',
    run(f, reject) {
      const controllers = pciControllers(f);
      const root = controllers.find((c) => int(c.attr('index')) === 0);
      if (root?.attr('model') !== 'pcie-root' || controllers.some((c) => c.attr('model') === 'pcie-expander-bus')) return;
      const devices = f.domain.child('devices');
      if (!devices) return;
      // bus 0 slots the document fills itself, and 00:1f (q35's chipset); root ports without an address share the rest, 8 functions a slot
      const taken = new Set<number>([0x1f]);
      let ports = 0;
      let last: XmlElement | undefined;
      for (const el of devices.elements()) {
        const a = writtenPci(el);
        if (a && a.bus === 0 && a.domain === 0) taken.add(a.slot);
        if (el.name === 'controller' && el.attr('type') === 'pci' && el.attr('model') === 'pcie-root-port' && !a) {
          ports++;
          last = el;
        }
      }
      const room = 8 * (31 - taken.size);
      if (ports > room && last)
        reject(
          'pcie-root-port-slots',
          nameOf(last),
          `${ports} unaddressed pcie-root-ports need more than the ${room} functions left on pcie-root ("a PCI slot is needed to connect a PCI controller model='pcie-root-port', but none is available, and it cannot be automatically added")`,
        );
    },
  },
];
