/**
 * Backward-migration and version safety: what the target host's libvirt
 * (the profile) and an older libvirt/QEMU the domain may migrate to (the
 * migration floor) do with a domain.
 *
 * - version-table findings (version/factChecks.ts) against the target
 *   (define-reject / version-drop) and against the floor (version-reject /
 *   version-drop), plus QEMU versions (version-qemu);
 * - define-time validation of the target's QEMU driver that needs no host
 *   (version/deviceChecks.ts, pciChecks.ts, memoryChecks.ts, domainChecks.ts,
 *   archChecks.ts, diskChecks.ts);
 * - the seed cases of docs/version-safety.md (version/seedChecks.ts).
 *
 * Every finding carries VersionFindingData in `data` for the quick fixes in
 * versionFixes.ts.
 */
import { DomainDocument } from '../domainDocument';
import { Finding } from '../findings';
import { TargetProfile } from '../profiles/profile';
import { compareVersions } from '../knowledge/versions';
import { resolveProfile } from '../profiles/resolveProfile';
import { guestOf, Scope } from './version/guest';
import { factFindings } from './version/factChecks';
import { CheckContext } from './version/checkContext';
import { VersionFindingData } from './version/findingData';
import { DEFINE_REJECT } from './version/versionRules';
import {
  duplicateControllers,
  ideOnMachineWithoutIde,
  interfaceModels,
  interfaceSources,
  lunNeedsBlock,
  panicModelPerArch,
  qemuDeviceKinds,
  singleBalloon,
  transitionalWhereUnsupported,
  usbDevicesWithoutUsb,
} from './version/deviceChecks';
import { diskBuses } from './version/diskChecks';
import { numaNodeOnPciController, pciAddressConflicts, pciRootModel, singleSlotBuses } from './version/pciChecks';
import {
  devicesOfOtherArches,
  devicesPerArch,
  emulatorArch,
  featuresPerArch,
  hostPassthroughMigratable,
  powerManagement,
  timersPerArch,
  videoPerArch,
  x86OnlyDevices,
} from './version/archChecks';
import { memoryHotplug } from './version/memoryChecks';
import { hostArch, hostDeviceModels, hostFirmware, hostSgx, hostVcpuLimit } from './version/hostChecks';
import {
  acpiNeedsUefi,
  launchSecurityHost,
  lifecycleActions,
  machineType,
  maximumCpu,
  seclabelModel,
  secondaryVideo,
  singleWatchdog,
  spice,
  videoModelAttributes,
} from './version/domainChecks';
import { INVENTORY_RULES } from './version/inventoryChecks';
import { channelPathDrops } from './version/channelPathChecks';
import { expansionFor, runLibvirtRules } from './version/libvirtRules';
import { RuleFacts } from './version/ruleFacts';
import { cpuHostModelFloor, machineTypeFloor, onCrashWithoutPanic, usbControllerFloor } from './version/seedChecks';

export type { VersionFindingData } from './version/findingData';

export interface MigrationFloor {
  libvirt?: string;
  qemu?: string;
}

export interface VersionSettings {
  /** the oldest libvirt/QEMU the domain must still migrate to */
  floor?: MigrationFloor;
  /** the target host: a builtin profile id (default 'debian-12') or a profile */
  profile?: string | TargetProfile;
}

/** define-time rules of the target's QEMU driver */
const DEFINE_CHECKS: ((ctx: CheckContext) => void)[] = [
  ideOnMachineWithoutIde,
  panicModelPerArch,
  transitionalWhereUnsupported,
  usbDevicesWithoutUsb,
  pciRootModel,
  singleSlotBuses,
  numaNodeOnPciController,
  memoryHotplug,
  seclabelModel,
  acpiNeedsUefi,
  secondaryVideo,
  singleWatchdog,
  lifecycleActions,
  spice,
  machineType,
  maximumCpu,
  launchSecurityHost,
  hostArch,
  hostDeviceModels,
  hostVcpuLimit,
  hostSgx,
  hostFirmware,
  pciAddressConflicts,
  powerManagement,
  timersPerArch,
  videoPerArch,
  devicesPerArch,
  x86OnlyDevices,
  hostPassthroughMigratable,
  emulatorArch,
  duplicateControllers,
  singleBalloon,
  diskBuses,
  videoModelAttributes,
  interfaceModels,
  qemuDeviceKinds,
  featuresPerArch,
  devicesOfOtherArches,
  interfaceSources,
  lunNeedsBlock,
  // the target's drop, and the floor's where the target keeps the path
  channelPathDrops,
];

/** checks that need a migration floor */
const FLOOR_CHECKS: ((ctx: CheckContext) => void)[] = [cpuHostModelFloor, usbControllerFloor, machineTypeFloor];

function cleanFloor(floor: MigrationFloor | undefined): MigrationFloor {
  const v = (s: string | undefined) => (s && /^\s*v?\d+(\.\d+){0,2}\s*$/.test(s) ? s.trim().replace(/^v/, '') : undefined);
  return { libvirt: v(floor?.libvirt), qemu: v(floor?.qemu) };
}

function outcomeOf(f: Finding): string | undefined {
  return (f.data as unknown as VersionFindingData | undefined)?.outcome;
}

export function versionFindings(doc: DomainDocument, settings: VersionSettings = {}): Finding[] {
  const domain = doc.domain;
  if (!domain) return [];
  const profile = typeof settings.profile === 'object' ? settings.profile : resolveProfile({ profile: settings.profile });
  const expansion = expansionFor(doc, domain, profile);
  const g = guestOf(domain, expansion);
  const floor = cleanFloor(settings.floor);
  const target: Scope = { kind: 'target', libvirt: profile.libvirt, qemu: profile.qemu };
  const out = factFindings(g, target);
  const ctx = new CheckContext(g, profile, floor);
  if (g.driver === 'qemu') {
    for (const check of DEFINE_CHECKS) check(ctx);
    for (const rule of INVENTORY_RULES)
      if (ctx.targetIn(rule.since)) rule.run(domain, (check, range, reason) => ctx.reject(check, range, reason), profile.libvirt);
    runLibvirtRules(new RuleFacts(domain, expansion, profile), (check, range, reason) => ctx.reject(check, range, reason));
    onCrashWithoutPanic(ctx);
  }
  if (floor.libvirt || floor.qemu) {
    // what the target already rejects or drops at the same place needs no second finding for an older floor
    const seen = new Set(out.map((f) => `${f.start}:${f.end}:${outcomeOf(f)}`));
    const floorIsOlder =
      (!floor.libvirt || compareVersions(floor.libvirt, profile.libvirt) <= 0) &&
      (!floor.qemu || compareVersions(floor.qemu, profile.qemu) <= 0);
    for (const f of factFindings(g, { kind: 'floor', ...floor })) {
      if (floorIsOlder && seen.has(`${f.start}:${f.end}:${outcomeOf(f)}`)) continue;
      out.push(f);
    }
    if (g.driver === 'qemu') for (const check of FLOOR_CHECKS) check(ctx);
  }
  // a define-time check says more than "does not know" at the same place
  const explained = new Set(ctx.out.filter((f) => f.rule === DEFINE_REJECT.id).map((f) => `${f.start}:${f.end}`));
  const result = out.filter((f) => !(f.rule === DEFINE_REJECT.id && explained.has(`${f.start}:${f.end}`)));
  result.push(...ctx.out);
  return result;
}
