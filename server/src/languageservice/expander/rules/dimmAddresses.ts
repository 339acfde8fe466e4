/**
 * DIMM slots (qemuDomainAssignMemorySlots): with memory hotplug configured
 * (<maxMemory slots>), each dimm or nvdimm memory device without an address
 * takes the lowest free slot.
 */
import { DIMM_SOURCE } from '../../knowledge/busAddresses';
import { addressOf, addressType, parseNum, writeAddress } from '../addresses';
import { Rule } from '../context';

const RULE = 'dimm-addresses';

export const dimmAddressesRule: Rule = {
  id: RULE,
  description: 'gives hotpluggable memory modules (dimm, nvdimm) their DIMM slot',
  apply(ctx) {
    const maxMemory = ctx.root.child('maxMemory');
    const slots = parseNum(maxMemory?.attr('slots')) ?? 0;
    if (!maxMemory || slots <= 0) return;
    const mems = ctx.root.child('devices')?.all('memory') ?? [];
    const used = new Set<number>();
    for (const m of mems) if (addressType(m) === 'dimm') used.add(parseNum(addressOf(m)?.attr('slot')) ?? 0);
    for (const m of mems) {
      if (!['dimm', 'nvdimm'].includes(m.attr('model') ?? '') || addressType(m) === 'dimm') continue;
      let slot = 0;
      while (slot < slots && used.has(slot)) slot++;
      if (slot >= slots) return; // "failed to find an empty memory slot": libvirt refuses the domain
      used.add(slot);
      writeAddress(
        ctx,
        m,
        [
          ['type', 'dimm'],
          ['slot', String(slot)],
        ],
        {
          rule: RULE,
          category: 'address',
          reason: `the memory module takes the lowest free DIMM slot of the ${slots} that <maxMemory> provides`,
          source: DIMM_SOURCE,
        },
      );
    }
  },
};
