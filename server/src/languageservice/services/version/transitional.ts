/**
 * virtio-transitional / virtio-non-transitional (libvirt 5.2.0): which
 * devices have them, and which older model gives the guest the same device.
 *
 * QEMU's plain virtio PCI devices pick their mode from the slot: on a
 * conventional PCI slot (i440fx) they are transitional (legacy + modern), on
 * a PCIe slot (q35, ARM virt root ports) they are modern-only, i.e.
 * non-transitional (formatdomain.rst#virtio-transitional-devices). So on
 * i440fx `virtio-transitional` and on PCIe machines `virtio-non-transitional`
 * equal the plain `virtio` model a pre-5.2.0 libvirt knows.
 */
import { XmlAttribute, XmlElement } from '../../parser/xmlNodes';
import { compareVersions } from '../../knowledge/versions';
import { Guest } from './guest';
import { AttrsSource, sinceFor } from './factLookup';

export const TRANSITIONAL_MODELS = new Set(['virtio-transitional', 'virtio-non-transitional']);

/** the plain model of each device path that has the transitional variants */
const PLAIN_MODEL: Record<string, (el: XmlElement) => string | undefined> = {
  '/domain/devices/controller/@model': (el) =>
    el.attr('type') === 'scsi' ? 'virtio-scsi' : el.attr('type') === 'virtio-serial' ? 'virtio' : undefined,
  '/domain/devices/interface/model/@type': () => 'virtio',
  '/domain/devices/memballoon/@model': () => 'virtio',
  '/domain/devices/rng/@model': () => 'virtio',
  '/domain/devices/vsock/@model': () => 'virtio',
  '/domain/devices/hostdev/@model': (el) => (el.attr('type') === 'scsi_host' ? 'virtio' : undefined),
};

/** a model `version` knows that gives the same guest device as a transitional model, if any */
export function transitionalAlternative(
  g: Guest,
  el: XmlElement,
  a: XmlAttribute,
  version: string,
  path: string,
  attrs: AttrsSource,
): string | undefined {
  if (a.value === null || !TRANSITIONAL_MODELS.has(a.value)) return undefined;
  const plain = PLAIN_MODEL[path]?.(el);
  if (!plain) return undefined;
  const sameAsPlain =
    (a.value === 'virtio-transitional' && g.machineKind === 'i440fx') ||
    (a.value === 'virtio-non-transitional' && (g.machineKind === 'q35' || g.machineKind === 'virt'));
  if (!sameAsPlain) return undefined;
  const f = sinceFor(path, plain, attrs, g.driver);
  if (f && compareVersions(f.since, version) > 0) return undefined;
  return plain;
}
