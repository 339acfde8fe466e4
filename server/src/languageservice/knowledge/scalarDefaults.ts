/**
 * Scalar defaults libvirt writes into every domain at define time, whatever
 * the hypervisor. Source: src/conf/domain_conf.c (parse and format of the
 * domain's top-level elements), verified on libvirt 9.0 by the oracle tests.
 */
import { Source } from './source';

const CONF: Source = { ref: 'src/conf/domain_conf.c, virDomainDefParseXML / virDomainDefFormatInternal', libvirt: '>=0.9.0' };

export const LIFECYCLE_DEFAULTS: { element: string; value: string; reason: string; source: Source }[] = [
  { element: 'on_poweroff', value: 'destroy', reason: 'a guest that powers off is stopped', source: CONF },
  { element: 'on_reboot', value: 'restart', reason: 'a guest that reboots is restarted', source: CONF },
  {
    element: 'on_crash',
    value: 'destroy',
    reason: 'a guest that crashes is stopped (acts only when a panic device reports the crash)',
    source: CONF,
  },
];

export const CLOCK_OFFSET_DEFAULT = { value: 'utc', reason: 'the guest clock starts at the host time in UTC', source: CONF };

export const VCPU_PLACEMENT_DEFAULT = { value: 'static', reason: 'vCPUs are not placed by numad unless asked', source: CONF };

export const VCPU_COUNT_DEFAULT = { value: '1', reason: 'a domain without <vcpu> gets one vCPU', source: CONF };

export const BOOT_DEV_DEFAULT = {
  value: 'hd',
  reason: 'with no <boot> element and no per-device boot order, libvirt boots from the first hard disk (also with a direct <kernel>)',
  source: {
    ref: 'src/conf/domain_conf.c, virDomainDefParseBootXML (default boot device hd for hvm)',
    libvirt: '>=0.9.0',
    verifiedOn: ['7.0.0', '9.0.0', '11.3.0'],
  } as Source,
};

export const MEMORY_UNIT_SOURCE: Source = {
  ref: 'src/conf/domain_conf.c, virDomainParseMemory: memory is stored and written in KiB',
  libvirt: '>=0.9.11',
};

/** bytes per unit as libvirt's scaled-integer parser reads them (src/util/virutil.c virScaleInteger) */
export const MEMORY_UNITS: Record<string, number> = {
  b: 1,
  bytes: 1,
  kb: 1000,
  k: 1024,
  kib: 1024,
  mb: 1000 ** 2,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1000 ** 3,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  tb: 1000 ** 4,
  t: 1024 ** 4,
  tib: 1024 ** 4,
  pb: 1000 ** 5,
  p: 1024 ** 5,
  pib: 1024 ** 5,
  eb: 1000 ** 6,
  e: 1024 ** 6,
  eib: 1024 ** 6,
};

export const EMULATOR_SOURCE: Source = {
  ref: 'src/qemu/qemu_domain.c, qemuDomainDefPostParse: the emulator is the QEMU binary the host capabilities list for the guest arch',
};

/** Debian/Ubuntu/Fedora install each arch's QEMU as /usr/bin/qemu-system-<arch> */
export function defaultEmulator(arch: string): string {
  // ppc64le has its own name (Debian links it to qemu-system-ppc64; the 7.0, 9.0 and 11.3 daemons store it)
  const bin = arch === 'i686' ? 'i386' : arch === 'armv7l' ? 'arm' : arch;
  return `/usr/bin/qemu-system-${bin}`;
}

export const HOSTDEV_MANAGED_DEFAULT = {
  value: 'no',
  reason: "a subsystem <hostdev> without managed= is not managed: libvirt does not detach it from the host driver, and writes managed='no'",
  source: {
    ref: 'src/conf/domain_conf.c, virDomainHostdevDefFormat (managed is written for every subsys hostdev)',
    libvirt: '>=0.6.0',
    verifiedOn: ['7.0.0', '9.0.0', '11.3.0'],
  } as Source,
};
