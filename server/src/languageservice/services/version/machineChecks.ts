/**
 * libvirt's rules about what a machine type offers, as the target's QEMU
 * reports it per machine: ACPI (src/qemu/qemu_validate.c
 * qemuValidateDomainDef, from libvirt 9.2 with QEMU 8.0 or newer); the
 * i8042 controller, which <features><ps2 state='off'/> removes (the
 * release of the version facts): PS/2 inputs and vmport need it (src/conf/domain_validate.c
 * virDomainInputDefValidate, src/qemu/qemu_validate.c qemuValidateDomainDefFeatures).
 */
import {
  MACHINE_ACPI_CHECKED_SINCE,
  MACHINE_ACPI_SOURCE,
  machineHasAcpi,
  QEMU_REPORTS_MACHINE_ACPI_SINCE,
} from '../../knowledge/machineTypes';
import { sinceOf } from '../../knowledge/versionFacts';
import { compareVersions } from '../../knowledge/versions';
import { LibvirtRule, nameOf } from './ruleFacts';

/** the first libvirt with <features><ps2> (knowledge/versionFacts.json); an older one rejects the element */
const PS2_FEATURE_SINCE = sinceOf('/domain/features/ps2')!.since;

export const MACHINE_RULES: LibvirtRule[] = [
  {
    id: 'machine-acpi',
    source: MACHINE_ACPI_SOURCE.ref,
    since: MACHINE_ACPI_CHECKED_SINCE,
    run(f, reject) {
      const acpi = f.domain.child('features')?.child('acpi');
      if (!acpi || acpi.attr('state') === 'off' || compareVersions(f.profile.qemu, QEMU_REPORTS_MACHINE_ACPI_SINCE) < 0) return;
      if (machineHasAcpi(f.arch, f.machine)) return;
      reject(
        'machine-acpi',
        nameOf(acpi),
        `${f.machine} has no ACPI ("machine type '${f.machine}' does not support ACPI"): remove <acpi/> from <features>`,
      );
    },
  },
  {
    id: 'ps2-off',
    source: 'src/conf/domain_validate.c virDomainInputDefValidate; src/qemu/qemu_validate.c qemuValidateDomainDefFeatures',
    since: PS2_FEATURE_SINCE,
    run(f, reject) {
      const features = f.domain.child('features');
      const ps2 = features?.child('ps2');
      if (!ps2 || ps2.attr('state') !== 'off') return;
      for (const i of f.domain.child('devices')?.elements('input') ?? [])
        if (i.attr('bus') === 'ps2')
          reject(
            'ps2-off',
            nameOf(i),
            `<ps2 state='off'/> removes the PS/2 controller ("ps2 bus inputs require the ps2 feature not to be disabled")`,
          );
      const vmport = features?.child('vmport');
      if (vmport?.attr('state') === 'on')
        reject(
          'ps2-off',
          nameOf(vmport),
          `vmport sits on the PS/2 controller ("vmport feature requires the ps2 feature not to be disabled")`,
        );
    },
  },
];
