/**
 * Values libvirt's XML parser refuses outright, whatever the host: enum
 * attributes read strictly (virXMLPropEnum: "Invalid value for attribute
 * 'A' in element 'E': 'V'."), numbers that must not be negative
 * (virXMLPropInt/UInt), and a disk without a target. Each was rejected by
 * libvirt 9.0.0 and 11.3.0 on their own test inputs (hugepages-memaccess-invalid,
 * aarch64-gic-invalid, pci-bridge-negative-index-invalid, vhost_queues-invalid,
 * disk-missing-target-invalid), and CPU sets that do not parse as a bitmap
 * (cpuset-invalid, libvirt 11.3; the same virBitmapParse call in 7.0 and 9.0).
 */
import { XmlElement } from '../../parser/xmlNodes';
import { attrRange, below, LibvirtRule, nameOf, parseBitmap, SEEN_IN_11_3 } from './ruleFacts';

interface StrictEnum {
  /** the element's name and its parent's */
  element: string;
  parent: string;
  attr: string;
  values: string[];
  source: string;
}

/** enum attributes whose parser refuses any other value, the default ('none', 0) included */
const STRICT_ENUMS: StrictEnum[] = [
  {
    element: 'cell',
    parent: 'numa',
    attr: 'memAccess',
    values: ['shared', 'private'],
    source: 'src/conf/numa_conf.c virDomainNumaDefParseXML',
  },
  { element: 'cell', parent: 'numa', attr: 'discard', values: ['yes', 'no'], source: 'src/conf/numa_conf.c virDomainNumaDefParseXML' },
  {
    element: 'gic',
    parent: 'features',
    attr: 'version',
    values: ['host', '2', '3'],
    source: 'src/conf/domain_conf.c virDomainFeaturesGICDefParseXML',
  },
];

/** the highest CPU a cpuset may name, plus one (VIR_DOMAIN_CPUMASK_LEN in src/conf/domain_conf.h, 7.0 to 11.3) */
const CPUMASK_LEN = 16384;

/** the elements whose cpuset libvirt reads with virBitmapParse: <vcpu> and the <cputune> pins */
function cpusetHolders(domain: XmlElement): XmlElement[] {
  const cputune = domain.child('cputune');
  const pins = cputune ? cputune.elements().filter((e) => ['vcpupin', 'emulatorpin', 'iothreadpin'].includes(e.name)) : [];
  const vcpu = domain.child('vcpu');
  return vcpu ? [vcpu, ...pins] : pins;
}

/** numbers the parser reads as non-negative: [element, parent, attr, libvirt's words] */
const NON_NEGATIVE: [string, string, string, string][] = [
  ['controller', 'devices', 'index', 'Expected non-negative value'],
  ['driver', 'interface', 'queues', 'Expected non-negative integer value'],
];

/** the numbers of a video <model>, read as unsigned decimal ints (virStrToLong_uip; 11.3 virXMLPropUInt) */
const VIDEO_NUMBERS = ['ram', 'vram', 'vram64', 'vgamem', 'heads'];

export const PARSER_VALUE_RULES: LibvirtRule[] = [
  {
    id: 'tpm-backend-missing',
    source: 'src/conf/domain_conf.c virDomainTPMDefParseXML',
    run(f, reject) {
      for (const t of f.domain.child('devices')?.elements('tpm') ?? [])
        if (!t.child('backend'))
          reject(
            'tpm-backend-missing',
            nameOf(t),
            `a <tpm> says where the TPM lives: add <backend type='emulator' version='2.0'/> (or passthrough) ("missing TPM device backend")`,
          );
    },
  },
  {
    id: 'video-model-numbers',
    source: 'src/conf/domain_conf.c virDomainVideoModelDefParseXML (7.0, 9.0: virStrToLong_uip; 11.3: virXMLPropUInt)',
    run(f, reject) {
      for (const v of f.domain.child('devices')?.elements('video') ?? []) {
        const model = v.child('model');
        if (!model) continue;
        for (const attr of VIDEO_NUMBERS) {
          const value = model.attr(attr);
          if (value === undefined || (/^\s*\+?\d+\s*$/.test(value) && Number(value) <= 0xffffffff)) continue;
          reject(
            'video-model-numbers',
            attrRange(model, attr),
            `${attr} is a whole number of KiB (heads: of heads), not negative ("${
              f.targetIn(SEEN_IN_11_3)
                ? `Invalid value for attribute '${attr}' in element 'model': '${value}'`
                : `cannot parse video ${attr} '${value}'`
            }")`,
          );
          return;
        }
      }
    },
  },
  {
    id: 'attr-strict-enum',
    source: STRICT_ENUMS.map((e) => e.source).join('; '),
    run(f, reject) {
      for (const el of below(f.domain)) {
        for (const e of STRICT_ENUMS) {
          if (el.name !== e.element || el.parent?.name !== e.parent) continue;
          const v = el.attr(e.attr);
          if (v === undefined || e.values.includes(v)) continue;
          reject(
            'attr-strict-enum',
            attrRange(el, e.attr),
            `${e.attr} is one of ${e.values.join(', ')} ("Invalid value for attribute '${e.attr}' in element '${e.element}': '${v}'.")`,
          );
        }
      }
    },
  },
  {
    id: 'attr-non-negative',
    source: 'src/conf/domain_conf.c virDomainControllerDefParseXML, virDomainNetDefParseXML (virXMLPropInt / virXMLPropUInt)',
    run(f, reject) {
      for (const el of below(f.domain)) {
        for (const [name, parent, attr, words] of NON_NEGATIVE) {
          if (el.name !== name || el.parent?.name !== parent) continue;
          const v = el.attr(attr)?.trim();
          if (v === undefined || !/^-\d+$/.test(v) || v === '-0') continue;
          reject(
            'attr-non-negative',
            attrRange(el, attr),
            `${attr} cannot be negative ("Invalid value for attribute '${attr}' in element '${name}': '${v}'. ${words}")`,
          );
        }
      }
    },
  },
  {
    id: 'cpuset-bitmap',
    source:
      'src/conf/domain_conf.c virDomainVcpuParse, virDomainVcpuPinDefParseXML, virDomainEmulatorPinDefParseXML, virDomainIOThreadPinDefParseXML; src/util/virbitmap.c virBitmapParse',
    run(f, reject) {
      for (const el of cpusetHolders(f.domain)) {
        const v = el.attr('cpuset');
        if (v === undefined || parseBitmap(v, CPUMASK_LEN)) continue;
        reject(
          'cpuset-bitmap',
          attrRange(el, 'cpuset'),
          `a CPU set is CPU numbers below ${CPUMASK_LEN} and ranges, comma-separated, e.g. 0-3,^2 ("Failed to parse bitmap '${v}'")`,
        );
      }
    },
  },
  {
    id: 'distribution-disabled',
    source: "the target distribution's patches (profile.disabledValues); virXMLPropEnum in the patched parser",
    run(f, reject) {
      const disabled = f.profile.disabledValues;
      if (!disabled?.length) return;
      for (const el of below(f.domain)) {
        for (const d of disabled) {
          const at = d.path.lastIndexOf('/@');
          if (el.xpath !== d.path.slice(0, at)) continue;
          const attr = d.path.slice(at + 2);
          if (el.attr(attr) !== d.value) continue;
          reject(
            'distribution-disabled',
            attrRange(el, attr),
            `${f.profile.label} builds libvirt without ${attr}='${d.value}' (${d.source}; "Invalid value for attribute '${attr}' in element '${el.name}': '${d.value}'.")`,
          );
        }
      }
    },
  },
  {
    id: 'controller-iothread',
    source: 'src/conf/domain_postparse.c virDomainControllerDefPostParse (7.0: domain_conf.c)',
    run(f, reject) {
      for (const c of f.devices('controller')) {
        const driver = c.origin?.child('driver');
        if (!driver?.hasAttr('iothread')) continue;
        const model = c.attr('model');
        if (c.attr('type') === 'scsi' && (model === undefined || model.startsWith('virtio'))) continue;
        reject(
          'controller-iothread',
          attrRange(driver, 'iothread'),
          `only a virtio-scsi controller runs in an iothread ("'iothread' attribute only supported for virtio scsi controllers")`,
        );
      }
    },
  },
  {
    id: 'disk-target',
    source: 'src/conf/domain_conf.c virDomainDiskDefParseXML',
    run(f, reject) {
      for (const d of f.domain.child('devices')?.elements('disk') ?? []) {
        if (d.child('target')?.attr('dev')) continue;
        const src = d.child('source');
        const what = src?.attr('file') ?? src?.attr('dev') ?? src?.attr('dir') ?? src?.attr('name') ?? src?.attr('volume');
        reject(
          'disk-target',
          nameOf(d.child('target') ?? d),
          `a <disk> needs <target dev='...'/> ("missing target information for device${what ? ` ${what}` : ''}")`,
        );
      }
    },
  },
];
