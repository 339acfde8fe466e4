/**
 * What a version finding carries in `data`, for code actions (versionFixes.ts)
 * and for tests. Offsets are not stored: a fix finds its node again at the
 * diagnostic's range, so it stays right while the document is being edited.
 */
export interface VersionFindingData {
  /** checked against the migration floor or the target host */
  scope: 'floor' | 'target';
  /** which node the range covers: an element name, an attribute name, an attribute value or element text */
  node: 'element' | 'attribute' | 'value' | 'text';
  /** what the older libvirt does with it ('driver': its parser knows it for other hypervisors only, its QEMU driver has no support) */
  outcome: 'rejected' | 'dropped' | 'unchecked' | 'qemu' | 'note' | 'driver';
  /** version-fact path, e.g. `/domain/devices/disk/@model` */
  path?: string;
  value?: string;
  /** first libvirt release that knows it */
  since?: string;
  /** first QEMU release that has it */
  qemuSince?: string;
  /** the floor's libvirt (or QEMU, for outcome 'qemu') */
  floor?: string;
  /** the target host's libvirt (or QEMU, for outcome 'qemu') */
  target?: string;
  /** a value the checked version knows with the same guest ABI */
  safeAlternative?: string;
  /** id of the define-time or seed check that produced it (no version fact) */
  check?: string;
  /** an element to add to <devices> that resolves it (e.g. a panic device) */
  addDevice?: string;
}
