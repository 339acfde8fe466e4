/**
 * s390 channel I/O addresses (qemuDomainAssignS390Addresses): on s390-ccw
 * machines virtio devices without an address go on the CCW bus and take
 * cssid 0xfe, ssid 0 and the lowest free device number, in libvirt's device
 * order, after the device numbers the document gives.
 */
import { CCW_DEFAULT, CCW_SOURCE } from '../../knowledge/busAddresses';
import { addressOf, addressType, hex, parseNum, writeAddress } from '../addresses';
import { ExpandContext, Rule } from '../context';
import { DeviceClass, iterationOrder } from '../deviceOrder';
import { ENode } from '../eTree';
import { FillMeta } from '../fill';

const RULE = 'ccw-addresses';

const VIRTIO_NET_MODELS = ['virtio', 'virtio-transitional', 'virtio-non-transitional'];

/**
 * the devices libvirt puts on a virtio bus of the machine (CCW on s390,
 * virtio-mmio on ARM when asked) when they have no address
 * (qemuDomainPrimeVirtioDeviceAddresses); fs and vsock only on CCW
 */
export function isPrimedVirtioDevice(_ctx: ExpandContext, cls: DeviceClass, n: ENode, ccw: boolean): boolean {
  switch (cls) {
    case 'disk':
      return n.child('target')?.attr('bus') === 'virtio';
    case 'net':
      return VIRTIO_NET_MODELS.includes(n.child('model')?.attr('type') ?? '');
    case 'video':
      return n.child('model')?.attr('type') === 'virtio';
    case 'input':
      return n.attr('bus') === 'virtio';
    case 'controller':
      return n.attr('type') === 'virtio-serial' || n.attr('type') === 'scsi';
    case 'hostdev':
      return n.attr('mode') !== 'capabilities' && n.attr('type') === 'scsi_host';
    case 'memballoon':
      return n.attr('model') !== 'none';
    case 'rng':
      return true;
    case 'memory':
      return ['virtio-pmem', 'virtio-mem'].includes(n.attr('model') ?? '');
    case 'fs':
    case 'vsock':
      return ccw;
    default:
      return false;
  }
}

export const ccwAddressesRule: Rule = {
  id: RULE,
  description: 'gives s390 virtio devices their CCW address (cssid 0xfe, ssid 0, the next free devno)',
  apply(ctx) {
    if (!ctx.isS390 || !/^s390-ccw/.test(ctx.machine)) return;
    const order = iterationOrder(ctx);
    const used = new Set<string>();
    const ccw: ENode[] = [];
    for (const { cls, node } of order) {
      const type = addressType(node);
      if (type === 'none' && isPrimedVirtioDevice(ctx, cls, node, true)) ccw.push(node);
      else if (type === 'ccw') {
        const a = addressOf(node)!;
        const devno = parseNum(a.attr('devno'));
        if (devno === undefined) ccw.push(node);
        else {
          const key = `${parseNum(a.attr('cssid'))}.${parseNum(a.attr('ssid'))}.${devno}`;
          if (used.has(key)) return; // libvirt refuses the domain
          used.add(key);
          const meta: FillMeta = {
            rule: RULE,
            category: 'address',
            reason: 'libvirt writes CCW addresses in its own format',
            source: CCW_SOURCE,
          };
          writeAddress(
            ctx,
            node,
            [
              ['type', 'ccw'],
              ['cssid', hex(parseNum(a.attr('cssid')) ?? 0, 2)],
              ['ssid', hex(parseNum(a.attr('ssid')) ?? 0, 1)],
              ['devno', hex(devno, 4)],
            ],
            meta,
          );
        }
      }
    }
    let next = 0;
    for (const node of ccw) {
      while (used.has(`${CCW_DEFAULT.cssid}.${CCW_DEFAULT.ssid}.${next}`)) next++;
      used.add(`${CCW_DEFAULT.cssid}.${CCW_DEFAULT.ssid}.${next}`);
      const meta: FillMeta = {
        rule: RULE,
        category: 'address',
        reason: `virtio devices on s390 sit on the channel subsystem; this one takes the next free device number, ${hex(next, 4)}`,
        source: CCW_SOURCE,
      };
      writeAddress(
        ctx,
        node,
        [
          ['type', 'ccw'],
          ['cssid', hex(CCW_DEFAULT.cssid, 2)],
          ['ssid', hex(CCW_DEFAULT.ssid, 1)],
          ['devno', hex(next, 4)],
        ],
        meta,
      );
    }
  },
};
