/**
 * libvirt's rules for boot settings (libvirt 7.0, 9.0 and 11.3 alike):
 * - src/conf/domain_validate.c virDomainDefBootValidate: the boot menu
 *   timeout and the BIOS reboot timeout ranges;
 * - src/conf/domain_postparse.c virDomainDefCollectBootOrder (7.0:
 *   domain_conf.c): one device per boot order;
 * - src/conf/domain_conf.c virDomainDeviceLoadparmIsValid: the s390 loadparm
 *   of a device's <boot>.
 * - src/qemu/qemu_validate.c qemuValidateDomainDeviceDefFS (since 10.3.0,
 *   NEWS.rst v10.4.0): a virtiofs share boots only from a PCI address; the
 *   address is the one libvirt assigned before validating (ccw on s390x).
 * <os><boot> together with a device's <boot order> is inventoryChecks.ts.
 */
import { attrRange, below, int, LibvirtRule, nameOf, nodeRange, uint } from './ruleFacts';

export const BOOT_RULES: LibvirtRule[] = [
  {
    id: 'virtiofs-boot-pci',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDeviceDefFS',
    since: '10.3.0',
    run(f, reject) {
      for (const fs of f.devices('filesystem')) {
        if (fs.child('driver')?.attr('type') !== 'virtiofs' || !fs.child('boot')) continue;
        const type = fs.child('address')?.attr('type');
        if (!type || type === 'pci') continue;
        const boot = fs.child('boot')!;
        reject(
          'virtiofs-boot-pci',
          boot.origin ? nameOf(boot.origin) : nodeRange(fs),
          `a virtiofs share boots only from a PCI address, and this one is on ${type} ("setting virtiofs boot order is supported only with PCI bus")`,
        );
      }
    },
  },
  {
    id: 'boot-timeouts',
    source: 'src/conf/domain_validate.c virDomainDefBootValidate',
    run(f, reject) {
      const os = f.domain.child('os');
      const menu = os?.child('bootmenu');
      const timeout = uint(menu?.attr('timeout'));
      if (menu?.attr('enable') === 'yes' && timeout !== undefined && timeout > 65535)
        reject(
          'boot-timeouts',
          attrRange(menu, 'timeout'),
          `the boot menu waits at most 65535 ms ("invalid value for boot menu timeout, must be in range [0,65535]")`,
        );
      const bios = os?.child('bios');
      const reboot = int(bios?.attr('rebootTimeout'));
      if (bios && reboot !== undefined && (reboot < -1 || reboot > 65535))
        reject(
          'boot-timeouts',
          attrRange(bios, 'rebootTimeout'),
          `-1 disables the reboot, otherwise it waits at most 65535 ms ("invalid value for rebootTimeout, must be in range [-1,65535]")`,
        );
    },
  },
  {
    id: 'boot-order-unique',
    source: 'src/conf/domain_postparse.c virDomainDefCollectBootOrder (7.0: domain_conf.c)',
    run(f, reject) {
      const devices = f.domain.child('devices');
      if (!devices) return;
      const seen = new Set<number>();
      for (const dev of devices.elements()) {
        // the <boot> of a device itself, or of an <interface type='hostdev'>; not nested devices' (counted with their parent)
        const boot = dev.child('boot');
        const order = uint(boot?.attr('order'));
        if (!boot || order === undefined || order === 0) continue;
        if (seen.has(order)) {
          reject(
            'boot-order-unique',
            attrRange(boot, 'order'),
            `two devices boot as number ${order} ("boot order '${order}' used for more than one device")`,
          );
          return;
        }
        seen.add(order);
      }
    },
  },
  {
    id: 'boot-loadparm',
    source: 'src/conf/domain_conf.c virDomainDeviceLoadparmIsValid',
    run(f, reject) {
      const devices = f.domain.child('devices');
      if (!devices) return;
      for (const boot of below(devices)) {
        if (boot.name !== 'boot' || !boot.hasAttr('loadparm')) continue;
        const v = (boot.attr('loadparm') ?? '').toUpperCase();
        if (!v.length || v.length > 8)
          reject(
            'boot-loadparm',
            attrRange(boot, 'loadparm'),
            `a loadparm has 1 to 8 characters ("loadparm value '${v}' must be between 1 and 8 characters")`,
          );
        else if (!/^[A-Z0-9. ]+$/.test(v))
          reject(
            'boot-loadparm',
            attrRange(boot, 'loadparm'),
            `a loadparm has letters, digits, dots and blanks ("invalid loadparm value '${v}', expecting chars in set of [a-zA-Z0-9.] and blank spaces")`,
          );
      }
    },
  },
];
