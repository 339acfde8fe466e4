/**
 * Where a piece of libvirt knowledge comes from. Every default, version fact
 * and behaviour the expander applies carries one, so a hover can say why and
 * a reviewer can check it.
 */
export interface Source {
  /** the libvirt versions the fact holds for, e.g. '>=7.0.0' or '5.2.0-8.99.99' */
  libvirt?: string;
  /** the QEMU versions the fact depends on, when it does */
  qemu?: string;
  /** file and function in libvirt's source, a documentation section, or `observed: ...` for behaviour seen on real libvirt */
  ref: string;
  /**
   * The libvirt versions whose real daemon confirmed the fact (e.g. ['7.0.0', '9.0.0']),
   * by defining a document and reading `virsh dumpxml --inactive` or the define error.
   * Absent: the fact comes from libvirt's source or documentation only.
   */
  verifiedOn?: string[];
}

export function describeSource(s: Source): string {
  const v = [s.libvirt && `libvirt ${s.libvirt}`, s.qemu && `QEMU ${s.qemu}`].filter(Boolean).join(', ');
  return v ? `${s.ref} (${v})` : s.ref;
}
