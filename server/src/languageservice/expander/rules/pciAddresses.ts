/**
 * PCI addresses and the PCI controllers they need (qemuDomainAssignPCIAddresses):
 * a dry run places every device to learn which controllers to add (root
 * ports, bridges, PHBs, one spare hotplug port), then every device is placed
 * for real: the PCI controllers first, then the endpoints in libvirt's order.
 */
import {
  CHIPSET_LAYOUT,
  CONNECT,
  NET_MODEL_CONNECT,
  PCI_ADDRESS_MAX,
  PCI_ASSIGN_SOURCE,
  PCI_CONTROLLER_CONNECT,
  PCI_CONTROLLER_INDEX_MAX,
  PCI_CONTROLLER_MODEL_NAME,
  PCI_GROW_SOURCE,
  PCI_MODEL_NAME_SOURCE,
  PCI_MULTIFUNCTION_SOURCE,
  PCI_SOUND_MODELS,
  PCI_TARGET_SOURCE,
  PSERIES_PHB_MODEL_NAME,
  PciConnectClass,
  Q35_PREFERRED,
  SCSI_MODEL_CONNECT,
  USB2_COMPANION_FUNCTION,
  USB2_COMPANION_SOURCE,
  USB_MODEL_CONNECT,
  VIDEO_MODEL_CONNECT,
  ZPCI_SOURCE,
} from '../../knowledge/pciTopology';
import { defaultVideoModel, I440FX_USB_MODEL } from '../../knowledge/deviceDefaults';
import { addressOf, hex, parseNum, writeAddress } from '../addresses';
import { ExpandContext, Rule } from '../context';
import { controllerList, DeviceClass, devicesOf, iterationOrder } from '../deviceOrder';
import { ENode } from '../eTree';
import { FillMeta } from '../fill';
import { isEmptyPciAddr, PciAddr, PciAddressError, PciAddressSet, PciBus } from '../pciAddressSet';

const RULE = 'pci-addresses';

interface PciDev {
  cls: DeviceClass;
  node: ENode;
  /** connect flags (0: not a PCI device) */
  flags: number;
  /** the address type now: 'none', 'pci', or another bus */
  type: string;
  addr?: PciAddr;
}

/** the USB controller model libvirt ends up with, when the document leaves it out */
export function effectiveUsbModel(ctx: ExpandContext, c: ENode): string | undefined {
  const m = c.attr('model');
  if (m) return m;
  if (ctx.isArmVirt) return 'qemu-xhci';
  if (ctx.isS390) return 'none';
  return undefined;
}

/** an explicit PCI address; PciAddressError for a part libvirt cannot parse or that is out of range (the define fails) */
function readPci(a: ENode): PciAddr {
  const part = (name: keyof typeof PCI_ADDRESS_MAX) => {
    const text = a.attr(name);
    if (text === undefined) return 0;
    const n = parseNum(text);
    if (n === undefined || n > PCI_ADDRESS_MAX[name]) throw new PciAddressError(`PCI address ${name}='${text}' is not valid`);
    return n;
  };
  return { domain: part('domain'), bus: part('bus'), slot: part('slot'), fn: part('function'), multi: a.attr('multifunction') };
}

function isWanted(d: PciDev): boolean {
  return d.type === 'none' || (d.type === 'pci' && !!d.addr && isEmptyPciAddr(d.addr));
}

function isPresent(d: PciDev): boolean {
  return d.type === 'pci' && !!d.addr && !isEmptyPciAddr(d.addr);
}

/** connect flags of a device (qemuDomainDeviceCalculatePCIConnectFlags) */
function connectFlags(ctx: ExpandContext, cls: DeviceClass, n: ENode, pcieRoot: boolean): number {
  const pci = CONNECT.PCI_DEVICE | CONNECT.AUTOASSIGN;
  const pcie = pcieRoot ? CONNECT.PCIE_DEVICE | CONNECT.AUTOASSIGN : pci;
  const of = (c: PciConnectClass | undefined): number => (c === 'none' ? 0 : c === 'pci' ? pci : pcie);
  const virtioModel = (m: string | undefined) => of(m === 'virtio-transitional' ? 'pci' : 'virtio');
  switch (cls) {
    case 'controller': {
      const type = n.attr('type');
      const model = n.attr('model');
      if (type === 'pci') return PCI_CONTROLLER_CONNECT[model ?? ''] ?? 0;
      if (type === 'sata' || type === 'ide') return pci;
      if (type === 'usb') {
        const m = effectiveUsbModel(ctx, n);
        return m === undefined ? pci : of(USB_MODEL_CONNECT[m] ?? 'pci');
      }
      if (type === 'scsi') return model === undefined ? 0 : of(SCSI_MODEL_CONNECT[model] ?? 'pci');
      if (type === 'virtio-serial') return virtioModel(model);
      return 0;
    }
    case 'fs': {
      const driver = n.child('driver')?.attr('type');
      if (driver === 'virtiofs') return pcie;
      if (driver === undefined || driver === 'path' || driver === 'handle') return virtioModel(n.attr('model'));
      return 0;
    }
    case 'net': {
      if (n.attr('type') === 'hostdev') return 0;
      const model = n.child('model')?.attr('type');
      if (model === undefined) return pcie;
      return of(NET_MODEL_CONNECT[model] ?? 'pci');
    }
    case 'sound':
      // virtio-sound-pci (libvirt 10.4) connects like any virtio device: to a root port on q35
      if (n.attr('model') === 'virtio') return virtioModel(undefined);
      return PCI_SOUND_MODELS.includes(n.attr('model') ?? '') ? pci : 0;
    case 'disk':
      return n.child('target')?.attr('bus') === 'virtio' ? virtioModel(n.attr('model')) : 0;
    case 'hostdev': {
      const type = n.attr('type');
      if (n.attr('mode') === 'capabilities' || !['pci', 'scsi_host', 'mdev'].includes(type ?? '')) return 0;
      if (!pcieRoot) return pci;
      if (type === 'scsi_host') return virtioModel(n.attr('model'));
      // the host device decides; libvirt assumes PCI Express when it cannot read it
      return pcie;
    }
    case 'memballoon': {
      const m = n.attr('model');
      return m === 'none' || m === 'xen' ? 0 : virtioModel(m);
    }
    case 'rng':
      return virtioModel(n.attr('model'));
    case 'watchdog':
      return n.attr('model') === 'i6300esb' ? pci : 0;
    case 'video': {
      const m = n.child('model')?.attr('type') ?? defaultVideoModel(ctx.arch);
      return of(VIDEO_MODEL_CONNECT[m] ?? 'none');
    }
    case 'shmem':
      return pci;
    case 'input':
      return n.attr('bus') === 'virtio' ? virtioModel(n.attr('model')) : 0;
    case 'serial':
      return n.child('target')?.attr('type') === 'pci-serial' ? pci : 0;
    case 'iommu':
      return n.attr('model') === 'virtio' ? pcie | CONNECT.INTEGRATED : 0;
    case 'vsock':
      return virtioModel(n.attr('model'));
    case 'memory':
      return ['virtio-pmem', 'virtio-mem'].includes(n.attr('model') ?? '') ? pcie : 0;
    default:
      return 0;
  }
}

class PciPlanner {
  readonly devs: PciDev[];
  readonly byNode = new Map<ENode, PciDev>();
  readonly pcieRoot: boolean;
  /** controllers added by the dry run */
  readonly added: ENode[] = [];

  constructor(readonly ctx: ExpandContext) {
    const root0 = this.pciControllers().find((c) => c.attr('index') === '0');
    this.pcieRoot = root0?.attr('model') === 'pcie-root';
    this.devs = iterationOrder(ctx).map(({ cls, node }) => this.makeDev(cls, node));
    // <interface type='hostdev'> is placed with the hostdevs; it has no entry of its own above
    for (const n of ctx.root.child('devices')?.all('interface') ?? [])
      if (n.attr('type') === 'hostdev')
        this.byNode.get(n)!.flags = this.pcieRoot ? CONNECT.PCIE_DEVICE | CONNECT.AUTOASSIGN : CONNECT.PCI_DEVICE | CONNECT.AUTOASSIGN;
  }

  makeDev(cls: DeviceClass, node: ENode): PciDev {
    const a = addressOf(node);
    const type = a ? (a.attr('type') ?? 'none') : 'none';
    const d: PciDev = {
      cls,
      node,
      flags: connectFlags(this.ctx, cls, node, this.pcieRoot),
      type,
      addr: type === 'pci' && a ? readPci(a) : undefined,
    };
    this.byNode.set(node, d);
    return d;
  }

  private pciList: { of: readonly ENode[]; pci: ENode[] } | undefined;

  /** the PCI controllers in libvirt's controller order (recomputed when the controller list is) */
  pciControllers(): ENode[] {
    const all = controllerList(this.ctx);
    if (this.pciList?.of !== all) this.pciList = { of: all, pci: all.filter((c) => c.attr('type') === 'pci') };
    return this.pciList.pci;
  }

  dev(node: ENode): PciDev {
    return this.byNode.get(node)!;
  }

  /** qemuDomainPCIAddressSetCreate: one bus per PCI controller index, then the explicit addresses */
  createSet(nbuses: number, dryRun: boolean): PciAddressSet {
    const set = new PciAddressSet(dryRun, this.ctx.isPseries);
    const models: (string | undefined)[] = new Array(nbuses).fill(undefined);
    let anyPcieRoot = false;
    for (const c of this.pciControllers()) {
      const idx = Number(c.attr('index'));
      if (!(idx < nbuses)) throw new PciAddressError('PCI controller index out of range');
      models[idx] = c.attr('model');
      if (c.attr('model') === 'pcie-root') anyPcieRoot = true;
    }
    if (nbuses > 0 && !models[0]) models[0] = 'pci-root';
    const fallback = this.ctx.isPseries ? 'pci-root' : anyPcieRoot ? 'pcie-root-port' : 'pci-bridge';
    for (let i = 0; i < nbuses; i++) set.buses.push(new PciBus(models[i] ?? fallback));
    for (const d of this.devs) {
      if (!isPresent(d)) continue;
      const a = d.addr!;
      if (d.cls === 'controller' && a.domain === 0 && a.bus === 0 && a.slot === 1) {
        const type = d.node.attr('type');
        const idx = d.node.attr('index');
        const model = effectiveUsbModel(this.ctx, d.node);
        if (
          (type === 'ide' && idx === '0' && a.fn === 1) ||
          (type === 'usb' && idx === '0' && (model === undefined || model === I440FX_USB_MODEL) && a.fn === 2)
        )
          continue;
      }
      set.reserve(a, d.flags || CONNECT.PCI_DEVICE, true);
    }
    return set;
  }

  setAddr(d: PciDev, a: PciAddr, multi = a.multi): void {
    d.type = 'pci';
    d.addr = { domain: a.domain, bus: a.bus, slot: a.slot, fn: a.fn, multi };
  }

  reserveNext(set: PciAddressSet, d: PciDev, fn = -1): PciAddr {
    const a = set.reserveNext(d.flags, fn);
    if (!set.dryRun) this.setAddr(d, a);
    return a;
  }

  primaryVideo(): PciDev | undefined {
    const v = devicesOf(this.ctx, 'video')[0];
    if (!v) return undefined;
    const m = v.child('model')?.attr('type') ?? defaultVideoModel(this.ctx.arch);
    return m === 'none' || m === 'ramfb' ? undefined : this.dev(v);
  }

  /** the built-in chipset slots (qemuDomainValidateDevicePCISlotsPIIX3 / ...Q35) */
  chipset(set: PciAddressSet): void {
    const kind = this.ctx.machineKind;
    if (kind !== 'i440fx' && kind !== 'q35') return;
    const layout = CHIPSET_LAYOUT[kind];
    const fixedFlags = kind === 'i440fx' ? CONNECT.PCI_DEVICE | CONNECT.AUTOASSIGN : CONNECT.PCIE_DEVICE;
    for (const c of controllerList(this.ctx)) {
      const d = this.dev(c);
      const fixed = layout.fixed.find(
        (f) => f.type === c.attr('type') && f.index === c.attr('index') && (!f.models || f.models.includes(effectiveUsbModel(this.ctx, c))),
      );
      if (fixed) {
        const want: PciAddr = { domain: 0, bus: 0, slot: fixed.slot, fn: fixed.fn };
        if (isPresent(d)) {
          const a = d.addr!;
          if (a.domain || a.bus || a.slot !== fixed.slot || a.fn !== fixed.fn)
            throw new PciAddressError(`${c.attr('type')} controller 0 must be at 00:${fixed.slot}.${fixed.fn}`);
        } else this.setAddr(d, want, d.addr?.multi);
        if (kind === 'i440fx' && set.buses.length) set.reserve(want, fixedFlags, true);
        continue;
      }
      if (kind !== 'q35') continue;
      if (c.attr('type') === 'usb' && c.attr('model') === 'ich9-uhci1' && d.type === 'none') {
        const slot = Q35_PREFERRED.usbUhciSlots.find((s) => !set.slotInUse(0, s));
        if (slot !== undefined) {
          const a: PciAddr = { domain: 0, bus: 0, slot, fn: 0 };
          set.reserve(a, fixedFlags, true);
          this.setAddr(d, a, 'on');
        }
      } else if (
        c.attr('type') === 'pci' &&
        c.attr('model') === 'dmi-to-pci-bridge' &&
        d.type === 'none' &&
        !set.slotInUse(0, Q35_PREFERRED.dmiBridgeSlot)
      ) {
        const a: PciAddr = { domain: 0, bus: 0, slot: Q35_PREFERRED.dmiBridgeSlot, fn: 0 };
        set.reserve(a, fixedFlags, true);
        this.setAddr(d, a);
      }
    }
    if (set.buses.length) for (const [slot, fn] of layout.reserved) set.reserve({ domain: 0, bus: 0, slot, fn }, fixedFlags, true);
    const video = this.primaryVideo();
    if (video && isWanted(video)) {
      const a: PciAddr = { domain: 0, bus: 0, slot: layout.primaryVideoSlot, fn: 0 };
      if (!set.validate(a, fixedFlags, true)) throw new PciAddressError('bus 0 cannot take the primary video');
      if (set.slotInUse(0, a.slot)) this.reserveNext(set, video);
      else {
        set.reserve(a, fixedFlags, true);
        this.setAddr(video, a);
      }
    }
    if (kind === 'q35' && !set.slotInUse(0, Q35_PREFERRED.ich9SoundSlot)) {
      const sound = devicesOf(this.ctx, 'sound')
        .map((n) => this.dev(n))
        .find((s) => s.node.attr('model') === 'ich9' && isWanted(s));
      if (sound) {
        const a: PciAddr = { domain: 0, bus: 0, slot: Q35_PREFERRED.ich9SoundSlot, fn: 0 };
        set.reserve(a, fixedFlags, true);
        this.setAddr(sound, a);
      }
    }
  }

  /** every device that wants a PCI address, in libvirt's order (qemuDomainAssignDevicePCISlots) */
  assignSlots(set: PciAddressSet): void {
    const ctx = this.ctx;
    const each = (cls: DeviceClass, pick: (d: PciDev) => boolean) => {
      for (const n of devicesOf(ctx, cls)) {
        const d = this.dev(n);
        if (d && isWanted(d) && pick(d)) this.reserveNext(set, d);
      }
    };
    const controllers = controllerList(ctx).map((c) => this.dev(c));
    for (const d of controllers) {
      const model = d.node.attr('model');
      if (d.node.attr('type') === 'pci' && model !== 'pci-root' && model !== 'pcie-root' && isWanted(d)) this.reserveNext(set, d);
    }
    each('fs', (d) => d.flags !== 0);
    each('net', (d) => d.node.attr('type') !== 'hostdev' && d.flags !== 0);
    each('sound', (d) => d.flags !== 0);
    for (const d of controllers) {
      const type = d.node.attr('type');
      const model = type === 'usb' ? effectiveUsbModel(ctx, d.node) : d.node.attr('model');
      if (type === 'pci' || type === 'fdc' || type === 'ccid') continue;
      if (type === 'usb' && model === 'none') continue;
      if (type === 'ide' && d.node.attr('index') === '0') continue;
      if (!isWanted(d) || !d.flags) continue;
      const companion = type === 'usb' ? USB2_COMPANION_FUNCTION[model ?? ''] : undefined;
      if (!companion) {
        this.reserveNext(set, d);
        continue;
      }
      const sibling = controllers.find(
        (o) =>
          o.node.attr('type') === 'usb' &&
          o.node.attr('index') === d.node.attr('index') &&
          USB2_COMPANION_FUNCTION[o.node.attr('model') ?? ''] &&
          isPresent(o),
      );
      if (sibling) {
        const s = sibling.addr!;
        const a: PciAddr = {
          domain: s.domain,
          bus: s.bus,
          slot: s.slot,
          fn: companion.fn,
          multi: companion.multifunction ? 'on' : undefined,
        };
        set.reserve(a, d.flags, true);
        this.setAddr(d, a);
      } else {
        const a = set.reserveNext(d.flags, companion.fn);
        if (!set.dryRun) this.setAddr(d, a, companion.multifunction ? 'on' : undefined);
      }
    }
    for (const n of devicesOf(ctx, 'disk')) {
      const d = this.dev(n);
      if (n.child('target')?.attr('bus') !== 'virtio' || isPresent(d) || d.type === 'ccw' || d.type === 'virtio-mmio') continue;
      if (!isWanted(d)) throw new PciAddressError(`a virtio disk cannot have an address of type ${d.type}`);
      this.reserveNext(set, d);
    }
    for (const n of devicesOf(ctx, 'hostdev')) {
      const d = this.dev(n);
      if (!d || !isWanted(d)) continue;
      if (n.name === 'interface') {
        this.reserveNext(set, d);
        continue;
      }
      const type = n.attr('type');
      if (n.attr('mode') === 'capabilities') continue;
      if (type !== 'pci' && type !== 'scsi_host' && !(type === 'mdev' && n.attr('model') === 'vfio-pci')) continue;
      this.reserveNext(set, d);
    }
    each('memballoon', (d) => d.flags !== 0);
    each('rng', () => true);
    each('watchdog', (d) => d.flags !== 0);
    each('video', (d) => d.flags !== 0);
    each('shmem', () => true);
    each('input', (d) => d.node.attr('bus') === 'virtio');
    each('serial', (d) => d.flags !== 0);
    each('iommu', (d) => d.flags !== 0);
    each('vsock', (d) => d.flags !== 0);
    each('memory', (d) => d.flags !== 0);
  }

  /**
   * the highest PCI controller index; refuses (PciAddressError) an index that is not a bus number, which
   * libvirt either fails to parse ('0x', '-1') or has no bus for (a PCI bus number is 0..255)
   */
  maxIndex(): number {
    let max = -1;
    for (const c of this.pciControllers()) {
      const text = c.attr('index') ?? '0';
      const idx = Number(text);
      if (!/^\d+$/.test(text) || idx > PCI_CONTROLLER_INDEX_MAX)
        throw new PciAddressError(`PCI controller index '${text}' is not a bus number`);
      max = Math.max(max, idx);
    }
    return max;
  }

  /** pass 1: which controllers libvirt adds */
  dryRun(): number {
    const ctx = this.ctx;
    const maxIdx = this.maxIndex();
    if (maxIdx < 0) return 0;
    const set = this.createSet(maxIdx + 1, true);
    this.chipset(set);
    const root0 = this.pciControllers().find((c) => c.attr('index') === '0');
    if (root0?.attr('model') === 'pci-root' && set.buses.some((b) => !b.fullyReserved()))
      set.reserveNext(CONNECT.PCI_DEVICE | CONNECT.AUTOASSIGN);
    this.assignSlots(set);
    if (maxIdx <= 0 && set.buses.length > maxIdx + 1 && this.pcieRoot) set.reserveNext(CONNECT.PCIE_DEVICE | CONNECT.AUTOASSIGN);
    const devices = ctx.root.child('devices')!;
    const existing = new Set(this.pciControllers().map((c) => Number(c.attr('index') ?? '0')));
    // each added controller goes right after the previous one
    let at = this.insertAfterControllers(devices);
    for (let i = 1; i < set.buses.length; i++) {
      if (existing.has(i)) continue;
      const model = set.buses[i].model;
      const node = new ENode('controller', { type: 'pci', index: String(i), model });
      const meta: FillMeta = {
        rule: RULE,
        category: 'abi',
        reason:
          model === 'pcie-root-port'
            ? 'each PCI Express device gets its own root port, and libvirt adds one spare port for hotplug'
            : model === 'pcie-to-pci-bridge'
              ? 'a conventional PCI device on a PCI Express machine sits behind a pcie-to-pci-bridge'
              : `the PCI slots ran out, so libvirt adds a ${model}`,
        source: PCI_GROW_SOURCE,
      };
      ctx.addElement(devices, node, meta, at++);
      this.added.push(node);
      const d: PciDev = { cls: 'controller', node, flags: PCI_CONTROLLER_CONNECT[model] ?? 0, type: 'none' };
      this.byNode.set(node, d);
      this.devs.push(d);
      if (model !== 'pci-root' && model !== 'pcie-root') set.reserveNext(d.flags);
    }
    return set.buses.length;
  }

  insertAfterControllers(devices: ENode): number {
    let last = -1;
    devices.children.forEach((c, i) => {
      if (c.name === 'controller') last = i;
    });
    return last >= 0 ? last + 1 : devices.children.length;
  }

  /** pass 2: the addresses */
  assign(nbuses: number): void {
    const set = this.createSet(nbuses, false);
    if (!set.buses.length) return;
    this.chipset(set);
    this.assignSlots(set);
    // multifunction on function 0 of every slot with other functions in use
    const key = (a: PciAddr) => `${a.domain}:${a.bus}:${a.slot}`;
    const firstFunction = new Map<string, PciAddr>();
    for (const d of this.devs)
      if (d.type === 'pci' && d.addr?.fn === 0 && !firstFunction.has(key(d.addr))) firstFunction.set(key(d.addr), d.addr);
    for (const d of this.devs) {
      if (d.type !== 'pci' || !d.addr || d.addr.fn === 0) continue;
      const first = firstFunction.get(key(d.addr));
      if (first && first.multi === undefined) first.multi = 'on';
    }
  }

  write(): void {
    const ctx = this.ctx;
    for (const d of this.devs) {
      if (d.type !== 'pci' || !d.addr || (d.cls === 'console' && !addressOf(d.node))) continue;
      const a = d.addr;
      const attrs: [string, string][] = [
        ['type', 'pci'],
        ['domain', hex(a.domain, 4)],
        ['bus', hex(a.bus, 2)],
        ['slot', hex(a.slot, 2)],
        ['function', '0x' + a.fn.toString(16)],
      ];
      if (a.multi) attrs.push(['multifunction', a.multi]);
      const had = addressOf(d.node);
      const meta: FillMeta = {
        rule: RULE,
        category: 'address',
        reason: had ? 'libvirt completes the PCI address the document gives' : this.reason(d),
        source:
          d.addr.multi === 'on' && d.addr.fn === 0 && !had?.attr('multifunction')
            ? PCI_MULTIFUNCTION_SOURCE
            : d.cls === 'controller' && /usb/.test(d.node.attr('type') ?? '') && USB2_COMPANION_FUNCTION[d.node.attr('model') ?? '']
              ? USB2_COMPANION_SOURCE
              : PCI_ASSIGN_SOURCE,
      };
      writeAddress(ctx, d.node, attrs, meta);
    }
    if (ctx.isS390) this.zpci();
    this.controllerOptions();
  }

  /** s390 PCI devices get zPCI ids: uid from 1, fid from 0, the lowest free (qemuDomainAssignPCIAddressExtension) */
  zpci(): void {
    const ctx = this.ctx;
    const pciDevs = this.devs.filter((d) => d.type === 'pci' && !['serial', 'parallel', 'channel', 'console'].includes(d.cls));
    const uids = new Set<number>();
    const fids = new Set<number>();
    for (const d of pciDevs) {
      const z = addressOf(d.node)?.child('zpci');
      const uid = parseNum(z?.attr('uid'));
      const fid = parseNum(z?.attr('fid'));
      if (uid !== undefined) uids.add(uid);
      if (fid !== undefined) fids.add(fid);
    }
    for (const d of pciDevs) {
      const a = addressOf(d.node);
      if (!a) continue;
      const meta: FillMeta = {
        rule: RULE,
        category: 'address',
        reason: 's390 PCI devices need zPCI ids; libvirt takes the lowest free uid (from 1) and fid (from 0)',
        source: ZPCI_SOURCE,
      };
      const z = a.child('zpci') ?? ctx.addElement(a, new ENode('zpci'), meta);
      if (z.attr('uid') === undefined) {
        let uid = 1;
        while (uids.has(uid)) uid++;
        uids.add(uid);
        ctx.fillAttr(z, 'uid', hex(uid, 4), meta);
      }
      if (z.attr('fid') === undefined) {
        let fid = 0;
        while (fids.has(fid)) fid++;
        fids.add(fid);
        ctx.fillAttr(z, 'fid', hex(fid, 8), meta);
      }
    }
  }

  reason(d: PciDev): string {
    const a = d.addr!;
    const where = `${hex(a.bus, 2)}:${hex(a.slot, 2)}.${a.fn}`;
    if (d.cls === 'controller' && d.node.attr('type') === 'pci')
      return `libvirt places PCI controllers before endpoint devices; this one gets ${where}`;
    return `libvirt gives the device the first free ${d.flags & CONNECT.PCIE_DEVICE ? 'PCI Express' : 'PCI'} slot in its assignment order: ${where}`;
  }

  /** model names and target options of PCI controllers, set once addresses are known */
  controllerOptions(): void {
    const ctx = this.ctx;
    for (const c of this.pciControllers()) {
      const model = c.attr('model') ?? '';
      const idx = c.attr('index') ?? '0';
      const name = model === 'pci-root' && ctx.isPseries ? PSERIES_PHB_MODEL_NAME : PCI_CONTROLLER_MODEL_NAME[model];
      if (name && !c.child('model')?.attr('name')) {
        const meta: FillMeta = {
          rule: RULE,
          category: 'abi',
          reason: `libvirt records the QEMU device behind a ${model}: ${name}`,
          source: PCI_MODEL_NAME_SOURCE,
        };
        const m = c.child('model') ?? ctx.addElement(c, new ENode('model'), meta);
        ctx.fillAttr(m, 'name', name, meta);
      }
      const d = this.dev(c);
      const target = (category: 'abi' | 'address', reason: string) => {
        const meta: FillMeta = { rule: RULE, category, reason, source: PCI_TARGET_SOURCE };
        return { node: c.child('target') ?? ctx.addElement(c, new ENode('target'), meta), meta };
      };
      if (model === 'pci-bridge' && !c.child('target')?.attr('chassisNr')) {
        const t = target('abi', 'a pci-bridge gets its index as chassis number');
        ctx.fillAttr(t.node, 'chassisNr', idx, t.meta);
      } else if ((model === 'pcie-root-port' || model === 'pcie-switch-downstream-port') && d?.addr) {
        const t = c.child('target');
        const port = model === 'pcie-root-port' ? d.addr.slot * 8 + d.addr.fn : d.addr.slot;
        if (!t?.attr('chassis') || !t?.attr('port')) {
          const tt = target(
            'address',
            `the port's chassis is its index and its port number follows its own address (${model === 'pcie-root-port' ? 'slot * 8 + function' : 'slot'})`,
          );
          ctx.fillAttr(tt.node, 'chassis', idx, tt.meta);
          ctx.fillAttr(tt.node, 'port', '0x' + port.toString(16), tt.meta);
        }
      } else if (model === 'pci-expander-bus' || model === 'pcie-expander-bus') {
        if (!c.child('target')?.attr('busNr')) {
          const lowest = Math.min(256, ...this.pciControllers().map((o) => Number(o.child('target')?.attr('busNr') ?? '256')));
          if (lowest > 2) {
            const t = target('abi', 'an expander bus gets the bus numbers just below the lowest one in use');
            ctx.fillAttr(t.node, 'busNr', String(lowest - 2), t.meta);
          }
        }
      } else if (model === 'pci-root' && ctx.isPseries && c.child('target')?.attr('index') === undefined) {
        let ti = 0;
        if (idx !== '0') {
          const used = new Set(this.pciControllers().map((o) => o.child('target')?.attr('index')));
          ti = 1;
          while (ti <= 31 && used.has(String(ti))) ti++;
        }
        const t = target('abi', 'each pSeries PHB needs its own target index; the default PHB has 0');
        ctx.fillAttr(t.node, 'index', String(ti), t.meta);
      }
    }
  }
}

export const pciAddressesRule: Rule = {
  id: RULE,
  description: 'assigns PCI addresses to devices and adds the PCI controllers (root ports, bridges, PHBs) they need',
  apply(ctx) {
    if (!ctx.root.child('devices')) return;
    let planner: PciPlanner;
    try {
      planner = new PciPlanner(ctx);
      const nbuses = planner.dryRun();
      planner.assign(nbuses);
    } catch (e) {
      if (e instanceof PciAddressError) return; // libvirt would refuse the domain; predict nothing more
      throw e;
    }
    planner.write();
  },
};
