/**
 * SCSI host devices without an address (virDomainHostdevAssignAddress, while
 * libvirt parses the domain): each takes the first SCSI controller, from 0,
 * with a free unit among 0-6 (bus 0, target 0), counting the disks and host
 * devices already there. The controllers this implies are added afterwards
 * with the other implicit controllers.
 */
import { Source } from '../../knowledge/source';
import { DRIVE_GEOMETRY } from '../../knowledge/diskDefaults';
import { addressOf, parseNum, writeAddress } from '../addresses';
import { Rule } from '../context';

const RULE = 'scsi-hostdev-addresses';
const SOURCE: Source = {
  ref: 'src/conf/domain_conf.c, virDomainHostdevAssignAddress and virDomainControllerSCSINextUnit (first controller with a free unit below 7, bus 0, target 0); observed on libvirt 9.0.0',
};

export const scsiHostdevAddressesRule: Rule = {
  id: RULE,
  description: 'gives SCSI host devices without an address a unit on the first SCSI controller with room',
  apply(ctx) {
    const devices = ctx.root.child('devices');
    if (!devices) return;
    const hostdevs = devices.all('hostdev').filter((h) => h.attr('mode') !== 'capabilities' && h.attr('type') === 'scsi');
    if (!hostdevs.some((h) => !addressOf(h))) return;
    const used = new Set<string>();
    const take = (controller: number, bus: number, target: number, unit: number) => used.add(`${controller}:${bus}:${target}:${unit}`);
    const scsiUsers = [...devices.all('disk').filter((d) => d.child('target')?.attr('bus') === 'scsi'), ...hostdevs];
    for (const n of scsiUsers) {
      const a = addressOf(n);
      if (a?.attr('type') === 'drive')
        take(
          parseNum(a.attr('controller')) ?? 0,
          parseNum(a.attr('bus')) ?? 0,
          parseNum(a.attr('target')) ?? 0,
          parseNum(a.attr('unit')) ?? 0,
        );
    }
    const units = DRIVE_GEOMETRY.scsi.unitsPerBus;
    for (const h of hostdevs) {
      if (addressOf(h)) continue;
      let controller = 0;
      let unit = -1;
      for (; unit < 0; controller++) {
        for (let u = 0; u < units; u++) {
          if (!used.has(`${controller}:0:0:${u}`)) {
            unit = u;
            break;
          }
        }
        if (unit >= 0) break;
      }
      take(controller, 0, 0, unit);
      writeAddress(
        ctx,
        h,
        [
          ['type', 'drive'],
          ['controller', String(controller)],
          ['bus', '0'],
          ['target', '0'],
          ['unit', String(unit)],
        ],
        {
          rule: RULE,
          category: 'address',
          reason: `the SCSI host device takes the first free unit, ${unit}, of SCSI controller ${controller}`,
          source: SOURCE,
        },
      );
    }
  },
};
