/** <disk>: bus from the target name, QEMU driver defaults, read-only CD-ROMs, drive addresses. */
import {
  BUS_SOURCE,
  CDROM_READONLY_SOURCE,
  DISK_DRIVER_SOURCE,
  diskBus,
  diskIndex,
  driveAddress,
  DRIVE_ADDRESS_SOURCE,
} from '../../knowledge/diskDefaults';
import { Rule } from '../context';
import { ENode } from '../eTree';

export const disksRule: Rule = {
  id: 'disk',
  description: 'fills the bus, driver and drive address of each disk',
  apply(ctx) {
    for (const disk of ctx.root.child('devices')?.all('disk') ?? []) {
      const target = disk.child('target');
      const dev = target?.attr('dev');
      if (!target || !dev) continue;
      if (!target.attr('bus')) {
        const bus = disk.attr('device') === 'floppy' ? 'fdc' : diskBus(undefined, dev);
        if (bus)
          ctx.fillAttr(target, 'bus', bus, { rule: this.id, category: 'abi', reason: `'${dev}' names a ${bus} disk`, source: BUS_SOURCE });
      }
      const type = disk.attr('type') ?? 'file';
      if (type !== 'vhostuser' && type !== 'nvme') {
        const meta = {
          rule: this.id,
          category: 'abi' as const,
          reason: 'QEMU disks are driven by qemu; a disk without a format is read as raw',
          source: DISK_DRIVER_SOURCE,
        };
        const driver = disk.child('driver') ?? ctx.addElement(disk, new ENode('driver'), meta);
        ctx.fillAttr(driver, 'name', 'qemu', meta);
        if (disk.attr('device') !== 'lun' || driver.attr('type')) ctx.fillAttr(driver, 'type', 'raw', meta);
      }
      if (disk.attr('device') === 'cdrom' && !disk.child('readonly')) {
        ctx.addElement(disk, new ENode('readonly'), {
          rule: this.id,
          category: 'abi',
          reason: 'a CD-ROM is always read-only',
          source: CDROM_READONLY_SOURCE,
        });
      }
      const bus = target.attr('bus') ?? '';
      const idx = diskIndex(dev);
      const drive = idx !== undefined ? driveAddress(bus, idx) : undefined;
      if (drive && !disk.child('address')) {
        const address = new ENode('address', {
          type: 'drive',
          controller: String(drive.controller),
          bus: String(drive.bus),
          target: '0',
          unit: String(drive.unit),
        });
        ctx.addElement(disk, address, {
          rule: this.id,
          category: 'address',
          reason: `${dev} is ${bus} disk number ${idx}; libvirt derives its controller, bus and unit from that`,
          source: DRIVE_ADDRESS_SOURCE,
        });
      }
    }
  },
};
