/**
 * libvirt's rules for character devices (serial, parallel, console,
 * channel, redirdev, passthrough smartcards, egd RNG backends), libvirt 7.0,
 * 9.0 and 11.3 alike unless said otherwise:
 * - src/conf/domain_validate.c virDomainChrSourceDefValidate: the source
 *   attributes each type needs (a unix socket's path may be left out only
 *   for virtio and xen channels, whose path libvirt generates);
 * - src/qemu/qemu_validate.c qemuValidateDomainChrSourceReconnectDef: a
 *   reconnect timeout of 0; virDomainChrSourceDefValidate: no reconnect on a
 *   listening socket, which a virtio channel's is once libvirt generates its
 *   path (knowledge/channelPaths.ts: also when it drops the one written);
 * - src/qemu/qemu_validate.c qemuValidateDomainChrTargetDef and
 *   qemuValidateDomainChrDef: a serial's target model decides its target
 *   type, the target type its address type, and some targets exist on one
 *   machine only (no parallel ports on s390 and pSeries: archChecks.ts);
 * - src/qemu/qemu_validate.c qemuValidateDomainSmartcardDef: one smartcard
 *   (9.0, 11.3; 7.0 accepts two).
 * The serial target type and model are read from the expansion, which has
 * libvirt's defaults for them.
 */
import { XmlElement } from '../../parser/xmlNodes';
import { ENode } from '../../expander/eTree';
import { attrRange, LibvirtRule, nameOf, nodeRange, RuleFacts } from './ruleFacts';

const CHARDEVS = new Set(['serial', 'parallel', 'console', 'channel', 'redirdev']);

interface Chardev {
  device: XmlElement;
  /** the element with the chardev's type= (the device, or an RNG's <backend>) */
  typed: XmlElement;
  type: string;
}

/** the console of serial 0 is that serial, written with the same source and address (virDomainDefAddConsoleCompat) */
export function isSerialsConsole(d: XmlElement, serials: number): boolean {
  return d.name === 'console' && serials > 0 && (d.child('target')?.attr('type') ?? 'serial') === 'serial';
}

function chardevs(f: RuleFacts): Chardev[] {
  const out: Chardev[] = [];
  const devices = f.domain.child('devices');
  if (!devices) return out;
  const serials = devices.elements('serial').length;
  for (const d of devices.elements()) {
    if (CHARDEVS.has(d.name)) {
      if (isSerialsConsole(d, serials)) continue;
      out.push({ device: d, typed: d, type: d.attr('type') ?? 'pty' });
    } else if (d.name === 'smartcard' && d.attr('mode') === 'passthrough' && d.hasAttr('type')) {
      out.push({ device: d, typed: d, type: d.attr('type')! });
    } else if (d.name === 'rng') {
      const b = d.child('backend');
      if (b?.attr('model') === 'egd' && b.hasAttr('type')) out.push({ device: d, typed: b, type: b.attr('type')! });
    }
  }
  return out;
}

const SERIAL_MODEL_TYPE: Record<string, string> = {
  'isa-serial': 'isa-serial',
  'usb-serial': 'usb-serial',
  'pci-serial': 'pci-serial',
  'spapr-vty': 'spapr-vio-serial',
  pl011: 'system-serial',
  '16550a': 'system-serial',
  sclpconsole: 'sclp-serial',
  sclplmconsole: 'sclp-serial',
  'isa-debugcon': 'isa-debug',
};

const SERIAL_TYPE_ADDRESS: Record<string, string> = {
  'isa-serial': 'isa',
  'isa-debug': 'isa',
  'usb-serial': 'usb',
  'pci-serial': 'pci',
  'spapr-vio-serial': 'spapr-vio',
};

export const CHARDEV_RULES: LibvirtRule[] = [
  {
    id: 'chardev-source',
    source: 'src/conf/domain_validate.c virDomainChrSourceDefValidate',
    run(f, reject) {
      for (const c of chardevs(f)) {
        const sources = c.typed.elements('source');
        const first = sources[0];
        const missing = (what: string) =>
          reject(
            'chardev-source',
            nameOf(first ?? c.typed),
            `a ${c.type} chardev needs ${what} ("Missing source ${what} attribute for char device")`,
          );
        if (['file', 'dev', 'pipe'].includes(c.type)) {
          if (!first?.hasAttr('path')) missing('path');
        } else if (c.type === 'unix') {
          const target = c.device.child('target')?.attr('type');
          const generated = c.device.name === 'channel' && (target === 'virtio' || target === 'xen');
          if (!first?.hasAttr('path') && !generated) missing('path');
        } else if (c.type === 'tcp') {
          if (!first?.hasAttr('host')) missing('host');
          else if (!first.hasAttr('service')) missing('service');
        } else if (c.type === 'udp') {
          // the connect side: the first <source> without mode='bind'
          const connect = sources.find((s) => (s.attr('mode') ?? 'connect') === 'connect');
          if (!connect?.hasAttr('service')) missing('service');
        }
      }
    },
  },
  {
    id: 'chardev-reconnect-listen',
    source: 'src/conf/domain_validate.c virDomainChrSourceDefValidate',
    run(f, reject) {
      // the expansion: a virtio channel's socket whose path libvirt drops (or never had) listens
      for (const d of f.devices()) {
        if (!CHARDEVS.has(d.name)) continue;
        const type = d.attr('type');
        const source = d.child('source');
        const r = source?.child('reconnect');
        if ((type !== 'tcp' && type !== 'unix') || r?.attr('enabled') !== 'yes') continue;
        const generated = type === 'unix' && d.name === 'channel' && !source!.attr('path');
        if (source!.attr('mode') !== 'bind' && !generated) continue;
        reject(
          'chardev-reconnect-listen',
          nodeRange(r, 'enabled'),
          `a listening socket does not reconnect${generated ? ' (with no path of its own, the socket is one libvirt creates and listens on)' : ''} ("chardev reconnect is possible only for connect mode")`,
        );
      }
    },
  },
  {
    id: 'chardev-reconnect-timeout',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainChrSourceReconnectDef',
    run(f, reject) {
      for (const c of chardevs(f)) {
        if (c.type !== 'tcp' && c.type !== 'unix') continue;
        const r = c.typed.child('source')?.child('reconnect');
        if (r?.attr('enabled') === 'yes' && /^\s*0+\s*$/.test(r.attr('timeout') ?? ''))
          reject(
            'chardev-reconnect-timeout',
            attrRange(r, 'timeout'),
            `reconnecting every 0 seconds is not a timeout ("chardev reconnect source timeout cannot be '0'")`,
          );
      }
    },
  },
  {
    id: 'serial-target',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainChrTargetDef, qemuValidateDomainChrDef',
    run(f, reject) {
      const kind = f.machineKind;
      const armVirt = kind === 'virt' && (f.arch === 'aarch64' || f.arch === 'armv7l');
      // 11.3 also has 16550a on LoongArch virt (qemuDomainIsLoongArchVirt)
      const riscvVirt = kind === 'virt' && (f.arch.startsWith('riscv') || (f.arch === 'loongarch64' && f.targetIn('10.0.0')));
      for (const s of f.devices('serial')) {
        const el = s.origin;
        if (!el) continue;
        const t: ENode | undefined = s.child('target');
        const type = t?.attr('type');
        const model = t?.child('model')?.attr('name');
        const range = nameOf(el.child('target') ?? el);
        const address = el.child('address')?.attr('type');
        if (type && address) {
          const want = SERIAL_TYPE_ADDRESS[type];
          if ((type === 'system-serial' || type === 'sclp-serial') && el.child('address'))
            reject(
              'serial-target',
              nameOf(el.child('address')!),
              `a ${type} has no address ("Target type '${type}' cannot have an associated address")`,
            );
          else if (want && address !== want)
            reject(
              'serial-target',
              nameOf(el.child('address')!),
              `a ${type} sits on ${want} ("Target type '${type}' requires address type '${want}'")`,
            );
        }
        if (model && type && SERIAL_MODEL_TYPE[model] && SERIAL_MODEL_TYPE[model] !== type) {
          reject(
            'serial-target',
            range,
            `model ${model} is a ${SERIAL_MODEL_TYPE[model]} ("Target model '${model}' requires target type '${SERIAL_MODEL_TYPE[model]}'")`,
          );
          continue;
        }
        let ok = true;
        if (type === 'system-serial' && ((model === 'pl011' && !armVirt) || (model === '16550a' && !riscvVirt))) ok = false;
        if (kind !== 'pseries' && (type === 'spapr-vio-serial' || model === 'spapr-vty')) ok = false;
        if (f.arch !== 's390x' && f.arch !== 's390' && (type === 'sclp-serial' || model === 'sclpconsole' || model === 'sclplmconsole'))
          ok = false;
        if (!ok)
          reject(
            'serial-target',
            range,
            `${f.machine} on ${f.arch} has no such serial port ("Serial device with target type '${type}' and target model '${model}' not compatible with guest architecture or machine type")`,
          );
      }
    },
  },
  {
    id: 'smartcard-single',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainSmartcardDef (9.0, 11.3; 7.0 accepts two)',
    since: '9.0.0',
    run(f, reject) {
      const cards = f.domain.child('devices')?.elements('smartcard') ?? [];
      if (cards.length > 1)
        reject(
          'smartcard-single',
          nameOf(cards[1]),
          `QEMU takes one smartcard, on CCID slot 0 ("this QEMU binary lacks multiple smartcard support")`,
        );
    },
  },
];
