/**
 * <memory> from the guest NUMA cells (src/conf/domain_postparse.c, 9.0 and
 * 11.3; domain_conf.c in 7.0: virDomainDefPostParseMemory). Define parses
 * with VIR_DOMAIN_DEF_PARSE_ABI_UPDATE, so whenever the cells add up to more
 * than zero, the total memory becomes their sum plus the sizes of the memory
 * devices (<memory model='dimm|nvdimm|virtio-mem|...'>), whatever <memory>
 * said. The memory rule that runs after lowers <currentMemory> to it.
 */
import { Rule } from '../context';
import { ENode } from '../eTree';
import { toKiB } from './memory';
import { numaCellIds } from './numaCells';

export const numaMemoryTotalRule: Rule = {
  id: 'numa-memory-total',
  description: 'sets <memory> to the sum of the NUMA cells and the memory devices, as define does',
  apply(ctx) {
    const cells = ctx.root.path('cpu', 'numa')?.all('cell') ?? [];
    if (cells.length === 0 || !numaCellIds(cells)) return;
    let total = 0;
    for (const c of cells) {
      const kib = toKiB(c.attr('memory') ?? '', c.attr('unit'));
      if (kib === undefined) return;
      total += kib;
    }
    if (total === 0) return;
    for (const m of ctx.root.child('devices')?.all('memory') ?? []) {
      const size = m.path('target', 'size');
      if (!size) continue;
      const kib = toKiB(size.value, size.attr('unit'));
      if (kib === undefined) return;
      total += kib;
    }
    const meta = {
      rule: this.id,
      category: 'abi' as const,
      reason: 'with guest NUMA cells, libvirt sets the total memory to their sum plus the memory devices',
      source: {
        ref: 'src/conf/domain_postparse.c (domain_conf.c in 7.0), virDomainDefPostParseMemory: with ABI update (define) the NUMA sizes replace the total',
        verifiedOn: ['7.0.0', '9.0.0', '11.3.0'],
      },
    };
    let mem = ctx.root.child('memory');
    if (!mem) {
      mem = ctx.addElement(ctx.root, new ENode('memory', { unit: 'KiB' }), meta);
      mem.text = String(total);
      return;
    }
    ctx.changeAttr(mem, 'unit', 'KiB', meta);
    ctx.setText(mem, String(total), meta);
  },
};
