/**
 * A model of libvirt's PCI address set (src/conf/domain_addr.c): the buses a
 * domain has, which slots and functions are taken, and how a free slot is
 * found for a device. In a dry run the set grows new buses when no slot is
 * left, which is how libvirt decides which PCI controllers to add.
 */
import { CONNECT, CONNECT_ENDPOINT, CONNECT_TYPES_MASK, PCI_BUS_MODELS } from '../knowledge/pciTopology';

export interface PciAddr {
  domain: number;
  bus: number;
  slot: number;
  fn: number;
  /** multifunction as written or decided: undefined when absent */
  multi?: string;
}

/** libvirt refuses the domain: the address set cannot satisfy a request */
export class PciAddressError extends Error {}

export class PciBus {
  accepts: number;
  readonly minSlot: number;
  readonly maxSlot: number;
  /** per slot: a bit per function in use (plain arrays: small typed arrays are slow to allocate) */
  readonly functions: number[] = new Array<number>(32).fill(0);
  /** per slot: 1 when the slot holds functions of several devices that may share it (root ports); allocated on first use */
  private aggregateSlots: number[] | undefined;

  isAggregate(slot: number): boolean {
    return !!this.aggregateSlots?.[slot];
  }

  markAggregate(slot: number): void {
    (this.aggregateSlots ??= new Array<number>(32).fill(0))[slot] = 1;
  }

  /** how many slots have a function in use (a bus with every slot in use is skipped when looking for a free one) */
  usedSlots = 0;

  constructor(readonly model: string) {
    const m = PCI_BUS_MODELS[model];
    if (!m) throw new PciAddressError(`unknown PCI controller model ${model}`);
    this.accepts = m.accepts;
    this.minSlot = m.minSlot;
    this.maxSlot = m.maxSlot;
  }

  fullyReserved(): boolean {
    for (let s = this.minSlot; s <= this.maxSlot; s++) if (!this.functions[s]) return false;
    return true;
  }
}

export function isEmptyPciAddr(a: PciAddr): boolean {
  return !a.domain && !a.bus && !a.slot;
}

export class PciAddressSet {
  readonly buses: PciBus[] = [];

  constructor(
    readonly dryRun: boolean,
    /** pSeries grows with more PHBs (pci-root) instead of bridges */
    readonly multipleRoots: boolean,
  ) {}

  /** whether a device with `devFlags` may plug into a bus offering `busFlags` (virDomainPCIAddressFlagsCompatible) */
  static compatible(busFlags: number, bus: number, devFlags: number, fromConfig: boolean): boolean {
    if (devFlags & CONNECT.INTEGRATED) {
      if (bus !== 0) return false;
      busFlags |= CONNECT.AUTOASSIGN;
    }
    if (fromConfig) {
      // an address the user wrote may put a PCI device in a PCIe slot and vice versa
      if (busFlags & CONNECT_ENDPOINT) busFlags |= CONNECT_ENDPOINT;
      if (devFlags & CONNECT.PCI_BRIDGE) devFlags |= CONNECT.PCI_DEVICE;
    } else if (devFlags & CONNECT.AUTOASSIGN && !(busFlags & CONNECT.AUTOASSIGN)) {
      return false;
    }
    return (devFlags & busFlags & CONNECT_TYPES_MASK) !== 0;
  }

  /** adds the buses an address on a missing bus needs (dry run only; virDomainPCIAddressSetGrow) */
  grow(addr: PciAddr, flags: number): number {
    let add = addr.bus - this.buses.length + 1;
    if (add <= 0) return 0;
    let model: string;
    let needBridgePair = false;
    if (flags & CONNECT.PCI_DEVICE) {
      if (this.multipleRoots) model = 'pci-root';
      else {
        model = 'pci-bridge';
        needBridgePair = !this.buses.some((b) => b.accepts & CONNECT.PCI_BRIDGE);
        if (needBridgePair && add === 1) {
          // a pure PCIe topology: a root port holding a pcie-to-pci-bridge, the device behind the bridge
          add++;
          addr.bus++;
        }
      }
    } else if (flags & (CONNECT.PCIE_DEVICE | CONNECT.PCIE_SWITCH_UPSTREAM_PORT)) {
      model = 'pcie-root-port';
    } else {
      throw new PciAddressError('a PCI slot is needed but no PCI controller can be added for it');
    }
    const target = this.buses.length + add;
    if (needBridgePair) {
      const port = new PciBus('pcie-root-port');
      port.accepts = CONNECT.PCIE_TO_PCI_BRIDGE; // held for the bridge, so the spare port is another one
      this.buses.push(port, new PciBus('pcie-to-pci-bridge'));
    }
    while (this.buses.length < target) this.buses.push(new PciBus(model));
    return add;
  }

  validate(addr: PciAddr, flags: number, fromConfig: boolean): boolean {
    if (!this.buses.length || addr.domain !== 0 || addr.bus >= this.buses.length) return false;
    const bus = this.buses[addr.bus];
    if (!PciAddressSet.compatible(bus.accepts, addr.bus, flags, fromConfig)) return false;
    if (bus.minSlot && addr.slot < bus.minSlot) return false;
    return addr.slot <= bus.maxSlot && addr.fn <= 7;
  }

  slotInUse(bus: number, slot: number): boolean {
    return !!this.buses[bus]?.functions[slot];
  }

  /** marks one function taken (virDomainPCIAddressReserveAddrInternal); a dry run may move `addr` to the bus it grows */
  reserve(addr: PciAddr, flags: number, fromConfig: boolean): void {
    // growing for a conventional PCI device on a pure PCIe machine inserts a root port before the bridge: the address moves with it
    if (this.dryRun && addr.bus >= this.buses.length) this.grow(addr, flags);
    if (!this.validate(addr, flags, fromConfig)) throw new PciAddressError(`PCI address ${addr.bus}:${addr.slot}.${addr.fn} is not usable`);
    const bus = this.buses[addr.bus];
    if (bus.functions[addr.slot] & (1 << addr.fn))
      throw new PciAddressError(`PCI address ${addr.bus}:${addr.slot}.${addr.fn} is used twice`);
    if (!bus.functions[addr.slot]) {
      if (flags & CONNECT.AGGREGATE_SLOT) bus.markAggregate(addr.slot);
      if (addr.slot >= bus.minSlot && addr.slot <= bus.maxSlot) bus.usedSlots++;
    }
    bus.functions[addr.slot] |= 1 << addr.fn;
  }

  /** the first free slot for a device, lowest bus first (virDomainPCIAddressGetNextAddr); fn -1 = any function */
  next(flags: number, fn: number): PciAddr {
    if (!this.buses.length) throw new PciAddressError('no PCI buses');
    const a: PciAddr = { domain: 0, bus: 0, slot: 0, fn: fn < 0 ? 0 : fn };
    const aggregate = (flags & CONNECT.AGGREGATE_SLOT) !== 0;
    for (a.bus = 0; a.bus < this.buses.length; a.bus++) {
      const bus = this.buses[a.bus];
      // every slot in use: only a device that may share a slot can still find room here
      if (!aggregate && bus.usedSlots > bus.maxSlot - bus.minSlot) continue;
      if (!PciAddressSet.compatible(bus.accepts, a.bus, flags, false)) continue;
      for (a.slot = bus.minSlot; a.slot <= bus.maxSlot; a.slot++) {
        const used = bus.functions[a.slot];
        if (!used) return a;
        if (flags & CONNECT.AGGREGATE_SLOT && bus.isAggregate(a.slot)) {
          if (!(used & (1 << a.fn))) return a;
          if (fn < 0) {
            for (; a.fn < 8; a.fn++) if (!(used & (1 << a.fn))) return a;
            a.fn = 0;
          }
        }
      }
    }
    if (!this.dryRun) throw new PciAddressError('no more PCI slots');
    a.bus = this.buses.length;
    this.grow(a, flags);
    a.slot = this.buses[a.bus].minSlot;
    return a;
  }

  /** finds and takes a slot (virDomainPCIAddressReserveNextAddr) */
  reserveNext(flags: number, fn = -1): PciAddr {
    const a = this.next(flags, fn);
    this.reserve(a, flags, false);
    return a;
  }
}
