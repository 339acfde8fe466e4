/**
 * libvirt's rules about what a machine type offers, as the target's QEMU
 * reports it per machine: ACPI (src/qemu/qemu_validate.c
 * qemuValidateDomainDef, from libvirt 9.2 with QEMU 8.0 or newer).
 */
import { MACHINE_ACPI_SOURCE, machineHasAcpi } from '../../knowledge/machineTypes';
import { compareVersions } from '../../knowledge/versions';
import { LibvirtRule, nameOf } from './ruleFacts';

const QEMU_REPORTS_ACPI_SINCE = MACHINE_ACPI_SOURCE.qemu!.replace('>=', '');

export const MACHINE_RULES: LibvirtRule[] = [
  {
    id: 'machine-acpi',
    source: MACHINE_ACPI_SOURCE.ref,
    since: MACHINE_ACPI_SOURCE.libvirt!.replace('>=', ''),
    run(f, reject) {
      const acpi = f.domain.child('features')?.child('acpi');
      if (!acpi || acpi.attr('state') === 'off' || compareVersions(f.profile.qemu, QEMU_REPORTS_ACPI_SINCE) < 0) return;
      if (machineHasAcpi(f.arch, f.machine)) return;
      reject(
        'machine-acpi',
        nameOf(acpi),
        `${f.machine} has no ACPI ("machine type '${f.machine}' does not support ACPI"): remove <acpi/> from <features>`,
      );
    },
  },
];
