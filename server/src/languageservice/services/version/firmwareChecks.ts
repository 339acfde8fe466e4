/**
 * libvirt's rules for the firmware a guest boots: <os firmware>, its
 * <firmware><feature>s, <loader> and <nvram>, the SMM TSEG, and the SMBIOS
 * BIOS date. Sources:
 * - src/conf/domain_validate.c virDomainDefOSValidate. In 7.0 it checks only
 *   that a loader has a path unless firmware is autoselected; 8.6 added the
 *   rules for autoselection, stateless loaders and NVRAM ("Improved firmware
 *   autoselection", NEWS 8.6.0); 9.2 moved autoselection to define time and
 *   stores its result in <loader>/<nvram>, so from then on the loader's
 *   attributes and path are accepted together with firmware='efi' (11.3);
 * - src/conf/domain_postparse.c virDomainDefPostParseOs (9.0; 11.3:
 *   virDomainDefOSValidate): enrolled-keys without secure-boot;
 * - src/qemu/qemu_domain.c qemuDomainDefTsegPostParse: TSEG on q35 only, in
 *   whole MiB;
 * - src/conf/domain_conf.c virSysinfoBIOSParseXML: the BIOS date format.
 * - src/qemu/qemu_firmware.c qemuFirmwareFillDomain (from 9.2, at define):
 *   with <os firmware>, a descriptor of the host must fit the domain, for
 *   profiles that know the host's descriptors (knowledge/firmwareDescriptors.ts).
 * What a live host's domain capabilities say about firmware is a host check (hostChecks.ts hostFirmware).
 */
import { XmlElement } from '../../parser/xmlNodes';
import { MEMORY_UNITS } from '../../knowledge/scalarDefaults';
import { FIRMWARE_PICKED_AT_DEFINE_SINCE, matchFirmware } from '../../knowledge/firmwareDescriptors';
import { firmwareRequestOf } from '../../expander/rules/firmwareAutoselect';
import { attrRange, LibvirtRule, nameOf, uint } from './ruleFacts';

/** a firmware feature's state: enabled='yes'|'no' */
export function firmwareFeature(os: XmlElement, name: string): string | undefined {
  return os
    .child('firmware')
    ?.elements('feature')
    .find((f) => f.attr('name') === name)
    ?.attr('enabled');
}

export const FIRMWARE_RULES: LibvirtRule[] = [
  {
    id: 'firmware-loader-path',
    source: 'src/conf/domain_validate.c virDomainDefOSValidate',
    run(f, reject) {
      const os = f.domain.child('os');
      const loader = os?.child('loader');
      if (!os || !loader || os.hasAttr('firmware') || loader.trimmedText()) return;
      reject(
        'firmware-loader-path',
        nameOf(loader),
        `a <loader> without a path needs <os firmware='efi'> to pick one ("no loader path specified and firmware auto selection disabled")`,
      );
    },
  },
  {
    id: 'firmware-autoselect-loader',
    source: 'src/conf/domain_validate.c virDomainDefOSValidate (8.6 to 9.1)',
    since: '8.6.0',
    until: '9.2.0',
    run(f, reject) {
      const os = f.domain.child('os');
      const loader = os?.child('loader');
      if (!os?.hasAttr('firmware') || !loader) return;
      const why = (what: string, range = nameOf(loader)) =>
        reject(
          'firmware-autoselect-loader',
          range,
          `with <os firmware> libvirt picks the loader itself ("${what} when firmware autoselection is enabled")`,
        );
      if (loader.hasAttr('readonly')) why("loader attribute 'readonly' cannot be specified", attrRange(loader, 'readonly'));
      // a loader path makes the type 'rom' first (virDomainDefPostParseOs), so a path is reported as a type
      else if (loader.hasAttr('type') || loader.trimmedText())
        why("loader attribute 'type' cannot be specified", attrRange(loader, 'type'));
      else if (os.child('nvram')?.hasAttr('template'))
        why("nvram attribute 'template' cannot be specified", attrRange(os.child('nvram')!, 'template'));
      else if (loader.attr('secure') === 'no') why("loader attribute 'secure' cannot be specified", attrRange(loader, 'secure'));
    },
  },
  {
    id: 'firmware-nvram',
    source: 'src/conf/domain_validate.c virDomainDefOSValidate (since 8.6)',
    since: '8.6.0',
    run(f, reject) {
      const os = f.domain.child('os');
      if (!os) return;
      const firmware = os.attr('firmware');
      const loader = os.child('loader');
      const nvram = os.child('nvram');
      // 9.0 makes an NVRAM of <nvram> only when it names a file; from 9.2 an empty <nvram/> is one too
      const hasNvram = !!nvram && (f.targetIn('9.2.0') || !!nvram.trimmedText());
      // a lone <nvram> makes a loader too (9.0 and 11.3 daemons refuse <os firmware='bios'><nvram>x</nvram>)
      if (firmware && firmware !== 'efi' && hasNvram) {
        reject(
          'firmware-nvram',
          nameOf(nvram),
          `only UEFI keeps variables in NVRAM ("firmware type '${firmware}' does not support nvram")`,
        );
        return;
      }
      if (!firmware && os.child('firmware')?.elements('feature').length) {
        reject(
          'firmware-nvram',
          nameOf(os.child('firmware')!),
          `firmware features choose among firmwares, which needs <os firmware='efi'> ("cannot use feature-based firmware autoselection when firmware autoselection is disabled")`,
        );
        return;
      }
      if (loader?.attr('stateless') !== 'no') return;
      if (!firmware && (loader.attr('type') ?? 'rom') !== 'pflash' && loader.trimmedText())
        reject(
          'firmware-nvram',
          attrRange(loader, 'stateless'),
          `stateless='no' asks for NVRAM, which only a pflash loader has ("Only pflash loader type permits NVRAM")`,
        );
      else if (firmware && firmware !== 'efi')
        reject(
          'firmware-nvram',
          attrRange(loader, 'stateless'),
          `stateless='no' asks for NVRAM, which only UEFI has ("Only EFI firmware permits NVRAM")`,
        );
    },
  },
  {
    id: 'firmware-enrolled-keys',
    source: 'src/conf/domain_postparse.c virDomainDefPostParseOs (11.3: domain_validate.c virDomainDefOSValidate)',
    since: '8.6.0',
    run(f, reject) {
      const os = f.domain.child('os');
      if (!os || firmwareFeature(os, 'enrolled-keys') !== 'yes' || firmwareFeature(os, 'secure-boot') !== 'no') return;
      if (f.targetIn('9.2.0') && !os.hasAttr('firmware')) return; // 11.3 checks it only under autoselection (then the feature rule above speaks)
      reject(
        'firmware-enrolled-keys',
        nameOf(os.child('firmware')!),
        `enrolled Secure Boot keys need the secure-boot feature ("firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled")`,
      );
    },
  },
  {
    id: 'firmware-autoselect',
    source: 'src/qemu/qemu_firmware.c qemuFirmwareFillDomain, qemuFirmwareMatchDomain (define time since 9.2)',
    since: FIRMWARE_PICKED_AT_DEFINE_SINCE,
    run(f, reject) {
      const descriptors = f.profile.firmware;
      const os = f.domain.child('os');
      const request = descriptors && os && firmwareRequestOf(f.root, f.arch, f.machine);
      if (!request) return;
      const m = matchFirmware(descriptors, request);
      if (m.pick) return;
      const kind = os.attr('firmware');
      const why = m.closest
        ? `the closest descriptor, ${m.closest.file}, does not fit: ${m.closest.reason}`
        : `the host has no firmware descriptors`;
      reject(
        'firmware-autoselect',
        attrRange(os, 'firmware'),
        `no firmware of the host fits ("Unable to find '${kind}' firmware that is compatible with the current configuration"); ${why}`,
      );
    },
  },
  {
    id: 'uefi-needs-acpi',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDef',
    run(f, reject) {
      const os = f.domain.child('os');
      if (!os || !(f.arch === 'x86_64' || f.arch === 'i686')) return;
      const uefi = os.attr('firmware') === 'efi' || os.child('loader')?.attr('type') === 'pflash';
      const acpi = f.domain.child('features')?.child('acpi');
      if (!uefi || (acpi && (acpi.attr('state') ?? 'on') === 'on')) return;
      reject(
        'uefi-needs-acpi',
        os.hasAttr('firmware') ? attrRange(os, 'firmware') : attrRange(os.child('loader')!, 'type'),
        `an x86 guest with UEFI needs <features><acpi/></features> ("UEFI requires ACPI on this architecture")`,
      );
    },
  },
  {
    id: 'smm-tseg',
    source: 'src/qemu/qemu_domain.c qemuDomainDefTsegPostParse',
    run(f, reject) {
      const smm = f.domain.child('features')?.child('smm');
      const tseg = smm?.child('tseg');
      if (!smm || !tseg || smm.attr('state') !== 'on') return;
      if (f.machineKind !== 'q35') {
        reject('smm-tseg', nameOf(tseg), `only q35 has an extended TSEG ("SMM TSEG is only supported with q35 machine type")`);
        return;
      }
      const n = uint(tseg.trimmedText());
      const scale = MEMORY_UNITS[(tseg.attr('unit') ?? 'MiB').toLowerCase()];
      if (n !== undefined && scale !== undefined && (n * scale) % 2 ** 20 !== 0)
        reject('smm-tseg', nameOf(tseg), `the TSEG is set in whole MiB ("SMM TSEG size must be divisible by 1 MiB")`);
    },
  },
  {
    id: 'sysinfo-bios-date',
    source: 'src/conf/domain_conf.c virSysinfoBIOSParseXML',
    run(f, reject) {
      for (const s of f.domain.elements('sysinfo')) {
        const entry = s
          .child('bios')
          ?.elements('entry')
          .find((e) => e.attr('name') === 'date');
        if (!entry) continue;
        const m = /^\s*([+-]?\d+)\/([+-]?\d+)\/([+-]?\d+)$/.exec(entry.text());
        const ok = m && +m[1] >= 1 && +m[1] <= 12 && +m[2] >= 1 && +m[2] <= 31 && +m[3] >= 0 && (+m[3] < 100 || +m[3] >= 1900);
        if (!ok) reject('sysinfo-bios-date', nameOf(entry), `the BIOS date is mm/dd/yy or mm/dd/yyyy ("Invalid BIOS 'date' format")`);
      }
    },
  },
];
