/**
 * Which versioned machine types a QEMU release has. QEMU adds `<family>-X.Y`
 * in release X.Y, so a machine type newer than the QEMU is unknown to it;
 * old versioned types are removed over time:
 * - pc-0.10, pc-0.11 removed in QEMU 4.0 (commit cc425b5, "hw/i386: Remove
 *   deprecated machines pc-0.10 and pc-0.11");
 * - pc-1.0 .. pc-1.3 removed in 6.0 (docs/system/removed-features.rst);
 * - pc-0.12 .. pc-0.15 and pc-q35-1.4 .. pc-q35-2.3: absent from QEMU 7.2
 *   (observed: `qemu-system-x86_64 -machine help` and libvirt 9.0 "Emulator
 *   ... does not support machine type"), the exact release is not pinned
 *   down, so they count as removed from 7.2 on.
 * - s390-ccw (the name before s390-ccw-virtio-X.Y): absent from 7.2 (observed).
 * Distribution-specific names (pc-q35-rhel8.6.0, pc-i440fx-jammy) only exist
 * in that distribution's QEMU (profile.machineNames).
 */
import { compareVersions } from './versions';
import { TargetProfile } from '../profiles/profile';

const VERSIONED = /^(pc-i440fx|pc-q35|virt|pseries|s390-ccw-virtio)-(\d+)\.(\d+)(?:\.(\d+))?$/;
const LEGACY_PC = /^pc-(\d+)\.(\d+)$/;

interface Removal {
  family: string;
  /** the machine version range removed, inclusive */
  from: string;
  to: string;
  /** first QEMU without them */
  removedIn: string;
}

const REMOVALS: Removal[] = [
  { family: 'pc', from: '0.10', to: '0.11', removedIn: '4.0.0' },
  { family: 'pc', from: '1.0', to: '1.3', removedIn: '6.0.0' },
  { family: 'pc', from: '0.12', to: '0.15', removedIn: '7.2.0' },
  { family: 'pc-q35', from: '1.4', to: '2.3', removedIn: '7.2.0' },
];

export type MachineAvailability =
  | { ok: true }
  | { ok: false; reason: 'newer'; needs: string }
  | { ok: false; reason: 'removed'; removedIn: string }
  | { ok: false; reason: 'distribution' };

/** whether QEMU `qemu` (of `profile`, for distribution names) has machine type `machine`; ok for names it cannot judge */
export function machineAvailability(machine: string, qemu: string, profile?: TargetProfile): MachineAvailability {
  if (profile?.machineNames && Object.values(profile.machineNames).includes(machine)) return { ok: true };
  const v = VERSIONED.exec(machine);
  if (v) {
    const mv = `${v[2]}.${v[3]}`;
    if (compareVersions(mv, qemu) > 0) return { ok: false, reason: 'newer', needs: `${mv}.0` };
    for (const r of REMOVALS) {
      if (
        r.family === v[1] &&
        compareVersions(mv, r.from) >= 0 &&
        compareVersions(mv, r.to) <= 0 &&
        compareVersions(qemu, r.removedIn) >= 0
      ) {
        return { ok: false, reason: 'removed', removedIn: r.removedIn };
      }
    }
    return { ok: true };
  }
  const legacy = LEGACY_PC.exec(machine);
  if (legacy) {
    const mv = `${legacy[1]}.${legacy[2]}`;
    for (const r of REMOVALS) {
      if (
        r.family === 'pc' &&
        compareVersions(mv, r.from) >= 0 &&
        compareVersions(mv, r.to) <= 0 &&
        compareVersions(qemu, r.removedIn) >= 0
      ) {
        return { ok: false, reason: 'removed', removedIn: r.removedIn };
      }
    }
    return { ok: true };
  }
  // pc-q35-rhel8.6.0, pc-i440fx-jammy: a family prefix with a name upstream QEMU never uses
  if (/^(pc-i440fx|pc-q35|pseries|s390-ccw-virtio)-(?!\d+\.\d+)/.test(machine)) return { ok: false, reason: 'distribution' };
  // the s390 name used before versioned s390-ccw-virtio-X.Y (2.4); absent from QEMU 7.2 (observed)
  if (machine === 's390-ccw' && compareVersions(qemu, '7.2.0') >= 0) return { ok: false, reason: 'removed', removedIn: '7.2.0' };
  return { ok: true };
}
