/**
 * libvirt's rules for a disk device beside its source's (diskSourceChecks.ts):
 * - src/conf/domain_validate.c virDomainDiskDefValidate: the lengths of the
 *   SCSI inquiry strings (7.0, 9.0, 11.3), and no <throttlefilters> with
 *   <iotune> (11.3; the element arrived in 11.2.0);
 *   virDomainDiskDefValidateSourceChainOne: no sheepdog (11.3, not in 9.0's
 *   source);
 * - src/qemu/qemu_validate.c qemuValidateDomainDeviceDefDisk: a LUN on virtio needs
 *   QEMU's virtio-blk SCSI emulation, a USB disk needs a medium (11.3, not
 *   in 9.0's source).
 *   virDomainDiskDefValidate also takes removable= on USB disks only, and from
 *   9.6.0 (NEWS.rst) on SCSI disks too (observed: 9.0 refuses SCSI, 11.3 takes it);
 * Rules only 11.3 has hold from SEEN_IN_11_3 (ruleFacts.ts).
 */
import { XmlElement } from '../../parser/xmlNodes';
import { sinceOf } from '../../knowledge/versionFacts';
import { compareVersions } from '../../knowledge/versions';
import { attrRange, LibvirtRule, nameOf, SEEN_IN_11_3 } from './ruleFacts';
import { disks, PRODUCT_ON_ATA_SINCE } from './diskSourceChecks';
import { diskBus } from '../../knowledge/diskDefaults';

/**
 * The first QEMU without virtio-blk's `scsi` property: tests/qemucapabilitiesdata
 * caps_9.0.0_x86_64.replies lists it, caps_9.1.0 no longer does (libvirt 11.3's
 * QEMU_CAPS_VIRTIO_BLK_SCSI).
 */
const QEMU_WITHOUT_VIRTIO_BLK_SCSI = '9.1.0';

/** the inquiry strings' limits: vendor 8, product 16 on SCSI and 40 on IDE/SATA (which take one from PRODUCT_ON_ATA_SINCE) */
const VENDOR_LEN = 8;
const PRODUCT_SCSI_LEN = 16;
const PRODUCT_ATA_LEN = 40;

/** virStorageSourceIsEmpty: a local disk without a path */
function isEmpty(disk: XmlElement): boolean {
  const type = disk.attr('type') ?? 'file';
  if (type !== 'file' && type !== 'block') return false;
  const src = disk.child('source');
  return !src?.attr(type === 'file' ? 'file' : 'dev');
}

/** virDomainBlockIoTuneInfoHasAny, and a group name: <iotune> that sets anything */
function iotuneSetsAnything(iotune: XmlElement): boolean {
  return iotune.elements().some((c) => c.name === 'group_name' || (Number(c.trimmedText()) || 0) > 0);
}

/** the first libvirt that takes removable= on a SCSI disk */
const SCSI_REMOVABLE_SINCE = '9.6.0';

export const DISK_DEVICE_RULES: LibvirtRule[] = [
  {
    id: 'disk-removable',
    source: 'src/conf/domain_validate.c virDomainDiskDefValidate (7.0: domain_conf.c virDomainDiskDefParseValidate)',
    run(f, reject) {
      const scsiToo = f.targetIn(SCSI_REMOVABLE_SINCE);
      for (const d of f.domain.child('devices')?.elements('disk') ?? []) {
        const target = d.child('target');
        if (!target?.hasAttr('removable')) continue;
        const bus = diskBus(target.attr('bus'), target.attr('dev') ?? '');
        if (bus === 'usb' || (scsiToo && bus === 'scsi' && (d.attr('device') ?? 'disk') === 'disk')) continue;
        reject(
          'disk-removable',
          attrRange(target, 'removable'),
          scsiToo
            ? `removable= is for USB disks and SCSI hard disks ("removable is only valid for usb or scsi disks")`
            : `libvirt ${f.profile.libvirt} takes removable= on USB disks only; SCSI disks take it from ${SCSI_REMOVABLE_SINCE} ("removable is only valid for usb disks")`,
        );
      }
    },
  },
  {
    id: 'disk-inquiry-length',
    source: 'src/conf/domain_validate.c virDomainDiskDefValidate (VENDOR_LEN, PRODUCT_LEN; 11.3 PRODUCT_SCSI_LEN, PRODUCT_ATA_SATA_LEN)',
    run(f, reject) {
      for (const disk of disks(f.domain)) {
        const vendor = disk.child('vendor');
        if (vendor && vendor.text().length > VENDOR_LEN)
          reject(
            'disk-inquiry-length',
            nameOf(vendor),
            `the SCSI vendor id is ${VENDOR_LEN} characters at most ("disk vendor is more than ${VENDOR_LEN} characters")`,
          );
        const product = disk.child('product');
        const limit =
          disk.child('target')?.attr('bus') === 'scsi' || !f.targetIn(PRODUCT_ON_ATA_SINCE) ? PRODUCT_SCSI_LEN : PRODUCT_ATA_LEN;
        if (product && product.text().length > limit)
          reject(
            'disk-inquiry-length',
            nameOf(product),
            `the product id is ${limit} characters at most ("disk product is more than ${limit} characters")`,
          );
      }
    },
  },
  {
    id: 'disk-throttle-iotune',
    source: 'src/conf/domain_validate.c virDomainDiskDefValidate (11.3; <throttlefilters> since NEWS.rst v11.2.0)',
    since: sinceOf('/domain/devices/disk/throttlefilters')!.since,
    run(f, reject) {
      for (const disk of disks(f.domain)) {
        const filters = disk.child('throttlefilters');
        const iotune = disk.child('iotune');
        if (!filters?.elements('throttlefilter').length || !iotune || !iotuneSetsAnything(iotune)) continue;
        const dev = disk.child('target')?.attr('dev') ?? '';
        reject(
          'disk-throttle-iotune',
          nameOf(iotune),
          `a disk is throttled by <iotune> or by throttle groups, not both ("block 'throttlefilters' can't be used together with 'iotune' for disk '${dev}'")`,
        );
      }
    },
  },
  {
    id: 'disk-sheepdog',
    source: 'src/conf/domain_validate.c virDomainDiskDefValidateSourceChainOne (11.3, confirmed by its daemon; not in 9.0)',
    since: SEEN_IN_11_3,
    run(f, reject) {
      for (const disk of disks(f.domain)) {
        const src = disk.child('source');
        if (disk.attr('type') !== 'network' || src?.attr('protocol') !== 'sheepdog') continue;
        reject(
          'disk-sheepdog',
          attrRange(src, 'protocol'),
          `QEMU 6.1 removed sheepdog ("'sheepdog' protocol is no longer supported by any hypervisor driver")`,
        );
      }
    },
  },
  {
    id: 'disk-virtio-lun',
    source: `src/qemu/qemu_validate.c qemuValidateDomainDeviceDefDisk (QEMU_CAPS_VIRTIO_BLK_SCSI, gone from QEMU ${QEMU_WITHOUT_VIRTIO_BLK_SCSI})`,
    run(f, reject) {
      if (compareVersions(f.profile.qemu, QEMU_WITHOUT_VIRTIO_BLK_SCSI) < 0) return;
      for (const disk of disks(f.domain)) {
        const target = disk.child('target');
        if (disk.attr('device') !== 'lun' || target?.attr('bus') !== 'virtio') continue;
        reject(
          'disk-virtio-lun',
          attrRange(disk, 'device'),
          `QEMU ${f.profile.qemu} has no SCSI passthrough on virtio-blk (removed in ${QEMU_WITHOUT_VIRTIO_BLK_SCSI}); use bus='scsi' on a virtio-scsi controller ("This QEMU doesn't support SCSI emulation with 'virtio-blk' device")`,
        );
      }
    },
  },
  {
    id: 'disk-usb-empty',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDeviceDefDisk (11.3, confirmed by its daemon; not in 9.0)',
    since: SEEN_IN_11_3,
    run(f, reject) {
      for (const disk of disks(f.domain)) {
        const target = disk.child('target');
        if (target?.attr('bus') !== 'usb' || !isEmpty(disk)) continue;
        reject(
          'disk-usb-empty',
          attrRange(target, 'bus'),
          `a USB disk needs a medium: give it a <source> ("'usb' disk must not be empty")`,
        );
      }
    },
  },
];
