/**
 * Define-time rules of libvirt 9.0's parser and QEMU driver that need no
 * host to decide, beyond devices, PCI and memory: security labels, ACPI on
 * aarch64, video, watchdogs, lifecycle actions, SPICE, machine types and
 * CPU models the target's QEMU lacks. Each was probed with `virsh define`
 * on libvirt 9.0.0 / QEMU 7.2; the quoted texts are its errors.
 */
import { compareVersions } from '../../knowledge/versions';
import { emulatorBinary, machineAvailability } from '../../knowledge/qemuMachineVersions';
import { nameRange, textRange, valueRange } from './guest';
import { CheckContext } from './checkContext';
import { guestDomcaps } from './hostChecks';
import { defaultEmulator } from '../../knowledge/scalarDefaults';
import { sinceFor } from './factLookup';

/** src/conf/domain_conf.c, virSecurityLabelDefsParseXML */
export function seclabelModel(ctx: CheckContext): void {
  const labels = ctx.domain.elements('seclabel');
  if (labels.length === 1 && !labels[0].hasAttr('model')) {
    const l = labels[0];
    const type = l.attr('type');
    if (!(type === 'none' || (type === 'dynamic' && !l.child('baselabel')))) {
      const why = type ? `type='${type}'${l.child('baselabel') ? ' with a <baselabel>' : ''}` : 'no type';
      ctx.reject(
        'seclabel-model',
        nameRange(l),
        `a <seclabel> with ${why} needs a model attribute ("missing security model in domain seclabel"); only type='none' and a plain type='dynamic' may leave it out`,
      );
    }
  } else if (labels.length > 1) {
    for (const l of labels) {
      if (!l.hasAttr('model'))
        ctx.reject(
          'seclabel-model',
          nameRange(l),
          `with several <seclabel>s each needs a model ("missing security model when using multiple labels")`,
        );
    }
  }
  for (const l of labels) {
    const relabel = l.getAttribute('relabel');
    if ((l.attr('type') ?? 'dynamic') === 'dynamic' && relabel?.value === 'no') {
      ctx.reject(
        'seclabel-relabel',
        valueRange(relabel),
        `"dynamic label type must use resource relabeling": relabel='no' needs type='static' or 'none'`,
        { node: 'value', value: 'no' },
      );
    }
  }
}

/** src/qemu/qemu_validate.c: "ACPI requires UEFI on this architecture" (aarch64) */
export function acpiNeedsUefi(ctx: CheckContext): void {
  if (ctx.g.arch !== 'aarch64') return;
  const acpi = ctx.domain.path('features', 'acpi');
  if (!acpi) return;
  const os = ctx.domain.child('os');
  const uefi = os?.attr('firmware') === 'efi' || os?.child('loader')?.attr('type') === 'pflash';
  if (!uefi)
    ctx.reject(
      'acpi-uefi',
      nameRange(acpi),
      `on aarch64 ACPI requires UEFI: add firmware='efi' to <os> (or a pflash <loader>), or remove <acpi/>`,
    );
}

/** src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefVideo */
export function secondaryVideo(ctx: CheckContext): void {
  const videos = ctx.devices('video');
  if (videos.length < 2) return;
  const primary = videos.find((v) => v.child('model')?.attr('primary') === 'yes') ?? videos[0];
  for (const v of videos) {
    const type = v.child('model')?.getAttribute('type');
    if (!type?.value) continue;
    if (type.value === 'none') {
      ctx.reject('video-none', valueRange(type), `a 'none' video type must be the only video device`, { node: 'value', value: 'none' });
    } else if (v !== primary && type.value !== 'qxl' && type.value !== 'virtio') {
      ctx.reject(
        'video-secondary',
        valueRange(type),
        `video type '${type.value}' is only valid as primary video device (a secondary one must be qxl or virtio)`,
        { node: 'value', value: type.value },
      );
    }
  }
}

/** "only a single watchdog device is supported" before 9.1.0 */
export function singleWatchdog(ctx: CheckContext): void {
  if (!ctx.targetIn(undefined, '9.1.0')) return;
  const wds = ctx.devices('watchdog');
  for (const w of wds.slice(1))
    ctx.reject('watchdog-count', nameRange(w), `only a single watchdog device is supported (several are allowed since libvirt 9.1.0)`, {
      since: '9.1.0',
    });
}

/** qemu driver lifecycle actions (src/qemu/qemu_validate.c, qemuValidateLifecycleAction) */
export function lifecycleActions(ctx: CheckContext): void {
  for (const name of ['on_poweroff', 'on_reboot', 'on_crash']) {
    const el = ctx.domain.child(name);
    const action = el?.trimmedText();
    if (!el || !action) continue;
    if (action === 'rename-restart') {
      ctx.reject('lifecycle-action', textRange(el), `the qemu driver doesn't support the 'rename-restart' action`, {
        node: 'text',
        value: action,
      });
    } else if (action === 'preserve' && name !== 'on_crash' && ctx.targetIn('7.7.0')) {
      ctx.reject(
        'lifecycle-action',
        textRange(el),
        `the qemu driver doesn't support the 'preserve' action for <${name}> (only for <on_crash>)`,
        { node: 'text', value: action, safeAlternative: 'destroy' },
      );
    }
  }
}

/** SPICE: TLS ports need spice_tls = 1 in qemu.conf, which is off by default; spicevmc needs SPICE graphics */
export function spice(ctx: CheckContext): void {
  const graphics = ctx.devices('graphics');
  for (const g of graphics) {
    if (g.attr('type') !== 'spice') continue;
    const tls = g.getAttribute('tlsPort');
    const port = Number(tls?.value);
    // qemu_validate.c checks it only for listens on an address or network (9.0: a first <listen type='none'|'socket'> passes)
    const listen = g.child('listen')?.attr('type');
    if (listen === 'none' || listen === 'socket') continue;
    // autoport (or the legacy port='-1' tlsPort='-1') drops both ports from a persistent definition
    // (domain_conf.c virDomainGraphicsDefParseXMLSpice, libvirt 9.0), so no tlsPort is left to check
    if (g.attr('autoport') === 'yes' || (g.attr('port') === '-1' && g.attr('tlsPort') === '-1')) continue;
    if (tls && Number.isInteger(port) && port > 0) {
      ctx.reject(
        'spice-tls',
        valueRange(tls),
        `a SPICE tlsPort needs TLS, which the default qemu.conf disables (spice_tls = 0): "spice TLS port set in XML configuration, but TLS is disabled in qemu.conf"`,
        { node: 'value', value: tls.value ?? undefined },
      );
    }
  }
  // qemu_validate.c qemuValidateDomainChrSourceDef has this rule in 9.0 and 11.3; 7.0 accepts spicevmc without SPICE (observed)
  if (graphics.some((g) => g.attr('type') === 'spice') || !ctx.targetIn('9.0.0')) return;
  for (const d of ctx.devices()) {
    const type = d.getAttribute('type');
    if (type?.value === 'spicevmc' && ['channel', 'redirdev', 'smartcard', 'serial', 'console', 'parallel'].includes(d.name)) {
      ctx.reject('spicevmc', valueRange(type), `chardev 'spicevmc' not supported without spice graphics (add <graphics type='spice'>)`, {
        node: 'value',
        value: 'spicevmc',
      });
    }
  }
}

/** the machine type exists in the target's QEMU */
export function machineType(ctx: CheckContext): void {
  const m = ctx.domain.path('os', 'type')?.getAttribute('machine');
  if (!m?.value) return;
  const q = ctx.profile.qemu;
  const emulator = ctx.domain.child('devices')?.child('emulator')?.trimmedText() || defaultEmulator(ctx.g.arch);
  const binary = emulatorBinary(emulator);
  const a = machineAvailability(m.value, q, ctx.profile, binary);
  if (a.ok) return;
  const bin = `qemu-system-${binary ?? ctx.g.arch}`;
  const why =
    a.reason === 'newer'
      ? a.observed
        ? `${bin} of QEMU ${q} has no machine type '${m.value}' (it came later: QEMU ${a.needs} has it, observed)`
        : `QEMU ${q} has no machine type '${m.value}' (it arrived in QEMU ${a.needs})`
      : a.reason === 'removed'
        ? a.observed
          ? `${bin} of QEMU ${q} no longer has machine type '${m.value}' (missing from QEMU ${a.removedIn}, observed)`
          : `QEMU ${q} no longer has machine type '${m.value}' (gone since QEMU ${a.removedIn})`
        : `'${m.value}' is a machine type of another distribution's QEMU; QEMU ${q} here does not have it`;
  ctx.reject('machine-type', valueRange(m), `${why} ("Emulator '${emulator}' does not support machine type '${m.value}'")`, {
    node: 'value',
    value: m.value,
    qemuSince: a.reason === 'newer' ? a.needs : undefined,
  });
}

/** cpu mode='maximum' needs a 'max' CPU model; QEMU 7.2 has none for riscv64 (observed) */
export function maximumCpu(ctx: CheckContext): void {
  const mode = ctx.domain.child('cpu')?.getAttribute('mode');
  if (mode?.value !== 'maximum' || !ctx.g.arch.startsWith('riscv')) return;
  if (compareVersions(ctx.profile.qemu, '8.0.0') >= 0) return;
  ctx.reject(
    'cpu-maximum',
    valueRange(mode),
    `QEMU ${ctx.profile.qemu} has no 'max' CPU for ${ctx.g.arch} ("maximum CPU is not supported by QEMU binary")`,
    { node: 'value', value: 'maximum' },
  );
}

/** <launchSecurity> needs the host's CPU and firmware (domcapabilities <features><sev supported=...>) */
export function launchSecurityHost(ctx: CheckContext): void {
  const ls = ctx.domain.child('launchSecurity');
  const type = ls?.getAttribute('type');
  if (!ls || !type?.value) return;
  const known = sinceFor('/domain/launchSecurity/@type', type.value, {}, ctx.g.driver);
  if (known && compareVersions(known.since, ctx.profile.libvirt) > 0) return; // the version table reports it
  const feature = type.value === 's390-pv' ? 's390-pv' : type.value.startsWith('sev') ? 'sev' : type.value;
  // captured for this arch, domain capabilities that do not list the feature mean this libvirt/QEMU has none (9.0 lists no s390-pv on x86);
  // captured only for other arches, they answer only when they name the feature
  const d = guestDomcaps(ctx)?.caps;
  const supported = d ? (d.features[feature] ?? false) : ctx.profile.domcaps?.find((x) => feature in x.features)?.features[feature];
  if (supported === false) {
    ctx.reject('launch-security', valueRange(type), `the host does not support ${type.value} launch security (domain capabilities)`, {
      node: 'value',
      value: type.value,
    });
  } else if (supported === undefined) {
    ctx.report(
      'define-reject',
      valueRange(type),
      `${ctx.targetLabel} rejects this domain unless the host supports ${type.value} launch security`,
      {
        scope: 'target',
        node: 'value',
        outcome: 'rejected',
        value: type.value,
        target: ctx.profile.libvirt,
        check: 'launch-security',
      },
      'warning',
      'The profile does not say whether it does. libvirt\'s error: "SEV launch security is not supported with this QEMU binary".',
    );
  }
}

/** "ram attribute only supported for video type qxl", "video type 'cirrus' doesn't support multiple 'heads'" */
export function videoModelAttributes(ctx: CheckContext): void {
  for (const v of ctx.devices('video')) {
    const model = v.child('model');
    const type = model?.attr('type');
    if (!model || !type) continue;
    for (const name of ['ram', 'vgamem']) {
      const a = model.getAttribute(name);
      if (a && type !== 'qxl' && type !== 'none')
        ctx.reject('video-attribute', nameRange(a), `the ${name} attribute is only supported for video type qxl, not '${type}'`);
    }
    const heads = model.getAttribute('heads');
    if (heads && Number(heads.value) > 1 && type !== 'qxl' && type !== 'virtio') {
      ctx.reject('video-attribute', valueRange(heads), `video type '${type}' doesn't support multiple heads (qxl and virtio do)`, {
        node: 'value',
        value: heads.value ?? undefined,
        safeAlternative: '1',
      });
    }
  }
}
