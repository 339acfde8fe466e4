/**
 * <os firmware='efi'>: from libvirt 9.2 the QEMU driver picks the firmware
 * at define time and stores the pick (src/qemu/qemu_firmware.c
 * qemuFirmwareFillDomain): the first descriptor of the host, in file-name
 * order, whose arch and machine fit and that has every <firmware><feature>
 * the domain enables and none it disables. The domain then lists both
 * features with the state the pick has, gets the loader and an NVRAM made
 * from the descriptor's template, and <smm state='on'/> when the firmware
 * needs SMM (secure boot on x86). Observed on libvirt 11.3.0: q35 gets the
 * enrolled-keys secure-boot OVMF, pc the plain one, aarch64 virt the
 * enrolled AAVMF. Predicted only for profiles that know the host's
 * descriptors, and only when the document names no loader or NVRAM itself.
 */
import { FIRMWARE_PICKED_AT_DEFINE_SINCE, FIRMWARE_SOURCE, FirmwareRequest, matchFirmware } from '../../knowledge/firmwareDescriptors';
import { compareVersions } from '../../knowledge/versions';
import { ExpandContext, Rule } from '../context';
import { ENode } from '../eTree';
import { FillCategory, FillMeta } from '../fill';

const RULE = 'firmware-autoselect';

/**
 * From 9.2 libvirt also records the format of a pflash loader and of the NVRAM and its template it was
 * given (raw unless said; observed on 11.3.0 for loaders and NVRAMs written with paths)
 */
function storedFormats(ctx: ExpandContext, os: ENode): void {
  const meta: FillMeta = {
    rule: RULE,
    category: 'normalised',
    reason: 'libvirt records the image format of the firmware files (raw)',
    source: FIRMWARE_SOURCE,
  };
  const loader = os.child('loader');
  if (loader?.attr('type') === 'pflash') ctx.fillAttr(loader, 'format', 'raw', meta);
  const nvram = os.child('nvram');
  if (!nvram) return;
  if (nvram.attr('template') !== undefined) ctx.fillAttr(nvram, 'templateFormat', 'raw', meta);
  if (nvram.value || nvram.attr('template') !== undefined) ctx.fillAttr(nvram, 'format', 'raw', meta);
}
/** the SEV policy bit that asks for SEV-ES (src/qemu/qemu_firmware.c VIR_QEMU_FIRMWARE_AMD_SEV_ES_POLICY) */
const SEV_ES_POLICY_BIT = 0x4;

/** what the domain asks of an autoselected firmware (<os firmware> is efi or bios), read from the expansion */
export function firmwareRequestOf(root: ENode, arch: string, machine: string): FirmwareRequest | undefined {
  const os = root.child('os');
  const kind = os?.attr('firmware');
  if (!os || (kind !== 'efi' && kind !== 'bios')) return undefined;
  const features: Record<string, boolean> = {};
  for (const f of os.child('firmware')?.all('feature') ?? []) {
    const name = f.attr('name');
    const enabled = f.attr('enabled');
    if ((name === 'secure-boot' || name === 'enrolled-keys') && (enabled === 'yes' || enabled === 'no')) features[name] = enabled === 'yes';
  }
  const l = os.child('loader');
  // with no <loader>, the parser gives the loader the format of <nvram> (src/conf/domain_conf.c virDomainLoaderDefParseXML)
  const nvramFormat = l ? undefined : os.child('nvram')?.attr('format');
  const pm = root.child('pm');
  const sec = root.child('launchSecurity');
  const secType = sec?.attr('type');
  const policy = Number(sec?.child('policy')?.value.trim() || 0);
  return {
    interface: kind === 'efi' ? 'uefi' : 'bios',
    arch,
    machine,
    loader:
      (l && {
        path: l.value.trim() || undefined,
        type: l.attr('type'),
        secure: l.attr('secure'),
        stateless: l.attr('stateless'),
        readonly: l.attr('readonly'),
        format: l.attr('format'),
      }) ||
      (nvramFormat ? { format: nvramFormat } : undefined),
    nvramTemplate: os.child('nvram')?.attr('template'),
    features,
    s3: pm?.child('suspend-to-mem')?.attr('enabled') === 'yes',
    s4: pm?.child('suspend-to-disk')?.attr('enabled') === 'yes',
    smmOff: root.child('features')?.child('smm')?.attr('state') === 'off',
    launchSecurity:
      secType === 'sev'
        ? Number.isFinite(policy) && policy & SEV_ES_POLICY_BIT
          ? 'sev-es'
          : 'sev'
        : secType === 'sev-snp'
          ? 'sev-snp'
          : undefined,
  };
}

/** the features libvirt writes, in its order */
const STORED_FEATURES = ['enrolled-keys', 'secure-boot'];

export const firmwareAutoselectRule: Rule = {
  id: RULE,
  description: 'picks the UEFI firmware of <os firmware="efi"> from the host descriptors and stores the pick',
  apply(ctx) {
    const os = ctx.root.child('os');
    if (!os || compareVersions(ctx.profile.libvirt, FIRMWARE_PICKED_AT_DEFINE_SINCE) < 0) return;
    if (os.attr('firmware') !== 'efi' || os.child('loader') || os.child('nvram')) return storedFormats(ctx, os);
    const descriptors = ctx.profile.firmware;
    if (!descriptors) return; // the host's firmware is not known: nothing to predict
    const written = os.child('firmware');
    const request = firmwareRequestOf(ctx.root, ctx.arch, ctx.machine);
    const pick = request && matchFirmware(descriptors, request).pick;
    if (!pick) return; // no firmware fits: the define fails (firmwareChecks.ts firmware-autoselect says so)
    const meta = (category: FillCategory, reason: string): FillMeta => ({ rule: RULE, category, reason, source: FIRMWARE_SOURCE });
    const has = (f: string) => pick.features.includes(f);
    const firmware =
      written ?? ctx.addElement(os, new ENode('firmware'), meta('abi', 'libvirt records which firmware features the pick has'));
    for (const [i, name] of STORED_FEATURES.entries()) {
      if (firmware.all('feature').some((f) => f.attr('name') === name)) continue;
      const state = has(name) ? 'yes' : 'no';
      ctx.addElement(
        firmware,
        new ENode('feature', { enabled: state, name }),
        meta('abi', `the firmware libvirt picks for ${ctx.machine} (${pick.file}) has ${name} ${state === 'yes' ? 'on' : 'off'}`),
        i === 0 ? 0 : firmware.children.length,
      );
    }
    const smm = has('requires-smm');
    const loader = new ENode('loader', { readonly: 'yes', secure: smm ? 'yes' : undefined, type: 'pflash', format: 'raw' });
    loader.text = pick.code;
    ctx.addElement(os, loader, meta('normalised', `the code of the firmware libvirt picks (${pick.file}), a path on this host`));
    const name = ctx.root.child('name')?.value ?? '';
    const nvram = new ENode('nvram', { template: pick.varsTemplate, templateFormat: 'raw', format: 'raw' });
    nvram.text = `/var/lib/libvirt/qemu/nvram/${name}_VARS.fd`;
    ctx.addElement(os, nvram, meta('normalised', 'the guest variable store libvirt makes from the firmware template, a path on this host'));
    const features = ctx.root.child('features');
    if (smm && features && !features.child('smm'))
      ctx.addElement(features, new ENode('smm', { state: 'on' }), meta('abi', 'secure-boot firmware on x86 needs System Management Mode'));
  },
};
