/**
 * Which versioned machine types a QEMU release has. QEMU adds `<family>-X.Y`
 * in release X.Y, so a machine type newer than the QEMU is unknown to it;
 * old versioned types are removed over time:
 * - pc-0.10, pc-0.11 removed in QEMU 4.0 (commit cc425b5, "hw/i386: Remove
 *   deprecated machines pc-0.10 and pc-0.11");
 * - pc-1.0 .. pc-1.3 removed in 6.0 (docs/system/removed-features.rst);
 * - pc-0.12 .. pc-0.15 and pc-q35-1.4 .. pc-q35-2.3: absent from QEMU 5.2
 *   (observed: `qemu-system-x86_64 -machine help` and libvirt 7.0 "Emulator
 *   ... does not support machine type"), the exact release is not pinned
 *   down, so they count as removed from 5.2 on.
 * - s390-ccw (the name before s390-ccw-virtio-X.Y) and s390-virtio: absent
 *   from 5.2 (observed, libvirt 7.0 rejects both).
 * Every other name that one observed release has and another lacks (board
 * names such as borzoi, pseries-2.x gone by 10.0, ...) is read from
 * qemuMachineNames.json, captured from the real binaries.
 * Distribution-specific names (pc-q35-rhel8.6.0, pc-i440fx-jammy) only exist
 * in that distribution's QEMU (profile.machineNames).
 */
import { compareVersions } from './versions';
import { TargetProfile } from '../profiles/profile';
import observedData from './qemuMachineNames.json';

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
  { family: 'pc', from: '0.12', to: '0.15', removedIn: '5.2.0' },
  { family: 'pc-q35', from: '1.4', to: '2.3', removedIn: '5.2.0' },
];

export type MachineAvailability =
  | { ok: true }
  | { ok: false; reason: 'newer'; needs: string; observed?: boolean }
  | { ok: false; reason: 'removed'; removedIn: string; observed?: boolean }
  | { ok: false; reason: 'distribution' };

interface ObservedBinary {
  /** the QEMU releases observed, oldest first */
  releases: string[];
  /** name -> one digit per release: 1 where that release has it */
  names: Record<string, string>;
}
const OBSERVED: Record<string, ObservedBinary> = observedData.machines;

/**
 * What the observed releases say about `machine` on QEMU `qemu`: gone when a release
 * at or before `qemu` lacks a name an earlier one had; not yet there when a release at
 * or after `qemu` lacks a name a later one has. Between two observations nothing is
 * claimed, so a release that was not observed is judged only by the ones around it.
 */
function observedAvailability(machine: string, qemu: string, binary: string): MachineAvailability | undefined {
  const o = OBSERVED[binary];
  const bits = o?.names[machine];
  if (!o || !bits) return undefined;
  const has = (i: number) => bits[i] === '1';
  for (let j = 0; j < o.releases.length; j++) {
    if (has(j)) continue;
    const earlier = o.releases.slice(0, j).some((_, i) => has(i));
    const later = o.releases.slice(j + 1).some((_, i) => has(j + 1 + i));
    if (earlier && compareVersions(qemu, o.releases[j]) >= 0)
      return { ok: false, reason: 'removed', removedIn: o.releases[j], observed: true };
    if (later && compareVersions(qemu, o.releases[j]) <= 0) {
      const first = o.releases.find((_, i) => i > j && has(i))!;
      return { ok: false, reason: 'newer', needs: first, observed: true };
    }
  }
  return undefined;
}

/** the qemu-system-* binary of an emulator path (Debian's qemu-system-ppc64le is qemu-system-ppc64) */
export function emulatorBinary(emulator: string): string | undefined {
  const m = /qemu-system-(\w+)$/.exec(emulator);
  return m ? (m[1] === 'ppc64le' ? 'ppc64' : m[1]) : undefined;
}

/**
 * whether QEMU `qemu` (of `profile`, for distribution names) has machine type `machine`
 * in its `binary` (qemu-system-<binary>); ok for names it cannot judge
 */
export function machineAvailability(machine: string, qemu: string, profile?: TargetProfile, binary?: string): MachineAvailability {
  if (profile?.machineNames && Object.values(profile.machineNames).includes(machine)) return { ok: true };
  const seen = binary ? observedAvailability(machine, qemu, binary) : undefined;
  if (seen) return seen;
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
  // s390-ccw, the name used before versioned s390-ccw-virtio-X.Y (2.4), and s390-virtio: absent from 5.2 (observed)
  if ((machine === 's390-ccw' || machine === 's390-virtio') && compareVersions(qemu, '5.2.0') >= 0)
    return { ok: false, reason: 'removed', removedIn: '5.2.0', observed: true };
  return { ok: true };
}
