/**
 * libvirt's rules for a disk's source, format, encryption and
 * authentication (libvirt 7.0, 9.0 and 11.3 unless a rule says otherwise):
 * - src/conf/domain_conf.c virDomainDiskDefParseSourceXML: <auth> and
 *   <encryption> either in <source> or beside it, not both;
 * - src/conf/domain_validate.c virDomainDiskDefValidateSourceChainOne: the
 *   secret type of <auth> (iscsi for iSCSI, ceph for RBD), no <cipher> for
 *   LUKS; virDomainDiskDefValidate: no unfiltered sgio (9.0, 11.3);
 * - src/qemu/qemu_domain.c qemuDomainValidateStorageSource: formats QEMU
 *   does not open (cow, dir, iso), old qcow encryption, and LUKS only on raw
 *   and qcow2 images (7.0 checks that when the guest starts);
 * - src/qemu/qemu_validate.c qemuValidateDomainDeviceDefDiskFrontend: no
 *   partition in a target name, vendor and product on SCSI disks only (11.3
 *   names the one it found; 11.0 is assumed);
 *   qemuValidateDomainDeviceDefDisk: shareable writable disks are raw.
 */
import { XmlElement } from '../../parser/xmlNodes';
import { attrRange, LibvirtRule, nameOf } from './ruleFacts';

const SECRET_TYPES = new Set(['none', 'volume', 'ceph', 'iscsi', 'tls', 'vtpm']);

/** the first libvirt that takes <product> on IDE and SATA disks (assumed 11.0; 9.0 takes it on SCSI only, 11.3 on all three) */
export const PRODUCT_ON_ATA_SINCE = '11.0.0';

export function disks(domain: XmlElement): XmlElement[] {
  return domain.child('devices')?.elements('disk') ?? [];
}

/** the image format: <driver type>, or undefined when the document leaves it to libvirt */
const formatOf = (disk: XmlElement) => disk.child('driver')?.attr('type');

/** the disk's <encryption>, beside or inside <source> */
const encryptionOf = (disk: XmlElement) => disk.child('encryption') ?? disk.child('source')?.child('encryption');

export const DISK_SOURCE_RULES: LibvirtRule[] = [
  {
    id: 'disk-source-children',
    source: 'src/conf/domain_conf.c virDomainDiskDefParseSourceXML',
    run(f, reject) {
      for (const disk of disks(f.domain)) {
        const source = disk.child('source');
        if (!source) continue;
        for (const name of ['auth', 'encryption']) {
          const outer = disk.child(name);
          if (outer && source.child(name))
            reject(
              'disk-source-children',
              nameOf(outer),
              `<${name}> is given twice, in <source> and beside it ("an <${name}> definition already found for disk source")`,
            );
        }
      }
    },
  },
  {
    id: 'disk-auth-secret',
    source: 'src/conf/domain_validate.c virDomainDiskDefValidateSourceChainOne',
    run(f, reject) {
      for (const disk of disks(f.domain)) {
        const source = disk.child('source');
        const auth = source?.child('auth') ?? disk.child('auth');
        const secret = auth?.child('secret');
        if (!source || !auth || !secret || disk.attr('type') !== 'network') continue;
        const type = secret.attr('type');
        const protocol = source.attr('protocol');
        if (!['iscsi', 'rbd'].includes(protocol ?? '')) continue; // other protocols take no <auth> at all (an earlier error)
        if (!type || !SECRET_TYPES.has(type))
          reject(
            'disk-auth-secret',
            attrRange(secret, 'type'),
            `the secret needs a known usage type ("unknown secret type '${type ?? '<null>'}'")`,
          );
        else if ((protocol === 'iscsi' && type !== 'iscsi') || (protocol === 'rbd' && type !== 'ceph'))
          reject(
            'disk-auth-secret',
            attrRange(secret, 'type'),
            `${protocol} takes ${protocol === 'rbd' ? 'a ceph' : 'an iscsi'} secret ("invalid secret type '${type}'")`,
          );
      }
    },
  },
  {
    id: 'disk-encryption',
    source: 'src/conf/domain_validate.c virDomainDiskDefValidateSourceChainOne, src/qemu/qemu_domain.c qemuDomainValidateStorageSource',
    run(f, reject) {
      for (const disk of disks(f.domain)) {
        const enc = encryptionOf(disk);
        if (!enc) continue;
        const format = enc.attr('format');
        const engine = enc.attr('engine') ?? 'qemu';
        if (format === 'luks' && enc.child('cipher')) {
          reject(
            'disk-encryption',
            nameOf(enc.child('cipher')!),
            `QEMU picks the LUKS cipher itself ("supplying <cipher> for domain disk definition is unnecessary")`,
          );
          continue;
        }
        if (format === 'qcow' || format === 'default') {
          reject(
            'disk-encryption',
            attrRange(enc, 'format'),
            `QEMU no longer opens qcow-encrypted images ("old qcow/qcow2 encryption is not supported")`,
          );
          continue;
        }
        const image = formatOf(disk);
        // 7.0 checks this only when the guest starts
        if (engine === 'qemu' && format === 'luks' && image && image !== 'raw' && image !== 'qcow2' && f.targetIn('9.0.0'))
          reject(
            'disk-encryption',
            attrRange(disk.child('driver')!, 'type'),
            `LUKS encryption in QEMU works on raw and qcow2 images ("encryption is supported only with 'raw' and 'qcow2' image format")`,
          );
      }
    },
  },
  {
    id: 'disk-format',
    source: 'src/qemu/qemu_domain.c qemuDomainValidateStorageSource',
    run(f, reject) {
      for (const disk of disks(f.domain)) {
        const driver = disk.child('driver');
        const format = driver?.attr('type');
        if (!driver || !format) continue;
        const why: Record<string, string> = {
          cow: `"'cow' storage format is not supported"`,
          dir: `use <disk type='dir'> ("'directory' storage format is not directly supported by QEMU, use 'dir' disk type instead")`,
          iso: `an ISO image is raw to QEMU ("storage format 'iso' is not directly supported by QEMU, use 'raw' instead")`,
        };
        if (why[format]) reject('disk-format', attrRange(driver, 'type'), `QEMU does not open the ${format} format: ${why[format]}`);
      }
    },
  },
  {
    id: 'disk-sgio',
    source: 'src/conf/domain_validate.c virDomainDiskDefValidate (9.0, 11.3; 7.0 accepts it)',
    since: '9.0.0',
    run(f, reject) {
      for (const disk of disks(f.domain))
        if (disk.attr('sgio') === 'unfiltered')
          reject(
            'disk-sgio',
            attrRange(disk, 'sgio'),
            `QEMU dropped unfiltered SCSI passthrough ("unfiltered sgio is no longer supported")`,
          );
    },
  },
  {
    id: 'disk-frontend',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDeviceDefDiskFrontend, qemuValidateDomainDeviceDefDisk',
    run(f, reject) {
      for (const disk of disks(f.domain)) {
        const target = disk.child('target');
        const dev = target?.attr('dev');
        const bus = target?.attr('bus');
        const m = dev ? /^(?:fd|hd|vd|sd|xvd|ubd)[a-z]+(\d+)$/.exec(dev) : null;
        if (m && Number(m[1]) !== 0) {
          reject(
            'disk-frontend',
            attrRange(target!, 'dev'),
            `a target names a whole disk ("invalid disk target '${dev}', partitions can't appear in disk targets")`,
          );
          continue;
        }
        // 11.3 checks vendor and product apart, and takes a product on ide and sata disks too
        const newer = f.targetIn(PRODUCT_ON_ATA_SINCE);
        const vendor = disk.child('vendor');
        const product = disk.child('product');
        const vp = newer ? (vendor ?? (product && !['ide', 'sata'].includes(bus ?? '') ? product : undefined)) : (vendor ?? product);
        if (vp && bus && bus !== 'scsi') {
          reject(
            'disk-frontend',
            nameOf(vp),
            `vendor and product are SCSI inquiry data ("${!newer ? 'Only scsi disk supports vendor and product' : vp.name === 'vendor' ? "Only scsi disk supports 'vendor'" : "Only ide, sata and scsi disk supports 'product'"}")`,
          );
          continue;
        }
        const format = formatOf(disk);
        if (disk.child('shareable') && !disk.child('readonly') && format && format !== 'raw' && dev)
          reject(
            'disk-frontend',
            nameOf(disk.child('shareable')!),
            `only raw images may be written by several guests ("shared access for disk '${dev}' requires use of supported storage format")`,
          );
      }
    },
  },
];
