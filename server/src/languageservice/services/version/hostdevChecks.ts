/**
 * libvirt's rules for host devices and the SCSI addresses they share with
 * disks (libvirt 7.0, 9.0 and 11.3 alike):
 * - src/conf/domain_validate.c virDomainDefHostdevValidate (9.0 and 11.3;
 *   7.0 has neither rule, the releases between are not checked): one guest device
 *   per host device (virDomainHostdevMatch: PCI by host address, USB by
 *   bus/device or else vendor/product, SCSI by adapter and address, iSCSI by
 *   host, port and path, vhost-scsi by wwpn, mdev by uuid, capabilities
 *   hostdevs by block/char device or interface), one vGPU with ramfb;
 * - src/qemu/qemu_validate.c qemuValidateDomainMdevDefVFIOPCI: display='on'
 *   needs a graphics device;
 * - src/conf/domain_validate.c virDomainDefDuplicateDriveAddressesValidate:
 *   one SCSI hostdev per drive address; src/conf/domain_postparse.c
 *   virDomainHostdevDefPostParse: none where a SCSI disk is;
 * - src/conf/domain_conf.c virDomainDiskDefAssignAddress: a SCSI disk left
 *   without address takes the one its name gives (sdX: controller index/7,
 *   unit index%7; the QEMU driver's buses are narrow), unless a SCSI hostdev
 *   already has it.
 * - src/conf/domain_conf.c virDomainHostdevDefParseXMLSubsys: sgio and rawio
 *   only on SCSI hostdevs, startupPolicy only on USB ones (7.0, 9.0, 11.3).
 * <interface type='hostdev'> counts as a PCI hostdev (libvirt adds it to
 * the hostdev list).
 */
import { XmlElement } from '../../parser/xmlNodes';
import { attrRange, LibvirtRule, nameOf, uint } from './ruleFacts';

/** what identifies the host device a <hostdev> (or <interface type='hostdev'>) passes through, or undefined */
function identity(h: XmlElement): string | undefined {
  const source = h.child('source');
  if (!source) return undefined;
  const n = (el: XmlElement | undefined, a: string) => String(uint(el?.attr(a)) ?? 0);
  if (h.name === 'interface' || (h.attr('mode') ?? 'subsystem') === 'subsystem') {
    const type = h.name === 'interface' ? 'pci' : h.attr('type');
    if (type === 'pci') {
      const a = source.child('address');
      return a ? `pci ${n(a, 'domain')}:${n(a, 'bus')}:${n(a, 'slot')}.${n(a, 'function')}` : undefined;
    }
    if (type === 'usb') {
      const a = source.child('address');
      if (a?.hasAttr('bus') && a.hasAttr('device') && uint(a.attr('bus')) && uint(a.attr('device')))
        return `usb ${n(a, 'bus')}/${n(a, 'device')}`;
      return `usb id ${n(source.child('vendor'), 'id')}:${n(source.child('product'), 'id')}`;
    }
    if (type === 'scsi') {
      if (source.attr('protocol') === 'iscsi') {
        const host = source.child('host');
        return `iscsi ${host?.attr('name')}:${host?.attr('port') ?? '3260'}/${source.attr('name')}`;
      }
      const a = source.child('address');
      return `scsi ${source.child('adapter')?.attr('name')} ${n(a, 'bus')}:${n(a, 'target')}:${n(a, 'unit')}`;
    }
    if (type === 'scsi_host') return `vhost ${source.attr('protocol')} ${source.attr('wwpn')}`;
    if (type === 'mdev') return `mdev ${source.child('address')?.attr('uuid')}`;
    return undefined;
  }
  const type = h.attr('type');
  if (type === 'storage') return `block ${source.child('block')?.trimmedText()}`;
  if (type === 'misc') return `char ${source.child('char')?.trimmedText()}`;
  if (type === 'net') return `net ${source.child('interface')?.trimmedText()}`;
  return undefined;
}

/** sda -> 0, sdz -> 25, sdaa -> 26 (virDiskNameToIndex) */
export function diskIndex(name: string): number | undefined {
  const m = /^(?:sd|hd|vd|xvd|ubd)([a-z]+)$/.exec(name);
  if (!m) return undefined;
  let idx = 0;
  for (const ch of m[1]) idx = idx * 26 + (ch.charCodeAt(0) - 96);
  return idx - 1;
}

interface Drive {
  controller: number;
  bus: number;
  target: number;
  unit: number;
}

const key = (d: Drive) => `${d.controller}:${d.bus}:${d.target}:${d.unit}`;

function writtenDrive(el: XmlElement): Drive | undefined {
  const a = el.child('address');
  if (a?.attr('type') !== 'drive') return undefined;
  return {
    controller: uint(a.attr('controller')) ?? 0,
    bus: uint(a.attr('bus')) ?? 0,
    target: uint(a.attr('target')) ?? 0,
    unit: uint(a.attr('unit')) ?? 0,
  };
}

export const HOSTDEV_RULES: LibvirtRule[] = [
  {
    id: 'hostdev-subsys-attrs',
    source: 'src/conf/domain_conf.c virDomainHostdevDefParseXMLSubsys',
    run(f, reject) {
      for (const h of f.domain.child('devices')?.elements('hostdev') ?? []) {
        if ((h.attr('mode') ?? 'subsystem') !== 'subsystem') continue;
        const type = h.attr('type');
        const policy = h.child('source');
        if (type !== 'usb' && policy?.hasAttr('startupPolicy')) {
          reject(
            'hostdev-subsys-attrs',
            attrRange(policy, 'startupPolicy'),
            `a startup policy is for USB devices ("Setting startupPolicy is only allowed for USB devices")`,
          );
          continue;
        }
        if (type === 'scsi') continue;
        for (const attr of ['sgio', 'rawio'])
          if (h.hasAttr(attr))
            reject(
              'hostdev-subsys-attrs',
              attrRange(h, attr),
              `${attr} is for SCSI host devices (type='scsi'), not '${type ?? ''}' ("${attr} is only supported for scsi host device")`,
            );
      }
    },
  },
  {
    id: 'hostdev-boot',
    source:
      'src/qemu/qemu_validate.c qemuValidateDomainMdevDefVFIOPCI, qemuValidateDomainMdevDefVFIOAP, qemuValidateDomainDeviceDefHostdev',
    run(f, reject) {
      for (const h of f.domain.child('devices')?.elements('hostdev') ?? []) {
        const boot = h.child('boot');
        if (!boot || h.attr('mode') !== 'subsystem') continue;
        const type = h.attr('type');
        const what =
          type === 'scsi_host'
            ? 'vhost SCSI devices'
            : type === 'mdev' && (h.attr('model') === 'vfio-pci' || h.attr('model') === 'vfio-ap')
              ? `mediated devices of model ${h.attr('model')}`
              : undefined;
        if (what)
          reject(
            'hostdev-boot',
            nameOf(boot),
            `this device cannot be booted from ("booting from assigned devices is not supported by ${what}")`,
          );
      }
    },
  },
  {
    id: 'hostdev-duplicate',
    source: 'src/conf/domain_validate.c virDomainDefHostdevValidate (9.0, 11.3; 7.0 accepts duplicates)',
    since: '9.0.0',
    run(f, reject) {
      const devices = f.domain.child('devices');
      if (!devices) return;
      const seen = new Map<string, XmlElement>();
      for (const h of devices.elements()) {
        if (h.name !== 'hostdev' && !(h.name === 'interface' && h.attr('type') === 'hostdev')) continue;
        const id = identity(h);
        if (id === undefined) continue;
        const k = `${h.attr('mode') ?? 'subsystem'} ${id}`;
        if (seen.has(k)) {
          reject(
            'hostdev-duplicate',
            nameOf(h),
            `the host device is passed through twice ("Hostdev already exists in the domain configuration")`,
          );
          return;
        }
        seen.set(k, h);
      }
    },
  },
  {
    id: 'hostdev-mdev-display',
    source: 'src/conf/domain_validate.c virDomainDefHostdevValidate, src/qemu/qemu_validate.c qemuValidateDomainMdevDefVFIOPCI',
    run(f, reject) {
      const devices = f.domain.child('devices');
      if (!devices) return;
      const mdevs = devices.elements('hostdev').filter((h) => h.attr('type') === 'mdev');
      const ramfb = mdevs.filter((h) => h.attr('ramfb') === 'on');
      if (ramfb.length > 1 && f.targetIn('9.0.0'))
        reject(
          'hostdev-mdev-display',
          attrRange(ramfb[1], 'ramfb'),
          `QEMU has one ramfb ("Only one vgpu device can have 'ramfb' enabled")`,
        );
      if (devices.elements('graphics').length) return;
      for (const h of mdevs)
        if (h.attr('display') === 'on' && h.attr('model') === 'vfio-pci')
          reject(
            'hostdev-mdev-display',
            attrRange(h, 'display'),
            `the vGPU's display is shown through a <graphics> device ("graphics device is needed for attribute value 'display=on' in <hostdev>")`,
          );
    },
  },
  {
    id: 'scsi-hostdev-address',
    source: 'src/conf/domain_validate.c virDomainDefDuplicateDriveAddressesValidate, src/conf/domain_conf.c virDomainDiskDefAssignAddress',
    run(f, reject) {
      const devices = f.domain.child('devices');
      if (!devices) return;
      const scsiHostdevs = devices
        .elements('hostdev')
        .filter((h) => (h.attr('mode') ?? 'subsystem') === 'subsystem' && h.attr('type') === 'scsi')
        .map((h) => ({ h, d: writtenDrive(h) }))
        .filter((x): x is { h: XmlElement; d: Drive } => !!x.d);
      const hostdevAt = new Map(scsiHostdevs.map((x) => [key(x.d), x.h]));
      // SCSI disks: their written drive address, or the one their name gives
      const disks = new Map<string, XmlElement>();
      for (const disk of devices.elements('disk')) {
        const t = disk.child('target');
        if (t?.attr('bus') !== 'scsi') continue;
        let d = writtenDrive(disk);
        if (!d && !disk.child('address')) {
          const idx = diskIndex(t.attr('dev') ?? '');
          if (idx === undefined) continue;
          d = { controller: Math.floor(idx / 7), bus: 0, target: 0, unit: idx % 7 };
          if (hostdevAt.has(key(d))) {
            reject(
              'scsi-hostdev-address',
              attrRange(t, 'dev'),
              `the SCSI address its name gives is a hostdev's ("using disk target name '${t.attr('dev')}' conflicts with SCSI host device address controller='${d.controller}' bus='0' target='0' unit='${d.unit}")`,
            );
            return;
          }
        }
        if (d) disks.set(key(d), disk);
      }
      const seen = new Set<string>();
      for (const { h, d } of scsiHostdevs) {
        // libvirt prints the bus as controller and the controller as bus
        const where = `SCSI host address controller='${d.bus}' bus='${d.controller}' target='${d.target}' unit='${d.unit}' in use by another SCSI`;
        if (seen.has(key(d))) {
          reject('scsi-hostdev-address', nameOf(h.child('address')!), `two SCSI hostdevs at one drive address ("${where} host device")`);
          return;
        }
        seen.add(key(d));
        if (disks.has(key(d))) {
          // checked first, when the hostdev is post-parsed (domain_postparse.c virDomainHostdevDefPostParse), with the fields in order
          reject(
            'scsi-hostdev-address',
            nameOf(h.child('address')!),
            `a SCSI disk has this drive address ("SCSI host address controller='${d.controller}' bus='${d.bus}' target='${d.target}' unit='${d.unit}' in use by a SCSI disk")`,
          );
          return;
        }
      }
    },
  },
];
