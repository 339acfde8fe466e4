/**
 * Define-time rules about what exists only on some architectures, probed on
 * libvirt 9.0.0 with Debian 12's QEMU 7.2 binaries (src/qemu/qemu_validate.c):
 * - <pm> suspend states are ACPI S3/S4, which only x86 and pSeries guests
 *   take ("setting ACPI S3 not supported");
 * - the kvmclock, hypervclock and tsc timers are x86 only when present='yes',
 *   the HPET likewise ("hpet timer is not supported"), and armvtimer needs an
 *   aarch64 KVM guest;
 * - video models the arch's QEMU binary lacks ("domain configuration does
 *   not support video model 'qxl'");
 * - other devices the arch's QEMU binary lacks: s390x has no PS/2, SATA,
 *   USB devices or TPM emulator, pSeries no tpm-tis/tpm-crb, ARM no tpm-crb;
 * - parallel ports (pSeries, s390x), apic eoi= and (s390x, riscv64) memory hotplug: "parallel
 *   ports are not supported", "The 'eoi' attribute of the 'apic' feature is
 *   not supported for architecture", "memory hotplug isn't supported by this
 *   QEMU binary"; s390x has no PCI sound cards;
 * - migratable='on|off' for host-passthrough is x86 only;
 * - an <emulator> of another architecture ("Emulator ... does not support arch").
 */
import { nameRange, valueRange } from './guest';
import { CheckContext } from './checkContext';
import { inputBus, usbDevices } from './deviceChecks';

export function powerManagement(ctx: CheckContext): void {
  const { arch } = ctx.g;
  if (ctx.g.isX86 || arch.startsWith('ppc64')) return;
  for (const s of ctx.domain.child('pm')?.elements() ?? []) {
    const state = s.name === 'suspend-to-mem' ? 'S3' : s.name === 'suspend-to-disk' ? 'S4' : undefined;
    if (state) ctx.reject('pm-arch', nameRange(s), `${arch} guests have no ACPI ${state} ("setting ACPI ${state} not supported"), even to disable it: remove <${s.name}>`);
  }
}

const X86_TIMERS = new Set(['kvmclock', 'hypervclock', 'tsc']);

export function timersPerArch(ctx: CheckContext): void {
  const { arch, isX86 } = ctx.g;
  for (const t of ctx.domain.child('clock')?.elements('timer') ?? []) {
    const name = t.getAttribute('name');
    const present = t.attr('present');
    if (!name?.value) continue;
    if (X86_TIMERS.has(name.value) && !isX86 && present === 'yes') {
      ctx.reject('timer-arch', valueRange(name), `the '${name.value}' timer exists only on x86 guests, not on ${arch}`, { node: 'value', value: name.value });
    } else if (name.value === 'hpet' && !isX86 && present === 'yes') {
      ctx.reject('timer-arch', valueRange(name), `${arch} guests have no HPET ("hpet timer is not supported")`, { node: 'value', value: 'hpet' });
    } else if (name.value === 'armvtimer' && !(arch === 'aarch64' && ctx.domain.attr('type') === 'kvm')) {
      ctx.reject('timer-arch', valueRange(name), `the 'armvtimer' timer exists only for aarch64 KVM guests`, { node: 'value', value: 'armvtimer' });
    }
  }
}

/** video models each arch's QEMU binary lacks (Debian 12 QEMU 7.2 builds); x86 has them all */
const NO_VIDEO: Record<string, Set<string>> = {
  aarch64: new Set(['qxl']),
  riscv64: new Set(['qxl']),
  armv7l: new Set(['qxl']),
  ppc64: new Set(['qxl', 'ramfb']),
  ppc64le: new Set(['qxl', 'ramfb']),
  s390x: new Set(['qxl', 'ramfb', 'vga', 'cirrus', 'vmvga', 'bochs']),
};

export function videoPerArch(ctx: CheckContext): void {
  const missing = NO_VIDEO[ctx.g.arch];
  if (!missing) return;
  for (const v of ctx.devices('video')) {
    const type = v.child('model')?.getAttribute('type');
    if (type?.value && missing.has(type.value)) {
      ctx.reject('video-arch', valueRange(type), `QEMU's ${ctx.g.arch} binary has no '${type.value}' video device ("domain configuration does not support video model '${type.value}'")`, { node: 'value', value: type.value, safeAlternative: 'virtio' });
    }
  }
}

export function devicesPerArch(ctx: CheckContext): void {
  const { arch } = ctx.g;
  if (arch === 's390x') {
    for (const i of ctx.devices('input')) {
      const bus = inputBus(i, false, arch);
      const at = i.getAttribute('bus');
      if (bus === 'ps2') ctx.reject('device-arch', at ? valueRange(at) : nameRange(i), `QEMU's s390x binary has no PS/2 ("ps2 is not supported by this QEMU binary")`);
    }
    for (const { el, range } of usbDevices(ctx)) {
      if (el.name === 'input') ctx.reject('device-arch', range, `QEMU's s390x binary has no USB ${el.attr('type') ?? 'input'} device ("usb ${el.attr('type') ?? 'input'} is not supported by this QEMU binary")`);
    }
    for (const c of ctx.devices('controller')) {
      const t = c.getAttribute('type');
      if (t?.value === 'sata') ctx.reject('device-arch', valueRange(t), `QEMU's s390x binary has no SATA ("SATA is not supported with this QEMU binary")`, { node: 'value', value: 'sata' });
    }
    for (const d of ctx.devices('disk')) {
      const b = d.child('target')?.getAttribute('bus');
      if (b?.value === 'sata') ctx.reject('device-arch', valueRange(b), `QEMU's s390x binary has no SATA ("SATA is not supported with this QEMU binary")`, { node: 'value', value: 'sata' });
    }
    for (const t of ctx.devices('tpm')) {
      const be = t.child('backend')?.getAttribute('type');
      if (be?.value === 'emulator') ctx.reject('device-arch', valueRange(be), `QEMU's s390x binary has no emulated TPM ("does not support TPM backend type emulator")`, { node: 'value', value: 'emulator' });
    }
  }
  const noTpm = arch.startsWith('ppc64') ? ['tpm-tis', 'tpm-crb'] : ctx.g.isArm ? ['tpm-crb'] : [];
  for (const t of ctx.devices('tpm')) {
    const m = t.getAttribute('model');
    if (m?.value && noTpm.includes(m.value)) ctx.reject('device-arch', valueRange(m), `QEMU's ${arch} binary has no TPM model ${m.value}${arch.startsWith('ppc64') ? " (pSeries uses 'tpm-spapr')" : " (use 'tpm-tis')"}`, { node: 'value', value: m.value, safeAlternative: arch.startsWith('ppc64') ? 'tpm-spapr' : 'tpm-tis' });
  }
}

export function hostPassthroughMigratable(ctx: CheckContext): void {
  const cpu = ctx.domain.child('cpu');
  const m = cpu?.getAttribute('migratable');
  if (!m || ctx.g.isX86 || cpu?.attr('mode') !== 'host-passthrough') return;
  ctx.reject('cpu-migratable', nameRange(m), `migratable= on a host-passthrough CPU is x86 only ("Migratable attribute for host-passthrough CPU is not supported by this QEMU binary"): remove it`);
}

/** the guest arches each qemu-system-* binary runs */
const EMULATOR_ARCHES: Record<string, string[]> = {
  x86_64: ['x86_64', 'i686'],
  i386: ['i686'],
  aarch64: ['aarch64', 'armv7l', 'armv6l'],
  arm: ['armv7l', 'armv6l'],
  ppc64: ['ppc64', 'ppc64le', 'ppc', 'ppcle'],
  ppc: ['ppc'],
  s390x: ['s390x'],
  riscv64: ['riscv64'],
  riscv32: ['riscv32'],
};

export function emulatorArch(ctx: CheckContext): void {
  const emu = ctx.domain.child('devices')?.child('emulator');
  const m = emu ? /qemu-system-([\w]+)$/.exec(emu.trimmedText()) : null;
  const arches = m ? EMULATOR_ARCHES[m[1]] : undefined;
  if (!emu || !arches || arches.includes(ctx.g.arch)) return;
  ctx.reject('emulator-arch', nameRange(emu), `${emu.trimmedText()} does not run ${ctx.g.arch} guests ("Emulator ... does not support arch '${ctx.g.arch}'")`);
}

const PCI_SOUND = new Set(['ich6', 'ich7', 'ich9', 'ac97', 'es1370', 'sb16', 'pcspk']);

export function x86OnlyDevices(ctx: CheckContext): void {
  const { arch, isX86 } = ctx.g;
  if (isX86) return;
  // (aarch64 and riscv64 guests accept one; pSeries and s390x do not)
  if (arch.startsWith('ppc64') || arch === 's390x') for (const p of ctx.devices('parallel')) ctx.reject('device-arch', nameRange(p), `${arch} guests have no parallel port ("parallel ports are not supported")`);
  const eoi = ctx.domain.path('features', 'apic')?.getAttribute('eoi');
  if (eoi) ctx.reject('device-arch', nameRange(eoi), `the APIC (and its eoi setting) is x86 only, not for ${arch}`);
  const max = ctx.domain.child('maxMemory');
  if (max && (arch === 's390x' || arch.startsWith('riscv'))) ctx.reject('device-arch', nameRange(max), `QEMU's ${arch} binary has no memory hotplug ("memory hotplug isn't supported by this QEMU binary")`);
  if (arch === 's390x') {
    for (const s of ctx.devices('sound')) {
      const m = s.getAttribute('model');
      if (m?.value && PCI_SOUND.has(m.value)) ctx.reject('device-arch', valueRange(m), `QEMU's s390x binary has no ${m.value} sound card`, { node: 'value', value: m.value });
    }
  }
}
