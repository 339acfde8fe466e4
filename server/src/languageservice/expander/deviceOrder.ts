/**
 * The orders in which libvirt walks a domain's devices, which decide who gets
 * which address: the device iteration order (src/conf/domain_conf.c,
 * virDomainDeviceInfoIterateFlags) and the internal controller list
 * (virDomainControllerInsertPreAlloced for parsed controllers, appended for
 * controllers libvirt adds).
 */
import { derivedDiskBus, diskIndex, DISK_BUS_IN_POST_PARSE_SINCE } from '../knowledge/diskDefaults';
import { compareVersions } from '../knowledge/versions';
import { ExpandContext } from './context';
import { ENode } from './eTree';

export type DeviceClass =
  | 'disk'
  | 'net'
  | 'sound'
  | 'hostdev'
  | 'video'
  | 'controller'
  | 'smartcard'
  | 'serial'
  | 'parallel'
  | 'channel'
  | 'console'
  | 'input'
  | 'fs'
  | 'watchdog'
  | 'memballoon'
  | 'rng'
  | 'nvram'
  | 'hub'
  | 'shmem'
  | 'tpm'
  | 'panic'
  | 'memory'
  | 'redirdev'
  | 'iommu'
  | 'vsock';

/** the element under <devices> of each class */
export const CLASS_ELEMENT: Record<DeviceClass, string> = {
  disk: 'disk',
  net: 'interface',
  sound: 'sound',
  hostdev: 'hostdev',
  video: 'video',
  controller: 'controller',
  smartcard: 'smartcard',
  serial: 'serial',
  parallel: 'parallel',
  channel: 'channel',
  console: 'console',
  input: 'input',
  fs: 'filesystem',
  watchdog: 'watchdog',
  memballoon: 'memballoon',
  rng: 'rng',
  nvram: 'nvram',
  hub: 'hub',
  shmem: 'shmem',
  tpm: 'tpm',
  panic: 'panic',
  memory: 'memory',
  redirdev: 'redirdev',
  iommu: 'iommu',
  vsock: 'vsock',
};

/** virDomainDeviceInfoIterateFlags: the classes in the order libvirt visits them */
export const ITERATION_ORDER: DeviceClass[] = [
  'disk',
  'net',
  'sound',
  'hostdev',
  'video',
  'controller',
  'smartcard',
  'serial',
  'parallel',
  'channel',
  'console',
  'input',
  'fs',
  'watchdog',
  'memballoon',
  'rng',
  'nvram',
  'hub',
  'shmem',
  'tpm',
  'panic',
  'memory',
  'redirdev',
  'iommu',
  'vsock',
];

export interface DeviceRef {
  cls: DeviceClass;
  node: ENode;
}

/**
 * Lists derived from the tree, kept until the tree changes: every change goes
 * through the context and is recorded, so the number of fills tells. Lists
 * that depend only on which devices exist (and on what the document wrote)
 * are `structural`: only added devices invalidate them.
 */
function cached<T>(ctx: ExpandContext, key: string, make: () => T, structural = false, stampOf?: () => number): T {
  const m = ctx.derived;
  const hit = m.get(key);
  const stamp = stampOf ? stampOf() : structural ? ctx.devicesAdded : ctx.fills.length;
  if (hit && hit.stamp === stamp) return hit.value as T;
  const value = make();
  m.set(key, { stamp, value });
  return value;
}

const IMPLICIT_CONTROLLER_ORDER = ['scsi', 'fdc', 'ide', 'sata', 'virtio-serial', 'ccid'];

/**
 * libvirt's controller list: parsed controllers grouped by type in order of
 * first appearance and sorted by index within a type; then the controllers
 * added at define time, in the order libvirt adds them (the machine's
 * default controllers, then those implied by devices, then the rest).
 */
export function controllerList(ctx: ExpandContext): ENode[] {
  // depends on which elements exist and on the controllers' own attributes (type, index)
  return cached(
    ctx,
    'controllers',
    () => buildControllerList(ctx),
    false,
    () => listStamp(ctx),
  );
}

function buildControllerList(ctx: ExpandContext): ENode[] {
  const all = ctx.root.child('devices')?.all('controller') ?? [];
  const parsed: ENode[] = [];
  const added: ENode[] = [];
  for (const c of all) (c.origin ? parsed : added).push(c);
  const list: ENode[] = [];
  for (const c of parsed) {
    const type = c.attr('type');
    const written = c.origin?.attr('index');
    const idx = written !== undefined ? Number(written) : undefined;
    let lastOfType = -1;
    let firstLarger = -1;
    list.forEach((o, i) => {
      if (o.attr('type') !== type) return;
      lastOfType = i;
      if (idx !== undefined && firstLarger < 0 && Number(o.attr('index')) > idx) firstLarger = i;
    });
    if (firstLarger >= 0) list.splice(firstLarger, 0, c);
    else if (lastOfType >= 0) list.splice(lastOfType + 1, 0, c);
    else list.push(c);
  }
  const phase = (c: ENode): number => {
    const rule = ctx.ruleThatAdded(c);
    if (rule === 'default-controllers') return 0;
    if (rule === 'implicit-controllers' || rule === 'smartcard-addresses')
      return 1 + Math.max(0, IMPLICIT_CONTROLLER_ORDER.indexOf(c.attr('type') ?? ''));
    return 10;
  };
  const sorted = added.map((c, i) => ({ c, i })).sort((a, b) => phase(a.c) - phase(b.c) || a.i - b.i);
  return [...list, ...sorted.map((x) => x.c)];
}

/**
 * libvirt's disk list: each parsed disk goes after the disks of its bus with
 * a lower index (hda < hdb < ...) and before those with a higher one
 * (virDomainDiskInsertPreAlloced); disks of a bus not seen yet go last.
 * Disks whose bus the document leaves out form one group of their own
 * (observed on libvirt 9.0.0: sdb, hdd, fdb, vdc without bus list as sdb,
 * fdb, vdc, hdd).
 */
export function diskList(ctx: ExpandContext): ENode[] {
  // the order depends only on the disks and what the document wrote: rebuilt (quadratic, like libvirt's) only when the disks change
  const disks = devicesByName(ctx).get('disk') ?? NONE;
  const hit = ctx.derived.get('disks') as { stamp: number; value: { of: readonly ENode[]; list: ENode[] } } | undefined;
  if (hit && hit.value.of.length === disks.length && hit.value.of.every((d, i) => d === disks[i])) return hit.value.list;
  const list = orderDisks(disks, ctx.profile.libvirt);
  ctx.derived.set('disks', { stamp: 0, value: { of: disks, list } });
  return list;
}

/**
 * The order of disks libvirt keeps (virDomainDiskInsertPreAlloced, at parse):
 * each disk, in document order, goes before the first later-indexed disk of
 * its bus, else after the last disk of its bus, else at the end. The bus is
 * the one the document wrote ('' when none: libvirt sorts before it derives
 * the bus from the target name); the index is the target name's (-1 when it
 * has none). The one place this order is computed: the expander and the pin
 * (which must not reorder the disks) both use it.
 */
export function libvirtDiskOrder<T>(disks: readonly T[], busOf: (d: T) => string, indexOf: (d: T) => number): T[] {
  const list: { item: T; bus: string; index: number }[] = [];
  const highest = new Map<string, number>();
  for (const item of disks) {
    const disk = { item, bus: busOf(item), index: indexOf(item) };
    const top = highest.get(disk.bus);
    if (top === undefined || disk.index > top) highest.set(disk.bus, disk.index);
    // the usual case, disks of a bus listed in order at the end: the scan below would append it
    if (top !== undefined && disk.index >= top && list[list.length - 1].bus === disk.bus) {
      list.push(disk);
      continue;
    }
    let at = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i].bus !== disk.bus) continue;
      if (list[i].index > disk.index) at = i;
      else if (at === -1) at = i + 1;
    }
    list.splice(at === -1 ? list.length : at, 0, disk);
  }
  return list.map((d) => d.item);
}

/** libvirt's insertion of each disk into its list, in document order (before 7.1 with the bus already derived) */
function orderDisks(disks: readonly ENode[], libvirt: string): ENode[] {
  const busKnownAtInsert = compareVersions(libvirt, DISK_BUS_IN_POST_PARSE_SINCE) < 0;
  return libvirtDiskOrder(
    disks,
    (node) => {
      const written = node.child('target')?.origin?.attr('bus');
      if (written !== undefined || !busKnownAtInsert) return written ?? '';
      return derivedDiskBus(node.attr('device'), node.child('target')?.attr('dev') ?? '');
    },
    (node) => diskIndex(node.child('target')?.attr('dev') ?? '') ?? -1,
  );
}

const NONE: readonly ENode[] = [];

/** the children of <devices> by element name (read-only lists, rebuilt when the tree changes) */
function devicesByName(ctx: ExpandContext): Map<string, ENode[]> {
  return cached(
    ctx,
    'byName',
    () => {
      const m = new Map<string, ENode[]>();
      for (const n of ctx.root.child('devices')?.children ?? []) {
        const list = m.get(n.name);
        if (list) list.push(n);
        else m.set(n.name, [n]);
      }
      return m;
    },
    true,
  );
}

/** the devices of one class in libvirt's list order (do not modify the list) */
export function devicesOf(ctx: ExpandContext, cls: DeviceClass): readonly ENode[] {
  const devices = ctx.root.child('devices');
  if (!devices) return NONE;
  if (cls === 'controller') return controllerList(ctx);
  if (cls === 'disk') return diskList(ctx);
  const byName = devicesByName(ctx);
  if (cls === 'hostdev') {
    // <interface type='hostdev'> is also a hostdev, listed before the <hostdev> elements
    return cached(
      ctx,
      'hostdevs',
      () => [...(byName.get('interface') ?? NONE).filter((n) => n.attr('type') === 'hostdev'), ...(byName.get('hostdev') ?? NONE)],
      true,
    );
  }
  return byName.get(CLASS_ELEMENT[cls]) ?? NONE;
}

/** true for console 0 when it only mirrors serial 0 (libvirt skips it when iterating devices) */
export function isSerialConsoleAlias(ctx: ExpandContext, node: ENode): boolean {
  const consoles = ctx.root.child('devices')?.all('console') ?? [];
  if (consoles[0] !== node) return false;
  const t = node.child('target')?.attr('type');
  return t === undefined || t === 'serial' || t === 'none';
}

/** stamps the lists that depend on which devices exist and on controller and console attributes */
function listStamp(ctx: ExpandContext): number {
  return ctx.devicesAdded * 65536 + ctx.listFills;
}

/** every device in virDomainDeviceInfoIterate order (nets of type hostdev appear once, as nets); do not modify the list */
export function iterationOrder(ctx: ExpandContext): readonly DeviceRef[] {
  return cached(
    ctx,
    'iteration',
    () => buildIterationOrder(ctx),
    false,
    () => listStamp(ctx),
  );
}

function buildIterationOrder(ctx: ExpandContext): DeviceRef[] {
  const out: DeviceRef[] = [];
  const devices = ctx.root.child('devices');
  if (!devices) return out;
  for (const cls of ITERATION_ORDER) {
    const nodes = cls === 'hostdev' ? (devicesByName(ctx).get('hostdev') ?? NONE) : devicesOf(ctx, cls);
    for (const node of nodes) {
      if (cls === 'console' && isSerialConsoleAlias(ctx, node)) continue;
      out.push({ cls, node });
    }
  }
  return out;
}
