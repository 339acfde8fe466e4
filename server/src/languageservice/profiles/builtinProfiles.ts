/**
 * Built-in target profiles: the libvirt/QEMU pairs of common distributions.
 * Versions are the distribution's released packages; only Debian 12's is
 * verified here against real libvirt by the oracle tests.
 */
import { DEBIAN_13_FIRMWARE } from '../knowledge/firmwareDescriptors';
import { majorMinor } from '../knowledge/versions';
import { TargetProfile } from './profile';

export const BUILTIN_PROFILES: TargetProfile[] = [
  {
    id: 'debian-12',
    distribution: { id: 'debian', versionId: '12' },
    label: 'Debian 12 (libvirt 9.0.0, QEMU 7.2)',
    libvirt: '9.0.0',
    qemu: '7.2.0',
    hostArch: 'x86_64',
    source: 'Debian bookworm packages libvirt-daemon 9.0.0-4, qemu-system-x86 1:7.2; verified by the oracle tests',
    disabledValues: [
      {
        path: '/domain/devices/interface/backend/@type',
        value: 'passt',
        source: 'Debian libvirt 9.0.0-4 debian/patches/debian/Disable-passt-support.patch (bookworm has no passt package)',
        verifiedOn: ['9.0.0'],
      },
    ],
  },
  {
    id: 'debian-11',
    distribution: { id: 'debian', versionId: '11' },
    label: 'Debian 11 (libvirt 7.0.0, QEMU 5.2)',
    libvirt: '7.0.0',
    qemu: '5.2.0',
    hostArch: 'x86_64',
    source:
      'Debian bullseye packages libvirt-daemon 7.0.0-3, qemu-system-x86 1:5.2; verified by the oracle tests against its own daemon (scripts/install-libvirt-roots.sh)',
  },
  {
    id: 'debian-13',
    distribution: { id: 'debian', versionId: '13' },
    label: 'Debian 13 (libvirt 11.3.0, QEMU 10.0)',
    libvirt: '11.3.0',
    qemu: '10.0.0',
    hostArch: 'x86_64',
    source:
      'Debian trixie packages libvirt-daemon 11.3.0, qemu-system-x86 1:10.0, ovmf, qemu-efi-aarch64; verified by the oracle tests against its own daemon (scripts/install-libvirt-roots.sh)',
    firmware: DEBIAN_13_FIRMWARE,
  },
  {
    id: 'ubuntu-22.04',
    distribution: { id: 'ubuntu', versionId: '22.04' },
    label: 'Ubuntu 22.04 (libvirt 8.0.0, QEMU 6.2; unverified)',
    libvirt: '8.0.0',
    qemu: '6.2.0',
    hostArch: 'x86_64',
    machineNames: { pc: 'pc-i440fx-jammy', q35: 'pc-q35-jammy' },
    source:
      'Ubuntu jammy packages libvirt-daemon 8.0.0, qemu 1:6.2; Ubuntu names its machine types after the release (qemu packaging: ubuntu machine types patch); not checked against a real daemon: its values derive from the releases verified here (libvirt 7.0, 9.0, 11.3) and the documented Ubuntu differences',
  },
  {
    id: 'ubuntu-24.04',
    distribution: { id: 'ubuntu', versionId: '24.04' },
    label: 'Ubuntu 24.04 (libvirt 10.0.0, QEMU 8.2; unverified)',
    libvirt: '10.0.0',
    qemu: '8.2.0',
    hostArch: 'x86_64',
    machineNames: { pc: 'pc-i440fx-noble', q35: 'pc-q35-noble' },
    source:
      'Ubuntu noble packages libvirt-daemon 10.0.0, qemu 1:8.2; Ubuntu names its machine types after the release; not checked against a real daemon: its values derive from the releases verified here (libvirt 7.0, 9.0, 11.3) and the documented Ubuntu differences',
  },
];

export const DEFAULT_PROFILE_ID = 'debian-12';

export function builtinProfile(id: string): TargetProfile | undefined {
  return BUILTIN_PROFILES.find((p) => p.id === id);
}

/**
 * The built-in profile of a host's distribution release, when the host runs that release's own libvirt and
 * QEMU (same major.minor): its packaging facts (disabled values, firmware, machine names) then hold there.
 */
export function distributionProfile(os: { id: string; versionId: string }, libvirt: string, qemu: string): TargetProfile | undefined {
  return BUILTIN_PROFILES.find(
    (p) =>
      p.distribution?.id === os.id &&
      p.distribution.versionId === os.versionId &&
      majorMinor(p.libvirt) === majorMinor(libvirt) &&
      majorMinor(p.qemu) === majorMinor(qemu),
  );
}

/** a profile for any libvirt/QEMU pair (CLI --libvirt/--qemu) */
export function customProfile(libvirt: string, qemu: string, hostArch = 'x86_64'): TargetProfile {
  return {
    id: `libvirt-${libvirt}-qemu-${qemu}`,
    label: `libvirt ${libvirt}, QEMU ${qemu}`,
    libvirt,
    qemu,
    hostArch,
    source: 'versions given by the user',
  };
}
