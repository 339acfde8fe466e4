/** <memory>/<currentMemory>: normalised to KiB; currentMemory defaults to memory. */
import { MEMORY_UNIT_SOURCE, MEMORY_UNITS } from '../../knowledge/scalarDefaults';
import { ExpandContext, Rule } from '../context';
import { ENode } from '../eTree';

/** a memory amount in KiB, rounded up as libvirt does; undefined when unparsable */
export function toKiB(value: string, unit: string | undefined): number | undefined {
  if (!/^\s*\d+\s*$/.test(value)) return undefined;
  const factor = MEMORY_UNITS[(unit ?? 'KiB').toLowerCase()];
  if (!factor) return undefined;
  return Math.ceil((Number(value) * factor) / 1024);
}

function normalise(ctx: ExpandContext, el: ENode, rule: string): number | undefined {
  const kib = toKiB(el.value, el.attr('unit'));
  if (kib === undefined) return undefined;
  const meta = { rule, category: 'normalised' as const, reason: 'libvirt stores memory sizes in KiB', source: MEMORY_UNIT_SOURCE };
  if (el.attr('unit') !== 'KiB') ctx.changeAttr(el, 'unit', 'KiB', meta);
  if (el.value !== String(kib)) ctx.setText(el, String(kib), meta);
  return kib;
}

export const memoryRule: Rule = {
  id: 'memory',
  description: 'writes memory sizes (also of memory devices) in KiB and adds <currentMemory> equal to <memory>',
  apply(ctx) {
    const mem = ctx.root.child('memory');
    if (!mem) return;
    const kib = normalise(ctx, mem, this.id);
    for (const name of ['maxMemory']) {
      const el = ctx.root.child(name);
      if (el) normalise(ctx, el, this.id);
    }
    // memory devices (<memory model='dimm|nvdimm|virtio-mem|...'>): their size too (virDomainMemoryTargetDefParseXML)
    for (const dev of ctx.root.child('devices')?.all('memory') ?? []) {
      const size = dev.path('target', 'size');
      if (size) normalise(ctx, size, this.id);
    }
    const cur = ctx.root.child('currentMemory');
    if (cur) {
      const c = normalise(ctx, cur, this.id);
      if (c !== undefined && kib !== undefined && c > kib) {
        ctx.setText(cur, String(kib), {
          rule: this.id,
          category: 'abi',
          reason: 'currentMemory cannot exceed memory; libvirt lowers it',
          source: MEMORY_UNIT_SOURCE,
        });
      }
      return;
    }
    if (kib === undefined) return;
    const added = new ENode('currentMemory', { unit: 'KiB' });
    added.text = String(kib);
    ctx.addElement(ctx.root, added, {
      rule: this.id,
      category: 'abi',
      reason: 'without <currentMemory> the guest boots with all of <memory> (no balloon inflation)',
      source: { ref: 'src/conf/domain_conf.c, virDomainDefPostParseMemory: cur_balloon defaults to the total memory' },
    });
  },
};
