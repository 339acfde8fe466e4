/**
 * Define-time rules that need the host's facts: `virsh capabilities` (which
 * arches have an emulator, which machine types it runs) and `virsh
 * domcapabilities` (device models, vCPU limit, SGX). Without those facts
 * nothing is reported: the built-in profiles do not guess a host.
 *
 * Each rule was confirmed on the real libvirt 9.0.0 / QEMU 7.2 daemon with the
 * host files in test/fixtures/hostcaps/9.0 (test/unit/hostChecks.test.ts);
 * the sources are libvirt 9.0's src/qemu/qemu_validate.c (device validation
 * against the QEMU capabilities) and src/conf/capabilities.c
 * (virCapabilitiesDomainDataLookup, the emulator lookup at parse time).
 */
import { FIRMWARE_PICKED_AT_DEFINE_SINCE } from '../../knowledge/firmwareDescriptors';
import { domcapsFor, DomcapsMatch } from '../../profiles/capabilities';
import { DomainCapabilities } from '../../profiles/profile';
import { CheckContext } from './checkContext';
import { firmwareFeature } from './firmwareChecks';
import { nameRange, textRange, valueRange } from './guest';

/** the captured domain capabilities that fit this guest (its arch; preferably its virt type and machine) */
export function guestDomcaps(ctx: CheckContext): DomcapsMatch | undefined {
  const guest = { arch: ctx.g.arch, virttype: ctx.domain.attr('type') ?? 'qemu', machine: canonicalMachine(ctx) };
  return domcapsFor(ctx.profile.domcaps, guest, ctx.profile.domcapsProvider);
}

/** the canonical name of the guest's machine on this host, from `virsh capabilities` */
function canonicalMachine(ctx: CheckContext): string {
  const arch = ctx.profile.guests?.find((a) => a.arch === ctx.g.arch);
  const m = arch?.machines.find((x) => x.canonicalOf === ctx.g.machine);
  return m?.name ?? ctx.g.machine;
}

/** capabilities.c virCapabilitiesDomainDataLookup: an arch with no emulator on the host */
export function hostArch(ctx: CheckContext): void {
  const guests = ctx.profile.guests;
  if (!guests?.length || guests.some((a) => a.arch === ctx.g.arch)) return;
  const type = ctx.domain.path('os', 'type');
  const at = type?.getAttribute('arch');
  ctx.reject(
    'host-arch',
    at ? valueRange(at) : nameRange(type ?? ctx.domain),
    `the host has no emulator for ${ctx.g.arch} guests ("No emulator found for arch '${ctx.g.arch}'"; host capabilities)`,
    at ? { node: 'value', value: ctx.g.arch } : {},
  );
}

/** a value the host's domain capabilities list for `key`, or undefined when they list none */
function unsupported(d: DomainCapabilities, key: string, value: string): string[] | undefined {
  const allowed = d.enums[key];
  return allowed && allowed.length && !allowed.includes(value) ? allowed : undefined;
}

/** qemu_validate.c: graphics types and video models the host's QEMU does not build */
export function hostDeviceModels(ctx: CheckContext): void {
  const d = guestDomcaps(ctx)?.caps;
  if (!d) return;
  for (const g of ctx.devices('graphics')) {
    const t = g.getAttribute('type');
    const allowed = t?.value && unsupported(d, 'devices/graphics/type', t.value);
    // (a type the QEMU driver never has, such as rdp, is already rejected by its own rule)
    if (t && allowed && !ctx.out.some((f) => f.start === t.valueStart))
      ctx.reject(
        'host-graphics',
        valueRange(t),
        `this host's QEMU has no ${t.value} graphics (domain capabilities list ${allowed.join(', ')})`,
        {
          node: 'value',
          value: t.value,
        },
      );
  }
  for (const v of ctx.devices('video')) {
    const t = v.child('model')?.getAttribute('type');
    const allowed = t?.value && unsupported(d, 'devices/video/modelType', t.value);
    if (t && allowed)
      ctx.reject(
        'host-video',
        valueRange(t),
        `this host does not support video model '${t.value}' ("domain configuration does not support video model"; domain capabilities list ${allowed.join(', ')})`,
        { node: 'value', value: t.value },
      );
  }
}

/** qemu_validate.c: more vCPUs than the machine type takes (domcapabilities `<vcpu max>`) */
export function hostVcpuLimit(ctx: CheckContext): void {
  const match = guestDomcaps(ctx);
  const d = match?.caps;
  const vcpu = ctx.domain.child('vcpu');
  if (!d?.vcpuMax || !vcpu || !match?.sameMachine) return;
  const n = Number(vcpu.trimmedText());
  if (!Number.isInteger(n) || n <= d.vcpuMax) return;
  ctx.reject(
    'host-vcpu-max',
    textRange(vcpu),
    `${n} vCPUs is more than machine type ${d.machine} takes on this host ("Maximum CPUs greater than specified machine type limit ${d.vcpuMax}"; domain capabilities)`,
  );
}

/** qemu_validate.c: an SGX EPC memory device on a host whose QEMU has no SGX (domcapabilities `<sgx supported='no'>`) */
export function hostSgx(ctx: CheckContext): void {
  const d = guestDomcaps(ctx)?.caps;
  if (!d || d.features.sgx !== false) return;
  for (const m of ctx.devices('memory')) {
    const model = m.getAttribute('model');
    if (model?.value === 'sgx-epc')
      ctx.reject(
        'host-sgx',
        valueRange(model),
        `this host's QEMU has no SGX ("sgx epc isn't supported by this QEMU binary"; domain capabilities)`,
        {
          node: 'value',
          value: 'sgx-epc',
        },
      );
  }
}

/**
 * src/qemu/qemu_firmware.c qemuFirmwareFillDomain: from libvirt 9.2, which
 * moved firmware autoselection to define time, `firmware='efi'` fails the
 * define when no firmware descriptor of the host fits the guest ("Unable to
 * find 'efi' firmware that is compatible with the current configuration").
 * The host's domain capabilities for the guest list what fits: `efi` among
 * os/firmware, `yes` among loader/secure for secure boot. Confirmed: the 11.3
 * daemon rejects efi on i686 and secure boot on pc, 9.0 accepts both (it
 * picks at start).
 */
export function hostFirmware(ctx: CheckContext): void {
  if (!ctx.targetIn(FIRMWARE_PICKED_AT_DEFINE_SINCE)) return;
  const os = ctx.domain.child('os');
  const firmware = os?.getAttribute('firmware');
  if (!os || firmware?.value !== 'efi') return;
  // which firmware fits is the machine's: a domcapabilities of another machine family (the arch's default) does not say
  const match = guestDomcaps(ctx);
  if (!match?.sameFamily) return;
  const d = match.caps;
  const efi = d.enums['os/firmware'];
  const secure = d.enums['os/loader/secure'];
  const secureBoot = firmwareFeature(os, 'secure-boot') === 'yes';
  const quote = `"Unable to find 'efi' firmware that is compatible with the current configuration"; domain capabilities`;
  if (efi && !efi.includes('efi'))
    ctx.reject('host-firmware', valueRange(firmware), `the host has no UEFI firmware for ${ctx.g.arch} guests (${quote})`, {
      node: 'value',
      value: 'efi',
    });
  else if (secureBoot && secure && !secure.includes('yes'))
    ctx.reject(
      'host-firmware',
      nameRange(os.child('firmware')!),
      `the host has no secure-boot UEFI firmware for ${canonicalMachine(ctx)} guests (secure boot needs SMM, which q35 has; ${quote})`,
    );
}
