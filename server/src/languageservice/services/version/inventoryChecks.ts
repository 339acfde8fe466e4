/**
 * Define-time rules taken from the inventory of libvirt's error sites
 * (docs/libvirt-inventory.md): each needs nothing but the domain XML, names
 * the inventory rows it models and the libvirt versions where it applies,
 * and reports libvirt's own reason. A narrow interface on purpose: a rule
 * reads the <domain> element and calls `reject`, nothing else.
 */
import { XmlElement } from '../../parser/xmlNodes';
import { topologyLevelSince } from '../../expander/rules/cpuTopology';
import { compareVersions } from '../../knowledge/versions';

export type Range = [number, number];

/** reports a rejection: `check` names the rule, `reason` is libvirt's message (quoted) with our explanation */
export type Reject = (check: string, range: Range, reason: string) => void;

export interface InventoryRule {
  id: string;
  /** the file and function of libvirt that fails (see the inventory page) */
  source: string;
  /** first libvirt release where the rule applies to a domain written today */
  since?: string;
  /** `libvirt`: the target's version, for rules whose reading of the document depends on it */
  run(domain: XmlElement, reject: Reject, libvirt: string): void;
}

const name = (el: XmlElement): Range => [el.nameStart, el.nameEnd];

function attrRange(el: XmlElement, attr: string): Range {
  const a = el.getAttribute(attr);
  return a ? (a.valueStart >= 0 ? [a.valueStart, a.valueEnd] : [a.nameStart, a.nameEnd]) : name(el);
}

function* descendants(el: XmlElement): Generator<XmlElement> {
  for (const c of el.elements()) {
    yield c;
    yield* descendants(c);
  }
}

const CHARDEVS = new Set(['serial', 'parallel', 'console', 'channel', 'redirdev', 'smartcard']);

export const INVENTORY_RULES: InventoryRule[] = [
  {
    id: 'boot-order-with-os-boot',
    source: 'src/conf/domain_postparse.c virDomainDefBootOrderPostParse (7.0: domain_conf.c)',
    run(domain, reject) {
      if (!domain.child('os')?.child('boot')) return;
      const devices = domain.child('devices');
      if (!devices) return;
      for (const el of descendants(devices)) {
        if (el.name === 'boot' && el.hasAttr('order')) {
          reject(
            'boot-order-with-os-boot',
            name(el),
            `per-device <boot order> and <os><boot dev> exclude each other ("per-device boot elements cannot be used together with os/boot elements")`,
          );
          return;
        }
      }
    },
  },
  {
    id: 'nvram-with-stateless-loader',
    source: 'src/conf/domain_validate.c virDomainDefOSValidate',
    since: '8.6.0',
    run(domain, reject) {
      const os = domain.child('os');
      const nvram = os?.child('nvram');
      if (os?.child('loader')?.attr('stateless') !== 'yes' || !nvram) return;
      if (nvram.hasAttr('template'))
        reject(
          'nvram-with-stateless-loader',
          name(nvram),
          `a stateless loader has no NVRAM, so no template for it ("NVRAM template is not permitted when loader is stateless")`,
        );
      else
        reject(
          'nvram-with-stateless-loader',
          name(nvram),
          `a stateless loader (stateless='yes') keeps no variables ("NVRAM is not permitted when loader is stateless")`,
        );
    },
  },
  {
    id: 'chardev-reconnect-in-bind-mode',
    source: 'src/conf/domain_validate.c virDomainChrSourceDefValidate',
    run(domain, reject) {
      for (const dev of domain.child('devices')?.elements() ?? []) {
        if (!CHARDEVS.has(dev.name)) continue;
        const type = dev.attr('type');
        if (type !== 'tcp' && type !== 'unix') continue;
        for (const source of dev.elements('source')) {
          const reconnect = source.child('reconnect');
          if (source.attr('mode') === 'bind' && reconnect?.attr('enabled') === 'yes') {
            reject(
              'chardev-reconnect-in-bind-mode',
              name(reconnect),
              `reconnect applies to a client: this source listens (mode='bind') ("chardev reconnect is possible only for connect mode")`,
            );
          }
        }
      }
    },
  },
  {
    id: 'cpu-topology-vs-vcpus',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDefCpu',
    run(domain, reject, libvirt) {
      const topology = domain.child('cpu')?.child('topology');
      if (!topology) return;
      const parts = ['sockets', 'cores', 'threads'].map((a) => topology.attr(a));
      if (parts.some((p) => p === undefined || !/^\d+$/.test(p))) return;
      // a level the target's parser does not know is dropped, so it does not count (clusters before 10.1)
      const level = (name: string) => {
        const since = topologyLevelSince(name);
        return since && compareVersions(libvirt, since) < 0 ? undefined : topology.attr(name);
      };
      const dies = level('dies');
      const clusters = level('clusters');
      if ((dies !== undefined && !/^\d+$/.test(dies)) || (clusters !== undefined && !/^\d+$/.test(clusters))) return;
      const product = parts.reduce((n, p) => n * Number(p), 1) * Number(dies ?? 1) * Number(clusters ?? 1);
      const vcpu = domain.child('vcpu');
      const text = vcpu?.text().trim();
      const count = vcpu ? Number(text) : 1;
      if (vcpu && (!text || !/^\d+$/.test(text))) return;
      if (product !== count) {
        reject(
          'cpu-topology-vs-vcpus',
          name(topology),
          `the topology gives ${product} vCPUs but <vcpu> is ${count} ("CPU topology doesn't match maximum vcpu count")`,
        );
      }
    },
  },
  {
    id: 'memory-size-missing',
    source: 'src/conf/domain_postparse.c virDomainDefPostParseMemory (7.0: domain_conf.c)',
    run(domain, reject) {
      if (domain.child('memory')) return;
      const cells = domain.child('cpu')?.child('numa')?.elements('cell') ?? [];
      if (cells.some((c) => Number(c.attr('memory')) > 0)) return;
      reject(
        'memory-size-missing',
        name(domain),
        `the domain has no <memory> and no NUMA cell memory ("Memory size must be specified via <memory> or in the <numa> configuration")`,
      );
    },
  },
  {
    id: 'numatune-static-without-nodeset',
    source: 'src/conf/numa_conf.c virDomainNumatuneParseXML',
    run(domain, reject) {
      const memory = domain.child('numatune')?.child('memory');
      if (memory && memory.attr('placement') === 'static' && !memory.hasAttr('nodeset')) {
        reject(
          'numatune-static-without-nodeset',
          attrRange(memory, 'placement'),
          `static placement needs the host nodes it is bound to ("nodeset for NUMA memory tuning must be set if 'placement' is 'static'")`,
        );
      }
    },
  },
  {
    id: 'memnode-without-numa-cells',
    source: 'src/conf/numa_conf.c virDomainNumatuneNodeParseXML',
    run(domain, reject) {
      const memnode = domain.child('numatune')?.child('memnode');
      if (!memnode) return;
      if ((domain.child('cpu')?.child('numa')?.elements('cell') ?? []).length) return;
      reject(
        'memnode-without-numa-cells',
        name(memnode),
        `<memnode> tunes a guest NUMA cell, and the guest has none (<cpu><numa>) ("Element 'memnode' is invalid without any guest NUMA cells")`,
      );
    },
  },
];
