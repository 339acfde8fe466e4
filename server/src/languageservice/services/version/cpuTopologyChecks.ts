/**
 * libvirt's rules for vCPUs, the CPU's cache and address-size settings, and
 * vCPU/iothread scheduling (libvirt 7.0, 9.0 and 11.3 alike unless said
 * otherwise). The topology product against <vcpu> is inventoryChecks.ts.
 * - src/qemu/qemu_validate.c qemuValidateDomainVCpuTopology: pSeries adds
 *   vCPUs a core at a time, so the current count is a multiple of threads;
 *   more than 255 vCPUs on x86 need q35 and an IOMMU with eim='on' (11.3
 *   fills eim='on' itself);
 * - src/qemu/qemu_validate.c qemuValidateDomainDefCpu: <maxphysaddr> and
 *   <cache> are x86 only, and their modes take or refuse bits/level;
 * - src/conf/domain_conf.c virDomainThreadSchedParseHelper and
 *   virDomainIOThreadPinDefParseXML: one scheduler per vCPU/iothread, and
 *   only iothreads the domain has (ids 1..<iothreads>, or <iothreadids>).
 */
import { XmlElement } from '../../parser/xmlNodes';
import { attrRange, LibvirtRule, nameOf, parseBitmap, uint } from './ruleFacts';

const isX86 = (arch: string) => arch === 'x86_64' || arch === 'i686';

function vcpuCounts(domain: XmlElement): { max: number; current: number } | undefined {
  const v = domain.child('vcpu');
  if (!v) return { max: 1, current: 1 };
  const max = uint(v.trimmedText());
  if (max === undefined) return undefined;
  const current = v.hasAttr('current') ? uint(v.attr('current')) : max;
  return current === undefined ? undefined : { max, current };
}

/** the iothread ids the domain has (virDomainIOThreadIDDefArrayInit) */
function iothreadIds(domain: XmlElement): Set<number> {
  const ids = new Set<number>();
  for (const t of domain.child('iothreadids')?.elements('iothread') ?? []) {
    const id = uint(t.attr('id'));
    if (id !== undefined) ids.add(id);
  }
  const n = uint(domain.child('iothreads')?.trimmedText()) ?? 0;
  let count = ids.size;
  for (let id = 1; id <= n && count < n; id++)
    if (!ids.has(id)) {
      ids.add(id);
      count++;
    }
  return ids;
}

export const CPU_TOPOLOGY_RULES: LibvirtRule[] = [
  {
    id: 'vcpu-hotplug-granularity',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainVCpuTopology, qemuValidateDefGetVcpuHotplugGranularity',
    run(f, reject) {
      if (f.machineKind !== 'pseries') return;
      const topology = f.domain.child('cpu')?.child('topology');
      const threads = uint(topology?.attr('threads'));
      const sockets = uint(topology?.attr('sockets'));
      const counts = vcpuCounts(f.domain);
      if (!topology || !threads || !sockets || !counts) return;
      if (counts.current % threads !== 0)
        reject(
          'vcpu-hotplug-granularity',
          nameOf(f.domain.child('vcpu') ?? topology),
          `pSeries adds vCPUs a core (${threads} threads) at a time ("vCPUs count must be a multiple of the vCPU hotplug granularity (${threads})")`,
        );
    },
  },
  {
    id: 'vcpu-eim',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainVCpuTopology',
    run(f, reject) {
      const counts = vcpuCounts(f.domain);
      const vcpu = f.domain.child('vcpu');
      if (!isX86(f.arch) || !counts || counts.max <= 255 || !vcpu) return;
      if (f.machineKind !== 'q35') {
        reject(
          'vcpu-eim',
          nameOf(vcpu),
          `x86 guests beyond 255 vCPUs need q35 ("more than 255 vCPUs are only supported on q35-based machine types")`,
        );
        return;
      }
      // 11.3 turns eim on itself (and adds an intel IOMMU) when it is left out (qemu_postparse.c); 10.0 is not checked, so only 9.x and older
      const eim = f.domain.child('devices')?.child('iommu')?.child('driver')?.attr('eim');
      if (eim === 'off' || (eim !== 'on' && !f.targetIn('10.0.0')))
        reject(
          'vcpu-eim',
          nameOf(vcpu),
          `x86 guests beyond 255 vCPUs need x2APIC interrupt remapping ("more than 255 vCPUs require extended interrupt mode enabled on the iommu device")`,
        );
    },
  },
  {
    id: 'cpu-maxphysaddr',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDefCpu (9.0, 11.3; 7.0 does not know <maxphysaddr>)',
    since: '9.0.0',
    run(f, reject) {
      const addr = f.domain.child('cpu')?.child('maxphysaddr');
      if (!addr) return;
      const mode = addr.attr('mode');
      if (!isX86(f.arch))
        reject(
          'cpu-maxphysaddr',
          nameOf(addr),
          `only x86 sets the physical address size ("CPU maximum physical address bits specification is not supported for '${f.arch}' architecture")`,
        );
      else if (mode === 'passthrough' && addr.hasAttr('bits'))
        reject(
          'cpu-maxphysaddr',
          attrRange(addr, 'bits'),
          `passthrough takes the host's bits ("CPU maximum physical address bits number specification cannot be used with mode='passthrough'")`,
        );
      // 11.3 lets emulate go without bits (no such check in qemuValidateDomainDefCpu); 10.0 not checked
      else if (mode === 'emulate' && !addr.hasAttr('bits') && !f.targetIn('10.0.0'))
        reject(
          'cpu-maxphysaddr',
          nameOf(addr),
          `emulate needs the number of bits ("if using CPU maximum physical address mode='emulate', bits= must be specified too")`,
        );
    },
  },
  {
    id: 'cpu-cache',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDefCpu',
    run(f, reject) {
      const cpu = f.domain.child('cpu');
      const cache = cpu?.child('cache');
      if (!cpu || !cache) return;
      const mode = cache.attr('mode');
      const level = cache.attr('level');
      if (!isX86(f.arch)) {
        reject(
          'cpu-cache',
          nameOf(cache),
          `only x86 describes the CPU cache ("CPU cache specification is not supported for '${f.arch}' architecture")`,
        );
        return;
      }
      if (mode === 'emulate' && uint(level) !== 3)
        reject(
          'cpu-cache',
          attrRange(cache, 'level'),
          `QEMU emulates only the L3 cache ("CPU cache mode 'emulate' can only be used with level='3'")`,
        );
      else if (mode === 'passthrough' && !['host-passthrough', 'maximum'].includes(cpu.attr('mode') ?? 'custom'))
        reject(
          'cpu-cache',
          attrRange(cache, 'mode'),
          `passing the host's cache through needs the host's CPU ("CPU cache mode 'passthrough' can only be used with 'host-passthrough'${f.targetIn('9.0.0') ? " / 'maximum'" : ''} CPUs")`,
        );
      else if ((mode === 'passthrough' || mode === 'disable') && level !== undefined)
        reject('cpu-cache', attrRange(cache, 'level'), `${mode} applies to every level ("unsupported CPU cache level for mode '${mode}'")`);
    },
  },
  {
    id: 'cputune-threads',
    source: 'src/conf/domain_conf.c virDomainThreadSchedParseHelper, virDomainIOThreadPinDefParseXML',
    run(f, reject) {
      const cputune = f.domain.child('cputune');
      if (!cputune) return;
      const ids = iothreadIds(f.domain);
      for (const pin of cputune.elements('iothreadpin')) {
        const id = uint(pin.attr('iothread'));
        if (id !== undefined && id > 0 && !ids.has(id)) {
          reject('cputune-threads', attrRange(pin, 'iothread'), `the domain has no iothread ${id} ("Cannot find 'iothread' : ${id}")`);
          return;
        }
      }
      for (const [element, attribute] of [
        ['vcpusched', 'vcpus'],
        ['iothreadsched', 'iothreads'],
      ] as const) {
        const taken = new Set<number>();
        for (const s of cputune.elements(element)) {
          const set = parseBitmap(s.attr(attribute));
          if (!set) continue;
          for (const n of [...set].sort((a, b) => a - b)) {
            if (element === 'iothreadsched' && !ids.has(n)) {
              reject('cputune-threads', attrRange(s, attribute), `the domain has no iothread ${n} ("Cannot find 'iothread' : ${n}")`);
              return;
            }
            if (taken.has(n)) {
              reject(
                'cputune-threads',
                attrRange(s, attribute),
                `${attribute} ${n} is scheduled twice ("'${element}' attributes '${attribute}' must not overlap")`,
              );
              return;
            }
            taken.add(n);
          }
        }
      }
    },
  },
];
