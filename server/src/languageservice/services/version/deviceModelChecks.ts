/**
 * libvirt's rules for single device models (libvirt 7.0, 9.0 and 11.3
 * unless said otherwise):
 * - src/qemu/qemu_validate.c qemuValidateDomainDeviceDefIOMMU: intel on q35,
 *   smmuv3 on ARM virt, virtio on either, with ACPI and a PCI address;
 *   src/conf/domain_validate.c virDomainIOMMUDefValidate (9.0, 11.3; not in
 *   7.0): the <driver> tunables are the intel IOMMU's;
 * - qemuValidateDomainDeviceDefNetwork: virtio queue sizes are powers of two;
 * - qemuValidateDomainDefTPMs: one spapr-tpm-proxy;
 * - qemuValidateDomainDeviceDefZPCIAddress: zPCI uid 0x0001-0xffff;
 * - qemuValidateDomainDeviceDefFS: virtiofs without a socket cannot be
 *   read-only (9.0; 11.3 can);
 * - src/conf/domain_conf.c virDomainShmemDefParseXML: ivshmem msi needs a
 *   server; qemuValidateDomainDeviceDefShmem: a size that is a power of two,
 *   1 MiB or more (11.3 at define; 7.0 and 9.0 check it when the guest starts);
 * - qemuValidateDomainDeviceDefTPM: TPM 1.2 of an emulated TPM is not for
 *   tpm-crb (nor tpm-spapr, any backend), nor an ARM virt guest (9.0; 7.0
 *   has no such check); 11.3: tpm-tis on x86 only;
 * - src/conf/domain_conf.c virDomainShmemDefParseXML: a <shmem> without a
 *   model type is the legacy ivshmem device, which QEMU 4.0 removed
 *   (qemuValidateDomainDeviceDefShmem; 7.0, 9.0 and 11.3 refuse it);
 * - src/conf/domain_validate.c virDomainNetDefValidate: <portForward> only
 *   with the passt backend (11.3; not in 9.0's source).
 * Rules only 11.3 has hold from SEEN_IN_11_3 (ruleFacts.ts).
 */
import { sinceOf } from '../../knowledge/versionFacts';
import { compareVersions } from '../../knowledge/versions';
import { isArmArch, isX86Arch } from '../../knowledge/machineKind';
import { bytesOf } from './memoryChecks';
import { attrRange, LibvirtRule, nameOf, nodeRange, SEEN_IN_11_3, uint } from './ruleFacts';

/** the first release seen refusing intel-only <driver> attributes on another IOMMU (9.0's source; 7.0 has no such check) */
const IOMMU_ATTRS_CHECKED_SINCE = '9.0.0';

/** the intel IOMMU's <driver> attributes with the release that parses each (an older one drops it unread) */
const IOMMU_INTEL_ATTRS: [string, string][] = ['intremap', 'caching_mode', 'eim', 'iotlb', 'aw_bits', 'dma_translation'].map((a) => [
  a,
  sinceOf(`/domain/devices/iommu/driver/@${a}`)!.since,
]);

/** the first release seen refusing TPM 1.2 on ARM virt (9.0's source; 7.0 has no such check) */
const TPM_12_ARM_CHECKED_SINCE = '9.0.0';

/** the legacy ivshmem model, libvirt's default for a <shmem> without one */
const LEGACY_IVSHMEM = sinceOf('/domain/devices/shmem/model/@type', 'ivshmem')!;

/** a power of two, also beyond 32 bits (sizes in bytes) */
const pow2 = (n: number) => Number.isSafeInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;

export const DEVICE_MODEL_RULES: LibvirtRule[] = [
  {
    id: 'iommu-model',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDeviceDefIOMMU',
    run(f, reject) {
      const iommu = f.domain.child('devices')?.child('iommu');
      const model = iommu?.attr('model');
      if (!iommu || !model) return;
      const armVirt = f.machineKind === 'virt' && (f.arch === 'aarch64' || f.arch === 'armv7l');
      const q35 = f.machineKind === 'q35';
      const m = `IOMMU device: '${model}'`;
      if (model === 'intel' && !q35)
        reject('iommu-model', attrRange(iommu, 'model'), `the intel IOMMU is q35's ("${m} is only supported with Q35 machines")`);
      else if (model === 'smmuv3' && !armVirt)
        reject('iommu-model', attrRange(iommu, 'model'), `the SMMUv3 is ARM virt's ("${m} is only supported with ARM Virt machines")`);
      else if (model === 'virtio' || model === 'smmuv3') {
        const driver = iommu.child('driver');
        const extra =
          driver &&
          IOMMU_INTEL_ATTRS.find(([a, since]) => driver.hasAttr(a) && f.targetIn(since) && (a !== 'aw_bits' || driver.attr(a) !== '0'));
        if (extra && f.targetIn(IOMMU_ATTRS_CHECKED_SINCE)) {
          reject(
            'iommu-model',
            attrRange(driver, extra[0]),
            `${extra[0]} tunes the intel IOMMU only ("iommu model '${model}' doesn't support additional attributes")`,
          );
          return;
        }
      }
      if (model === 'virtio') {
        const acpi = f.domain.child('features')?.child('acpi');
        const address = iommu.child('address')?.attr('type');
        if (!q35 && !armVirt)
          reject(
            'iommu-model',
            attrRange(iommu, 'model'),
            `virtio-iommu needs q35 or ARM virt ("${m} is only supported with Q35 and ARM Virt machines")`,
          );
        else if (!acpi || (acpi.attr('state') ?? 'on') !== 'on')
          reject('iommu-model', attrRange(iommu, 'model'), `the guest finds virtio-iommu through ACPI ("${m} requires ACPI")`);
        else if (address && address !== 'pci')
          reject('iommu-model', nameOf(iommu.child('address')!), `virtio-iommu is a PCI device ("${m} needs a PCI address")`);
      }
    },
  },
  {
    id: 'net-queue-size',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDeviceDefNetwork',
    run(f, reject) {
      for (const i of f.domain.child('devices')?.elements('interface') ?? []) {
        const model = i.child('model')?.attr('type');
        const driver = i.child('driver');
        if (!driver || !model?.startsWith('virtio')) continue;
        for (const a of ['rx_queue_size', 'tx_queue_size']) {
          const n = uint(driver.attr(a));
          if (n !== undefined && n !== 0 && !pow2(n)) {
            reject('net-queue-size', attrRange(driver, a), `virtio rings are a power of two long ("${a} has to be a power of two")`);
            break;
          }
        }
      }
    },
  },
  {
    id: 'tpm-proxy-single',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDefTPMs',
    run(f, reject) {
      const proxies = (f.domain.child('devices')?.elements('tpm') ?? []).filter((t) => t.attr('model') === 'spapr-tpm-proxy');
      if (proxies.length > 1)
        reject('tpm-proxy-single', nameOf(proxies[1]), `a pSeries guest has one TPM proxy ("only a single TPM Proxy device is supported")`);
    },
  },
  {
    id: 'zpci-uid',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDeviceDefZPCIAddress',
    run(f, reject) {
      if (f.arch !== 's390x') return;
      for (const d of f.domain.child('devices')?.elements() ?? []) {
        const z = d.child('address')?.child('zpci');
        const uid = uint(z?.attr('uid'));
        if (z && uid !== undefined && (uid === 0 || uid > 0xffff))
          reject(
            'zpci-uid',
            attrRange(z, 'uid'),
            `zPCI uids are 0x0001-0xffff ("Invalid PCI address uid='0x${uid.toString(16).padStart(4, '0')}', must be > 0x0000 and <= 0xffff")`,
          );
      }
    },
  },
  {
    id: 'virtiofs-readonly',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDeviceDefFS (9.0; 11.3 accepts it, 10.0 not checked)',
    until: '10.0.0',
    run(f, reject) {
      for (const fs of f.domain.child('devices')?.elements('filesystem') ?? []) {
        if (fs.child('driver')?.attr('type') !== 'virtiofs' || !fs.child('readonly') || fs.child('source')?.hasAttr('socket')) continue;
        reject(
          'virtiofs-readonly',
          nameOf(fs.child('readonly')!),
          `this virtiofsd cannot export read-only ("virtiofs does not yet support read-only mode")`,
        );
      }
    },
  },
  {
    id: 'shmem-msi-server',
    source: 'src/conf/domain_conf.c virDomainShmemDefParseXML',
    run(f, reject) {
      for (const s of f.domain.child('devices')?.elements('shmem') ?? []) {
        const msi = s.child('msi');
        if (msi && !s.child('server'))
          reject('shmem-msi-server', nameOf(msi), `interrupts come from the ivshmem server ("msi option is only supported with a server")`);
      }
    },
  },
  {
    id: 'tpm-version-1-2',
    source:
      'src/qemu/qemu_validate.c qemuValidateDomainDeviceDefTPM (7.0, 9.0: not tpm-crb or tpm-spapr, 9.0: not ARM virt; 11.3: tpm-tis on x86 only)',
    run(f, reject) {
      const x86 = isX86Arch(f.arch);
      const armVirt = isArmArch(f.arch) && f.machineKind === 'virt';
      const modelOnly = f.targetIn(SEEN_IN_11_3);
      for (const t of f.devices('tpm')) {
        // the expansion has the model and the version libvirt picks (TPM_MODEL_ROWS, TPM_VERSION_ROWS)
        const backend = t.child('backend');
        const model = t.attr('model') ?? '';
        if (backend?.attr('version') !== '1.2') continue;
        const emulator = backend.attr('type') === 'emulator';
        const at = nodeRange(backend, 'version');
        if (modelOnly) {
          if (!emulator) continue;
          if (model !== 'tpm-tis')
            reject('tpm-version-1-2', at, `TPM 1.2 is tpm-tis only: use version='2.0' ("TPM 1.2 is not supported for model '${model}'")`);
          else if (!x86)
            reject(
              'tpm-version-1-2',
              at,
              `TPM 1.2 is for x86 guests only: use version='2.0' ("TPM 1.2 is not supported on architecture '${f.arch}'")`,
            );
        } else if (model === 'tpm-spapr') {
          reject(
            'tpm-version-1-2',
            at,
            `the pSeries TPM is a TPM 2.0: use version='2.0' ("TPM 1.2 is not supported with the SPAPR device model")`,
          );
        } else if (emulator && model === 'tpm-crb') {
          reject(
            'tpm-version-1-2',
            at,
            `tpm-crb is a TPM 2.0 interface: use version='2.0' ("Unsupported interface 'tpm-crb' for TPM 1.2")`,
          );
        } else if (emulator && armVirt && f.targetIn(TPM_12_ARM_CHECKED_SINCE)) {
          reject('tpm-version-1-2', at, `an ARM guest's TPM is a TPM 2.0: use version='2.0' ("TPM 1.2 is not supported on ARM")`);
        }
      }
    },
  },
  {
    id: 'shmem-default-ivshmem',
    source:
      'src/conf/domain_conf.c virDomainShmemDefParseXML (no model type: ivshmem); src/qemu/qemu_validate.c qemuValidateDomainDeviceDefShmem',
    run(f, reject) {
      // a written model='ivshmem' is the version fact's (qemuRemoved); this is the one libvirt picks
      const removed = LEGACY_IVSHMEM.qemuRemoved;
      if (!removed || compareVersions(f.profile.qemu, removed) < 0) return;
      for (const s of f.domain.child('devices')?.elements('shmem') ?? []) {
        if (s.child('model')?.hasAttr('type')) continue;
        reject(
          'shmem-default-ivshmem',
          nameOf(s),
          `a <shmem> with no model is legacy ivshmem, which QEMU ${f.profile.qemu} no longer has (removed in ${removed}): add <model type='ivshmem-plain'/> ("ivshmem device is not supported with this QEMU binary")`,
        );
      }
    },
  },
  {
    id: 'shmem-size',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDeviceDefShmem (11.3; qemu_command.c at start in 7.0 and 9.0)',
    since: SEEN_IN_11_3,
    run(f, reject) {
      for (const s of f.domain.child('devices')?.elements('shmem') ?? []) {
        const size = s.child('size');
        // virParseScaledValue with scale 1: a bare number is bytes
        const bytes = size && bytesOf(size.trimmedText(), size.attr('unit'), 'b');
        if (size && bytes && (bytes < 1024 * 1024 || !pow2(bytes)))
          reject(
            'shmem-size',
            nameOf(size),
            `the shared memory is a power of two of 1 MiB or more ("shmem size must be a power of 2 and at least 1 MiB (1024 KiB)")`,
          );
      }
    },
  },
  {
    id: 'net-port-forward',
    source: 'src/conf/domain_validate.c virDomainNetDefValidate (11.3; not in 9.0)',
    since: SEEN_IN_11_3,
    run(f, reject) {
      for (const net of f.domain.child('devices')?.elements('interface') ?? []) {
        const pf = net.child('portForward');
        if (!pf) continue;
        const type = net.attr('type');
        if ((type === 'user' || type === 'vhostuser') && net.child('backend')?.attr('type') === 'passt') continue;
        reject(
          'net-port-forward',
          nameOf(pf),
          `port forwarding is passt's: add <backend type='passt'/> ("The <portForward> element can only be used with the 'passt' backend of interface type='user' or type='vhostuser'")`,
        );
      }
    },
  },
];
