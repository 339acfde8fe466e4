/**
 * Closed name sets as of one libvirt release: every value libvirt 9.0.0
 * accepts for a few enums that are not (fully) in versionFacts.json, read
 * from the 9.0.0 RelaxNG schemas installed here (/usr/share/libvirt/schemas:
 * basictypes.rng `archnames`; domaincommon.rng `features`, `hyperv`, `kvm`,
 * `xen`, and the enum attributes of KNOWN_VALUES) and probed with `virsh define` on 9.0.0 ("Unknown architecture
 * loongarch64", "unexpected feature 'mte'").
 *
 * A name outside the set is rejected by libvirt <= KNOWN_NAMES_VERSION; for
 * newer releases the set says nothing (the name may have been added since).
 */

export const KNOWN_NAMES_VERSION = '9.0.0';

export const KNOWN_ARCHES = new Set([
  'aarch64', 'alpha', 'armv6l', 'armv7l', 'cris', 'i686', 'ia64', 'lm32', 'm68k', 'microblaze', 'microblazeel',
  'mips', 'mipsel', 'mips64', 'mips64el', 'openrisc', 'parisc', 'parisc64', 'ppc', 'ppc64', 'ppc64le', 'ppcemb',
  'riscv32', 'riscv64', 's390', 's390x', 'sh4', 'sh4eb', 'sparc', 'sparc64', 'unicore32', 'x86_64', 'xtensa', 'xtensaeb',
]);

/** children of the containers whose parser maps every child name through an enum (docs/version-safety.md, section 1) */
export const KNOWN_CHILDREN: Record<string, Set<string>> = {
  '/domain/features': new Set([
    'pae', 'apic', 'acpi', 'hap', 'hyperv', 'viridian', 'kvm', 'xen', 'privnet', 'pvspinlock', 'capabilities', 'pmu',
    'vmport', 'gic', 'smm', 'ioapic', 'hpt', 'vmcoreinfo', 'htm', 'nested-hv', 'msrs', 'ccf-assist', 'cfpc', 'sbbc',
    'ibs', 'tcg',
  ]),
  '/domain/features/hyperv': new Set([
    'relaxed', 'vapic', 'spinlocks', 'vpindex', 'runtime', 'synic', 'stimer', 'reset', 'vendor_id', 'frequencies',
    'reenlightenment', 'tlbflush', 'ipi', 'evmcs', 'avic',
  ]),
  '/domain/features/kvm': new Set(['hidden', 'hint-dedicated', 'poll-control', 'pv-ipi', 'dirty-ring']),
  '/domain/features/xen': new Set(['e820_host', 'passthrough']),
};

/** closed enums of some device attributes (libvirt 9.0.0), keyed by version-fact path */
export const KNOWN_VALUES: Record<string, Set<string>> = {
  '/domain/devices/video/model/@type': new Set(['bochs', 'cirrus', 'gop', 'none', 'qxl', 'ramfb', 'vbox', 'vga', 'virtio', 'vmvga', 'xen']),
  '/domain/devices/sound/@model': new Set(['ac97', 'es1370', 'ich6', 'ich7', 'ich9', 'pcspk', 'sb16', 'usb']),
  '/domain/devices/watchdog/@model': new Set(['diag288', 'i6300esb', 'ib700']),
  '/domain/devices/input/@type': new Set(['evdev', 'keyboard', 'mouse', 'passthrough', 'tablet']),
  '/domain/devices/input/@bus': new Set(['ps2', 'usb', 'virtio', 'xen']),
  '/domain/devices/graphics/@type': new Set(['dbus', 'desktop', 'egl-headless', 'rdp', 'sdl', 'spice', 'vnc']),
  '/domain/devices/memballoon/@model': new Set(['none', 'virtio', 'virtio-non-transitional', 'virtio-transitional', 'xen']),
  '/domain/devices/panic/@model': new Set(['hyperv', 'isa', 'pseries', 's390']),
  '/domain/devices/disk/target/@bus': new Set(['fdc', 'ide', 'sata', 'scsi', 'sd', 'uml', 'usb', 'virtio', 'xen']),
  '/domain/devices/controller/@type': new Set(['ccid', 'fdc', 'ide', 'isa', 'pci', 'sata', 'scsi', 'usb', 'virtio-serial', 'xenbus']),
  '/domain/devices/console/target/@type': new Set(['lxc', 'openvz', 'sclp', 'sclplm', 'serial', 'uml', 'virtio', 'xen']),
  '/domain/devices/channel/target/@type': new Set(['guestfwd', 'virtio', 'xen']),
  '/domain/devices/serial/target/@type': new Set(['isa-debug', 'isa-serial', 'pci-serial', 'sclp-serial', 'spapr-vio-serial', 'system-serial', 'usb-serial']),
};

/** controller models of libvirt 9.0.0 per controller type (domaincommon.rng `controller`) */
export const KNOWN_CONTROLLER_MODELS: Record<string, Set<string>> = {
  scsi: new Set(['am53c974', 'auto', 'buslogic', 'dc390', 'ibmvscsi', 'lsilogic', 'lsisas1068', 'lsisas1078', 'ncr53c90', 'virtio-non-transitional', 'virtio-scsi', 'virtio-transitional', 'vmpvscsi']),
  usb: new Set(['ehci', 'ich9-ehci1', 'ich9-uhci1', 'ich9-uhci2', 'ich9-uhci3', 'nec-xhci', 'none', 'pci-ohci', 'piix3-uhci', 'piix4-uhci', 'qemu-xhci', 'qusb1', 'qusb2', 'vt82c686b-uhci']),
  pci: new Set(['pci-root', 'pcie-root', 'dmi-to-pci-bridge', 'pci-bridge', 'pci-expander-bus', 'pcie-expander-bus', 'pcie-root-port', 'pcie-switch-downstream-port', 'pcie-switch-upstream-port', 'pcie-to-pci-bridge']),
  'virtio-serial': new Set(['virtio', 'virtio-non-transitional', 'virtio-transitional']),
};
