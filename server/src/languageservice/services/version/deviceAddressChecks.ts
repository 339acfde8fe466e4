/**
 * Addresses a device may not have, or may not share, whatever the host
 * (rejected by libvirt 9.0.0 and 11.3.0 on their own test inputs):
 * - panic devices of the firmware models (pseries, s390, hyperv) and the
 *   ramfb display have no address to set (src/qemu/qemu_validate.c
 *   qemuValidateDomainDefPanic, qemuValidateDomainDeviceDefVideo);
 * - pvpanic (once libvirt knows the model) sits on PCI only;
 * - a mediated device is addressed on its own bus type: vfio-pci on PCI,
 *   vfio-ccw on CCW (src/conf/domain_postparse.c virDomainHostdevDefPostParse),
 *   and its source is a uuid (src/conf/domain_conf.c);
 * - CCW device numbers are unique (src/conf/domain_addr.c virDomainCCWAddressValidate);
 * - spapr-vio registers are 32-bit (src/conf/domain_conf.c virDomainDeviceSpaprVioAddressParseXML),
 *   and a register written twice clashes (src/qemu/qemu_domain_address.c
 *   qemuDomainAssignSpaprVIOAddress: a written one is never moved; 7.0, 9.0, 11.3);
 * - zPCI is an s390 bus (src/qemu/qemu_validate.c qemuValidateDomainDeviceDefZPCIAddress:
 *   "This QEMU binary doesn't support zPCI" for every other arch's QEMU);
 * - virtio-iommu is an integrated device on bus 0 (src/conf/domain_addr.c
 *   virDomainPCIAddressFlagsCompatible).
 */
import { sinceOf } from '../../knowledge/versionFacts';
import { LibvirtRule, nameOf, uint } from './ruleFacts';
import { isSerialsConsole } from './chardevChecks';

export const DEVICE_ADDRESS_RULES: LibvirtRule[] = [
  {
    id: 'address-not-settable',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDefPanic, qemuValidateDomainDeviceDefVideo',
    run(f, reject) {
      const devices = f.domain.child('devices');
      // the expansion has the model libvirt gives a panic device written without one (expander/rules/panic.ts)
      for (const p of f.devices('panic')) {
        const a = p.origin?.child('address');
        const model = p.attr('model');
        if (a && (model === 'pseries' || model === 's390' || model === 'hyperv'))
          reject(
            'address-not-settable',
            nameOf(a),
            `the ${model} panic device is part of the machine ("setting the panic device address is not supported for model '${model}'"): remove the <address>`,
          );
      }
      for (const v of devices?.elements('video') ?? []) {
        const a = v.child('address');
        if (a && v.child('model')?.attr('type') === 'ramfb')
          reject(
            'address-not-settable',
            nameOf(a),
            `ramfb is not a bus device ("address not supported for video type ramfb"): remove the <address>`,
          );
      }
    },
  },
  {
    id: 'pvpanic-address',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDefPanic (pvpanic-pci)',
    // before the model exists, the version facts reject it as unknown
    since: sinceOf('/domain/devices/panic/@model', 'pvpanic')!.since,
    run(f, reject) {
      for (const p of f.domain.child('devices')?.elements('panic') ?? []) {
        const a = p.child('address');
        if (p.attr('model') === 'pvpanic' && a && a.attr('type') !== 'pci')
          reject('pvpanic-address', nameOf(a), `the pvpanic device is a PCI device ("pvpanic is supported only with PCI address type")`);
      }
    },
  },
  {
    id: 'mdev-address',
    source: 'src/conf/domain_postparse.c virDomainHostdevDefPostParse; src/conf/domain_conf.c virDomainHostdevSubsysMediatedDevDefParseXML',
    run(f, reject) {
      for (const h of f.domain.child('devices')?.elements('hostdev') ?? []) {
        if (h.attr('mode') !== 'subsystem' || h.attr('type') !== 'mdev') continue;
        const src = h.child('source')?.child('address');
        if (src && !src.hasAttr('uuid')) {
          reject('mdev-address', nameOf(src), `a mediated device is named by its uuid ("Missing 'uuid' attribute for element <address>")`);
          continue;
        }
        const model = h.attr('model');
        const type = h.child('address')?.attr('type');
        if (!type) continue;
        if ((model === 'vfio-pci' && type !== 'pci') || (model === 'vfio-ccw' && type !== 'ccw'))
          reject(
            'mdev-address',
            nameOf(h.child('address')!),
            `a ${model} device sits on ${model === 'vfio-pci' ? 'PCI' : 'CCW'} ("Unsupported address type '${type}' with mediated device model '${model}'")`,
          );
      }
    },
  },
  {
    id: 'ccw-devno-unique',
    source: 'src/conf/domain_addr.c virDomainCCWAddressValidate',
    run(f, reject) {
      const seen = new Set<string>();
      for (const d of f.domain.child('devices')?.elements() ?? []) {
        const a = d.child('address');
        if (a?.attr('type') !== 'ccw') continue;
        const [c, s, n] = ['cssid', 'ssid', 'devno'].map((k) => uint(a.attr(k)));
        if (c === undefined || s === undefined || n === undefined) continue;
        const key = `${c.toString(16)}.${s.toString(16)}.${n.toString(16).padStart(4, '0')}`;
        if (seen.has(key))
          reject('ccw-devno-unique', nameOf(a), `two devices at one CCW address ("The CCW devno '${key}' is in use already")`);
        seen.add(key);
      }
    },
  },
  {
    id: 'spapr-vio-reg',
    source: 'src/conf/domain_conf.c virDomainDeviceSpaprVioAddressParseXML',
    run(f, reject) {
      for (const d of f.domain.child('devices')?.elements() ?? []) {
        const a = d.child('address');
        const reg = a?.attr('type') === 'spapr-vio' ? a.attr('reg') : undefined;
        if (reg === undefined || !/^0x[0-9a-f]+$/i.test(reg.trim()) || BigInt(reg.trim()) <= 0xffffffffn) continue;
        reject(
          'spapr-vio-reg',
          nameOf(a!),
          `spapr-vio registers are 32-bit ("spapr-vio reg='0x${BigInt(reg.trim()).toString(16)}' exceeds maximum possible value (0xffffffff)")`,
        );
      }
    },
  },
  {
    id: 'spapr-vio-reg-clash',
    source: 'src/qemu/qemu_domain_address.c qemuDomainAssignSpaprVIOAddress',
    run(f, reject) {
      const seen = new Set<number>();
      const devices = f.domain.child('devices');
      const serials = devices?.elements('serial').length ?? 0;
      for (const d of devices?.elements() ?? []) {
        if (isSerialsConsole(d, serials)) continue;
        const a = d.child('address');
        const reg = a?.attr('type') === 'spapr-vio' ? uint(a.attr('reg')) : undefined;
        if (reg === undefined) continue;
        if (seen.has(reg))
          reject(
            'spapr-vio-reg-clash',
            nameOf(a!),
            `another device has spapr-vio register 0x${reg.toString(16)} ("spapr-vio address 0x${reg.toString(16)} already in use")`,
          );
        seen.add(reg);
      }
    },
  },
  {
    id: 'zpci-arch',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDeviceDefZPCIAddress',
    run(f, reject) {
      if (f.arch === 's390x' || f.arch === 's390') return;
      for (const d of f.domain.child('devices')?.elements() ?? []) {
        const z = d.child('address')?.child('zpci');
        if (z) reject('zpci-arch', nameOf(z), `zPCI exists only on s390 ("This QEMU binary doesn't support zPCI")`);
      }
    },
  },
  {
    id: 'iommu-integrated',
    source:
      'src/qemu/qemu_domain_address.c qemuDomainDeviceCalculatePCIConnectFlags; src/conf/domain_addr.c virDomainPCIAddressFlagsCompatible',
    run(f, reject) {
      for (const i of f.domain.child('devices')?.elements('iommu') ?? []) {
        const a = i.child('address');
        if (i.attr('model') !== 'virtio' || a?.attr('type') !== 'pci') continue;
        const bus = uint(a.attr('bus')) ?? 0;
        if (bus !== 0)
          reject(
            'iommu-integrated',
            nameOf(a),
            `virtio-iommu is an integrated device on bus 0 ("The device at PCI address ... needs to be an integrated device (bus=0)")`,
          );
      }
    },
  },
];
