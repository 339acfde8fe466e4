/**
 * virtio-mmio on ARM and RISC-V virt machines (qemuDomainAssignVirtioMMIOAddresses):
 * virtio devices go on PCI Express when the machine has a pcie-root, unless
 * some device already has a virtio-mmio address; then every virtio device
 * without an address goes on virtio-mmio too.
 */
import { Source } from '../../knowledge/source';
import { addressType, writeAddress } from '../addresses';
import { Rule } from '../context';
import { iterationOrder } from '../deviceOrder';
import { isPrimedVirtioDevice } from './ccwAddresses';

const RULE = 'virtio-mmio-addresses';
const SOURCE: Source = {
  ref: 'src/qemu/qemu_domain_address.c, qemuDomainAssignVirtioMMIOAddresses (virtio-pci when a pcie-root exists and no device asks for virtio-mmio; otherwise virtio devices without an address get virtio-mmio); observed on libvirt 9.0.0 / QEMU 7.2',
};

export const virtioMmioAddressesRule: Rule = {
  id: RULE,
  description: 'puts the virtio devices of an ARM virt guest on virtio-mmio when one of them asks for it',
  apply(ctx) {
    if (!['armv6l', 'armv7l', 'aarch64'].includes(ctx.arch) && !ctx.arch.startsWith('riscv')) return;
    if (!/^(vexpress-|virt)/.test(ctx.machine)) return;
    const order = iterationOrder(ctx);
    const pcieRoot = ctx.root
      .child('devices')
      ?.all('controller')
      .some((c) => c.attr('type') === 'pci' && c.attr('index') === '0' && c.attr('model') === 'pcie-root');
    const anyMmio = order.some(({ node }) => addressType(node) === 'virtio-mmio');
    if (pcieRoot && !anyMmio) return;
    for (const { cls, node } of order) {
      if (addressType(node) !== 'none' || !isPrimedVirtioDevice(ctx, cls, node, false)) continue;
      writeAddress(ctx, node, [['type', 'virtio-mmio']], {
        rule: RULE,
        category: 'address',
        reason: pcieRoot
          ? 'another device of this guest is on virtio-mmio, so libvirt puts every virtio device there'
          : 'the machine has no PCI Express root, so virtio devices use virtio-mmio',
        source: SOURCE,
      });
    }
  },
};
