/**
 * The define-time rules of libvirt that read the expansion (ruleFacts.ts),
 * one file per concern, and how they run: only those whose libvirt versions
 * include the target's. Each rule's `source` names libvirt's file and
 * function; docs/libvirt-inventory.md lists the rows they model.
 */
import { XmlElement } from '../../parser/xmlNodes';
import { DomainDocument } from '../../domainDocument';
import { expandDomain, Expansion } from '../../expander/expand';
import { TargetProfile } from '../../profiles/profile';
import { LibvirtRule, Reject, ruleApplies, RuleFacts } from './ruleFacts';
import { PCI_PLACEMENT_RULES } from './pciPlacementChecks';
import { NUMA_RULES } from './numaChecks';
import { FIRMWARE_RULES } from './firmwareChecks';
import { BOOT_RULES } from './bootChecks';
import { CHARDEV_RULES } from './chardevChecks';
import { HOSTDEV_RULES } from './hostdevChecks';
import { GRAPHICS_RULES } from './graphicsChecks';
import { DISK_SOURCE_RULES } from './diskSourceChecks';
import { USB_RULES } from './usbChecks';
import { CPU_TOPOLOGY_RULES } from './cpuTopologyChecks';
import { DEVICE_MODEL_RULES } from './deviceModelChecks';
import { MACHINE_RULES } from './machineChecks';
import { PARSER_VALUE_RULES } from './parserValueChecks';
import { DEVICE_ADDRESS_RULES } from './deviceAddressChecks';
import { CPU_FEATURE_RULES } from './cpuFeatureChecks';
import { DISK_DEVICE_RULES } from './diskDeviceChecks';
import { DEVICE_SECLABEL_RULES } from './deviceSeclabelChecks';
import { ACPI_TABLE_RULES } from './acpiTableChecks';

export const LIBVIRT_RULES: LibvirtRule[] = [
  ...PCI_PLACEMENT_RULES,
  ...NUMA_RULES,
  ...FIRMWARE_RULES,
  ...BOOT_RULES,
  ...CHARDEV_RULES,
  ...HOSTDEV_RULES,
  ...GRAPHICS_RULES,
  ...DISK_SOURCE_RULES,
  ...USB_RULES,
  ...CPU_TOPOLOGY_RULES,
  ...DEVICE_MODEL_RULES,
  ...MACHINE_RULES,
  ...PARSER_VALUE_RULES,
  ...DEVICE_ADDRESS_RULES,
  ...CPU_FEATURE_RULES,
  ...DISK_DEVICE_RULES,
  ...DEVICE_SECLABEL_RULES,
  ...ACPI_TABLE_RULES,
];

/** the document's expansion for `profile`, shared with the language service's (doc.expansion) */
export function expansionFor(doc: DomainDocument, domain: XmlElement, profile: TargetProfile): Expansion {
  const hit = doc.expansion;
  if (hit && hit.profile === profile) return hit.expansion;
  const expansion = expandDomain(domain, profile);
  doc.expansion = { profile, expansion };
  return expansion;
}

export function runLibvirtRules(facts: RuleFacts, reject: Reject, rules: readonly LibvirtRule[] = LIBVIRT_RULES): void {
  for (const rule of rules) {
    if (!ruleApplies(rule, facts.profile.libvirt)) continue;
    try {
      rule.run(facts, reject);
    } catch {
      // a rule that cannot read odd input says nothing; bad input never crashes the service
    }
  }
}
