/**
 * The diagnostic rules of the version-safety checks: what an older libvirt
 * (the migration floor) or the target host does with a domain.
 * See docs/version-safety.md.
 */
import { defineRule, docUrlFor } from '../../diagnosticRules';

/** the migration floor's libvirt fails the whole define (unknown enum value, unknown <features> child) */
export const VERSION_REJECT = defineRule({
  id: 'version-reject',
  title: 'The migration floor rejects the domain',
  defaultSeverity: 'error',
  docUrl: docUrlFor(),
});

/** an older libvirt (floor or target) ignores an element/attribute it does not know: the setting vanishes */
export const VERSION_DROP = defineRule({
  id: 'version-drop',
  title: 'An older libvirt silently drops this',
  defaultSeverity: 'warning',
  docUrl: docUrlFor(),
});

/** the floor's or target's QEMU is older than a feature needs */
export const VERSION_QEMU = defineRule({
  id: 'version-qemu',
  title: 'The QEMU version is too old for this',
  defaultSeverity: 'warning',
  docUrl: docUrlFor(),
});

/** the target host's libvirt refuses the define (parse or QEMU-driver validation) */
export const DEFINE_REJECT = defineRule({
  id: 'define-reject',
  title: 'The target host rejects the domain at define time',
  defaultSeverity: 'error',
  docUrl: docUrlFor(),
});

/** something the floor handles differently from the target after migration (a value the target adds and the floor drops, a device it adds by itself) */
export const MIGRATION_NOTE = defineRule({
  id: 'migration-note',
  title: 'The guest differs after migration to the floor',
  defaultSeverity: 'information',
  docUrl: docUrlFor(),
});

/** a setting libvirt accepts that has no effect on this guest (e.g. <on_crash> without a panic device) */
export const NO_EFFECT = defineRule({
  id: 'no-effect',
  title: 'A setting that has no effect on this guest',
  defaultSeverity: 'information',
  docUrl: docUrlFor('events-configuration'),
});
