/** Controllers implied by devices: one per drive bus in use, virtio-serial for virtio channels and consoles. */
import { defaultScsiModel, SCSI_MODEL_SOURCE } from '../../knowledge/deviceDefaults';
import { Rule } from '../context';
import { ENode } from '../eTree';
import { findController } from './defaultControllers';

const IMPLICIT_SOURCE = {
  ref: 'src/conf/domain_conf.c, virDomainDefAddImplicitControllers (a controller for every drive address and virtio-serial port in use)',
};

/** libvirt parses a drive address's controller as an unsigned int: anything else fails the define, and implies nothing */
const UINT_MAX = 0xffffffff;
const validIndex = (v: string) => /^\d+$/.test(v) && Number(v) <= UINT_MAX;

export const implicitControllersRule: Rule = {
  id: 'implicit-controllers',
  description: 'adds the controllers that disks, channels and consoles need, and fills SCSI controller models',
  apply(ctx) {
    const devices = ctx.root.child('devices');
    if (!devices) return;
    const needed: [string, string][] = [];
    for (const disk of devices.all('disk')) {
      const addr = disk.child('address');
      const bus = disk.child('target')?.attr('bus');
      if (addr?.attr('type') === 'drive' && bus && ['ide', 'sata', 'scsi', 'fdc'].includes(bus))
        needed.push([bus, addr.attr('controller') ?? '0']);
    }
    for (const hd of devices.all('hostdev')) {
      const addr = hd.child('address');
      if (hd.attr('type') === 'scsi' && addr?.attr('type') === 'drive') needed.push(['scsi', addr.attr('controller') ?? '0']);
    }
    for (const c of [...devices.all('channel'), ...devices.all('console')]) {
      if (c.child('target')?.attr('type') !== 'virtio') continue;
      const addr = c.child('address');
      needed.push(['virtio-serial', addr?.attr('type') === 'virtio-serial' ? String(Number(addr.attr('controller') ?? '0')) : '0']);
    }
    if (needed.some(([, index]) => !validIndex(index))) return;
    const seen = new Set<string>();
    for (const [type, index] of needed) {
      const key = `${type}:${index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (findController(ctx, type, index)) continue;
      const meta = {
        rule: this.id,
        category: 'abi' as const,
        reason: `a device uses ${type} controller ${index}, so libvirt adds it`,
        source: IMPLICIT_SOURCE,
      };
      ctx.addElement(devices, new ENode('controller', { type, index }), meta);
    }
    for (const c of devices.all('controller')) {
      if (c.attr('type') === 'scsi' && !c.attr('model')) {
        const model = defaultScsiModel(ctx.arch);
        ctx.fillAttr(c, 'model', model, {
          rule: this.id,
          category: 'abi',
          reason: `a SCSI controller without a model is ${model} on ${ctx.arch}; the guest driver depends on it`,
          source: SCSI_MODEL_SOURCE,
        });
      }
    }
  },
};
