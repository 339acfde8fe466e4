/**
 * Disk defaults of libvirt's domain parser (src/conf/domain_conf.c):
 * the bus implied by the target name, the drive address geometry of each
 * bus, and the driver QEMU disks get.
 */
import { Source } from './source';

/** target name prefix -> bus, when the disk names no bus (virDomainDiskDefParseXML) */
export const BUS_BY_TARGET_PREFIX: [RegExp, string][] = [
  [/^hd/, 'ide'],
  [/^sd/, 'scsi'],
  [/^vd/, 'virtio'],
  [/^xvd/, 'xen'],
  [/^ubd/, 'uml'],
  [/^fd/, 'fdc'],
];
export const BUS_SOURCE: Source = {
  ref: 'src/conf/domain_conf.c, virDomainDiskDefParseXML: the bus follows the target name (hd ide, sd scsi, vd virtio, fd fdc)',
};

/**
 * How libvirt turns a disk's index (hda=0, hdb=1, ...) into a drive address
 * (virDomainDiskDefAssignAddress): units per bus, buses per controller.
 */
export const DRIVE_GEOMETRY: Record<string, { unitsPerBus: number; busesPerController: number }> = {
  ide: { unitsPerBus: 2, busesPerController: 2 },
  sata: { unitsPerBus: 6, busesPerController: 1 },
  scsi: { unitsPerBus: 7, busesPerController: 1 },
  fdc: { unitsPerBus: 2, busesPerController: 1 },
};
export const DRIVE_ADDRESS_SOURCE: Source = {
  ref: 'src/conf/domain_conf.c, virDomainDiskDefAssignAddress (ide: 2 units x 2 buses per controller; sata: 6 units; scsi: 7 units; fdc: 2 units)',
};

export const DISK_DRIVER_SOURCE: Source = {
  ref: 'src/qemu/qemu_domain.c, qemuDomainDeviceDiskDefPostParse: driver name qemu and format raw when unset; observed on libvirt 9.0.0',
};

export const CDROM_READONLY_SOURCE: Source = { ref: 'src/conf/domain_conf.c, virDomainDiskDefParseXML: CD-ROMs are always read-only' };

/**
 * The first libvirt that derives a disk's missing bus after putting the disk
 * in its disk list (virDomainDiskDefPostParse) rather than while parsing it
 * (virDomainDiskDefParseXML). Observed: 7.0.0 lists bus-less sdb, hdd, fdb,
 * vdc, vdb, vda as sdb, hdd, fdb, vda, vdb, vdc (buses known when inserted),
 * 9.0.0 and 11.3.0 as sdb, fdb, vdc, hdd, vda, vdb (all bus-less ones first
 * inserted as one group), and the PCI slots of virtio disks follow that list.
 * The release in between that moved it is not confirmed; 7.1.0 is assumed.
 */
export const DISK_BUS_IN_POST_PARSE_SINCE = '7.1.0';

/** the bus libvirt derives for a disk that names none: fdc for a floppy, else from the target name, else ide */
export function derivedDiskBus(device: string | undefined, dev: string): string {
  return device === 'floppy' ? 'fdc' : (diskBus(undefined, dev) ?? 'ide');
}

/**
 * Whether a target name gives libvirt a disk index (virDiskNameParse in src/util/virutil.c,
 * the same in 7.0, 9.0 and 11.3): one of the prefixes fd hd vd sd xvd ubd, lower-case
 * letters, then only digits (a partition). 'overflow' is a name whose letters count past
 * the largest int: before the overflow check the index silently wrapped (9.0 accepts
 * vdaxxxxxxxxxx, observed), from DISK_NAME_OVERFLOW_SINCE the name is refused.
 */
export function diskNameStatus(dev: string): 'ok' | 'invalid' | 'overflow' {
  const m = /^(?:fd|hd|vd|sd|xvd|ubd)([a-z]+)\d*$/.exec(dev);
  if (!m) return 'invalid';
  let idx = 0;
  for (let i = 0; i < m[1].length; i++) {
    idx += i < 1 ? 0 : 1;
    const next = idx * 26 + (m[1].charCodeAt(i) - 97);
    if (next > 2 ** 31 - 1) return 'overflow';
    idx = next;
  }
  return 'ok';
}
/**
 * The first libvirt that refuses a target name whose index overflows ("Unknown disk name
 * ... and no address specified"). Observed: 9.0.0 accepts, 11.3.0 refuses; NEWS.rst
 * v10.8.0 "Fix various memleaks and overflows" is the release assumed.
 */
export const DISK_NAME_OVERFLOW_SINCE = '10.8.0';

/** a disk's index from its target name: hda -> 0, sdb -> 1, vdaa -> 26 (virDiskNameToIndex) */
export function diskIndex(dev: string): number | undefined {
  const m = /^(?:hd|sd|vd|xvd|fd|ubd)([a-z]+)\d*$/.exec(dev);
  if (!m) return undefined;
  let idx = 0;
  for (const ch of m[1]) idx = idx * 26 + (ch.charCodeAt(0) - 96);
  return idx - 1;
}

/** the bus of a disk: the one written, else the one its target name implies */
export function diskBus(writtenBus: string | undefined, dev: string): string | undefined {
  return writtenBus || BUS_BY_TARGET_PREFIX.find(([re]) => re.test(dev))?.[1];
}

/** the drive address libvirt derives for disk number `idx` on `bus` (undefined for buses without drive addresses) */
export function driveAddress(bus: string, idx: number): { controller: number; bus: number; target: number; unit: number } | undefined {
  const g = DRIVE_GEOMETRY[bus];
  if (!g) return undefined;
  const perController = g.unitsPerBus * g.busesPerController;
  return {
    controller: Math.floor(idx / perController),
    bus: Math.floor((idx % perController) / g.unitsPerBus),
    target: 0,
    unit: idx % g.unitsPerBus,
  };
}
