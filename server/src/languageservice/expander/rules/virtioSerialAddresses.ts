/**
 * virtio-serial ports of channels (qemuDomainAssignVirtioSerialAddresses):
 * each virtio channel without a port takes the lowest free port from 1 on the
 * lowest-indexed controller with one; when all are full libvirt adds a
 * controller. Virtio consoles get no address (their port 0 is implicit).
 */
import { VIRTIO_SERIAL_DEFAULT_PORTS, VIRTIO_SERIAL_SOURCE } from '../../knowledge/busAddresses';
import { addressOf, addressType, parseNum, writeAddress } from '../addresses';
import { Rule } from '../context';
import { iterationOrder } from '../deviceOrder';
import { ENode } from '../eTree';
import { FillMeta } from '../fill';

const RULE = 'virtio-serial-addresses';

interface Controller {
  index: number;
  ports: number;
  used: Set<number>;
}

/** the lowest free port from 1 (ports.length when the controller is full) */
function lowestFree(c: Controller): number {
  let p = 1;
  while (p < c.ports && c.used.has(p)) p++;
  return p;
}

export const virtioSerialAddressesRule: Rule = {
  id: RULE,
  description: 'numbers the virtio-serial ports of channels and adds a virtio-serial controller when the ports run out',
  apply(ctx) {
    const devices = ctx.root.child('devices');
    if (!devices) return;
    // only virtio channels get (or complete) virtio-serial addresses
    if (!devices.children.some((c) => c.name === 'channel' && c.child('target')?.attr('type') === 'virtio')) return;
    const written = devices.all('controller').filter((c) => c.attr('type') === 'virtio-serial');
    // an index that is not a number ('auto') fails libvirt's parse: the domain is rejected, nothing to number
    if (written.some((c) => c.attr('index') !== undefined && !/^\d+$/.test(c.attr('index')!))) return;
    const controllers: Controller[] = written
      .map((c) => ({
        index: Number(c.attr('index') ?? '0'),
        ports: parseNum(c.attr('ports')) ?? VIRTIO_SERIAL_DEFAULT_PORTS,
        used: new Set<number>(),
      }))
      .sort((a, b) => a.index - b.index);
    const find = (index: number) => controllers.find((c) => c.index === index);
    // ports written in the document are taken first
    for (const { node } of iterationOrder(ctx)) {
      const a = addressOf(node);
      if (addressType(node) !== 'virtio-serial' || !a) continue;
      const port = parseNum(a.attr('port')) ?? 0;
      if (port === 0) continue;
      const c = find(parseNum(a.attr('controller')) ?? 0);
      if (!c || port >= c.ports || c.used.has(port)) return; // libvirt refuses the domain
      c.used.add(port);
    }
    let firstWithRoom = 0;
    for (const ch of devices.all('channel')) {
      if (ch.child('target')?.attr('type') !== 'virtio') continue;
      const a = addressOf(ch);
      const type = addressType(ch);
      if (type === 'virtio-serial' && (parseNum(a?.attr('port')) ?? 0) !== 0) {
        const meta: FillMeta = {
          rule: RULE,
          category: 'address',
          reason: 'libvirt completes the virtio-serial address the document gives',
          source: VIRTIO_SERIAL_SOURCE,
        };
        writeAddress(
          ctx,
          ch,
          [
            ['type', 'virtio-serial'],
            ['controller', String(parseNum(a?.attr('controller')) ?? 0)],
            ['bus', String(parseNum(a?.attr('bus')) ?? 0)],
            ['port', String(parseNum(a?.attr('port')))],
          ],
          meta,
        );
        continue;
      }
      let controller: Controller | undefined;
      let port = 0;
      if (type === 'virtio-serial') {
        controller = find(parseNum(a?.attr('controller')) ?? 0);
        if (!controller) return;
        for (port = 1; port < controller.ports && controller.used.has(port); port++);
        if (port >= controller.ports) return; // "Unable to find a free port": libvirt refuses the domain
      } else {
        // controllers before `firstWithRoom` are full (ports are only ever taken)
        for (let i = firstWithRoom; i < controllers.length; i++) {
          const c = controllers[i];
          const p = lowestFree(c);
          if (p < c.ports) {
            controller = c;
            port = p;
            break;
          }
          if (i === firstWithRoom) firstWithRoom++;
        }
        if (!controller) {
          let index = 0;
          while (find(index)) index++;
          const meta: FillMeta = {
            rule: RULE,
            category: 'abi',
            reason: 'every virtio-serial controller is full, so libvirt adds another one for the channel',
            source: VIRTIO_SERIAL_SOURCE,
          };
          ctx.addElement(devices, new ENode('controller', { type: 'virtio-serial', index: String(index) }), meta);
          controller = { index, ports: VIRTIO_SERIAL_DEFAULT_PORTS, used: new Set() };
          controllers.push(controller);
          controllers.sort((x, y) => x.index - y.index);
          firstWithRoom = 0;
          port = 1;
        }
      }
      controller.used.add(port);
      const meta: FillMeta = {
        rule: RULE,
        category: 'address',
        reason: `the channel takes the lowest free port (from 1) of virtio-serial controller ${controller.index}; port 0 is kept for a console`,
        source: VIRTIO_SERIAL_SOURCE,
      };
      writeAddress(
        ctx,
        ch,
        [
          ['type', 'virtio-serial'],
          ['controller', String(controller.index)],
          ['bus', '0'],
          ['port', String(port)],
        ],
        meta,
      );
    }
  },
};
