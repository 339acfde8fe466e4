/**
 * Define-time rules about memory hotplug (src/conf/domain_conf.c,
 * src/qemu/qemu_domain.c qemuDomainDefValidateMemoryHotplug), probed on
 * libvirt 9.0.0:
 * - <maxMemory> needs its slots ("both maximum memory size and memory slot
 *   count must be specified") and, except on ppc64, a NUMA node ("At least
 *   one numa node has to be configured when enabling memory hotplug");
 * - a <memory> device needs <maxMemory> ("cannot use/hotplug a memory device
 *   when domain 'maxMemory' is not defined");
 * - every memory device, virtio-mem and virtio-pmem included, takes a slot
 *   ("memory device count '5' exceeds slots count '3'");
 * - <maxMemory> must cover the memory ("maximum memory size must be equal or
 *   greater than the actual memory size"); with NUMA the memory is the sum
 *   of the cells plus the devices.
 */
import { XmlElement } from '../../parser/xmlNodes';
import { nameRange, valueRange } from './guest';
import { CheckContext } from './checkContext';
import { MEMORY_UNITS } from '../../knowledge/scalarDefaults';

/** a scaled integer in bytes; without a unit, `defaultUnit` (KiB for memory sizes) */
export function bytesOf(value: string | undefined, unit: string | undefined, defaultUnit = 'KiB'): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const scale = MEMORY_UNITS[(unit ?? defaultUnit).toLowerCase()];
  return scale === undefined ? undefined : Number(value) * scale;
}

function elementBytes(el: XmlElement | undefined): number | undefined {
  return el ? bytesOf(el.trimmedText(), el.attr('unit')) : undefined;
}

export function memoryHotplug(ctx: CheckContext): void {
  const max = ctx.domain.child('maxMemory');
  const mems = ctx.devices('memory');
  const cells = ctx.domain.path('cpu', 'numa')?.elements('cell') ?? [];
  if (!max) {
    if (mems.length)
      ctx.reject(
        'memory-hotplug',
        nameRange(mems[0]),
        `a <memory> device needs <maxMemory slots='N'> ("cannot use/hotplug a memory device when domain 'maxMemory' is not defined")`,
      );
    return;
  }
  const slots = max.getAttribute('slots');
  // 11.3 takes <maxMemory> without slots, adds a NUMA node itself when there is none, and counts slots for
  // DIMMs only (qemu_domain.c qemuDomainDefValidateMemoryHotplug); 10.0 is not checked, so the 9.0 rules stop there
  const newer = ctx.targetIn('10.0.0');
  if (!slots && newer) return;
  if (!slots) {
    ctx.reject(
      'memory-hotplug',
      nameRange(max),
      `<maxMemory> needs a slots attribute ("both maximum memory size and memory slot count must be specified")`,
    );
    return;
  }
  if (!cells.length && !ctx.g.arch.startsWith('ppc64') && !newer) {
    ctx.reject(
      'memory-hotplug',
      nameRange(max),
      `memory hotplug (<maxMemory>) needs at least one NUMA node: add <numa><cell .../></numa> to <cpu>`,
    );
  }
  const nslots = Number(slots.value);
  const slotted = newer ? mems.filter((m) => ['dimm', 'nvdimm'].includes(m.attr('model') ?? '')) : mems;
  if (Number.isInteger(nslots) && slotted.length > nslots) {
    const n = slotted.length;
    ctx.reject(
      'memory-slots',
      valueRange(slots),
      newer
        ? `${n} DIMMs need ${n} slots, but <maxMemory> has ${nslots} ("count of memory devices requiring memory slots '${n}' exceeds slots count '${nslots}'")`
        : `${n} memory devices need ${n} slots, but <maxMemory> has ${nslots} ("memory device count '${n}' exceeds slots count '${nslots}'")`,
      { node: 'value', value: slots.value ?? undefined, safeAlternative: String(n) },
    );
  }
  const maxBytes = elementBytes(max);
  if (maxBytes === undefined) return;
  let total: number | undefined;
  if (cells.length) {
    total = 0;
    for (const c of cells) {
      const b = bytesOf(c.attr('memory'), c.attr('unit'));
      if (b === undefined) return;
      total += b;
    }
    for (const m of mems) {
      const b = elementBytes(m.path('target', 'size'));
      if (b === undefined) return;
      total += b;
    }
  } else total = elementBytes(ctx.domain.child('memory'));
  if (total !== undefined && total > maxBytes) {
    ctx.reject(
      'memory-max',
      nameRange(max),
      `<maxMemory> is smaller than the memory (${Math.round(total / 1024 ** 2)} MiB with ${cells.length ? 'NUMA cells and memory devices' : '<memory>'}): "maximum memory size must be equal or greater than the actual memory size"`,
    );
  }
}
