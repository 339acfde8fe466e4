/**
 * libvirt's rules for guest NUMA cells, <numatune> and hugepages (the
 * document's own values: these are parsed before any default is filled).
 * Sources, libvirt 9.0 unless said otherwise (7.0 and 11.3 the same):
 * - src/conf/numa_conf.c virDomainNumatuneParseXML, virDomainNumatuneSet,
 *   virDomainNumatuneNodeParseXML, virDomainNumaDefParseXML (11.3 also
 *   virDomainNumaDefValidate: restrictive memnodes need a restrictive
 *   <memory>, since 9.4);
 * - src/conf/numa_conf.c virDomainNumaDefNodeDistanceParseXML: each
 *   <distances> has siblings, naming cells that exist, 10 to the cell
 *   itself and 11-255 to the others;
 * - src/conf/domain_postparse.c virDomainDefPostParseMemtune and
 *   src/conf/domain_validate.c virDomainDefMemtuneValidate (hugepages);
 * - src/conf/domain_validate.c virDomainMemoryDefValidate (9.0, 11.3; 7.0
 *   checked a memory device's node only when starting the guest);
 *   virDomainMemoryDefCheckConflict (since 9.8.0): virtio-mem and virtio-pmem
 *   ranges overlap no other memory device's.
 * - src/qemu/qemu_validate.c qemuValidateDomainDefVhostUserRequireSharedMemory
 *   (7.0: qemuValidateDomainDefVirtioFSSharedMemory): a vhost-user backend maps
 *   guest RAM, so it needs <memoryBacking><access mode='shared'/>, or every NUMA
 *   cell shared (memAccess='shared', or unset with shared backing). It applies to
 *   virtiofs (every version here), vhostuser disks (since 7.1.0, which added
 *   them) and vhostuser interfaces (since 11.2.0, NEWS.rst: before, only a
 *   warning in the log). Observed on the 7.0, 9.0 and 11.3 daemons.
 */
import { XmlElement } from '../../parser/xmlNodes';
import { MEMORY_UNITS } from '../../knowledge/scalarDefaults';
import { toKiB } from '../../expander/rules/memory';
import { attrRange, int, LibvirtRule, nameOf, parseBitmap, uint } from './ruleFacts';

/** the guest NUMA cells: <cpu><numa><cell> of the first <numa> */
function cells(domain: XmlElement): XmlElement[] {
  return domain.child('cpu')?.child('numa')?.elements('cell') ?? [];
}

/** the placement libvirt settles on for <numatune><memory> (virDomainNumatuneSet); undefined when there is no memory tuning */
function memoryPlacement(domain: XmlElement): 'static' | 'auto' | undefined {
  const memory = domain.child('numatune')?.child('memory');
  const vcpuStatic = domain.child('vcpu')?.attr('placement') !== 'auto';
  if (!memory) return vcpuStatic ? undefined : 'auto';
  const p = memory.attr('placement');
  if (p === 'static' || p === 'auto') return p;
  if (memory.hasAttr('nodeset')) return 'static';
  if (!memory.hasAttr('mode') && p === undefined) return undefined;
  return vcpuStatic ? 'static' : 'auto';
}

/** a page size in KiB as libvirt reads it (unit KiB by default) */
function pageKiB(page: XmlElement): number | undefined {
  const size = uint(page.attr('size'));
  const scale = MEMORY_UNITS[(page.attr('unit') ?? 'KiB').toLowerCase()];
  return size === undefined || scale === undefined ? undefined : (size * scale) / 1024;
}

/** a NUMA distance: LOCAL_DISTANCE to the cell itself, up to UNREACHABLE (numa_conf.c) */
const LOCAL_DISTANCE = 10;
const UNREACHABLE = 255;

/** whether the guest RAM is shared with other processes, as vhost-user back ends need */
function memoryShared(domain: XmlElement): boolean {
  const shared = domain.child('memoryBacking')?.child('access')?.attr('mode') === 'shared';
  const list = cells(domain);
  if (!list.length) return shared;
  return list.every((c) => c.attr('memAccess') === 'shared' || (c.attr('memAccess') !== 'private' && shared));
}

/** a rule that `what` (the devices `pick` selects, named in libvirt's message as `name`) needs shared memory */
function sharedMemoryRule(id: string, since: string | undefined, name: string, pick: (devices: XmlElement) => XmlElement[]): LibvirtRule {
  return {
    id,
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDefVhostUserRequireSharedMemory',
    since,
    run(f, reject) {
      const devices = f.domain.child('devices');
      const first = devices && pick(devices)[0];
      if (!first || memoryShared(f.domain)) return;
      reject(
        id,
        nameOf(first),
        `a vhost-user back end maps the guest's RAM, so it must be shared: add <memoryBacking><access mode='shared'/></memoryBacking> (or memAccess='shared' on every NUMA cell) ("'${name}' requires shared memory")`,
      );
    },
  };
}

const SHARED_MEMORY_RULES: LibvirtRule[] = [
  sharedMemoryRule('virtiofs-shared-memory', undefined, 'virtiofs', (d) =>
    d.elements('filesystem').filter((fs) => fs.child('driver')?.attr('type') === 'virtiofs'),
  ),
  sharedMemoryRule('vhost-user-disk-shared-memory', '7.1.0', 'vhostuser', (d) =>
    d.elements('disk').filter((disk) => disk.attr('type') === 'vhostuser'),
  ),
  sharedMemoryRule('vhost-user-net-shared-memory', '11.2.0', 'interface', (d) =>
    d.elements('interface').filter((i) => i.attr('type') === 'vhostuser'),
  ),
];

export const NUMA_RULES: LibvirtRule[] = [
  ...SHARED_MEMORY_RULES,
  {
    id: 'numa-distances',
    source: 'src/conf/numa_conf.c virDomainNumaDefNodeDistanceParseXML',
    run(f, reject) {
      const list = cells(f.domain);
      for (const [i, c] of list.entries()) {
        const distances = c.child('distances');
        if (!distances) continue;
        const cell = c.hasAttr('id') ? uint(c.attr('id')) : i;
        if (cell === undefined) continue;
        const siblings = distances.elements('sibling');
        if (!siblings.length) {
          reject(
            'numa-distances',
            nameOf(distances),
            `<distances> lists the other cells as <sibling id value> ("NUMA distances defined without siblings")`,
          );
          return;
        }
        for (const s of siblings) {
          const id = uint(s.attr('id'));
          const value = uint(s.attr('value'));
          if (id === undefined || value === undefined) continue;
          if (id >= list.length) {
            reject(
              'numa-distances',
              attrRange(s, 'id'),
              `the guest has cells 0-${list.length - 1} ("'sibling_id ${id}' does not refer to a valid cell within NUMA 'cell id ${cell}'")`,
            );
            return;
          }
          const self = id === cell;
          if (value < LOCAL_DISTANCE || value > UNREACHABLE || self !== (value === LOCAL_DISTANCE)) {
            reject(
              'numa-distances',
              attrRange(s, 'value'),
              `${self ? `a cell's distance to itself is ${LOCAL_DISTANCE}` : `the distance to another cell is ${LOCAL_DISTANCE + 1}-${UNREACHABLE}`} ("'value ${value}' is invalid for 'sibling id ${id}' under NUMA 'cell id ${cell}'")`,
            );
            return;
          }
        }
      }
    },
  },
  {
    id: 'numa-cell-ids',
    source: 'src/conf/numa_conf.c virDomainNumaDefParseXML',
    run(f, reject) {
      const list = cells(f.domain);
      const seen = new Set<number>();
      list.forEach((c, i) => {
        const id = c.hasAttr('id') ? uint(c.attr('id')) : i;
        if (id === undefined) return;
        if (id >= list.length)
          reject(
            'numa-cell-ids',
            attrRange(c, 'id'),
            `with ${list.length} cells the ids are 0-${list.length - 1} ("Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed")`,
          );
        else if (seen.has(id))
          reject('numa-cell-ids', attrRange(c, 'id'), `two cells have id ${id} ("Duplicate NUMA cell info for cell id '${id}'")`);
        seen.add(id);
      });
    },
  },
  {
    id: 'numatune-nodeset',
    source: 'src/conf/numa_conf.c virDomainNumatuneParseXML, virDomainNumatuneNodeParseXML',
    run(f, reject) {
      const tune = f.domain.child('numatune');
      if (!tune) return;
      for (const el of [tune.child('memory'), ...tune.elements('memnode')]) {
        const v = el?.attr('nodeset');
        if (!el || v === undefined) continue;
        const set = parseBitmap(v);
        if (set && set.size === 0)
          reject('numatune-nodeset', attrRange(el, 'nodeset'), `the nodeset names no host node ("Invalid value of 'nodeset': ${v}")`);
      }
    },
  },
  {
    id: 'numatune-implicit-static',
    source: 'src/conf/numa_conf.c virDomainNumatuneSet',
    run(f, reject) {
      const memory = f.domain.child('numatune')?.child('memory');
      // an explicit placement='static' is inventoryChecks.ts numatune-static-without-nodeset
      if (!memory || memory.hasAttr('placement') || memory.hasAttr('nodeset') || memoryPlacement(f.domain) !== 'static') return;
      reject(
        'numatune-implicit-static',
        nameOf(memory),
        `without a nodeset, memory tuning follows the vCPU placement, which is static ("nodeset for NUMA memory tuning must be set if 'placement' is 'static'"): add nodeset or placement='auto'`,
      );
    },
  },
  {
    id: 'numatune-memnode',
    source: 'src/conf/numa_conf.c virDomainNumatuneNodeParseXML',
    run(f, reject) {
      const tune = f.domain.child('numatune');
      const memnodes = tune?.elements('memnode') ?? [];
      if (!memnodes.length) return;
      if (memoryPlacement(f.domain) === 'auto') {
        reject(
          'numatune-memnode',
          nameOf(memnodes[0]),
          `per-cell memory nodes need static placement ("Per-node binding is not compatible with automatic NUMA placement.")`,
        );
        return;
      }
      const n = cells(f.domain).length;
      if (!n) return; // inventoryChecks.ts memnode-without-numa-cells
      const restrictive = tune?.child('memory')?.attr('mode') === 'restrictive';
      const seen = new Set<number>();
      for (const m of memnodes) {
        const id = uint(m.attr('cellid'));
        if (id === undefined) continue;
        if (id >= n) {
          reject(
            'numatune-memnode',
            attrRange(m, 'cellid'),
            `the guest has ${n} NUMA cell(s) ("Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell")`,
          );
          return;
        }
        if (seen.has(id)) {
          reject('numatune-memnode', attrRange(m, 'cellid'), `cell ${id} is tuned twice ("Multiple memnode elements with cellid ${id}")`);
          return;
        }
        seen.add(id);
        if (restrictive && (m.attr('mode') ?? 'strict') !== 'restrictive' && f.targetIn('9.0.0')) {
          reject(
            'numatune-memnode',
            attrRange(m, 'mode'),
            `<memory mode='restrictive'> makes every memnode restrictive too ("'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element")`,
          );
          return;
        }
        if (!restrictive && m.attr('mode') === 'restrictive' && f.targetIn('9.4.0')) {
          reject(
            'numatune-memnode',
            attrRange(m, 'mode'),
            `a restrictive memnode needs <memory mode='restrictive'> too ("'restrictive' mode is required in memory element when mode is 'restrictive' in memnode element")`,
          );
          return;
        }
        if (!m.hasAttr('nodeset')) {
          reject(
            'numatune-memnode',
            nameOf(m),
            `a memnode binds a cell to host nodes ("Missing required nodeset attribute in memnode element")`,
          );
          return;
        }
      }
    },
  },
  {
    id: 'hugepages-nodeset',
    source: 'src/conf/domain_postparse.c virDomainDefPostParseMemtune, src/conf/domain_validate.c virDomainDefMemtuneValidate',
    run(f, reject) {
      const pages = f.domain.child('memoryBacking')?.child('hugepages')?.elements('page') ?? [];
      if (!pages.length) return;
      const n = cells(f.domain).length;
      const sets: (Set<number> | undefined)[] = [];
      for (const p of pages) {
        const v = p.attr('nodeset');
        let set = v === undefined ? undefined : parseBitmap(v);
        if (v !== undefined && !set) return; // a nodeset that does not parse is another error
        // without guest NUMA, nodeset='0' means the whole guest
        if (set && !n && [...set].every((x) => x === 0)) set = undefined;
        sets.push(set);
      }
      for (let i = 0; i < pages.length; i++) {
        for (let j = 0; j < i; j++) {
          const a = sets[i];
          const b = sets[j];
          if (a && b && [...a].some((x) => b.has(x))) {
            reject(
              'hugepages-nodeset',
              attrRange(pages[i], 'nodeset'),
              `two page sizes for one guest node ("nodeset attribute of hugepages of sizes ${pageKiB(pages[i])} and ${pageKiB(pages[j])} intersect")`,
            );
            return;
          }
          if (!a && !b) {
            reject(
              'hugepages-nodeset',
              nameOf(pages[i]),
              `only one page size may be the default, without a nodeset ("two master hugepages detected: ${pageKiB(pages[i])} and ${pageKiB(pages[j])}")`,
            );
            return;
          }
        }
        const missing = [...(sets[i] ?? [])].filter((x) => x >= n).sort((x, y) => x - y)[0];
        if (missing !== undefined) {
          reject(
            'hugepages-nodeset',
            attrRange(pages[i], 'nodeset'),
            `the guest has ${n} NUMA cell(s) ("hugepages: node ${missing} not found")`,
          );
          return;
        }
      }
    },
  },
  {
    id: 'memory-device-node',
    source: 'src/conf/domain_validate.c virDomainMemoryDefValidate (9.0, 11.3; 7.0 checks it at start only)',
    since: '9.0.0',
    run(f, reject) {
      const n = cells(f.domain).length;
      for (const m of f.domain.child('devices')?.elements('memory') ?? []) {
        const node = m.child('target')?.child('node');
        const id = int(node?.trimmedText());
        if (!node || id === undefined || id < 0) continue;
        if (!n)
          reject(
            'memory-device-node',
            nameOf(node),
            `the guest has no NUMA cells ("can't add memory backend as guest has no NUMA nodes configured")`,
          );
        else if (id >= n)
          reject(
            'memory-device-node',
            nameOf(node),
            `NUMA cells are numbered 0-${n - 1} ("can't add memory backend for guest node '${id}' as the guest has only '${n}' NUMA nodes configured")`,
          );
      }
    },
  },
  {
    id: 'memory-device-overlap',
    source:
      'src/conf/domain_validate.c virDomainMemoryDefCheckConflict (NEWS.rst v9.8.0: "validates ... overlapping memory addresses" of virtio-mem and virtio-pmem; 11.3 confirmed by its daemon)',
    since: '9.8.0',
    run(f, reject) {
      const spans: { at: XmlElement; start: number; end: number; virtio: boolean }[] = [];
      for (const m of f.domain.child('devices')?.elements('memory') ?? []) {
        const model = m.attr('model');
        const virtio = model === 'virtio-mem' || model === 'virtio-pmem';
        const at = virtio ? m.child('target')?.child('address') : model === 'dimm' ? m.child('address') : undefined;
        if (!at || (!virtio && at.attr('type') !== 'dimm')) continue;
        const start = uint(at.attr('base'));
        const size = m.child('target')?.child('size');
        // libvirt keeps the size in KiB, rounded up (expander/rules/memory.ts)
        const kib = size && toKiB(size.trimmedText(), size.attr('unit'));
        if (!start || kib === undefined) continue;
        spans.push({ at, start, end: start + kib * 1024, virtio });
      }
      for (const [i, a] of spans.entries())
        for (const b of spans.slice(i + 1)) {
          if ((a.virtio || b.virtio) && a.start < b.end && b.start < a.end) {
            const hex = (n: number) => `0x${n.toString(16)}`;
            reject(
              'memory-device-overlap',
              attrRange(a.at, 'base'),
              `this memory device's range overlaps another's ("memory device address [${hex(a.start)}:${hex(a.end)}] overlaps with other memory device (${hex(b.start)})")`,
            );
            return;
          }
        }
    },
  },
];
