/**
 * The seed cases of docs/version-safety.md that the version table alone does
 * not catch: host-model CPUs on a floor QEMU without CPU model expansion,
 * the implicit USB controller before libvirt 0.9.5, <on_crash> without a
 * panic device, and machine types the floor's QEMU does not have.
 */
import { compareVersions, majorMinor } from '../../knowledge/versions';
import { canonicalMachine, machineFamily } from '../../knowledge/machineTypes';
import { machineAvailability } from '../../knowledge/qemuMachineVersions';
import { nameRange, textRange, valueRange } from './guest';
import { CheckContext } from './checkContext';
import { MIGRATION_NOTE, NO_EFFECT, VERSION_QEMU, VERSION_REJECT } from './versionRules';
import { I440FX_USB_MODEL } from '../../knowledge/deviceDefaults';

const older = (v: string | undefined, than: string): v is string => !!v && compareVersions(v, than) < 0;

/**
 * QEMU 2.9 added query-cpu-model-expansion; from libvirt 3.2.0 on, host-model
 * CPUs are expanded by QEMU (formatdomain.rst#cpu-model-and-topology). On an
 * older QEMU libvirt falls back to its own CPU map, so a host-model guest
 * (and the features QEMU's expansion added) can differ after migration.
 */
export function cpuHostModelFloor(ctx: CheckContext): void {
  const cpu = ctx.domain.child('cpu');
  const mode = cpu?.getAttribute('mode');
  const { qemu, libvirt } = ctx.floor;
  if (!cpu) return;
  if (mode?.value === 'host-model' && older(qemu, '2.9.0')) {
    const feats = cpu.elements('feature').length;
    ctx.report(
      VERSION_QEMU.id,
      valueRange(mode),
      `QEMU ${qemu} (migration floor) predates CPU model expansion (query-cpu-model-expansion, QEMU 2.9): libvirt there computes host-model from its own CPU map, so the guest CPU${feats ? ` and the ${feats} feature(s) listed here` : ''} may differ after migration`,
      {
        scope: 'floor',
        node: 'value',
        outcome: 'qemu',
        value: 'host-model',
        qemuSince: '2.9.0',
        floor: qemu,
        check: 'cpu-host-model-qemu',
      },
    );
  }
  if (
    !cpu.hasAttr('check') &&
    older(libvirt, '3.2.0') &&
    compareVersions(ctx.profile.libvirt, '3.2.0') >= 0 &&
    (mode?.value ?? 'custom') !== 'host-passthrough'
  ) {
    ctx.report(
      MIGRATION_NOTE.id,
      nameRange(cpu),
      `the target host (libvirt ${ctx.profile.libvirt}) adds a check attribute to this <cpu> at define time, and libvirt ${libvirt} (migration floor) drops it (check is known since 3.2.0): the CPU is not checked there`,
      {
        scope: 'floor',
        node: 'element',
        outcome: 'note',
        path: '/domain/cpu/@check',
        since: '3.2.0',
        floor: libvirt,
        check: 'cpu-check-filled',
      },
    );
  }
}

/**
 * libvirt <= 0.9.4 has no <controller type='usb'> (the type is unknown, so
 * the define fails) and always gives x86 guests a PIIX3 UHCI controller.
 * `dumpxml --migratable` strips exactly that default controller on i440fx.
 */
export function usbControllerFloor(ctx: CheckContext): void {
  const libvirt = ctx.floor.libvirt;
  if (!older(libvirt, '0.9.5') || !ctx.g.isX86) return;
  const usb = ctx.devices('controller').filter((c) => c.attr('type') === 'usb');
  for (const c of usb) {
    const type = c.getAttribute('type')!;
    const model = c.attr('model');
    const implicitDefault =
      usb.length === 1 && ctx.g.machineKind === 'i440fx' && (c.attr('index') ?? '0') === '0' && (!model || model === I440FX_USB_MODEL);
    if (implicitDefault) {
      ctx.report(
        MIGRATION_NOTE.id,
        nameRange(c),
        `libvirt ${libvirt} (migration floor) has no <controller type='usb'> (added in 0.9.5) but adds this same PIIX3 UHCI controller by itself: migration strips it (dumpxml --migratable), while defining this XML there fails; removing it keeps the guest ABI`,
        {
          scope: 'floor',
          node: 'element',
          outcome: 'note',
          path: '/domain/devices/controller/@type',
          value: 'usb',
          since: '0.9.5',
          floor: libvirt,
          check: 'usb-implicit-controller',
        },
      );
    } else {
      const what = model === 'none' ? 'a guest without USB' : model ? `the ${model} controller` : 'this USB controller';
      ctx.report(
        VERSION_REJECT.id,
        valueRange(type),
        `libvirt ${libvirt} (migration floor) does not know controller type 'usb' (added in 0.9.5): it rejects the whole domain, and it cannot give the guest ${what} (it always adds a PIIX3 UHCI controller)`,
        {
          scope: 'floor',
          node: 'value',
          outcome: 'rejected',
          path: '/domain/devices/controller/@type',
          value: 'usb',
          since: '0.9.5',
          floor: libvirt,
          check: 'usb-controller-type',
        },
      );
    }
  }
}

/** the panic model to suggest for an arch, given the libvirt that must know it */
function panicFor(arch: string, libvirt: string): string | undefined {
  if (arch === 'x86_64' || arch === 'i686') return 'isa';
  if ((arch === 'aarch64' || arch === 'riscv64') && compareVersions(libvirt, '9.1.0') >= 0) return 'pvpanic';
  return undefined;
}

/**
 * <on_crash> only ever runs when QEMU reports a guest panic, which needs a
 * panic device (built in on pSeries and s390). libvirt accepts it without
 * one, and then nothing happens on a crash.
 */
export function onCrashWithoutPanic(ctx: CheckContext): void {
  const el = ctx.domain.child('on_crash');
  const action = el?.trimmedText();
  if (!el || !action || action === 'destroy') return;
  if (ctx.devices('panic').length || ctx.g.arch.startsWith('ppc64') || ctx.g.arch === 's390x') return;
  const model = panicFor(ctx.g.arch, ctx.floor.libvirt ?? ctx.profile.libvirt);
  const add = model ? `<panic model='${model}'/>` : undefined;
  ctx.report(
    NO_EFFECT.id,
    textRange(el),
    `<on_crash>${action}</on_crash> never runs without a <panic> device${add ? `: add ${add}` : ''}`,
    {
      scope: 'target',
      node: 'text',
      outcome: 'note',
      value: action,
      check: 'on-crash-without-panic',
      addDevice: add,
    },
    undefined,
    'Without one QEMU does not learn of guest crashes; the guest kernel handles its own panic.',
  );
}

/**
 * The machine type must exist in the floor's QEMU. An alias (pc, q35, virt)
 * becomes the target QEMU's newest versioned type at define time, which an
 * older QEMU does not have.
 */
export function machineTypeFloor(ctx: CheckContext): void {
  const qemu = ctx.floor.qemu;
  const m = ctx.domain.path('os', 'type')?.getAttribute('machine');
  if (!qemu) return;
  const name = ctx.g.machine;
  const canonical = canonicalMachine(ctx.profile, ctx.g.arch, name) ?? name;
  if (!canonical) return;
  const a = machineAvailability(canonical, qemu);
  if (a.ok || a.reason === 'distribution') return;
  const floorName = machineFamily(name)
    ? canonicalMachine({ ...ctx.profile, qemu, machineNames: undefined, guests: undefined }, ctx.g.arch, name)
    : undefined;
  const range = m ? valueRange(m) : nameRange(ctx.domain.path('os', 'type') ?? ctx.domain);
  const base = {
    scope: 'floor' as const,
    node: (m ? 'value' : 'element') as 'value' | 'element',
    outcome: 'qemu' as const,
    value: name,
    floor: qemu,
    check: 'machine-type-floor',
  };
  if (canonical !== name) {
    // an alias: pin the floor's versioned machine
    if (a.reason !== 'newer') return;
    const pin =
      floorName && machineAvailability(floorName, qemu).ok && majorMinor(qemu) !== majorMinor(ctx.profile.qemu) ? floorName : undefined;
    ctx.report(
      VERSION_QEMU.id,
      range,
      `'${name}' becomes ${canonical} on the target, which QEMU ${qemu} (migration floor) does not have: migration fails`,
      { ...base, qemuSince: a.needs, safeAlternative: pin },
      undefined,
      `The target's QEMU ${ctx.profile.qemu} expands '${name}' to its newest machine type.${pin ? ` machine='${pin}' runs on both.` : ''}`,
    );
  } else {
    const why =
      a.reason === 'newer'
        ? `does not have machine type '${canonical}' (added in QEMU ${a.needs})`
        : `no longer has machine type '${canonical}' (gone since QEMU ${a.removedIn})`;
    ctx.report(
      VERSION_QEMU.id,
      range,
      `QEMU ${qemu} (migration floor) ${why}: define fails there`,
      { ...base, qemuSince: a.reason === 'newer' ? a.needs : undefined },
      'error',
    );
  }
}
