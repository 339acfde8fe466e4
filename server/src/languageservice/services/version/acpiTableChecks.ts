/**
 * libvirt's rules for <os><acpi><table> (observed on the 7.0, 9.0 and 11.3 daemons):
 * - before 11.2.0, src/conf/domain_conf.c virDomainDefParseBootAcpiOptions reads one
 *   table only ("Only one acpi table is supported"), of type slic;
 * - from 11.2.0 (formatdomain.rst: raw and msdm since 11.2.0) the same function takes
 *   many, each type once except raw ("ACPI table type 'T' may only appear once"), and
 *   src/qemu/qemu_validate.c qemuValidateDomainDefACPI refuses the Xen-only rawset.
 * The type values themselves are version facts (knowledge/versionFacts.json).
 */
import { LibvirtRule, nameOf } from './ruleFacts';
import { XmlElement } from '../../parser/xmlNodes';

/** the first release that reads more than one table */
const MANY_TABLES_SINCE = '11.2.0';

function tables(domain: XmlElement): XmlElement[] {
  return domain.child('os')?.child('acpi')?.elements('table') ?? [];
}

export const ACPI_TABLE_RULES: LibvirtRule[] = [
  {
    id: 'acpi-table-count',
    source: 'src/conf/domain_conf.c virDomainDefParseBootAcpiOptions',
    until: MANY_TABLES_SINCE,
    run(f, reject) {
      const list = tables(f.domain);
      if (list.length > 1)
        reject(
          'acpi-table-count',
          nameOf(list[1]),
          `libvirt ${f.profile.libvirt} reads one ACPI table; several arrived in ${MANY_TABLES_SINCE} ("Only one acpi table is supported")`,
        );
    },
  },
  {
    id: 'acpi-table-type-once',
    source: 'src/conf/domain_conf.c virDomainDefParseBootAcpiOptions',
    since: MANY_TABLES_SINCE,
    run(f, reject) {
      const seen = new Set<string>();
      for (const t of tables(f.domain)) {
        const type = t.attr('type');
        if (!type) continue;
        if (seen.has(type) && type !== 'raw')
          reject('acpi-table-type-once', nameOf(t), `only raw tables may repeat ("ACPI table type '${type}' may only appear once")`);
        seen.add(type);
      }
    },
  },
  {
    id: 'acpi-table-rawset',
    source: 'src/qemu/qemu_validate.c qemuValidateDomainDefACPI',
    since: MANY_TABLES_SINCE,
    run(f, reject) {
      for (const t of tables(f.domain))
        if (t.attr('type') === 'rawset')
          reject(
            'acpi-table-rawset',
            nameOf(t),
            `rawset tables are for Xen; QEMU takes raw, slic or msdm ("ACPI table type 'rawset' is not supported")`,
          );
    },
  },
];
