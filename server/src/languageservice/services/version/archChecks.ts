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
 *   USB devices or TPM, pSeries no tpm-tis/tpm-crb, other non-x86 no tpm-crb;
 * - parallel ports (pSeries, s390x), apic eoi= and (s390x, riscv64) memory hotplug: "parallel
 *   ports are not supported", "The 'eoi' attribute of the 'apic' feature is
 *   not supported for architecture", "memory hotplug isn't supported by this
 *   QEMU binary"; s390x has no PCI sound cards;
 * - migratable='on|off' for host-passthrough is x86 only;
 * - an <emulator> of another architecture ("Emulator ... does not support arch").
 */
import { compareVersions } from '../../knowledge/versions';
import { isArmArch } from '../../knowledge/machineKind';
import { nameRange, valueRange } from './guest';
import { CheckContext } from './checkContext';
import { inputBus, usbDevices } from './deviceChecks';

export function powerManagement(ctx: CheckContext): void {
  const { arch } = ctx.g;
  if (ctx.g.isX86 || arch.startsWith('ppc64')) return;
  for (const s of ctx.domain.child('pm')?.elements() ?? []) {
    const state = s.name === 'suspend-to-mem' ? 'S3' : s.name === 'suspend-to-disk' ? 'S4' : undefined;
    if (state)
      ctx.reject(
        'pm-arch',
        nameRange(s),
        `${arch} guests have no ACPI ${state} ("setting ACPI ${state} not supported"), even to disable it: remove <${s.name}>`,
      );
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
      ctx.reject('timer-arch', valueRange(name), `the '${name.value}' timer exists only on x86 guests, not on ${arch}`, {
        node: 'value',
        value: name.value,
      });
    } else if (name.value === 'hpet' && !isX86 && present === 'yes') {
      ctx.reject('timer-arch', valueRange(name), `${arch} guests have no HPET ("hpet timer is not supported")`, {
        node: 'value',
        value: 'hpet',
      });
    } else if (name.value === 'armvtimer' && !(arch === 'aarch64' && ctx.domain.attr('type') === 'kvm')) {
      ctx.reject('timer-arch', valueRange(name), `the 'armvtimer' timer exists only for aarch64 KVM guests`, {
        node: 'value',
        value: 'armvtimer',
      });
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
      ctx.reject(
        'video-arch',
        valueRange(type),
        `QEMU's ${ctx.g.arch} binary has no '${type.value}' video device ("domain configuration does not support video model '${type.value}'")`,
        { node: 'value', value: type.value, safeAlternative: 'virtio' },
      );
    }
  }
}

export function devicesPerArch(ctx: CheckContext): void {
  const { arch } = ctx.g;
  if (arch === 's390x') {
    for (const i of ctx.devices('input')) {
      const bus = inputBus(i, false, arch);
      const at = i.getAttribute('bus');
      if (bus === 'ps2')
        ctx.reject(
          'device-arch',
          at ? valueRange(at) : nameRange(i),
          `QEMU's s390x binary has no PS/2 ("ps2 is not supported by this QEMU binary")`,
        );
    }
    for (const { el, range } of usbDevices(ctx)) {
      if (el.name === 'input')
        ctx.reject(
          'device-arch',
          range,
          `QEMU's s390x binary has no USB ${el.attr('type') ?? 'input'} device ("usb ${el.attr('type') ?? 'input'} is not supported by this QEMU binary")`,
        );
    }
    // a SATA controller, or a disk on the SATA bus
    const sata = [
      ...ctx.devices('controller').map((c) => c.getAttribute('type')),
      ...ctx.devices('disk').map((d) => d.child('target')?.getAttribute('bus')),
    ];
    for (const a of sata)
      if (a?.value === 'sata')
        ctx.reject('device-arch', valueRange(a), `QEMU's s390x binary has no SATA ("SATA is not supported with this QEMU binary")`, {
          node: 'value',
          value: 'sata',
        });
    for (const t of ctx.devices('tpm')) {
      const be = t.child('backend')?.getAttribute('type');
      if (be?.value)
        ctx.reject('device-arch', valueRange(be), `QEMU's s390x binary has no TPM ("does not support TPM backend type ${be.value}")`, {
          node: 'value',
          value: be.value,
        });
    }
  }
  const noTpm = arch.startsWith('ppc64') ? ['tpm-tis', 'tpm-crb'] : ctx.g.isX86 ? [] : ['tpm-crb'];
  for (const t of ctx.devices('tpm')) {
    const m = t.getAttribute('model');
    if (m?.value && noTpm.includes(m.value))
      ctx.reject(
        'device-arch',
        valueRange(m),
        `QEMU's ${arch} binary has no TPM model ${m.value}${arch.startsWith('ppc64') ? " (pSeries uses 'tpm-spapr')" : " (use 'tpm-tis')"}`,
        { node: 'value', value: m.value, safeAlternative: arch.startsWith('ppc64') ? 'tpm-spapr' : 'tpm-tis' },
      );
  }
}

export function hostPassthroughMigratable(ctx: CheckContext): void {
  const cpu = ctx.domain.child('cpu');
  const m = cpu?.getAttribute('migratable');
  if (!m || ctx.g.isX86 || cpu?.attr('mode') !== 'host-passthrough') return;
  ctx.reject(
    'cpu-migratable',
    nameRange(m),
    `migratable= on a host-passthrough CPU is x86 only ("Migratable attribute for host-passthrough CPU is not supported by this QEMU binary"): remove it`,
  );
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
  ctx.reject(
    'emulator-arch',
    nameRange(emu),
    `${emu.trimmedText()} does not run ${ctx.g.arch} guests ("Emulator ... does not support arch '${ctx.g.arch}'")`,
  );
}

const PCI_SOUND = new Set(['ich6', 'ich7', 'ich9', 'ac97', 'es1370', 'sb16', 'pcspk']);

export function x86OnlyDevices(ctx: CheckContext): void {
  const { arch, isX86 } = ctx.g;
  if (isX86) return;
  // (aarch64 and riscv64 guests accept one; pSeries and s390x do not)
  if (arch.startsWith('ppc64') || arch === 's390x')
    for (const p of ctx.devices('parallel'))
      ctx.reject('device-arch', nameRange(p), `${arch} guests have no parallel port ("parallel ports are not supported")`);
  const eoi = ctx.domain.path('features', 'apic')?.getAttribute('eoi');
  if (eoi) ctx.reject('device-arch', nameRange(eoi), `the APIC (and its eoi setting) is x86 only, not for ${arch}`);
  const max = ctx.domain.child('maxMemory');
  // virtio-mem on s390x needs libvirt 11.2 (NEWS.rst v11.2.0) and QEMU 10.0
  const s390Hotplug = arch === 's390x' && ctx.targetIn('11.2.0') && compareVersions(ctx.profile.qemu, '10.0.0') >= 0;
  if (max && ((arch === 's390x' && !s390Hotplug) || arch.startsWith('riscv')))
    ctx.reject(
      'device-arch',
      nameRange(max),
      `QEMU's ${arch} binary has no memory hotplug ("memory hotplug isn't supported by this QEMU binary")`,
    );
  if (arch === 's390x') {
    for (const s of ctx.devices('sound')) {
      const m = s.getAttribute('model');
      if (m?.value && PCI_SOUND.has(m.value))
        ctx.reject('device-arch', valueRange(m), `QEMU's s390x binary has no ${m.value} sound card`, { node: 'value', value: m.value });
    }
  }
}

/** <features> children that exist on some architectures or machines only (qemuValidateDomainDefFeatures) */
const FEATURE_ARCH: Record<string, { ok: (arch: string, kind: string) => boolean; where: string; says?: string }> = {
  ioapic: { ok: (a) => a === 'x86_64' || a === 'i686', where: 'x86' },
  vmport: { ok: (a) => a === 'x86_64' || a === 'i686', where: 'x86' },
  hyperv: { ok: (a) => ['x86_64', 'i686', 'aarch64', 'armv7l'].includes(a), where: 'x86 and ARM' },
  // qemuDomainIsARMVirt: the ARM virt machine only (7.0, 9.0, 11.3)
  gic: {
    ok: (a, k) => isArmArch(a) && k === 'virt',
    where: 'ARM virt',
    says: "The 'gic' feature is not supported for architecture '{arch}' or machine type '{machine}'",
  },
  hpt: { ok: (a, k) => a.startsWith('ppc64') && k === 'pseries', where: 'pSeries' },
  htm: { ok: (a, k) => a.startsWith('ppc64') && k === 'pseries', where: 'pSeries' },
  'nested-hv': { ok: (a, k) => a.startsWith('ppc64') && k === 'pseries', where: 'pSeries' },
  'ccf-assist': { ok: (a, k) => a.startsWith('ppc64') && k === 'pseries', where: 'pSeries' },
  cfpc: { ok: (a, k) => a.startsWith('ppc64') && k === 'pseries', where: 'pSeries' },
  sbbc: { ok: (a, k) => a.startsWith('ppc64') && k === 'pseries', where: 'pSeries' },
  ibs: { ok: (a, k) => a.startsWith('ppc64') && k === 'pseries', where: 'pSeries' },
};

export function featuresPerArch(ctx: CheckContext): void {
  const { arch, machineKind } = ctx.g;
  for (const f of ctx.domain.child('features')?.elements() ?? []) {
    const rule = FEATURE_ARCH[f.name];
    if (rule && !rule.ok(arch, machineKind))
      ctx.reject(
        'feature-arch',
        nameRange(f),
        `the '${f.name}' feature exists only for ${rule.where} guests, not for ${arch} ${ctx.g.machine}: remove it${
          rule.says ? ` ("${rule.says.replace('{arch}', arch).replace('{machine}', ctx.g.machine)}")` : ''
        }`,
      );
    if (f.name === 'pmu' && f.attr('state') === 'off' && arch.startsWith('ppc64'))
      ctx.reject('feature-arch', nameRange(f), `PMU is always enabled for ${arch}`);
  }
}

/** devices tied to one architecture or machine */
export function devicesOfOtherArches(ctx: CheckContext): void {
  const { arch, machineKind } = ctx.g;
  const ppc = arch.startsWith('ppc64');
  for (const n of ctx.devices('nvram'))
    if (!ppc) ctx.reject('device-arch', nameRange(n), `an <nvram> device is only supported for PPC64 guests`);
  for (const w of ctx.devices('watchdog')) {
    const m = w.getAttribute('model');
    if (m?.value === 'diag288' && !arch.startsWith('s390'))
      ctx.reject('device-arch', valueRange(m), `the diag288 watchdog is allowed for s390 and s390x only`, {
        node: 'value',
        value: 'diag288',
      });
  }
  const tpms = ctx.devices('tpm');
  for (const t of tpms) {
    const m = t.getAttribute('model');
    if ((m?.value === 'tpm-spapr' || m?.value === 'spapr-tpm-proxy') && !(ppc && machineKind === 'pseries')) {
      ctx.reject('device-arch', valueRange(m), `the ${m.value} TPM exists only for pSeries guests`, { node: 'value', value: m.value });
    }
  }
  for (const t of tpms) {
    const be = t.child('backend')?.getAttribute('type');
    if (t.attr('model') === 'spapr-tpm-proxy' && be?.value && be.value !== 'passthrough')
      ctx.reject('device-arch', valueRange(be), `the spapr-tpm-proxy TPM needs a passthrough backend`, {
        node: 'value',
        value: be.value,
        safeAlternative: 'passthrough',
      });
  }
  for (const t of tpms.filter((t) => t.attr('model') !== 'spapr-tpm-proxy').slice(1))
    ctx.reject('device-count', nameRange(t), `only a single TPM non-proxy device is supported`);
  for (const i of ctx.devices('iommu')) {
    const m = i.getAttribute('model');
    if (m?.value === 'intel' && machineKind !== 'q35')
      ctx.reject('device-arch', valueRange(m), `the intel IOMMU is only supported with Q35 machines`, { node: 'value', value: 'intel' });
    if (m?.value === 'smmuv3' && !(ctx.g.isArm && machineKind === 'virt'))
      ctx.reject('device-arch', valueRange(m), `the smmuv3 IOMMU is only supported with ARM virt machines`, {
        node: 'value',
        value: 'smmuv3',
      });
  }
  if (arch === 's390x')
    for (const s of ctx.devices('shmem'))
      ctx.reject('device-arch', nameRange(s), `QEMU's s390x binary has no ivshmem (shared memory) device`);
  const panicModels = new Map<string, boolean>();
  for (const p of ctx.devices('panic')) {
    const m = p.attr('model');
    if (!m) continue;
    if (panicModels.has(m)) ctx.reject('device-count', nameRange(p), `multiple panic devices with model '${m}'`);
    panicModels.set(m, true);
  }
}
