/**
 * Define-time rules about disks (src/conf/domain_conf.c, src/qemu/qemu_validate.c,
 * src/qemu/qemu_domain_address.c), probed on libvirt 9.0.0:
 * - buses per device: fdc only for floppies and floppies only on fdc
 *   ("Invalid bus type 'fdc' for disk"), no CD-ROM on virtio or sd
 *   ("disk type of 'vdb' does not support ejectable media"), LUNs only on
 *   virtio or scsi ("disk device='lun' is not supported for bus='sata'");
 * - address types per bus ("Invalid address type 'pci' for the disk 'sda'
 *   with the bus type 'sata'", "virtio disk cannot have an address of type
 *   'drive'", "unexpected address type for usb disk");
 * - one target name per disk ("target 'vda' duplicated"), one disk per drive
 *   address, which libvirt derives from the target name when none is given
 *   ("Found duplicate drive address"), and one IDE controller on i440fx
 *   ("Only 1 IDE controller is supported").
 */
import { XmlElement } from '../../parser/xmlNodes';
import { diskBus, diskIndex, diskNameStatus, DISK_NAME_OVERFLOW_SINCE, driveAddress } from '../../knowledge/diskDefaults';
import { nameRange, valueRange } from './guest';
import { CheckContext } from './checkContext';

/** the drive address libvirt gives a disk of `bus` with target index `idx` (controller:bus:target:unit) */
function derivedDriveAddress(bus: string, idx: number): string | undefined {
  if (bus === 'scsi' && idx >= 7) return undefined; // beyond 7 units it depends on the controller model
  const a = driveAddress(bus, idx);
  return a && `${a.controller}:${a.bus}:${a.target}:${a.unit}`;
}

const ADDRESS_TYPES: Record<string, string[]> = {
  ide: ['drive'],
  sata: ['drive'],
  scsi: ['drive'],
  fdc: ['drive'],
  usb: ['usb'],
};

export function diskBuses(ctx: CheckContext): void {
  const devs = new Map<string, XmlElement>();
  const drives = new Map<string, XmlElement>();
  for (const disk of ctx.devices('disk')) {
    const target = disk.child('target');
    const busAttr = target?.getAttribute('bus');
    const bus = diskBus(disk.child('target')?.attr('bus'), disk.child('target')?.attr('dev') ?? '');
    const device = disk.attr('device') ?? 'disk';
    const at = busAttr ? valueRange(busAttr) : target ? nameRange(target) : nameRange(disk);
    const extra = busAttr ? { node: 'value' as const, value: bus } : {};
    if (bus === 'fdc' && device !== 'floppy')
      ctx.reject('disk-bus', at, `bus 'fdc' is only for floppies, not for a ${device} ("Invalid bus type 'fdc' for disk")`, extra);
    else if (device === 'floppy' && bus && bus !== 'fdc')
      ctx.reject('disk-bus', at, `a floppy goes on bus 'fdc' ("Invalid bus type '${bus}' for floppy disk")`, {
        ...extra,
        safeAlternative: busAttr ? 'fdc' : undefined,
      });
    else if (device === 'cdrom' && (bus === 'virtio' || bus === 'sd'))
      ctx.reject(
        'disk-bus',
        at,
        `a CD-ROM needs a bus with removable media, and ${bus} has none ("does not support ejectable media"); use sata or scsi`,
        extra,
      );
    else if (device === 'lun' && bus && bus !== 'virtio' && bus !== 'scsi')
      ctx.reject('disk-bus', at, `disk device='lun' is not supported for bus='${bus}' (only virtio and scsi)`, extra);

    const address = disk.child('address');
    const atype = address?.attr('type');
    const allowed = bus ? ADDRESS_TYPES[bus] : undefined;
    if (address && atype && ((allowed && !allowed.includes(atype)) || (bus === 'virtio' && atype === 'drive'))) {
      ctx.reject(
        'disk-address',
        nameRange(address),
        `a disk on bus '${bus}' cannot have an address of type '${atype}'${allowed ? ` (it takes type '${allowed[0]}')` : " (virtio disks take 'pci' or 'ccw')"}`,
      );
    }

    const dev = target?.getAttribute('dev');
    // without an address libvirt derives one from the target name (virDomainDiskDefAssignAddress)
    const dv = dev?.value ?? '';
    // a disk or LUN names a hard disk (virDomainDiskDefValidate; 7.0 checks it while parsing);
    // without an address libvirt numbers the name to derive one (virDomainDiskDefAssignAddress)
    const hardDisk = (device === 'disk' || device === 'lun') && dv !== '' && !/^(?:hd|sd|vd|xvd|ubd)/.test(dv);
    const name = dv && !address ? diskNameStatus(dv) : 'ok';
    if (dev && hardDisk)
      ctx.reject(
        'disk-target-name',
        valueRange(dev),
        `a ${device}'s target starts with hd, sd, vd, xvd or ubd ("Invalid harddisk device name: ${dv}")`,
        { node: 'value', value: dv },
      );
    else if (dev && (name === 'invalid' || (name === 'overflow' && ctx.targetIn(DISK_NAME_OVERFLOW_SINCE))))
      ctx.reject(
        'disk-target-name',
        valueRange(dev),
        name === 'invalid'
          ? `'${dv}' is not a disk name libvirt can number (a prefix hd, sd, vd, fd, xvd or ubd, then letters a-z), and there is no <address> ("Unknown disk name '${dv}' and no address specified")`
          : `'${dv}' is past the last disk name libvirt accepts, with no <address> ("Unknown disk name '${dv}' and no address specified")`,
        { node: 'value', value: dv },
      );
    if (dev?.value) {
      if (devs.has(dev.value))
        ctx.reject(
          'disk-target',
          valueRange(dev),
          `target '${dev.value}' is used by another disk too ("target '${dev.value}' duplicated")`,
          { node: 'value', value: dev.value },
        );
      devs.set(dev.value, disk);
    }
    if (!bus || !(bus in ADDRESS_TYPES) || bus === 'usb') continue;
    let key: string | undefined;
    if (address && atype === 'drive') {
      const n = (k: string) => Number(address.attr(k) ?? 0);
      key = `${n('controller')}:${n('bus')}:${n('target')}:${n('unit')}`;
    } else if (!address && dev?.value) {
      const idx = diskIndex(dev.value);
      if (idx !== undefined) key = derivedDriveAddress(bus, idx);
      if (bus === 'ide' && idx !== undefined && idx >= 4 && ctx.g.machineKind === 'i440fx') {
        ctx.reject(
          'disk-address',
          valueRange(dev),
          `'${dev.value}' would be on a second IDE controller, and i440fx has one ("Only 1 IDE controller is supported"): IDE takes hda-hdd`,
          { node: 'value', value: dev.value },
        );
      }
    }
    if (!key) continue;
    const other = drives.get(`${bus}/${key}`);
    if (other)
      ctx.reject(
        'disk-address',
        address ? nameRange(address) : valueRange(dev!),
        `this disk has the same ${bus} drive address (${key.replace(/:/g, '/')}) as disk '${other.child('target')?.attr('dev') ?? ''}' ("Found duplicate drive address")${address ? '' : `: libvirt derives it from the target name`}`,
      );
    else drives.set(`${bus}/${key}`, disk);
  }
}
