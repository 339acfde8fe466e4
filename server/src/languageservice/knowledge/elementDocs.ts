/**
 * Hover descriptions for the elements and attributes of libvirt domain XML.
 *
 * Every summary is written for this project (facts from libvirt's
 * formatdomain documentation, wording our own); `anchor` is the id of the
 * section of https://libvirt.org/formatdomain.html that covers the path.
 * Keys are absolute element paths from `/domain`, attributes as `/@name`
 * (the convention of versionFacts.json). Lookup is by exact path only.
 *
 * The `<address>` element means the same thing under every device, so its
 * entries are written once (ADDRESS_DOCS) and repeated under each device
 * that can carry one (ADDRESSED_DEVICES).
 */

/** What elements and attributes of domain XML mean, in this project's words, with the section of libvirt's formatdomain documentation that covers them. */
export interface ElementDoc {
  summary: string;
  anchor: string;
}

/** the guest-side `<address>` element and its attributes, relative to the device element */
const ADDRESS_DOCS: Record<string, ElementDoc> = {
  '/address': {
    summary:
      'Where the device sits on its guest bus (PCI slot, drive unit, USB port, CCW number...). libvirt fills one in at define time if absent; once recorded it is guest ABI, so keep it unchanged across hosts and migration.',
    anchor: 'device-addresses',
  },
  '/address/@type': {
    summary:
      'Kind of bus the address refers to: `pci`, `drive`, `usb`, `virtio-serial`, `ccid`, `ccw` (s390), `spapr-vio` (pSeries), `virtio-mmio`, `isa`, `dimm` or `unassigned`; it decides which other attributes apply.',
    anchor: 'device-addresses',
  },
  '/address/@domain': {
    summary: 'PCI domain (segment) number, a 16-bit hex value; QEMU guests practically always use `0x0000`.',
    anchor: 'device-addresses',
  },
  '/address/@bus': {
    summary:
      'Bus number. For `pci` it is a hex value 0-0xff equal to the `index` of the PCI controller providing that bus; for `drive`, `usb`, `virtio-serial` and `ccid` it numbers the bus on the owning controller.',
    anchor: 'device-addresses',
  },
  '/address/@slot': {
    summary:
      'Slot on the bus: 0x00-0x1f for `pci` (a PCIe root port or downstream port offers only slot 0); also used by `virtio-serial`, `ccid` and `dimm` addresses. Changing it moves the device as the guest sees it.',
    anchor: 'device-addresses',
  },
  '/address/@function': {
    summary:
      'PCI function number 0-7 within the slot; functions other than 0 need function 0 of the same slot to be marked `multifunction`.',
    anchor: 'device-addresses',
  },
  '/address/@multifunction': {
    summary: 'Set `on` for function 0 of a PCI slot that also hosts other functions, so the guest probes them; defaults to `off`.',
    anchor: 'device-addresses',
  },
  '/address/@controller': {
    summary: 'For `drive`, `virtio-serial` and `ccid` addresses: the `index` of the controller of that type the device is attached to.',
    anchor: 'device-addresses',
  },
  '/address/@target': {
    summary: 'For `drive` addresses: the target number on the bus (the SCSI target id); usually 0.',
    anchor: 'device-addresses',
  },
  '/address/@unit': {
    summary:
      'For `drive` addresses: the unit on the bus (the LUN for SCSI, master/slave position for IDE); libvirt derives it from the target device name when omitted.',
    anchor: 'device-addresses',
  },
  '/address/@port': {
    summary:
      'For `usb`: the port path on the controller in dotted form (`1`, `1.2` behind a hub). For `virtio-serial`: the port number on that bus.',
    anchor: 'device-addresses',
  },
  '/address/@reg': {
    summary: 'For `spapr-vio` (pSeries) addresses: the device register address on the flat VIO bus, by convention a multiple of 0x1000.',
    anchor: 'device-addresses',
  },
  '/address/@cssid': {
    summary: 'For `ccw` (s390) addresses: the channel subsystem id, 0-0xfe; virtio-ccw devices must use `0xfe`.',
    anchor: 'device-addresses',
  },
  '/address/@ssid': {
    summary: 'For `ccw` (s390) addresses: the subchannel set id, 0-3.',
    anchor: 'device-addresses',
  },
  '/address/@devno': {
    summary: 'For `ccw` (s390) addresses: the device number 0-0xffff; cssid, ssid and devno must be given together or not at all.',
    anchor: 'device-addresses',
  },
  '/address/@iobase': {
    summary: 'For `isa` addresses: the base I/O port of the device (for example 0x505 for the ISA pvpanic device).',
    anchor: 'device-addresses',
  },
  '/address/@irq': {
    summary: 'For `isa` addresses: the interrupt line the device raises.',
    anchor: 'device-addresses',
  },
};

/** devices under /domain/devices that carry a guest-side `<address>` */
const ADDRESSED_DEVICES = [
  'disk',
  'controller',
  'interface',
  'hostdev',
  'filesystem',
  'input',
  'sound',
  'video',
  'watchdog',
  'memballoon',
  'rng',
  'serial',
  'parallel',
  'console',
  'channel',
  'smartcard',
  'redirdev',
  'hub',
  'shmem',
  'tpm',
  'panic',
  'vsock',
  'iommu',
  'nvram',
];

function addressDocs(): Record<string, ElementDoc> {
  const out: Record<string, ElementDoc> = {};
  for (const dev of ADDRESSED_DEVICES) {
    for (const [rel, doc] of Object.entries(ADDRESS_DOCS)) out[`/domain/devices/${dev}${rel}`] = doc;
  }
  return out;
}

export const ELEMENT_DOCS: Record<string, ElementDoc> = {
  // ---------------------------------------------------------------- root and metadata
  '/domain': {
    summary:
      'Root of a guest definition. Everything libvirt knows about the virtual machine (identity, boot, CPUs, memory, devices) lives below it.',
    anchor: 'element-and-attribute-overview',
  },
  '/domain/@type': {
    summary:
      'Hypervisor driver that runs the guest: `kvm` (hardware accelerated), `qemu` (pure emulation), `xen`, `lxc`, `hvf` and others. It decides which CPU modes, devices and defaults are available.',
    anchor: 'element-and-attribute-overview',
  },
  '/domain/@id': {
    summary: 'Number libvirt hands out to a running guest; it shows up only in live XML and carries no meaning in a stored definition.',
    anchor: 'element-and-attribute-overview',
  },
  '/domain/name': {
    summary:
      'Short name of the guest, unique on the host; virsh commands and the saved configuration file use it. Stick to letters, digits and simple punctuation.',
    anchor: 'general-metadata',
  },
  '/domain/uuid': {
    summary:
      'Globally unique 128-bit identity of the guest in RFC 4122 form; generated when missing. The guest also sees it as its SMBIOS system UUID, so changing it looks like new hardware.',
    anchor: 'general-metadata',
  },
  '/domain/genid': {
    summary:
      'VM Generation ID exposed to the guest. libvirt replaces the GUID whenever old state may run again (snapshot revert, restore, clone) so the guest can reseed randomness or mark replicas stale; leave empty to have one generated.',
    anchor: 'general-metadata',
  },
  '/domain/title': {
    summary: 'One-line label for the guest shown by management tools; it must not contain line breaks.',
    anchor: 'general-metadata',
  },
  '/domain/description': {
    summary: 'Free-form notes for humans. libvirt stores the text with the definition and never acts on it.',
    anchor: 'general-metadata',
  },
  '/domain/metadata': {
    summary:
      'Holds application-private XML: one child element per application, each in its own XML namespace. libvirt keeps it with the guest but does not interpret it.',
    anchor: 'general-metadata',
  },

  // ---------------------------------------------------------------- booting
  '/domain/os': {
    summary:
      'How the guest starts: the OS type with architecture and machine type, firmware selection, boot device order, or a kernel handed over directly.',
    anchor: 'operating-system-booting',
  },
  '/domain/os/@firmware': {
    summary:
      'Lets libvirt choose the firmware itself (`efi` or `bios`) from the firmware descriptor files installed on the host, filling in loader and NVRAM; QEMU/KVM only.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/type': {
    summary:
      'What kind of guest OS runs: `hvm` for an unmodified OS needing full virtualization, `xen`/`linux` for Xen paravirtualized kernels, `exe` for container init processes.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/type/@arch': {
    summary:
      'Guest CPU architecture such as `x86_64`, `aarch64`, `ppc64le` or `s390x`. It picks the emulator and the machine types allowed; most drivers use the host architecture when it is omitted.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/type/@machine': {
    summary:
      'Emulated board or chipset, e.g. `pc-q35-8.2` or `virt`. An alias like `q35` is replaced by a versioned type at define time; that versioned name fixes the guest ABI and must match on migration.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/loader': {
    summary:
      'Host path of the firmware image the guest starts from (SeaBIOS, OVMF/AAVMF code, Xen hvmloader). UEFI code is normally mapped as read-only pflash and paired with a per-guest NVRAM file.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/loader/@readonly': {
    summary: 'Whether the firmware image is mapped read-only (`yes`, the usual choice for shared UEFI code) or writable (`no`).',
    anchor: 'bios-bootloader',
  },
  '/domain/os/loader/@type': {
    summary: 'How the firmware image is placed in guest memory: `rom` or `pflash` (flash device, required for UEFI images).',
    anchor: 'bios-bootloader',
  },
  '/domain/os/loader/@secure': {
    summary:
      'Declares that the firmware build supports Secure Boot (for QEMU this also requires SMM to be on). It does not switch Secure Boot on or off inside the firmware.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/loader/@stateless': {
    summary:
      'With `yes` the firmware runs without any writable NVRAM store, so variable changes vanish at shutdown; an `<nvram>` element is then not allowed.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/loader/@format': {
    summary: 'Image format of the firmware, `raw` or `qcow2`; with automatic selection it limits the candidates to builds in that format.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/nvram': {
    summary:
      'Per-guest UEFI variable store, created from a template the first time the guest starts. It holds boot entries and Secure Boot keys, so it belongs with the guest when the guest moves.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/nvram/@template': {
    summary:
      'Master variables file copied to create this guest\u2019s NVRAM when none exists yet; overrides the firmware-to-template mapping of qemu.conf.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/nvram/@type': {
    summary:
      'Where the variable store lives: `file`, `block` or `network`; the location is then given by a nested `<source>` written like a disk source.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/nvram/@format': {
    summary: 'Image format of the variable store, `raw` or `qcow2`, with the same meaning as on the loader.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/nvram/source': {
    summary:
      'Location of the variable store when `<nvram>` has a type, in the syntax of a disk `<source>`; network stores are not seeded from the template.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/boot': {
    summary:
      'One entry of the legacy boot order; repeat it to list device classes in priority order. It cannot be combined with per-device `<boot order>` elements.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/boot/@dev': {
    summary:
      'Device class to try: `hd`, `cdrom`, `network` or `fd`. Several devices of one class are sorted by target name, which is why per-device boot order gives finer control.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/bootmenu': {
    summary: 'Interactive boot menu offered by the firmware while the guest starts.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/bootmenu/@enable': {
    summary: '`yes` shows the firmware boot menu, `no` hides it; without it the hypervisor default applies.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/bootmenu/@timeout': {
    summary: 'Milliseconds (0-65535) the boot menu waits for a key; only used when the menu is enabled.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/smbios': {
    summary: 'Where the SMBIOS tables the guest reads (for example with dmidecode) come from.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/smbios/@mode': {
    summary:
      '`emulate` lets the hypervisor invent the values, `host` copies the host blocks 0 and 1 (except the UUID), `sysinfo` uses the domain `<sysinfo>` element.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/bios': {
    summary: 'Settings for a legacy BIOS firmware such as SeaBIOS; UEFI firmware ignores some of them.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/bios/@useserial': {
    summary: 'Turns on the Serial Graphics Adapter so BIOS screens are also printed on the serial port; needs a `<serial>` device.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/bios/@rebootTimeout': {
    summary:
      'Milliseconds to wait before retrying when no boot device works (at most 65535); `-1` stops the guest from retrying. QEMU only.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/firmware': {
    summary: 'Conditions for automatic firmware selection: each child feature must (or must not) be offered by the firmware libvirt picks.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/firmware/feature': {
    summary: 'One firmware capability the automatically selected firmware must have or lack.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/firmware/feature/@name': {
    summary:
      'The capability: `secure-boot` (firmware implements UEFI Secure Boot) or `enrolled-keys` (its variable template ships with default keys enrolled).',
    anchor: 'bios-bootloader',
  },
  '/domain/os/firmware/feature/@enabled': {
    summary: '`yes` requires the named capability in the chosen firmware, `no` excludes firmware that has it.',
    anchor: 'bios-bootloader',
  },
  '/domain/os/kernel': {
    summary: 'Host path of a kernel image booted directly, bypassing any bootloader inside the guest; handy for installers and appliances.',
    anchor: 'direct-kernel-boot',
  },
  '/domain/os/initrd': {
    summary: 'Host path of the initial ramdisk loaded together with a directly booted kernel.',
    anchor: 'direct-kernel-boot',
  },
  '/domain/os/cmdline': {
    summary: 'Command line passed to a directly booted kernel, e.g. to pick a serial console or point an installer at its kickstart file.',
    anchor: 'direct-kernel-boot',
  },
  '/domain/os/dtb': {
    summary: 'Host path of a device tree binary handed to the guest at boot, mainly for ARM and PowerPC guests.',
    anchor: 'direct-kernel-boot',
  },
  '/domain/os/init': {
    summary: 'For container guests: path of the program started as process 1 instead of booting a kernel.',
    anchor: 'container-boot',
  },
  '/domain/os/initarg': {
    summary: 'For container guests: one argument for the init program; repeat the element for each argument, in order.',
    anchor: 'container-boot',
  },
  '/domain/os/initenv': {
    summary: 'For container guests: one environment variable (named by the `name` attribute) set for the init program.',
    anchor: 'container-boot',
  },
  '/domain/os/acpi': {
    summary: 'Extra ACPI tables supplied from host files, whichever way the guest boots.',
    anchor: 'common-os-element-configuration',
  },
  '/domain/os/acpi/table': {
    summary: 'Host path of one ACPI table blob to expose to the guest.',
    anchor: 'common-os-element-configuration',
  },
  '/domain/os/acpi/table/@type': {
    summary: 'Which ACPI table the file holds, for example `slic` (a licensing table some Windows installations look for).',
    anchor: 'common-os-element-configuration',
  },
  '/domain/bootloader': {
    summary:
      'Host program run before start to choose the guest kernel, e.g. pygrub for Xen paravirtualized guests or bhyveload/grub-bhyve for bhyve.',
    anchor: 'host-bootloader',
  },
  '/domain/bootloader_args': {
    summary: 'Command line arguments given to the host-side bootloader program.',
    anchor: 'host-bootloader',
  },

  // ---------------------------------------------------------------- SMBIOS / fw_cfg
  '/domain/sysinfo': {
    summary:
      "Host-chosen system information for the guest: SMBIOS tables (`type='smbios'`, used when `<os><smbios mode='sysinfo'/>`) or QEMU fw_cfg blobs (`type='fwcfg'`).",
    anchor: 'smbios-system-information',
  },
  '/domain/sysinfo/@type': {
    summary: '`smbios` to describe SMBIOS blocks, or `fwcfg` to define named firmware configuration blobs.',
    anchor: 'smbios-system-information',
  },
  '/domain/sysinfo/bios': {
    summary: 'Entries for SMBIOS block 0 (firmware vendor, version, release date, release number).',
    anchor: 'smbios-system-information',
  },
  '/domain/sysinfo/system': {
    summary:
      'Entries for SMBIOS block 1 (manufacturer, product, version, serial, uuid, sku, family); a uuid given here must equal the domain uuid.',
    anchor: 'smbios-system-information',
  },
  '/domain/sysinfo/baseBoard': {
    summary: 'Entries for SMBIOS block 2, the mainboard (manufacturer, product, serial, asset tag, location); may be repeated.',
    anchor: 'smbios-system-information',
  },
  '/domain/sysinfo/chassis': {
    summary: 'Entries for SMBIOS block 3, the enclosure (manufacturer, version, serial, asset tag, sku).',
    anchor: 'smbios-system-information',
  },
  '/domain/sysinfo/oemStrings': {
    summary:
      'SMBIOS block 11: arbitrary strings, one per entry. A simple way to hand data to software in the guest; prefix each with the application name.',
    anchor: 'smbios-system-information',
  },
  '/domain/sysinfo/entry': {
    summary:
      'For `fwcfg`: one blob, named `opt/...` by its `name` attribute, whose value is the element text or the contents of a host file.',
    anchor: 'smbios-system-information',
  },
  '/domain/sysinfo/entry/@file': {
    summary: 'Host file whose contents become the value of the fw_cfg blob instead of inline text.',
    anchor: 'smbios-system-information',
  },

  // ---------------------------------------------------------------- CPU allocation and tuning
  '/domain/vcpu': {
    summary: 'Maximum number of virtual CPUs the guest can have (the text value); it is also the ceiling for vCPU hotplug.',
    anchor: 'cpu-allocation',
  },
  '/domain/vcpu/@current': {
    summary: 'Number of vCPUs online when the guest starts, if fewer than the maximum; the rest can be hotplugged later.',
    anchor: 'cpu-allocation',
  },
  '/domain/vcpu/@cpuset': {
    summary:
      'Default set of host CPUs (syntax like `1-4,^3,6`) the vCPU and emulator threads may run on; per-thread pinning in `<cputune>` takes precedence.',
    anchor: 'cpu-allocation',
  },
  '/domain/vcpu/@placement': {
    summary: '`static` uses cpuset (or all host CPUs); `auto` pins the guest to the nodeset numad recommends and ignores cpuset.',
    anchor: 'cpu-allocation',
  },
  '/domain/vcpus': {
    summary:
      'Per-vCPU state list used for vCPU hotplug: which vCPUs are online at boot, which can be unplugged, and in what order they come up.',
    anchor: 'cpu-allocation',
  },
  '/domain/vcpus/vcpu': {
    summary: 'State of one vCPU; QEMU needs vCPU 0 enabled and not hotpluggable.',
    anchor: 'cpu-allocation',
  },
  '/domain/vcpus/vcpu/@id': {
    summary: 'libvirt vCPU number (0 to maximum-1), the same numbering pinning and NUMA cells use; the guest may number CPUs differently.',
    anchor: 'cpu-allocation',
  },
  '/domain/vcpus/vcpu/@enabled': {
    summary: 'Whether this vCPU is online when the guest starts.',
    anchor: 'cpu-allocation',
  },
  '/domain/vcpus/vcpu/@hotpluggable': {
    summary: 'Whether this vCPU may be plugged or unplugged while the guest runs; every disabled vCPU must be hotpluggable.',
    anchor: 'cpu-allocation',
  },
  '/domain/vcpus/vcpu/@order': {
    summary: 'Sequence in which online vCPUs are added; if used, give it for every online vCPU.',
    anchor: 'cpu-allocation',
  },
  '/domain/iothreads': {
    summary:
      'Number of dedicated I/O event-loop threads for the guest; disks and controllers can be bound to them to spread block I/O. QEMU only.',
    anchor: 'iothreads-allocation',
  },
  '/domain/iothreadids': {
    summary: 'Explicit IOThread ids; ids not listed are filled in from 1 upwards and the iothreads count is adjusted to match.',
    anchor: 'iothreads-allocation',
  },
  '/domain/iothreadids/iothread': {
    summary: 'One IOThread, optionally with worker pool limits and polling settings.',
    anchor: 'iothreads-allocation',
  },
  '/domain/iothreadids/iothread/@id': {
    summary: 'Positive IOThread number that disks, controllers and `<iothreadpin>` refer to.',
    anchor: 'iothreads-allocation',
  },
  '/domain/iothreadids/iothread/@thread_pool_min': {
    summary: 'Lower bound of worker threads kept for this IOThread (may be 0).',
    anchor: 'iothreads-allocation',
  },
  '/domain/iothreadids/iothread/@thread_pool_max': {
    summary: 'Upper bound of worker threads this IOThread may spawn (must be above 0).',
    anchor: 'iothreads-allocation',
  },
  '/domain/defaultiothread': {
    summary:
      'Worker thread limits for the emulator main event loop, which serves devices not bound to an IOThread. Normally left unset; real-time setups may fix the pool size.',
    anchor: 'iothreads-allocation',
  },
  '/domain/cputune': {
    summary:
      'Host-side CPU tuning: pinning of vCPU, emulator and I/O threads, CFS shares, bandwidth limits, real-time scheduling and cache/memory bandwidth allocation.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/vcpupin': {
    summary: 'Pins one vCPU thread to a set of host CPUs; unpinned vCPUs follow `<vcpu cpuset>` or may use every host CPU.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/vcpupin/@vcpu': {
    summary: 'Id of the vCPU being pinned.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/vcpupin/@cpuset': {
    summary: 'Host CPUs this vCPU may run on, in the list/range/exclusion syntax of `<vcpu cpuset>`.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/emulatorpin': {
    summary: 'Host CPUs for the emulator threads, i.e. everything except vCPU and IOThread threads.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/emulatorpin/@cpuset': {
    summary: 'Host CPU list the emulator threads are restricted to.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/iothreadpin': {
    summary: 'Pins one IOThread to a set of host CPUs.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/iothreadpin/@iothread': {
    summary: 'Id of the IOThread being pinned.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/iothreadpin/@cpuset': {
    summary: 'Host CPU list the IOThread is restricted to.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/shares': {
    summary:
      'Relative CPU weight against other guests (a guest with 2048 gets twice the time of one with 1024 under contention); unitless.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/period': {
    summary: 'CFS enforcement interval in microseconds (1000-1000000) within which each vCPU may use at most `quota`.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/quota': {
    summary:
      'Run time in microseconds each vCPU may use per `period`; a negative value means no limit. Useful to cap or equalize vCPU speed.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/global_period': {
    summary: 'CFS interval in microseconds applied to the guest as a whole rather than per vCPU.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/global_quota': {
    summary: 'Run time in microseconds the whole guest may use per `global_period`; negative means unlimited.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/emulator_period': {
    summary: 'CFS interval in microseconds for the emulator (non-vCPU) threads.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/emulator_quota': {
    summary: 'Run time in microseconds the emulator threads may use per `emulator_period`; negative means unlimited.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/iothread_period': {
    summary: 'CFS interval in microseconds for each IOThread.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/iothread_quota': {
    summary: 'Run time in microseconds each IOThread may use per `iothread_period`; negative means unlimited.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/vcpusched': {
    summary:
      'Host scheduler class for a group of vCPU threads (`batch`, `idle`, `fifo`, `rr`); the real-time classes also need a priority.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/vcpusched/@vcpus': {
    summary: 'vCPUs the scheduler setting applies to (list/range syntax); without it the setting is the default for all.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/vcpusched/@scheduler': {
    summary: 'Scheduler policy: `batch`, `idle`, `fifo` or `rr`.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/vcpusched/@priority': {
    summary: 'Real-time priority for `fifo`/`rr` (range set by the host kernel, usually 1-99); ignored for other policies.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/iothreadsched': {
    summary: 'Host scheduler class for a group of IOThreads, like `<vcpusched>`.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/emulatorsched': {
    summary: 'Host scheduler class for the emulator threads.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/cachetune': {
    summary:
      'Reserves host CPU cache (Intel RDT/resctrl) for a set of vCPUs, and can create cache usage monitors; a vCPU may belong to only one such group.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/cachetune/@vcpus': {
    summary: 'vCPUs sharing this cache allocation.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/cachetune/cache': {
    summary: 'One cache reservation: host cache level and id, type (`code`, `data` or `both`) and size.',
    anchor: 'cpu-tuning',
  },
  '/domain/cputune/memorytune': {
    summary: 'Limits memory bandwidth (Intel MBA via resctrl) for a set of vCPUs, per host NUMA node, as a percentage.',
    anchor: 'cpu-tuning',
  },

  // ---------------------------------------------------------------- memory
  '/domain/memory': {
    summary:
      'Guest memory at boot including memory devices present at start; the value is rounded to what the hypervisor supports. With guest NUMA cells it may be left out and is the sum of the cells.',
    anchor: 'memory-allocation',
  },
  '/domain/memory/@unit': {
    summary:
      'Unit of the value: `KiB` by default; also `b`, `KB`, `MiB`/`M`, `MB`, `GiB`/`G`, `GB`, `TiB`/`T`, `TB` (binary units are powers of 1024, decimal ones of 1000).',
    anchor: 'memory-allocation',
  },
  '/domain/memory/@dumpCore': {
    summary: 'Whether guest RAM is included in a core dump of the emulator process if it crashes (`on`/`off`). QEMU only.',
    anchor: 'memory-allocation',
  },
  '/domain/currentMemory': {
    summary:
      'Memory actually given to the guest right now, at most `<memory>`; the balloon device reclaims the difference. Defaults to `<memory>`.',
    anchor: 'memory-allocation',
  },
  '/domain/currentMemory/@unit': {
    summary: 'Unit of the current allocation, with the same choices as for `<memory>`.',
    anchor: 'memory-allocation',
  },
  '/domain/maxMemory': {
    summary:
      'Ceiling up to which memory can be hot-plugged as memory devices while the guest runs; required for memory hotplug. QEMU driver.',
    anchor: 'memory-allocation',
  },
  '/domain/maxMemory/@slots': {
    summary: 'Number of slots available for hot-plugged memory modules; the allowed range depends on the hypervisor.',
    anchor: 'memory-allocation',
  },
  '/domain/maxMemory/@unit': {
    summary: 'Unit of the memory ceiling, as for `<memory>`.',
    anchor: 'memory-allocation',
  },
  '/domain/memoryBacking': {
    summary:
      'How guest RAM is backed on the host: hugepages, KSM opt-out, locking, file/memfd backing, shared access, preallocation and discard.',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/hugepages': {
    summary: 'Back guest memory with host huge pages instead of normal pages; the pages must be reserved on the host beforehand.',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/hugepages/page': {
    summary: 'Huge page size to use, optionally only for some guest NUMA nodes, when the host offers several sizes.',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/hugepages/page/@size': {
    summary: 'Huge page size, in KiB unless `unit` says otherwise (e.g. 2048 KiB or 1 G).',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/hugepages/page/@unit': {
    summary: 'Unit of the page size.',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/hugepages/page/@nodeset': {
    summary: 'Guest NUMA nodes that use this page size (NUMA range syntax).',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/nosharepages': {
    summary: 'Opts the guest out of host page merging (KSM).',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/locked': {
    summary:
      'Keeps guest memory, and for QEMU the emulator memory too, resident so the host never swaps it out. This lifts the lock limit, so pair it with a memtune hard_limit.',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/source': {
    summary: 'Kind of host memory backing guest RAM.',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/source/@type': {
    summary:
      '`anonymous` (default), `file` or `memfd`; file or memfd backing combined with shared access is what vhost-user and virtiofs need.',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/access': {
    summary: 'Whether guest memory is mapped shared or private.',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/access/@mode': {
    summary:
      '`shared` lets other host processes (vhost-user backends, virtiofsd) map guest RAM; `private` keeps it to the emulator. Per-cell `memAccess` overrides it.',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/allocation': {
    summary: 'When guest memory is allocated on the host.',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/allocation/@mode': {
    summary: '`immediate` preallocates all guest memory at start, `ondemand` allocates pages as the guest touches them.',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/allocation/@threads': {
    summary: 'Number of threads the hypervisor uses to preallocate memory, to speed up start of large guests.',
    anchor: 'memory-backing',
  },
  '/domain/memoryBacking/discard': {
    summary:
      'Drop guest memory contents right before the guest stops or a DIMM is unplugged; an optimization that is not guaranteed to happen. QEMU only.',
    anchor: 'memory-backing',
  },
  '/domain/memtune': {
    summary: 'Host memory limits for the guest process as a whole; for QEMU that includes guest RAM, video RAM and the emulator overhead.',
    anchor: 'memory-tuning',
  },
  '/domain/memtune/hard_limit': {
    summary:
      'Most memory the guest process may use; if set too low the kernel can kill the guest, so use it mainly together with locked memory.',
    anchor: 'memory-tuning',
  },
  '/domain/memtune/soft_limit': {
    summary: 'Memory limit enforced only while the host is short of memory.',
    anchor: 'memory-tuning',
  },
  '/domain/memtune/swap_hard_limit': {
    summary: 'Most memory plus swap the guest process may use; must exceed hard_limit.',
    anchor: 'memory-tuning',
  },
  '/domain/memtune/min_guarantee': {
    summary: 'Memory guaranteed to the guest; only VMware ESX and OpenVZ drivers honor it.',
    anchor: 'memory-tuning',
  },
  '/domain/numatune': {
    summary: 'Host NUMA policy for guest memory: which host nodes memory comes from, globally or per guest NUMA cell. QEMU driver.',
    anchor: 'numa-node-tuning',
  },
  '/domain/numatune/memory': {
    summary: 'Default host NUMA memory policy for the whole guest.',
    anchor: 'numa-node-tuning',
  },
  '/domain/numatune/memory/@mode': {
    summary:
      '`strict` (default, only the given nodes), `preferred`, `interleave`, or `restrictive` (cgroups only, so the nodes can be changed while running).',
    anchor: 'numa-node-tuning',
  },
  '/domain/numatune/memory/@nodeset': {
    summary: 'Host NUMA nodes to allocate from, in the same range syntax as cpuset.',
    anchor: 'numa-node-tuning',
  },
  '/domain/numatune/memory/@placement': {
    summary: '`static` uses nodeset; `auto` asks numad for the nodes and ignores nodeset. Defaults to the vcpu placement.',
    anchor: 'numa-node-tuning',
  },
  '/domain/numatune/memnode': {
    summary: 'Host NUMA memory policy for one guest NUMA cell, overriding the default; not usable with automatic placement.',
    anchor: 'numa-node-tuning',
  },
  '/domain/numatune/memnode/@cellid': {
    summary: 'Guest NUMA cell id this policy applies to.',
    anchor: 'numa-node-tuning',
  },
  '/domain/numatune/memnode/@mode': {
    summary: 'Memory policy for this cell, with the values of `<memory mode>`.',
    anchor: 'numa-node-tuning',
  },
  '/domain/numatune/memnode/@nodeset': {
    summary: 'Host NUMA nodes backing this guest cell.',
    anchor: 'numa-node-tuning',
  },
  '/domain/blkiotune': {
    summary: 'Block I/O cgroup tuning for the whole guest: overall weight and per-host-device weights and throttles.',
    anchor: 'block-i-o-tuning',
  },
  '/domain/blkiotune/weight': {
    summary: 'Overall I/O weight of the guest against other cgroups, 100-1000 (10-1000 on newer kernels).',
    anchor: 'block-i-o-tuning',
  },
  '/domain/blkiotune/device': {
    summary: 'Tuning for one host block device; it sits at guest level because several guest disks can share one host device.',
    anchor: 'block-i-o-tuning',
  },
  '/domain/blkiotune/device/path': {
    summary: 'Absolute host path of the block device being tuned.',
    anchor: 'block-i-o-tuning',
  },
  '/domain/blkiotune/device/weight': {
    summary: 'Relative I/O weight for this host device.',
    anchor: 'block-i-o-tuning',
  },
  '/domain/blkiotune/device/read_bytes_sec': {
    summary: 'Read throughput cap for this host device in bytes per second.',
    anchor: 'block-i-o-tuning',
  },
  '/domain/blkiotune/device/write_bytes_sec': {
    summary: 'Write throughput cap for this host device in bytes per second.',
    anchor: 'block-i-o-tuning',
  },
  '/domain/blkiotune/device/read_iops_sec': {
    summary: 'Read operations per second cap for this host device.',
    anchor: 'block-i-o-tuning',
  },
  '/domain/blkiotune/device/write_iops_sec': {
    summary: 'Write operations per second cap for this host device.',
    anchor: 'block-i-o-tuning',
  },
  '/domain/resource': {
    summary: 'Resource partition (cgroup subtree for QEMU and LXC) the guest is placed in, and Fibre Channel VM identification.',
    anchor: 'resource-partitioning',
  },
  '/domain/resource/partition': {
    summary: 'Absolute path of the partition to place the guest in, e.g. `/machine`; it must already exist.',
    anchor: 'resource-partitioning',
  },
  '/domain/resource/fibrechannel': {
    summary: 'Tags the guest I/O on a Fibre Channel SAN with an application id (VMID) for per-VM QoS and telemetry.',
    anchor: 'fibre-channel-vmid',
  },
  '/domain/resource/fibrechannel/@appid': {
    summary: 'Identifier string (up to 128 bytes) the kernel uses to derive the FC VMID.',
    anchor: 'fibre-channel-vmid',
  },

  // ---------------------------------------------------------------- CPU model and topology
  '/domain/cpu': {
    summary:
      'Guest CPU definition: model and vendor, feature flags, topology, caches, physical address size and guest NUMA layout. It decides which hosts the guest can start and migrate on.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/@mode': {
    summary:
      '`custom` (named model, same CPU on every host), `host-model` (closest model to this host, expanded at start), `host-passthrough` (exact host CPU, migrate only between identical hosts) or `maximum`.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/@match': {
    summary:
      'For custom mode: `exact` (default, guest gets exactly this CPU), `minimum` (a better CPU is fine) or `strict` (host CPU itself must match). Not allowed with host-model.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/@check': {
    summary:
      'How strictly the CPU QEMU creates is compared with the definition: `none`, `partial` (checked before start only) or `full`; libvirt upgrades it at start so migration keeps the same CPU.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/@migratable': {
    summary:
      'For host-passthrough and maximum: `on` drops features that block migration, `off` keeps them. Migration stays risky unless the hosts are identical.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/model': {
    summary:
      'Named CPU model from libvirt\u2019s cpu_map (e.g. `Skylake-Client-IBRS`, `EPYC`); it fixes the baseline feature set and thus the guest ABI for migration.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/model/@fallback': {
    summary:
      '`allow` (default) lets libvirt substitute the closest model the hypervisor supports while keeping features; `forbid` makes the start fail instead.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/model/@vendor_id': {
    summary:
      'Overrides the CPU vendor string the guest reads, exactly 12 characters (e.g. `GenuineIntel`); by default the host vendor is shown.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/vendor': {
    summary: 'Required CPU vendor (e.g. `Intel`, `AMD`); without it any host whose CPU has the needed features qualifies.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/topology': {
    summary:
      'How vCPUs are arranged into sockets, dies, clusters, cores and threads as the guest sees them; the product should equal the maximum vCPU count.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/topology/@sockets': {
    summary: 'Number of CPU sockets presented to the guest (guest OS licensing often counts these).',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/topology/@dies': {
    summary: 'Dies per socket; optional, defaults to 1.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/topology/@clusters': {
    summary: 'Clusters per die; optional, defaults to 1.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/topology/@cores': {
    summary: 'Cores in each die (or cluster).',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/topology/@threads': {
    summary: 'Hardware threads per core; more than 1 shows the guest SMT siblings.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/feature': {
    summary:
      'Adjusts one CPU feature flag relative to the chosen model; names come from libvirt\u2019s cpu_map. Features are part of the guest ABI.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/feature/@policy': {
    summary:
      '`require` (default, host or hypervisor must provide it), `force` (claim it regardless), `optional` (only if the host has it), `disable` (hide it) or `forbid` (refuse hosts that have it).',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/feature/@name': {
    summary: 'CPU feature flag name, e.g. `pcid`, `vmx`, `avx512f`.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/cache': {
    summary: 'What CPU cache information the vCPUs report; without it the hypervisor default is used.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/cache/@level': {
    summary: 'Cache level described; omit it to describe all levels at once (mixing the two styles is not allowed).',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/cache/@mode': {
    summary: '`emulate` (made-up cache data), `passthrough` (host cache data) or `disable` (report no cache).',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/maxphysaddr': {
    summary: 'Physical address width the vCPUs report, which bounds how much memory and MMIO space the guest can address.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/maxphysaddr/@mode': {
    summary: '`passthrough` reports the host bit count, `emulate` reports the value of `bits`.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/maxphysaddr/@bits': {
    summary: 'Number of physical address bits for emulate mode; cannot exceed what the hypervisor supports.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/maxphysaddr/@limit': {
    summary: 'Upper bound on the bits passed through from the host in passthrough mode.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa': {
    summary:
      'Guest NUMA topology: cells with their vCPUs and memory, distances and HMAT data. Part of what the guest sees, so keep it stable. QEMU/KVM and Xen.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa/cell': {
    summary: 'One guest NUMA node with its vCPUs and memory size.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa/cell/@id': {
    summary: 'Cell number referenced by memnode, memory devices and distances; give it on all cells or none.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa/cell/@cpus': {
    summary:
      'vCPUs belonging to this node (range syntax); may be omitted for a memory-only node. All cells together should cover every vCPU.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa/cell/@memory': {
    summary: 'Memory of this node, in KiB unless `unit` is given.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa/cell/@unit': {
    summary: 'Unit of the cell memory size, as for `<memory>`.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa/cell/@memAccess': {
    summary:
      '`shared` or `private` mapping for this node\u2019s memory, overriding memoryBacking access; only meaningful for hugepage or file backed memory.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa/cell/@discard': {
    summary: 'Per-node switch (`yes`/`no`) for discarding memory contents at shutdown, as memoryBacking discard does.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa/cell/distances': {
    summary: 'Distances from this node to the others (the ACPI SLIT table); without them local is 10 and remote is 20.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa/cell/distances/sibling': {
    summary: 'Distance from this node to one other node.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa/cell/distances/sibling/@id': {
    summary: 'Id of the other NUMA cell.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa/cell/distances/sibling/@value': {
    summary: 'Relative distance; 10 means local, larger numbers mean slower access.',
    anchor: 'cpu-model-and-topology',
  },
  '/domain/cpu/numa/cell/cache': {
    summary: 'Memory-side cache of this node as reported through the ACPI HMAT table; repeat per level.',
    anchor: 'acpi-heterogeneous-memory-attribute-table',
  },
  '/domain/cpu/numa/interconnects': {
    summary: 'Latency and bandwidth between initiator and target NUMA nodes, reported to the guest through ACPI HMAT.',
    anchor: 'acpi-heterogeneous-memory-attribute-table',
  },
  '/domain/cpu/numa/interconnects/latency': {
    summary: 'Access latency in nanoseconds from an initiator node to a target node (or its memory-side cache level).',
    anchor: 'acpi-heterogeneous-memory-attribute-table',
  },
  '/domain/cpu/numa/interconnects/bandwidth': {
    summary: 'Bandwidth from an initiator node to a target node, in KiB per second unless `unit` says otherwise.',
    anchor: 'acpi-heterogeneous-memory-attribute-table',
  },

  // ---------------------------------------------------------------- lifecycle events and power management
  '/domain/on_poweroff': {
    summary:
      'What libvirt does when the guest powers itself off: `destroy` (default), `restart`, `preserve` or `rename-restart` (libxl only).',
    anchor: 'events-configuration',
  },
  '/domain/on_reboot': {
    summary:
      'What libvirt does when the guest reboots; setting `destroy` is handy during OS installation so the first reboot stops the guest.',
    anchor: 'events-configuration',
  },
  '/domain/on_crash': {
    summary:
      'What libvirt does when the guest crashes: `destroy`, `restart`, `preserve`, `rename-restart`, or `coredump-destroy`/`coredump-restart` to dump memory first.',
    anchor: 'events-configuration',
  },
  '/domain/on_lockfailure': {
    summary:
      'What happens when the lock manager loses the guest\u2019s leases: `poweroff`, `restart`, `pause` or `ignore`; unset leaves it to the lock manager.',
    anchor: 'events-configuration',
  },
  '/domain/pm': {
    summary:
      'Whether the firmware advertises ACPI sleep states to the guest. It cannot fully stop a guest from suspending by other means. QEMU only.',
    anchor: 'power-management',
  },
  '/domain/pm/suspend-to-mem': {
    summary: 'ACPI S3 (suspend to RAM) offered to the guest or not.',
    anchor: 'power-management',
  },
  '/domain/pm/suspend-to-mem/@enabled': {
    summary: '`yes` advertises S3 to the guest, `no` hides it; unset keeps the hypervisor default.',
    anchor: 'power-management',
  },
  '/domain/pm/suspend-to-disk': {
    summary: 'ACPI S4 (hibernate) offered to the guest or not.',
    anchor: 'power-management',
  },
  '/domain/pm/suspend-to-disk/@enabled': {
    summary: '`yes` advertises S4 to the guest, `no` hides it; unset keeps the hypervisor default.',
    anchor: 'power-management',
  },

  // ---------------------------------------------------------------- hypervisor features
  '/domain/features': {
    summary:
      'Machine and hypervisor features toggled for the guest (ACPI, APIC, Hyper-V enlightenments, SMM, GIC...). A feature left out is off; most of them change what the guest sees.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/pae': {
    summary: 'Physical Address Extension, letting 32-bit guests use more than 4 GiB of RAM.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/acpi': {
    summary: 'ACPI tables for the guest; needed for power management and for graceful shutdown of KVM/HVF guests.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/apic': {
    summary: 'Local APIC for programmable interrupt handling on x86 guests.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/apic/@eoi': {
    summary: 'Turns paravirtual End of Interrupt for the guest `on` or `off`. QEMU only.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hap': {
    summary: "Hardware Assisted Paging (EPT/NPT); on by default when the host has it, `state='off'` disables it.",
    anchor: 'hypervisor-features',
  },
  '/domain/features/viridian': {
    summary: 'Xen: Viridian (Hyper-V compatible) enlightenments for Windows guests.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/privnet': {
    summary: 'Containers: always give the guest its own network namespace (implied when it has interfaces).',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv': {
    summary:
      'Hyper-V enlightenments that make Windows guests run better on KVM; each child switches one on or off. They are guest-visible, so keep them the same across migration.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/@mode': {
    summary:
      '`custom` (default) enables exactly the listed enlightenments; `passthrough` enables all the hypervisor supports and is migration-unsafe unless hosts match.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/relaxed': {
    summary: 'Relaxed timing: tells Windows not to bugcheck on watchdog timeouts caused by vCPU preemption.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/vapic': {
    summary: 'Virtual APIC enlightenment, cutting interrupt-related exits.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/spinlocks': {
    summary: 'Paravirtual spinlock hint; `retries` (at least 4095) sets how long the guest spins before notifying the hypervisor.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/spinlocks/@retries': {
    summary: 'Spin attempts before the guest yields to the hypervisor; 4095 or more.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/vpindex': {
    summary: 'Virtual processor index MSR; a prerequisite for several other enlightenments (synic, tlbflush, ipi).',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/runtime': {
    summary: 'Lets the guest read how much time it has been running and how much was spent on its behalf.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/synic': {
    summary: 'Synthetic interrupt controller, needed by VMBus devices and by stimer.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/stimer': {
    summary: 'Synthetic timers (needs synic); cuts Windows CPU usage when idle. The `direct` child enables direct-mode delivery.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/reset': {
    summary: 'Lets the guest reset the machine through a Hyper-V MSR.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/vendor_id': {
    summary: 'Overrides the hypervisor vendor signature the guest reads (up to 12 characters in `value`).',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/vendor_id/@value': {
    summary: 'Vendor signature string, at most 12 characters.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/frequencies': {
    summary: 'Exposes TSC and APIC frequency MSRs to the guest.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/reenlightenment': {
    summary: 'Notifies the guest after migration when the TSC frequency changed, so it can recalibrate.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/tlbflush': {
    summary: 'Paravirtual TLB flush, avoiding IPIs to every vCPU.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/ipi': {
    summary: 'Paravirtual inter-processor interrupts sent with a hypercall.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/evmcs': {
    summary: 'Enlightened VMCS, speeding up nested virtualization inside Windows (e.g. for WSL2 or VBS). Intel hosts.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hyperv/avic': {
    summary: 'Lets the SynIC work together with hardware APIC virtualization (APICv/AVIC).',
    anchor: 'hypervisor-features',
  },
  '/domain/features/kvm': {
    summary: 'KVM-specific behaviour toggles: hiding KVM, dedicated-vCPU hints, halt polling control, PV IPIs and the dirty ring.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/kvm/hidden': {
    summary: 'Hides the KVM signature from CPUID-based detection; some guest drivers refuse to work when they see a hypervisor.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/kvm/hint-dedicated': {
    summary:
      'Tells the guest its vCPUs are backed by dedicated host CPUs so it can skip some paravirtual overhead; only sensible with strict pinning.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/kvm/poll-control': {
    summary: 'Lets the guest control host-side halt polling, trading CPU time for lower I/O completion latency.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/kvm/pv-ipi': {
    summary: 'Paravirtualized inter-processor interrupts sent with a hypercall.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/kvm/dirty-ring': {
    summary: 'Tracks dirtied guest pages with a per-vCPU ring instead of a bitmap, which helps live migration of large guests.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/kvm/dirty-ring/@size': {
    summary: 'Ring entries per vCPU: a power of two from 1024 to 65536.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/xen': {
    summary: 'Xen-specific feature toggles.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/xen/e820_host': {
    summary: 'Gives a paravirtualized Xen guest the host e820 memory map.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/xen/passthrough': {
    summary: 'Sets up IOMMU mappings so PCI devices can be passed through to the Xen guest.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/pvspinlock': {
    summary: "Advertises paravirtual spinlocks to the guest; `state='off'` disables them explicitly.",
    anchor: 'hypervisor-features',
  },
  '/domain/features/pmu': {
    summary: "Virtual performance monitoring unit, so the guest can use perf counters; on by default, `state='off'` removes it.",
    anchor: 'hypervisor-features',
  },
  '/domain/features/vmport': {
    summary: 'VMware I/O port emulation (used by vmmouse and VMware tools); `state` turns it on or off.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/gic': {
    summary: 'ARM Generic Interrupt Controller, used instead of an APIC on aarch64 guests.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/gic/@version': {
    summary: 'GIC version: `2`, `3` or `host`; fixed for the life of the guest because the guest hardware depends on it.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/smm': {
    summary: 'x86 System Management Mode; required for UEFI Secure Boot on q35 with QEMU.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/smm/tseg': {
    summary:
      'Size of the extended TSEG memory reserved for SMM (default MiB). Leave it unset unless a large guest fails to boot; 48 MiB suits very large guests.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/ioapic': {
    summary: 'I/O APIC implementation for the guest.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/ioapic/@driver': {
    summary: '`kvm` (in-kernel, default for KVM) or `qemu` (userspace split I/O APIC, required for IOMMU interrupt remapping).',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hpt': {
    summary: 'pSeries Hash Page Table settings: resizing policy and the largest usable page size.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hpt/@resizing': {
    summary: '`enabled`, `disabled` or `required` (refuse to start unless guest and host support HPT resizing).',
    anchor: 'hypervisor-features',
  },
  '/domain/features/hpt/maxpagesize': {
    summary: 'Largest page size HPT guests may use (e.g. 64 KiB, 16 MiB).',
    anchor: 'hypervisor-features',
  },
  '/domain/features/vmcoreinfo': {
    summary: 'QEMU vmcoreinfo device through which the guest kernel records details that make its memory dumps analyzable.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/htm': {
    summary: 'Hardware Transactional Memory availability for pSeries guests.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/nested-hv': {
    summary: 'Nested HV for pSeries guests, letting them run their own KVM guests efficiently; the host must allow it.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/msrs': {
    summary: 'How unknown model-specific register accesses are treated (bhyve).',
    anchor: 'hypervisor-features',
  },
  '/domain/features/msrs/@unknown': {
    summary: '`ignore` silently ignores unknown MSR reads and writes; `fault` (default) faults them.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/ccf-assist': {
    summary: 'Count Cache Flush Assist for pSeries guests (Spectre mitigation help).',
    anchor: 'hypervisor-features',
  },
  '/domain/features/cfpc': {
    summary: 'pSeries Cache Flush on Privilege Change mitigation state: `broken`, `workaround` or `fixed`.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/sbbc': {
    summary: 'pSeries Speculation Barrier Bounds Checking mitigation state: `broken`, `workaround` or `fixed`.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/ibs': {
    summary: 'pSeries Indirect Branch Speculation mitigation: `broken`, `workaround`, `fixed-ibs`, `fixed-ccd` or `fixed-na`.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/tcg': {
    summary: 'Settings for QEMU TCG (software emulation).',
    anchor: 'hypervisor-features',
  },
  '/domain/features/tcg/tb-cache': {
    summary: 'Size of the TCG translation block cache, in MiB by default.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/async-teardown': {
    summary: 'Lets QEMU release guest memory asynchronously after the guest stops, so large guests shut down faster. QEMU only.',
    anchor: 'hypervisor-features',
  },
  '/domain/features/async-teardown/@enabled': {
    summary: '`yes` turns asynchronous teardown on, `no` off.',
    anchor: 'hypervisor-features',
  },

  // ---------------------------------------------------------------- time keeping
  '/domain/clock': {
    summary:
      'How the guest real-time clock relates to host time, plus per-timer settings. Most OSes expect UTC; Windows expects local time.',
    anchor: 'time-keeping',
  },
  '/domain/clock/@offset': {
    summary:
      '`utc` (default), `localtime`, `timezone` (a named zone), `variable` (fixed offset the guest can adjust and that persists) or `absolute` (start at a fixed epoch time).',
    anchor: 'time-keeping',
  },
  '/domain/clock/@adjustment': {
    summary:
      'Seconds added to the base time; for utc/localtime a number turns the clock into variable mode, `reset` keeps guest RTC changes from persisting.',
    anchor: 'time-keeping',
  },
  '/domain/clock/@timezone': {
    summary: 'Time zone name (e.g. `Europe/Paris`) used with offset `timezone`.',
    anchor: 'time-keeping',
  },
  '/domain/clock/@basis': {
    summary: 'For variable offset: whether the adjustment is relative to `utc` (default) or `localtime`.',
    anchor: 'time-keeping',
  },
  '/domain/clock/@start': {
    summary: 'For absolute offset: the epoch timestamp the guest clock is set to at every start.',
    anchor: 'time-keeping',
  },
  '/domain/clock/timer': {
    summary: 'Configures one guest timer source (presence, tracking and missed-tick policy).',
    anchor: 'time-keeping',
  },
  '/domain/clock/timer/@name': {
    summary: 'Timer to configure: `rtc`, `pit`, `hpet`, `kvmclock`, `hypervclock`, `tsc`, `armvtimer` or `platform`.',
    anchor: 'time-keeping',
  },
  '/domain/clock/timer/@present': {
    summary: '`yes` or `no`: whether the guest gets this timer at all (e.g. hpet off is common for Windows guests).',
    anchor: 'time-keeping',
  },
  '/domain/clock/timer/@tickpolicy': {
    summary:
      'What happens to ticks missed while the guest could not run: `delay`, `catchup` (deliver faster until even), `merge` or `discard`.',
    anchor: 'time-keeping',
  },
  '/domain/clock/timer/@track': {
    summary: 'For rtc: what it follows: `boot`, `guest`, `wall` or `realtime`.',
    anchor: 'time-keeping',
  },
  '/domain/clock/timer/@frequency': {
    summary: 'For tsc: frequency in Hz the guest TSC runs at; pinning it keeps the guest stable across hosts with different CPUs.',
    anchor: 'time-keeping',
  },
  '/domain/clock/timer/@mode': {
    summary: 'For tsc: `auto`, `native`, `emulate`, `paravirt` or `smpsafe`.',
    anchor: 'time-keeping',
  },
  '/domain/clock/timer/catchup': {
    summary: 'Fine-tuning of the catchup tick policy through threshold, slew and limit.',
    anchor: 'time-keeping',
  },

  // ---------------------------------------------------------------- perf events
  '/domain/perf': {
    summary: 'Host perf events counted for the guest process; the values are read through the domain statistics API.',
    anchor: 'performance-monitoring-events',
  },
  '/domain/perf/event': {
    summary: 'One perf event to collect.',
    anchor: 'performance-monitoring-events',
  },
  '/domain/perf/event/@name': {
    summary: 'Event name, e.g. `cpu_cycles`, `instructions`, `cache_misses`, `cmt`, `page_faults`, `context_switches`.',
    anchor: 'performance-monitoring-events',
  },
  '/domain/perf/event/@enabled': {
    summary: '`yes` collects the event, `no` does not.',
    anchor: 'performance-monitoring-events',
  },

  // ---------------------------------------------------------------- devices
  '/domain/devices': {
    summary:
      'Every device the guest gets: disks, controllers, NICs, graphics, consoles, host devices and more. Device order and addresses shape what the guest sees.',
    anchor: 'devices',
  },
  '/domain/devices/emulator': {
    summary: 'Host path of the device model binary (e.g. `/usr/bin/qemu-system-x86_64`); capabilities XML names the default for each arch.',
    anchor: 'devices',
  },

  // disks
  '/domain/devices/disk': {
    summary:
      'A block device for the guest (hard disk, CD-ROM, floppy or SCSI LUN): host source, guest bus and name, driver options and boot order.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/@type': {
    summary:
      'What backs the disk on the host: `file`, `block`, `dir`, `network`, `volume` (storage pool), `nvme`, `vhostuser` or `vhostvdpa`. It decides which source attributes apply.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/@device': {
    summary:
      'How the guest sees it: `disk` (default), `cdrom`, `floppy` or `lun` (SCSI passthrough of generic commands to a whole raw device).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/@model': {
    summary:
      'For virtio disks: `virtio`, `virtio-transitional` (works with legacy drivers, conventional PCI) or `virtio-non-transitional` (virtio 1.0 only).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/@rawio': {
    summary:
      'For `lun` disks: grant the emulator the raw I/O capability; in QEMU it applies to the whole process, so `sgio` is the safer tool.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/@sgio': {
    summary: 'For `lun` disks: `filtered` (default) or `unfiltered` handling of unprivileged SG_IO commands.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/@snapshot': {
    summary:
      'Default snapshot behaviour: `internal` (inside a qcow2), `external` (separate overlay), `manual` or `no` (excluded from snapshots).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source': {
    summary:
      'Where the disk data lives on the host: a file, block device, directory, pool volume or network export, depending on the disk type. An empty CD-ROM has none.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/@file': {
    summary: "For `type='file'`: absolute host path of the image file.",
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/@dev': {
    summary: "For `type='block'` (or vhostvdpa): absolute host path of the block or character device.",
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/@dir': {
    summary:
      "For `type='dir'`: host directory shown to the guest as an emulated (FAT) disk; changes on the host side may not be seen and can corrupt data.",
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/@protocol': {
    summary: "For `type='network'`: access protocol, e.g. `nbd`, `iscsi`, `rbd`, `gluster`, `nfs`, `http(s)`, `ftp(s)`, `tftp` or `ssh`.",
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/@name': {
    summary:
      'For network disks: the image or volume on the server (pool/image for rbd, target IQN/LUN for iscsi, export path...); optional only for nbd.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/@pool': {
    summary: "For `type='volume'`: name of the libvirt storage pool holding the volume.",
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/@volume': {
    summary: "For `type='volume'`: name of the storage volume in that pool.",
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/@startupPolicy': {
    summary:
      'What to do if the source is missing: `mandatory` (fail), `requisite` (fail at boot, drop on migrate/restore) or `optional` (drop the medium).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/@tls': {
    summary: 'For nbd/vxhs network disks: `yes` encrypts the connection using the host TLS certificates configured in qemu.conf.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/host': {
    summary: 'A server to connect to for a network disk: name, port, and transport (tcp, rdma or unix with a socket path).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/host/@name': {
    summary: 'Host name or IP address of the storage server.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/host/@port': {
    summary: 'Server port; protocol defaults apply (3260 iSCSI, 10809 NBD, 24007 Gluster).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/host/@transport': {
    summary: '`tcp` (default), `rdma` (Gluster) or `unix` (with a socket path).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/auth': {
    summary:
      'Credentials for a network disk (rbd, iscsi, ssh): a username plus a reference to a libvirt secret holding the key or password.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/auth/@username': {
    summary: 'User name presented to the storage server.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/auth/secret': {
    summary:
      'Reference, by uuid or usage, to the libvirt secret object that stores the actual credential; the password never appears in the domain XML.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/encryption': {
    summary: 'How the image is encrypted (e.g. LUKS) and which secret unlocks it.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/reservations': {
    summary:
      "Enables SCSI persistent reservations for the disk, with a helper managed by libvirt (`managed='yes'`) or reached at a given socket.",
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/initiator': {
    summary: 'For iSCSI: the initiator IQN the hypervisor uses when logging in.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/source/reconnect': {
    summary: 'Reconnect behaviour if the backend connection drops (vhost-user disks; NBD reconnect delay).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/backingStore': {
    summary:
      'The image below the source in a backing chain; an empty element says the source stands alone. Used as input only when the driver supports backingStoreInput.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/backingStore/@type': {
    summary: 'Host storage type of the backing image, with the values of the disk `type`.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/backingStore/format': {
    summary: 'Format of the backing image; its `type` attribute names it (e.g. `qcow2`, `raw`).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/mirror': {
    summary: 'Output only: present while a block copy or active commit job mirrors the disk to another location.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/target': {
    summary: 'How the disk appears to the guest: logical device name and the bus it is attached to.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/target/@dev': {
    summary:
      'Logical name such as `vda`, `sda` or `hdc`; unique per guest, used to order disks and derive the drive address, but the guest OS may name the disk differently.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/target/@bus': {
    summary:
      'Bus the guest sees: `virtio`, `scsi`, `sata`, `ide`, `usb`, `fdc`, `xen`, `sd`... Inferred from the name prefix when omitted; changing it changes the guest hardware.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/target/@tray': {
    summary: 'For CD-ROM and floppy: tray state `open` or `closed` (default); it may change while the guest runs.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/target/@removable': {
    summary: 'For USB or SCSI disks: `on` marks the disk as removable media to the guest.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/target/@rotation_rate': {
    summary: 'Reported rotation speed for SCSI, IDE or SATA disks: 1 means solid state, 1025-65534 is RPM.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/iotune': {
    summary: 'Per-disk I/O throttling (bytes and operations per second, burst limits, shared groups); unset or 0 means unlimited.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/iotune/total_bytes_sec': {
    summary: 'Combined read+write throughput limit in bytes/s; cannot be used with the separate read/write limits.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/iotune/read_bytes_sec': {
    summary: 'Read throughput limit in bytes per second.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/iotune/write_bytes_sec': {
    summary: 'Write throughput limit in bytes per second.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/iotune/total_iops_sec': {
    summary: 'Combined read+write operations per second limit; cannot be used with the separate read/write IOPS limits.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/iotune/read_iops_sec': {
    summary: 'Read operations per second limit.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/iotune/write_iops_sec': {
    summary: 'Write operations per second limit.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/iotune/group_name': {
    summary: 'Name of a throttle group; disks with the same group share one quota, so splitting a disk does not multiply the limit.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver': {
    summary:
      'Hypervisor backend details for the disk: image format, host caching, I/O mode, error handling, discard, queues and IOThread binding.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@name': {
    summary: 'Backend driver; `qemu` for QEMU/KVM, `tap`/`phy`/`file` style names for Xen.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@type': {
    summary:
      'Image format: `raw`, `qcow2`, `qed`, `vmdk`... Always state it: probing formats from image content is unsafe, and a wrong value corrupts how data is read.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@cache': {
    summary:
      'Host cache mode: `none`, `writethrough`, `writeback`, `directsync`, `unsafe` or `default`. libvirt treats live migration with host caching as unsafe unless storage is coherent, so `none` is common.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@io': {
    summary: 'I/O submission method in QEMU: `threads`, `native` (Linux AIO, needs cache none or directsync) or `io_uring`.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@discard': {
    summary: '`unmap` passes guest TRIM/UNMAP requests to the image so space is freed on the host; `ignore` drops them.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@detect_zeroes': {
    summary:
      'Detect writes of zeroes: `off`, `on`, or `unmap` (also discard those areas when discard is unmap). Costs CPU, can save space.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@error_policy': {
    summary:
      'Reaction to I/O errors: `stop` (pause the guest), `report` (pass to guest), `ignore` or `enospace` (pause only when out of space).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@rerror_policy': {
    summary: 'Separate reaction to read errors, overriding error_policy for reads (`enospace` is not valid here).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@iothread': {
    summary: 'IOThread id that processes this disk\u2019s I/O (virtio disks on pci or ccw); several disks may share one.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@queues': {
    summary: 'Number of virtqueues for virtio-blk or vhost-user-blk; usually matched to the vCPU count.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@queue_size': {
    summary: 'Size of each virtqueue for virtio-blk or vhost-user-blk.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@copy_on_read': {
    summary: '`on` copies data read from the backing file into the top image, helping when the backing file is on slow remote storage.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@ioeventfd': {
    summary: 'Let a separate thread handle the disk\u2019s virtqueue notifications (`on`/`off`); best left at the hypervisor default.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@event_idx': {
    summary: 'Virtio event index feature, reducing interrupts and exits; only force `off` to work around problems.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/driver/@iommu': {
    summary: 'Make the virtio device translate its DMA through the emulated IOMMU (`on`/`off`); needed for confidential guests.',
    anchor: 'virtio-related-options',
  },
  '/domain/devices/disk/driver/@ats': {
    summary: 'PCIe Address Translation Services for the virtio device, letting it use the IOMMU IOTLB.',
    anchor: 'virtio-related-options',
  },
  '/domain/devices/disk/driver/@packed': {
    summary:
      'Ask for packed virtqueues (one descriptor ring) instead of split ones; used only if device, backend and guest driver agree. Guest-visible.',
    anchor: 'virtio-related-options',
  },
  '/domain/devices/disk/boot': {
    summary: 'Makes the disk bootable at a given position in the per-device boot order; cannot be mixed with `<os><boot dev>`.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/boot/@order': {
    summary: 'Position in the boot sequence, 1 first; numbers must be unique across all devices.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/boot/@loadparm': {
    summary: 's390 only: up to 8 characters the guest can read to choose a boot entry.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/readonly': {
    summary: 'The guest cannot write to the disk; implied for CD-ROMs.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/shareable': {
    summary: 'The disk may be used by several guests at once (e.g. clustered filesystems), so host caching must stay off for it.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/transient': {
    summary: 'Guest writes go to a temporary overlay discarded when the guest stops; often blocks migration, snapshots and block jobs.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/serial': {
    summary:
      'Serial number the guest sees for the disk (useful for stable /dev/disk/by-id names); long values may be cut depending on bus.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/wwn': {
    summary: 'World Wide Name of the virtual disk or CD-ROM, 16 hex digits.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/vendor': {
    summary: 'Vendor string the guest sees for the disk, up to 8 printable characters.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/product': {
    summary: 'Product string the guest sees for the disk, up to 16 printable characters.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/geometry': {
    summary: 'Overrides the cylinders/heads/sectors geometry reported to the guest (old DOS disks, s390 DASD).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/blockio': {
    summary: 'Overrides the block sizes the guest sees (logical, physical, discard granularity), e.g. to present 4K-sector disks.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/blockio/@logical_block_size': {
    summary: 'Smallest addressable unit, in bytes, reported to the guest (e.g. 512 or 4096).',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/blockio/@physical_block_size': {
    summary: 'Hardware sector size, in bytes, reported to the guest; guests use it to align their writes.',
    anchor: 'hard-drives-floppy-disks-cdroms',
  },
  '/domain/devices/disk/alias': {
    summary: 'Device identifier; a user-chosen name must start with `ua-` and be unique within the guest.',
    anchor: 'devices',
  },

  // filesystems
  '/domain/devices/filesystem': {
    summary:
      'A host directory (or other filesystem source) the guest accesses directly, through virtiofs or 9p for QEMU, or as a mount for containers.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/@type': {
    summary:
      'Kind of source: `mount` (host directory, default), `block`, `file`, `ram`, `bind` or `template`; only `mount` applies to QEMU.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/@accessmode': {
    summary:
      'Security model for 9p: `passthrough` (guest user credentials, default; the only one for virtiofs), `mapped` (emulator credentials) or `squash`.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/@model': {
    summary: '`virtio`, `virtio-transitional` or `virtio-non-transitional` variant of the device.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/@multidevs': {
    summary:
      'For 9p exports spanning several host devices: `remap` inode numbers, `forbid` extra devices, `warn` or `default`; avoids inode collisions in the guest.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/driver': {
    summary: 'Backend used to provide the filesystem: `virtiofs`, 9p `path`/`handle`, or container loop/nbd/ploop drivers.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/driver/@type': {
    summary: 'Backend: `virtiofs` (needs shared memory backing), `path` or `handle` for 9p, `loop`/`nbd`/`ploop` for containers.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/driver/@queue': {
    summary: 'For virtiofs: size of the request queue.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/binary': {
    summary: 'Options for the virtiofsd daemon libvirt launches: binary path, xattr support, caching, sandboxing, locking and thread pool.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/source': {
    summary: 'The host side: `dir` for mount type, `socket` for an externally started virtiofsd, `name` for templates, `usage` for ram.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/source/@dir': {
    summary: 'Host directory exported to the guest.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/source/@socket': {
    summary: 'Socket of a virtiofsd started outside libvirt; most other virtiofs options then do not apply.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/target': {
    summary: 'Guest side: a mount point for containers, or for QEMU an arbitrary tag the guest uses to mount the export.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/target/@dir': {
    summary: 'Mount tag (QEMU) or mount point (containers) of the export.',
    anchor: 'filesystems',
  },
  '/domain/devices/filesystem/readonly': {
    summary: 'Export the filesystem read-only to the guest (QEMU 9p; not for virtiofs).',
    anchor: 'filesystems',
  },

  // controllers
  '/domain/devices/controller': {
    summary:
      'A bus controller devices attach to (PCI/PCIe, SCSI, USB, SATA, IDE, virtio-serial, CCID...). libvirt adds many automatically; indexes and models are guest ABI.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/@type': {
    summary: 'Bus family: `pci`, `scsi`, `usb`, `sata`, `ide`, `fdc`, `virtio-serial`, `ccid`, `xenbus`, `isa`...',
    anchor: 'controllers',
  },
  '/domain/devices/controller/@index': {
    summary:
      'Order number among controllers of the same type, used by device addresses (`controller=` for drives, `bus=` for PCI). Auto-assigned when omitted; leaving gaps in PCI indexes can break the setup.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/@model': {
    summary:
      'Exact controller kind: for PCI `pci-root`, `pcie-root`, `pcie-root-port`, `pcie-to-pci-bridge`...; for SCSI e.g. `virtio-scsi`, `lsilogic`; for USB e.g. `qemu-xhci`, `ich9-ehci1`, or `none`.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/@ports': {
    summary: 'Number of ports offered (virtio-serial ports, USB controller ports).',
    anchor: 'controllers',
  },
  '/domain/devices/controller/@vectors': {
    summary: 'Number of MSI vectors of a virtio-serial controller.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/@maxGrantFrames': {
    summary: 'Xen xenbus: maximum grant frames available to devices on the bus.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/@maxEventChannels': {
    summary: 'Xen xenbus: maximum event channels (paravirtual interrupts) the guest may use.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/model': {
    summary:
      'PCI controllers: the concrete emulated device behind the model class; libvirt records it at define time and it should not be edited, since it is guest ABI.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/model/@name': {
    summary:
      'QEMU device name, e.g. `pcie-root-port`, `ioh3420`, `i82801b11-bridge`, `pxb-pcie`; changing it changes the hardware the guest sees.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/target': {
    summary:
      'Guest-visible PCI controller settings that libvirt normally fills in automatically; keep recorded values unchanged to preserve the guest ABI.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/target/@chassisNr': {
    summary: 'pci-bridge chassis number (1-255), normally equal to the controller index.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/target/@chassis': {
    summary:
      'Chassis number (0-255) of a pcie-root-port or downstream port as the guest sees it; libvirt usually sets it to the controller index.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/target/@port': {
    summary:
      'Port number (0-255) of a pcie-root-port or downstream port as the guest sees it, typically derived from its slot and function (e.g. 0x10).',
    anchor: 'controllers',
  },
  '/domain/devices/controller/target/@busNr': {
    summary: 'First bus number of a pci/pcie expander bus (1-254); the range above it is reserved for controllers behind the expander.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/target/@hotplug': {
    summary: '`off` disables hot plug and unplug of devices on this root port, downstream port or pci-root (ACPI and native PCIe hotplug).',
    anchor: 'controllers',
  },
  '/domain/devices/controller/target/@index': {
    summary: 'pSeries pci-root: order in which the PCI host bridge appears in the guest.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/target/node': {
    summary: 'Guest NUMA node reported for an expander bus (or pSeries pci-root), so devices behind it are local to that node.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/target/@memReserve': {
    summary: 'Memory window the firmware reserves behind this PCIe root port for devices hotplugged later.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/pcihole64': {
    summary:
      'Size of the 64-bit PCI MMIO hole of the root bus (KiB by default); 0 disables it for guests such as old Windows that crash with it.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/master': {
    summary: 'For USB companion controllers: links this controller to its master (same index), with the first port it serves.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/master/@startport': {
    summary: 'First port of the master USB controller handled by this companion.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/driver': {
    summary: 'Driver options of the controller: queues, command limits, ioeventfd, IOThread binding and virtio transport options.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/driver/@queues': {
    summary: 'Number of request queues (e.g. virtio-scsi); matching the vCPU count gives the best throughput.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/driver/@cmd_per_lun': {
    summary: 'Most commands that may be queued per device on this controller.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/driver/@max_sectors': {
    summary: 'Largest single transfer in 512-byte sectors.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/driver/@ioeventfd': {
    summary: 'Asynchronous notification handling for the controller (`on`/`off`).',
    anchor: 'controllers',
  },
  '/domain/devices/controller/driver/@iothread': {
    summary: 'For virtio-scsi: IOThread that handles the controller and therefore every SCSI disk on it.',
    anchor: 'controllers',
  },
  '/domain/devices/controller/driver/@iommu': {
    summary: 'Route the virtio controller\u2019s DMA through the emulated IOMMU.',
    anchor: 'virtio-related-options',
  },

  // leases
  '/domain/devices/lease': {
    summary: 'A lock-manager lease the guest must hold to run; the guest will not start unless the lease can be acquired.',
    anchor: 'device-leases',
  },
  '/domain/devices/lease/lockspace': {
    summary: 'Name of the lockspace the lease key belongs to.',
    anchor: 'device-leases',
  },
  '/domain/devices/lease/key': {
    summary: 'Name uniquely identifying the lease within its lockspace.',
    anchor: 'device-leases',
  },
  '/domain/devices/lease/target': {
    summary: 'File backing the lockspace (`path`) and where in it the lease is stored (`offset`).',
    anchor: 'device-leases',
  },

  // host devices
  '/domain/devices/hostdev': {
    summary:
      'A host device given to the guest: a PCI function (VFIO), USB device, SCSI LUN/host or mediated device; for containers, block/char devices. Assigned devices usually prevent live migration.',
    anchor: 'host-device-assignment',
  },
  '/domain/devices/hostdev/@mode': {
    summary: '`subsystem` for PCI, USB, SCSI and mdev assignment; `capabilities` for container block, char and network devices.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/@type': {
    summary: 'Device kind: `pci`, `usb`, `scsi`, `scsi_host`, `mdev`; or `storage`, `misc`, `net` in capabilities mode.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/@managed': {
    summary:
      'For PCI: `yes` makes libvirt detach the device from its host driver at start and give it back afterwards; with `no` you must do this yourself.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/@model': {
    summary: 'For mdev: device API the vfio driver exposes, `vfio-pci`, `vfio-ccw` or `vfio-ap`; for scsi_host the virtio variant.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/@display': {
    summary: 'vfio-pci mdev (e.g. vGPU): `on` uses the device as the display source for VNC or SPICE graphics.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/@ramfb': {
    summary: 'vfio-pci mdev: `on` adds a simple RAM framebuffer used as boot display when the vGPU is the primary display.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/@sgio': {
    summary: 'For SCSI hostdevs: `filtered` (default) or `unfiltered` unprivileged SG_IO.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/@rawio': {
    summary: 'For SCSI hostdevs: whether the LUN needs the raw I/O capability.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source': {
    summary: 'Identifies the device on the host: PCI address, USB vendor/product or bus/device, SCSI adapter and address, or mdev UUID.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source/address': {
    summary:
      'Host-side address of the device (PCI domain/bus/slot/function as lspci shows it, USB bus/device, SCSI bus/target/unit or mdev uuid), not its guest address.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source/address/@domain': {
    summary: 'Host PCI domain of the assigned device.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source/address/@bus': {
    summary: 'Host bus number of the assigned device (PCI, USB or SCSI, depending on the hostdev type).',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source/address/@slot': {
    summary: 'Host PCI slot of the assigned device.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source/address/@function': {
    summary: 'Host PCI function of the assigned device.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source/address/@device': {
    summary: 'Host USB device number on its bus; changes when the device is replugged, unlike vendor/product ids.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source/address/@uuid': {
    summary: 'UUID of the mediated device created on the host.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source/vendor': {
    summary: 'USB vendor id (`id` attribute) to match on the host.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source/product': {
    summary: 'USB product id (`id` attribute) to match on the host.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source/@startupPolicy': {
    summary: 'For USB: what to do if the device is not plugged in at start: `mandatory`, `requisite` or `optional`.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source/@guestReset': {
    summary:
      'For USB: whether guest-requested resets reach the device (`on`, `off`, `uninitialized`); helps devices whose firmware crashes on reset.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/source/adapter': {
    summary: 'For SCSI: the host SCSI adapter (`name` like `scsi_host0`) the LUN is on.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/driver': {
    summary: 'For PCI: which assignment backend is used; `vfio` is the modern default, `kvm` legacy assignment.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/driver/@name': {
    summary: 'Assignment backend name, `vfio` or the legacy `kvm`.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/rom': {
    summary: 'How the PCI device option ROM is shown to the guest: visibility of the ROM BAR, a replacement ROM file, or no ROM at all.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/rom/@bar': {
    summary: '`on` or `off`: whether the ROM is mapped into guest memory; unset keeps the QEMU default.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/rom/@file': {
    summary: 'Host file presented as the device ROM, e.g. a PXE ROM for an SR-IOV virtual function.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/rom/@enabled': {
    summary: '`no` disables ROM loading for the device entirely.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/boot': {
    summary: 'Lets the guest boot from the assigned device at the given order position.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/boot/@order': {
    summary: 'Position of the assigned device in the boot sequence.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/readonly': {
    summary: 'SCSI hostdev only: the guest cannot write to it.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/shareable': {
    summary: 'SCSI hostdev only: the LUN may be shared with other guests.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/hostdev/teaming': {
    summary: 'Marks an assigned NIC as the transient half of a virtio-net failover pair, so it can be unplugged during migration.',
    anchor: 'teaming-a-virtio-hostdev-nic-pair',
  },

  // redirected devices and smartcards
  '/domain/devices/redirdev': {
    summary:
      'A USB device forwarded from a client or remote host over a character channel (SPICE usbredir or TCP) instead of assigned from this host.',
    anchor: 'redirected-devices',
  },
  '/domain/devices/redirdev/@bus': {
    summary: 'Bus of the redirected device; only `usb`.',
    anchor: 'redirected-devices',
  },
  '/domain/devices/redirdev/@type': {
    summary: 'Host side of the tunnel, as for character devices: typically `spicevmc` (through the SPICE client) or `tcp`.',
    anchor: 'redirected-devices',
  },
  '/domain/devices/redirdev/boot': {
    summary: 'Lets the guest boot from the redirected device at the given order position.',
    anchor: 'redirected-devices',
  },
  '/domain/devices/redirfilter': {
    summary: 'Rules deciding which USB devices may be redirected into the guest.',
    anchor: 'redirected-devices',
  },
  '/domain/devices/redirfilter/usbdev': {
    summary: 'One filter rule matching USB class, vendor, product and version (`-1` matches any), with `allow` yes or no.',
    anchor: 'redirected-devices',
  },
  '/domain/devices/smartcard': {
    summary: 'A virtual USB CCID smartcard reader for the guest, backed by the host card, host certificates, or a passthrough channel.',
    anchor: 'smartcard-devices',
  },
  '/domain/devices/smartcard/@mode': {
    summary:
      '`host` (relay to the host card via NSS), `host-certificates` (three NSS certificates) or `passthrough` (tunnel to an external provider).',
    anchor: 'smartcard-devices',
  },
  '/domain/devices/smartcard/@type': {
    summary: 'For passthrough mode: the character device type of the tunnel, typically `spicevmc` or `tcp`.',
    anchor: 'smartcard-devices',
  },
  '/domain/devices/smartcard/certificate': {
    summary: 'Name of one of the three NSS certificates used in host-certificates mode.',
    anchor: 'smartcard-devices',
  },
  '/domain/devices/smartcard/database': {
    summary: 'NSS database directory holding the certificates (default /etc/pki/nssdb).',
    anchor: 'smartcard-devices',
  },

  // network interfaces
  '/domain/devices/interface': {
    summary:
      'A guest network card and how it connects on the host (virtual network, bridge, macvtap, user networking, VF, vhost-user...). Its MAC and model are guest-visible.',
    anchor: 'network-interfaces',
  },
  '/domain/devices/interface/@type': {
    summary:
      'Host connection: `network`, `bridge`, `direct` (macvtap), `user`, `ethernet` (tap), `hostdev` (SR-IOV VF), `vhostuser`, `vdpa`, `mcast`, `server`/`client`, `udp`, `null` or `vds`.',
    anchor: 'network-interfaces',
  },
  '/domain/devices/interface/@trustGuestRxFilters': {
    summary: '`yes` lets the host apply MAC and receive-filter changes the guest makes (virtio over macvtap); off by default for safety.',
    anchor: 'network-interfaces',
  },
  '/domain/devices/interface/mac': {
    summary: 'MAC address of the guest NIC; generated when absent and then kept. The guest OS ties its network configuration to it.',
    anchor: 'network-interfaces',
  },
  '/domain/devices/interface/mac/@address': {
    summary: 'The MAC, e.g. `52:54:00:xx:xx:xx` (the prefix libvirt uses for KVM); must be unicast and should be unique on the network.',
    anchor: 'network-interfaces',
  },
  '/domain/devices/interface/mac/@type': {
    summary: '`static` keeps a MAC in the reserved VMware range instead of replacing it.',
    anchor: 'network-interfaces',
  },
  '/domain/devices/interface/source': {
    summary: 'Host side of the connection: the network, bridge, physical device, socket or PCI VF, depending on the interface type.',
    anchor: 'network-interfaces',
  },
  '/domain/devices/interface/source/@network': {
    summary: 'Name of the libvirt virtual network to join (e.g. `default`, a NAT network).',
    anchor: 'virtual-network',
  },
  '/domain/devices/interface/source/@portgroup': {
    summary: 'Port group of the virtual network whose settings (VLAN, QoS, virtualport) apply to this NIC.',
    anchor: 'virtual-network',
  },
  '/domain/devices/interface/source/@bridge': {
    summary: 'Host bridge the tap device is attached to (Linux bridge or Open vSwitch).',
    anchor: 'bridge-to-lan',
  },
  '/domain/devices/interface/source/@dev': {
    summary:
      'For `direct`: the host physical interface the macvtap device sits on; for vdpa: the vhost-vdpa device; for passt: the upstream host interface.',
    anchor: 'direct-attachment-to-physical-interface',
  },
  '/domain/devices/interface/source/@mode': {
    summary: 'For `direct`: macvtap mode `vepa` (default), `bridge`, `private` or `passthrough`; for vhost-user: `server` or `client`.',
    anchor: 'direct-attachment-to-physical-interface',
  },
  '/domain/devices/interface/target': {
    summary:
      'Name of the host-side tap/macvtap device; libvirt picks `vnetN` when omitted. Names starting with vnet, vif, macvtap or macvlan are reserved.',
    anchor: 'overriding-the-target-element',
  },
  '/domain/devices/interface/target/@dev': {
    summary: 'Host device name for the guest NIC\u2019s backend.',
    anchor: 'overriding-the-target-element',
  },
  '/domain/devices/interface/target/@managed': {
    summary:
      'For `ethernet`: `no` uses an existing tap device exactly as it is, without libvirt setting it up (useful for unprivileged libvirt).',
    anchor: 'generic-ethernet-connection',
  },
  '/domain/devices/interface/model': {
    summary: 'Emulated NIC hardware the guest sees.',
    anchor: 'setting-the-nic-model',
  },
  '/domain/devices/interface/model/@type': {
    summary:
      'NIC model, e.g. `virtio` (fast, needs guest drivers), `e1000e`, `e1000`, `rtl8139`, `igb`; hypervisor specific, guest-visible, so keep it fixed for a given guest.',
    anchor: 'setting-the-nic-model',
  },
  '/domain/devices/interface/driver': {
    summary: 'Backend and virtio tuning for the NIC: vhost or qemu backend, queues, ring sizes, offloads, RSS and transport options.',
    anchor: 'setting-nic-driver-specific-options',
  },
  '/domain/devices/interface/driver/@name': {
    summary: 'Backend: `vhost` (in-kernel, default when available) or `qemu` (userspace); for hostdev interfaces `vfio` or `kvm`.',
    anchor: 'setting-nic-driver-specific-options',
  },
  '/domain/devices/interface/driver/@txmode': {
    summary: 'Transmit strategy when the buffer is full: `iothread` or `timer`; leave at the default unless you know why.',
    anchor: 'setting-nic-driver-specific-options',
  },
  '/domain/devices/interface/driver/@queues': {
    summary: 'Number of queue pairs for multiqueue virtio-net or vhost-user; more queues let several vCPUs process traffic in parallel.',
    anchor: 'setting-nic-driver-specific-options',
  },
  '/domain/devices/interface/driver/@rx_queue_size': {
    summary: 'Size of each virtio receive ring (QEMU wants a power of two, 256-1024).',
    anchor: 'setting-nic-driver-specific-options',
  },
  '/domain/devices/interface/driver/@tx_queue_size': {
    summary: 'Size of each virtio transmit ring; QEMU honours it only for some backends such as vhost-user.',
    anchor: 'setting-nic-driver-specific-options',
  },
  '/domain/devices/interface/driver/@rss': {
    summary: 'Receive Side Scaling for virtio NICs, spreading incoming flows across queues.',
    anchor: 'setting-nic-driver-specific-options',
  },
  '/domain/devices/interface/driver/@ioeventfd': {
    summary: 'Asynchronous notification handling for the NIC (`on`/`off`); best left at the default.',
    anchor: 'setting-nic-driver-specific-options',
  },
  '/domain/devices/interface/driver/@iommu': {
    summary: 'Route the virtio NIC\u2019s DMA through the emulated IOMMU.',
    anchor: 'virtio-related-options',
  },
  '/domain/devices/interface/driver/host': {
    summary: 'Host-side offload switches (checksum, TSO, GSO, ECN, UFO, mergeable rx buffers) for the virtio NIC.',
    anchor: 'setting-nic-driver-specific-options',
  },
  '/domain/devices/interface/driver/guest': {
    summary: 'Guest-side offload switches (checksum, TSO, ECN, UFO) for the virtio NIC.',
    anchor: 'setting-nic-driver-specific-options',
  },
  '/domain/devices/interface/backend': {
    summary: 'Network backend details: alternative tun/vhost device paths, or for user networking the `passt` backend and its log file.',
    anchor: 'setting-network-backend-specific-options',
  },
  '/domain/devices/interface/backend/@type': {
    summary: 'For `user` interfaces: `passt` selects the passt userspace backend instead of QEMU\u2019s built-in SLIRP.',
    anchor: 'userspace-slirp-or-passt-connection',
  },
  '/domain/devices/interface/backend/@tap': {
    summary: 'Path of the tun/tap clone device to use instead of /dev/net/tun.',
    anchor: 'setting-network-backend-specific-options',
  },
  '/domain/devices/interface/backend/@vhost': {
    summary: 'Path of the vhost-net device to use instead of /dev/vhost-net.',
    anchor: 'setting-network-backend-specific-options',
  },
  '/domain/devices/interface/virtualport': {
    summary:
      'Parameters for the switch port the NIC connects to: Open vSwitch, 802.1Qbg (VEPA), 802.1Qbh or Midonet, merged with the network and portgroup definitions.',
    anchor: 'virtual-network',
  },
  '/domain/devices/interface/virtualport/@type': {
    summary: '`openvswitch`, `802.1Qbg`, `802.1Qbh` or `midonet`; may be omitted to take it from the network.',
    anchor: 'virtual-network',
  },
  '/domain/devices/interface/virtualport/parameters': {
    summary: 'Switch-specific values such as the OVS `interfaceid`, a port `profileid`, or the 802.1Qbg manager/type/instance ids.',
    anchor: 'virtual-network',
  },
  '/domain/devices/interface/bandwidth': {
    summary: 'Traffic shaping for the NIC: average, peak and burst rates, and a guaranteed floor, for inbound and outbound traffic.',
    anchor: 'quality-of-service',
  },
  '/domain/devices/interface/bandwidth/inbound': {
    summary: 'Limits on traffic towards the guest (average, peak in KiB/s, burst in KiB, floor).',
    anchor: 'quality-of-service',
  },
  '/domain/devices/interface/bandwidth/outbound': {
    summary: 'Limits on traffic from the guest (average, peak in KiB/s, burst in KiB).',
    anchor: 'quality-of-service',
  },
  '/domain/devices/interface/vlan': {
    summary: 'VLAN tags applied to the guest traffic; only works with Open vSwitch bridges and SR-IOV VFs.',
    anchor: 'setting-vlan-tag-on-supported-network-types-only',
  },
  '/domain/devices/interface/vlan/@trunk': {
    summary: '`yes` trunks even a single tag instead of plain tagging.',
    anchor: 'setting-vlan-tag-on-supported-network-types-only',
  },
  '/domain/devices/interface/vlan/tag': {
    summary: 'One VLAN id; several tags mean a trunk. `nativeMode` marks the native VLAN on Open vSwitch.',
    anchor: 'setting-vlan-tag-on-supported-network-types-only',
  },
  '/domain/devices/interface/vlan/tag/@id': {
    summary: 'VLAN id (0-4095).',
    anchor: 'setting-vlan-tag-on-supported-network-types-only',
  },
  '/domain/devices/interface/port': {
    summary: "Port properties on the host bridge; `isolated='yes'` stops traffic between isolated guests on the same bridge.",
    anchor: 'isolating-guests-network-traffic-from-each-other',
  },
  '/domain/devices/interface/link': {
    summary: 'Virtual link state of the NIC.',
    anchor: 'modifying-virtual-link-state',
  },
  '/domain/devices/interface/link/@state': {
    summary: '`up` (default) or `down`, which looks to the guest like an unplugged cable.',
    anchor: 'modifying-virtual-link-state',
  },
  '/domain/devices/interface/mtu': {
    summary: 'MTU of the virtual link.',
    anchor: 'mtu-configuration',
  },
  '/domain/devices/interface/mtu/@size': {
    summary: 'MTU in bytes; with virtio it is also advertised to the guest driver.',
    anchor: 'mtu-configuration',
  },
  '/domain/devices/interface/coalesce': {
    summary:
      'Interrupt coalescing for the host backend (network and bridge types): how many received packets to batch before an interrupt.',
    anchor: 'coalesce-settings',
  },
  '/domain/devices/interface/ip': {
    summary:
      'IP address to configure on the guest side (LXC, user networking) or on the host side in `<source>` for ethernet; some types ignore it.',
    anchor: 'ip-configuration',
  },
  '/domain/devices/interface/route': {
    summary: 'Static route to add in the guest (LXC).',
    anchor: 'ip-configuration',
  },
  '/domain/devices/interface/boot': {
    summary: 'Lets the guest network-boot (PXE) through this NIC at the given order position.',
    anchor: 'specifying-boot-order',
  },
  '/domain/devices/interface/boot/@order': {
    summary: 'Position of this NIC in the per-device boot sequence.',
    anchor: 'specifying-boot-order',
  },
  '/domain/devices/interface/rom': {
    summary: 'Option ROM of the NIC: show the ROM BAR or not, or supply another boot ROM file.',
    anchor: 'interface-rom-bios-configuration',
  },
  '/domain/devices/interface/rom/@bar': {
    summary: '`on` or `off`: whether the NIC ROM is visible in the guest memory map.',
    anchor: 'interface-rom-bios-configuration',
  },
  '/domain/devices/interface/rom/@file': {
    summary: 'Host file used as the NIC boot ROM instead of the default one.',
    anchor: 'interface-rom-bios-configuration',
  },
  '/domain/devices/interface/acpi': {
    summary: 'ACPI settings of the NIC; `index` gives it a stable ACPI index.',
    anchor: 'network-interfaces',
  },
  '/domain/devices/interface/acpi/@index': {
    summary: 'ACPI index (1-16383, unique per guest) that systemd-style naming uses to give the NIC a name independent of its PCI address.',
    anchor: 'network-interfaces',
  },
  '/domain/devices/interface/filterref': {
    summary: 'nwfilter traffic rules applied to this NIC on the host (e.g. `clean-traffic`), with optional parameters.',
    anchor: 'traffic-filtering-with-nwfilter',
  },
  '/domain/devices/interface/filterref/@filter': {
    summary: 'Name of the nwfilter to apply.',
    anchor: 'traffic-filtering-with-nwfilter',
  },
  '/domain/devices/interface/teaming': {
    summary:
      'Pairs a virtio NIC with a VF NIC as a failover team in the guest, so the VF can be unplugged for migration while traffic moves to virtio.',
    anchor: 'teaming-a-virtio-hostdev-nic-pair',
  },
  '/domain/devices/interface/teaming/@type': {
    summary: '`persistent` for the always-present (virtio) NIC, `transient` for the one that may be removed (the VF).',
    anchor: 'teaming-a-virtio-hostdev-nic-pair',
  },
  '/domain/devices/interface/teaming/@persistent': {
    summary: 'On the transient NIC: alias name of its persistent partner (a `ua-` alias).',
    anchor: 'teaming-a-virtio-hostdev-nic-pair',
  },
  '/domain/devices/interface/portForward': {
    summary: 'With the passt backend: forwards incoming host traffic for a protocol, address and port ranges to the guest.',
    anchor: 'userspace-slirp-or-passt-connection',
  },
  '/domain/devices/interface/script': {
    summary: 'For `ethernet`: host script run after the tap device is created (`path`).',
    anchor: 'generic-ethernet-connection',
  },
  '/domain/devices/interface/downscript': {
    summary: 'For `ethernet`: host script run after the tap device is closed.',
    anchor: 'generic-ethernet-connection',
  },
  '/domain/devices/interface/backenddomain': {
    summary: 'Xen: driver domain that hosts the network backend instead of dom0.',
    anchor: 'setting-up-a-network-backend-in-a-driver-domain',
  },
  '/domain/devices/interface/guest': {
    summary: 'LXC: name of the interface inside the container.',
    anchor: 'overriding-the-target-element',
  },

  // input and hub
  '/domain/devices/input': {
    summary:
      'A pointing device, keyboard or passed-through event device. x86 guests with graphics get PS/2 mouse and keyboard implicitly; a USB or virtio tablet gives absolute pointing.',
    anchor: 'input-devices',
  },
  '/domain/devices/input/@type': {
    summary:
      '`mouse` (relative), `tablet` (absolute, keeps the cursor in sync), `keyboard`, `passthrough` (a host evdev via virtio) or `evdev` (grab a host input device).',
    anchor: 'input-devices',
  },
  '/domain/devices/input/@bus': {
    summary: 'Bus of the device: `ps2`, `usb`, `virtio` or `xen`; determines the hardware the guest sees.',
    anchor: 'input-devices',
  },
  '/domain/devices/input/@model': {
    summary: 'For virtio input: `virtio`, `virtio-transitional` or `virtio-non-transitional`.',
    anchor: 'input-devices',
  },
  '/domain/devices/input/source': {
    summary: 'For passthrough and evdev: host event device path, plus grab, auto-repeat and grab-toggle key settings for evdev.',
    anchor: 'input-devices',
  },
  '/domain/devices/input/source/@evdev': {
    summary: 'Passthrough: host event device path, e.g. /dev/input/event1.',
    anchor: 'input-devices',
  },
  '/domain/devices/input/source/@dev': {
    summary: 'evdev: host input device grabbed for the guest.',
    anchor: 'input-devices',
  },
  '/domain/devices/input/source/@grabToggle': {
    summary: 'evdev: key combination that switches the grabbed device between host and guest (`ctrl-ctrl`, `alt-alt`, `scrolllock`...).',
    anchor: 'input-devices',
  },
  '/domain/devices/hub': {
    summary: 'A USB hub that adds ports so more USB devices can attach.',
    anchor: 'hub-devices',
  },
  '/domain/devices/hub/@type': {
    summary: 'Hub type; only `usb`.',
    anchor: 'hub-devices',
  },

  // graphics
  '/domain/devices/graphics': {
    summary:
      'Remote or local display for the guest console: VNC, SPICE, SDL, RDP, D-Bus or egl-headless, with listen address, ports and access settings.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/@type': {
    summary: '`vnc`, `spice`, `sdl`, `rdp`, `desktop`, `dbus` or `egl-headless` (OpenGL rendering paired with vnc or spice).',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/@port': {
    summary: 'TCP port of the VNC/SPICE/RDP server; `-1` is the legacy way to ask for automatic allocation.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/@autoport': {
    summary: '`yes` lets libvirt pick free ports at each start (the chosen port shows in live XML); preferred over fixed ports.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/@tlsPort': {
    summary: 'SPICE: TCP port of the TLS-secured server.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/@listen': {
    summary: "Legacy form of the listen address; it must agree with the first `<listen type='address'>` child.",
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/@passwd': {
    summary: 'Clear-text console password (VNC/SPICE); an empty value disables access. It is stored in the XML.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/@passwdValidTo': {
    summary: 'UTC timestamp after which the password stops working.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/@keymap': {
    summary: 'Keyboard layout the server assumes, e.g. `en-us`; usually best left unset with modern clients.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/@websocket': {
    summary: 'VNC: port for WebSocket clients such as noVNC (`-1` for automatic).',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/@sharePolicy': {
    summary: 'VNC: `allow-exclusive` (default), `force-shared` or `ignore`, controlling whether one client can take over the session.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/@defaultMode': {
    summary: 'SPICE: default channel security `secure`, `insecure` or `any` (secure when possible).',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/listen': {
    summary: 'Where the display server accepts clients; VNC, SPICE and RDP support it.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/listen/@type': {
    summary:
      '`address` (IP or host name), `network` (first address of a libvirt network), `socket` (UNIX socket) or `none` (clients connect through libvirt APIs).',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/listen/@address': {
    summary:
      'IP address or host name to listen on; `0.0.0.0` accepts remote clients, `127.0.0.1` local only. Omit to use the qemu.conf default.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/listen/@network': {
    summary: 'libvirt network whose address the server listens on.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/listen/@socket': {
    summary: 'UNIX socket path to listen on; generated when omitted.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/gl': {
    summary: 'OpenGL acceleration for the display (SPICE local only, SDL, D-Bus, egl-headless), optionally with a DRM render node.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/gl/@enable': {
    summary: '`yes` turns OpenGL rendering on for the display.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/gl/@rendernode': {
    summary: 'Host DRM render node (e.g. /dev/dri/renderD128) used for rendering.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/audio': {
    summary: 'Which `<audio>` backend (by id) the VNC or D-Bus display carries.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/channel': {
    summary:
      'SPICE: forces one channel (main, display, inputs, cursor, playback, record, smartcard, usbredir) onto the secure or insecure port.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/image': {
    summary: 'SPICE image compression: `auto_glz`, `auto_lz`, `quic`, `glz`, `lz` or `off`.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/streaming': {
    summary: 'SPICE video streaming detection: `filter`, `all` or `off`.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/clipboard': {
    summary: "SPICE: `copypaste='no'` turns off clipboard sharing through the agent.",
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/mouse': {
    summary: 'SPICE mouse mode: `client` (cursor drawn by the client, the default) or `server`.',
    anchor: 'graphical-framebuffers',
  },
  '/domain/devices/graphics/filetransfer': {
    summary: "SPICE: `enable='no'` turns off file transfer through the agent.",
    anchor: 'graphical-framebuffers',
  },

  // video
  '/domain/devices/video': {
    summary:
      'Graphics adapter of the guest. With graphics configured libvirt adds one by default; the first video device is primary. Model and memory sizes are guest ABI.',
    anchor: 'video-devices',
  },
  '/domain/devices/video/model': {
    summary: 'Emulated adapter type with its memory sizes, screens and acceleration.',
    anchor: 'video-devices',
  },
  '/domain/devices/video/model/@type': {
    summary:
      'Adapter: `virtio`, `qxl`, `vga`, `bochs`, `ramfb`, `cirrus`, `vmvga`, `xen`, `vbox`, `gop` or `none` (no default adapter, e.g. vGPU only).',
    anchor: 'video-devices',
  },
  '/domain/devices/video/model/@vram': {
    summary: 'Video memory in KiB (for qxl the secondary BAR), rounded to a power of two.',
    anchor: 'video-devices',
  },
  '/domain/devices/video/model/@ram': {
    summary: 'qxl: size of the primary BAR in KiB (power of two).',
    anchor: 'video-devices',
  },
  '/domain/devices/video/model/@vgamem': {
    summary: 'qxl: size of the VGA framebuffer used in fallback mode, in KiB.',
    anchor: 'video-devices',
  },
  '/domain/devices/video/model/@vram64': {
    summary: 'qxl: extra 64-bit addressable video memory, in KiB.',
    anchor: 'video-devices',
  },
  '/domain/devices/video/model/@heads': {
    summary: 'Number of screens the adapter offers.',
    anchor: 'video-devices',
  },
  '/domain/devices/video/model/@primary': {
    summary: '`yes` marks the primary adapter when there are several; the others must be qxl or virtio.',
    anchor: 'video-devices',
  },
  '/domain/devices/video/model/@blob': {
    summary: 'virtio: `on` enables blob resources, cutting pixel copies between guest and host (QEMU 6.1+).',
    anchor: 'video-devices',
  },
  '/domain/devices/video/model/acceleration': {
    summary: '2D/3D acceleration switches (`accel3d` enables virgl with virtio and a GL-capable display).',
    anchor: 'video-devices',
  },
  '/domain/devices/video/model/resolution': {
    summary: 'Minimum resolution (`x`, `y`) the adapter reports; for vga, qxl, bochs, gop and virtio.',
    anchor: 'video-devices',
  },
  '/domain/devices/video/driver': {
    summary: 'Backend of the video device (`qemu` or an external `vhostuser` process) and virtio transport options.',
    anchor: 'video-devices',
  },
  '/domain/devices/video/driver/@name': {
    summary: '`qemu` (built in) or `vhostuser` (separate vhost-user GPU process, virtio only).',
    anchor: 'video-devices',
  },

  // character devices
  '/domain/devices/serial': {
    summary:
      'An emulated serial port; the top-level `type` says where the host end goes (pty, file, socket...). The first one usually doubles as the serial console.',
    anchor: 'consoles-serial-parallel-channel-devices',
  },
  '/domain/devices/serial/@type': {
    summary: 'Host side: `pty`, `file`, `unix`, `tcp`, `udp`, `dev`, `pipe`, `stdio`, `vc`, `null`, `spiceport` or `nmdm`.',
    anchor: 'host-interface',
  },
  '/domain/devices/serial/source': {
    summary: 'Host endpoint settings for the chosen type: path, host and service, bind/connect mode, append, TLS and reconnect.',
    anchor: 'host-interface',
  },
  '/domain/devices/serial/source/@path': {
    summary: 'Host path: the pty allocated (in live XML), the output file, the UNIX socket or the host device.',
    anchor: 'host-interface',
  },
  '/domain/devices/serial/source/@mode': {
    summary: 'For sockets: `bind` (listen for a client) or `connect` (dial out to a server).',
    anchor: 'tcp-client-server',
  },
  '/domain/devices/serial/source/@host': {
    summary: 'For tcp and udp: address to bind to or connect to.',
    anchor: 'tcp-client-server',
  },
  '/domain/devices/serial/source/@service': {
    summary: 'For tcp and udp: port number.',
    anchor: 'tcp-client-server',
  },
  '/domain/devices/serial/source/@append': {
    summary: 'For file type: `on` keeps earlier contents at restart, `off` (default) truncates the file.',
    anchor: 'consoles-serial-parallel-channel-devices',
  },
  '/domain/devices/serial/protocol': {
    summary: 'For tcp: wire protocol `raw`, `telnet`, `telnets` or `tls`.',
    anchor: 'tcp-client-server',
  },
  '/domain/devices/serial/log': {
    summary: 'Also write everything the device outputs to a host log file, whatever its type.',
    anchor: 'consoles-serial-parallel-channel-devices',
  },
  '/domain/devices/serial/log/@file': {
    summary: 'Host path of the log file.',
    anchor: 'consoles-serial-parallel-channel-devices',
  },
  '/domain/devices/serial/target': {
    summary: 'Guest side of the serial port: port number and the kind of serial hardware.',
    anchor: 'serial-port',
  },
  '/domain/devices/serial/target/@type': {
    summary:
      'Serial hardware: `isa-serial` (x86), `usb-serial`, `pci-serial`, `spapr-vio-serial` (pSeries), `system-serial` (ARM/RISC-V virt), `sclp-serial` (s390), `isa-debug`.',
    anchor: 'serial-port',
  },
  '/domain/devices/serial/target/@port': {
    summary: 'Port number starting at 0 (ttyS0 is port 0 on x86).',
    anchor: 'serial-port',
  },
  '/domain/devices/serial/target/model': {
    summary: 'Concrete device for the target type; libvirt picks a suitable one and overriding it is rarely wise.',
    anchor: 'serial-port',
  },
  '/domain/devices/serial/target/model/@name': {
    summary: 'Device name, e.g. `isa-serial`, `pci-serial`, `usb-serial`, `pl011`, `16550a`, `spapr-vty`, `sclpconsole`, `isa-debugcon`.',
    anchor: 'serial-port',
  },
  '/domain/devices/parallel': {
    summary: 'An emulated parallel port with a host-side character backend.',
    anchor: 'parallel-port',
  },
  '/domain/devices/parallel/target/@port': {
    summary: 'Parallel port number, starting at 0.',
    anchor: 'parallel-port',
  },
  '/domain/devices/console': {
    summary:
      'An interactive console (what `virsh console` attaches to). With target type `serial` it is the first `<serial>` itself, not a new device.',
    anchor: 'console',
  },
  '/domain/devices/console/@type': {
    summary: 'Host side of the console, as for serial ports; `pty` is typical.',
    anchor: 'host-interface',
  },
  '/domain/devices/console/target': {
    summary: 'Guest side of the console: its kind and port number.',
    anchor: 'console',
  },
  '/domain/devices/console/target/@type': {
    summary:
      '`serial` (alias of the first serial port, only one allowed), `virtio` (hvc devices), `xen`, `lxc`, `openvz`, or legacy `sclp`/`sclplm`.',
    anchor: 'console',
  },
  '/domain/devices/console/target/@port': {
    summary: 'Console number as seen by the guest (e.g. hvc0 for virtio port 0).',
    anchor: 'console',
  },
  '/domain/devices/channel': {
    summary: 'A private host-guest communication channel, e.g. the QEMU guest agent, SPICE agent or a guestfwd TCP forward.',
    anchor: 'channel',
  },
  '/domain/devices/channel/@type': {
    summary: 'Host side of the channel: `unix` (agent sockets), `spicevmc`, `qemu-vdagent`, `pty`, `tcp`...',
    anchor: 'channel',
  },
  '/domain/devices/channel/source': {
    summary: 'Host endpoint of the channel; for virtio UNIX channels it can be left out and libvirt generates the socket path.',
    anchor: 'channel',
  },
  '/domain/devices/channel/target': {
    summary: 'How the channel appears in the guest: its kind and name (or forwarded address and port).',
    anchor: 'channel',
  },
  '/domain/devices/channel/target/@type': {
    summary: '`virtio` (virtio-serial port), `xen`, or `guestfwd` (guest TCP traffic to an address/port forwarded to the host endpoint).',
    anchor: 'channel',
  },
  '/domain/devices/channel/target/@name': {
    summary:
      'virtio port name shown in /dev/virtio-ports; `org.qemu.guest_agent.0` lets libvirt talk to the QEMU guest agent, `com.redhat.spice.0` is the SPICE agent.',
    anchor: 'channel',
  },
  '/domain/devices/channel/target/@state': {
    summary: 'Live XML only: whether a guest process currently has the channel open (`connected`/`disconnected`).',
    anchor: 'channel',
  },
  '/domain/devices/channel/target/@address': {
    summary: 'guestfwd: IP address the guest connects to.',
    anchor: 'channel',
  },
  '/domain/devices/channel/target/@port': {
    summary: 'guestfwd: TCP port the guest connects to.',
    anchor: 'channel',
  },

  // sound and audio
  '/domain/devices/sound': {
    summary: 'An emulated sound card; which host audio backend it plays through is set with an `<audio>` child.',
    anchor: 'sound-devices',
  },
  '/domain/devices/sound/@model': {
    summary: 'Sound hardware: `ich9`, `ich6` (HDA), `ich7`, `ac97`, `es1370`, `sb16`, `pcspk` or `usb`; guest-visible.',
    anchor: 'sound-devices',
  },
  '/domain/devices/sound/@multichannel': {
    summary: 'USB audio only: `yes` switches the device to multi-channel mode.',
    anchor: 'sound-devices',
  },
  '/domain/devices/sound/codec': {
    summary: 'HDA codec attached to an ich6/ich9 card; a default one is added if none is given.',
    anchor: 'sound-devices',
  },
  '/domain/devices/sound/codec/@type': {
    summary: '`duplex` (line in and out), `micro` (speaker and microphone) or `output` (line out only).',
    anchor: 'sound-devices',
  },
  '/domain/devices/sound/audio': {
    summary: 'Binds the sound card to an `<audio>` backend by id; without it the default backend is used.',
    anchor: 'sound-devices',
  },
  '/domain/devices/sound/audio/@id': {
    summary: 'Id of the `<audio>` element to use.',
    anchor: 'sound-devices',
  },
  '/domain/devices/audio': {
    summary: 'A host audio backend sound cards and displays can be bound to, with input and output stream settings.',
    anchor: 'audio-backends',
  },
  '/domain/devices/audio/@id': {
    summary: 'Positive integer identifying the backend for `<audio id>` references in sound and graphics devices.',
    anchor: 'audio-backends',
  },
  '/domain/devices/audio/@type': {
    summary:
      'Host audio system used: `pulseaudio`, `alsa`, `jack`, `oss`, `coreaudio` (macOS), `sdl`, `dbus`, `spice` (audio over the SPICE session), `file` (record to a file) or `none`.',
    anchor: 'audio-backends',
  },
  '/domain/devices/audio/@timerPeriod': {
    summary: 'Audio timer period in microseconds; the smallest possible when omitted.',
    anchor: 'audio-backends',
  },
  '/domain/devices/audio/input': {
    summary: 'Recording stream settings (mixing engine, voices, buffer length, backend-specific options).',
    anchor: 'audio-backends',
  },
  '/domain/devices/audio/output': {
    summary: 'Playback stream settings (mixing engine, voices, buffer length, backend-specific options).',
    anchor: 'audio-backends',
  },
  '/domain/devices/audio/@path': {
    summary: 'file backend: host file the guest audio is recorded to (WAV with QEMU).',
    anchor: 'file-audio-backend',
  },
  '/domain/devices/audio/@serverName': {
    summary: 'pulseaudio backend: host name of the PulseAudio server.',
    anchor: 'pulseaudio-audio-backend',
  },

  // watchdog, balloon, rng, tpm, nvram, panic
  '/domain/devices/watchdog': {
    summary:
      'Emulated hardware watchdog: if the guest stops feeding it (it needs a guest driver and daemon), the configured action is taken.',
    anchor: 'watchdog-devices',
  },
  '/domain/devices/watchdog/@model': {
    summary: 'Watchdog hardware: `i6300esb` (PCI, recommended), `ib700` (ISA), `diag288` (s390) or `itco` (part of q35).',
    anchor: 'watchdog-devices',
  },
  '/domain/devices/watchdog/@action': {
    summary:
      'On expiry: `reset` (default), `shutdown` (needs a responsive guest, so rarely useful), `poweroff`, `pause`, `none`, `dump` or `inject-nmi`.',
    anchor: 'watchdog-devices',
  },
  '/domain/devices/memballoon': {
    summary:
      'Balloon device through which the host reclaims or returns guest memory and reads memory statistics. QEMU guests get one automatically; it occupies a PCI slot (guest ABI).',
    anchor: 'memory-balloon-device',
  },
  '/domain/devices/memballoon/@model': {
    summary: '`virtio` (QEMU default), `virtio-transitional`, `virtio-non-transitional`, `xen`, or `none` to have no balloon at all.',
    anchor: 'memory-balloon-device',
  },
  '/domain/devices/memballoon/@autodeflate': {
    summary: '`on` lets the balloon give memory back to the guest just before the guest OOM killer would strike.',
    anchor: 'memory-balloon-device',
  },
  '/domain/devices/memballoon/@freePageReporting': {
    summary: '`on` lets the guest report freed pages so the host can reuse them.',
    anchor: 'memory-balloon-device',
  },
  '/domain/devices/memballoon/stats': {
    summary: 'Periodic collection of guest memory statistics through the balloon.',
    anchor: 'memory-balloon-device',
  },
  '/domain/devices/memballoon/stats/@period': {
    summary: 'Seconds between statistics updates; 0 or absent means no collection.',
    anchor: 'memory-balloon-device',
  },
  '/domain/devices/memballoon/driver': {
    summary: 'virtio transport options (iommu, ats, packed) for the balloon.',
    anchor: 'memory-balloon-device',
  },
  '/domain/devices/rng': {
    summary: 'Paravirtual random number generator feeding host entropy to the guest (virtio-rng).',
    anchor: 'random-number-generator-device',
  },
  '/domain/devices/rng/@model': {
    summary: '`virtio`, `virtio-transitional` or `virtio-non-transitional`.',
    anchor: 'random-number-generator-device',
  },
  '/domain/devices/rng/rate': {
    summary: 'Caps how fast the guest may draw entropy.',
    anchor: 'random-number-generator-device',
  },
  '/domain/devices/rng/rate/@bytes': {
    summary: 'Bytes allowed per period.',
    anchor: 'random-number-generator-device',
  },
  '/domain/devices/rng/rate/@period': {
    summary: 'Length of a rate period in milliseconds (1000 when omitted).',
    anchor: 'random-number-generator-device',
  },
  '/domain/devices/rng/backend': {
    summary: 'Entropy source on the host: a character device such as /dev/urandom, an EGD daemon, or QEMU\u2019s builtin generator.',
    anchor: 'random-number-generator-device',
  },
  '/domain/devices/rng/backend/@model': {
    summary:
      '`random` (host device file given as text; /dev/urandom recommended), `egd` (EGD protocol over a character device) or `builtin` (getrandom in QEMU).',
    anchor: 'random-number-generator-device',
  },
  '/domain/devices/tpm': {
    summary:
      'A TPM for the guest, either the host TPM passed through or a per-guest software TPM (swtpm); needed e.g. for Windows 11 and measured boot.',
    anchor: 'tpm-device',
  },
  '/domain/devices/tpm/@model': {
    summary: 'TPM interface: `tpm-tis` (default on most arches), `tpm-crb` (TPM 2.0 only), `tpm-spapr` or `spapr-tpm-proxy` (pSeries).',
    anchor: 'tpm-device',
  },
  '/domain/devices/tpm/backend': {
    summary: 'Where the TPM lives: a host TPM (`passthrough`) or an emulator libvirt starts for this guest (`emulator`).',
    anchor: 'tpm-device',
  },
  '/domain/devices/tpm/backend/@type': {
    summary: '`passthrough` (exclusive use of a host TPM device) or `emulator` (swtpm, private TPM state per guest).',
    anchor: 'tpm-device',
  },
  '/domain/devices/tpm/backend/@version': {
    summary: 'Emulated TPM version, `1.2` or `2.0`; the default depends on arch, model and backend.',
    anchor: 'tpm-device',
  },
  '/domain/devices/tpm/backend/@persistent_state': {
    summary: 'Emulator: `yes` keeps the TPM state when a transient guest is shut down or undefined.',
    anchor: 'tpm-device',
  },
  '/domain/devices/tpm/backend/device': {
    summary: 'Passthrough: host TPM device path (/dev/tpm0 by default).',
    anchor: 'tpm-device',
  },
  '/domain/devices/tpm/backend/encryption': {
    summary: 'Emulator: encrypts the TPM state with a key derived from the referenced libvirt secret.',
    anchor: 'tpm-device',
  },
  '/domain/devices/tpm/backend/active_pcr_banks': {
    summary: 'Emulator, TPM 2.0: PCR banks (sha1, sha256, sha384, sha512) to activate before each start; omit to leave them unchanged.',
    anchor: 'tpm-device',
  },
  '/domain/devices/nvram': {
    summary: 'pSeries only: the always-present NVRAM device, listed so its spapr-vio address can be set.',
    anchor: 'nvram-device',
  },
  '/domain/devices/panic': {
    summary: 'Crash notification device: the guest signals a kernel panic and libvirt applies the on_crash action.',
    anchor: 'panic-device',
  },
  '/domain/devices/panic/@model': {
    summary:
      '`isa` (pvpanic on I/O port 0x505), `pvpanic` (PCI), `hyperv` (Hyper-V crash MSRs), `pseries` or `s390` (automatic on those platforms).',
    anchor: 'panic-device',
  },

  // shared memory and memory devices
  '/domain/devices/shmem': {
    summary: 'An ivshmem device sharing a named memory region between guests and the host.',
    anchor: 'shared-memory-device',
  },
  '/domain/devices/shmem/@name': {
    summary: 'Name identifying the shared region; guests using the same name share memory. No `/` and not `.` or `..`.',
    anchor: 'shared-memory-device',
  },
  '/domain/devices/shmem/@role': {
    summary: '`master` migrates the region contents with the guest; `peer` blocks migration until the device is unplugged.',
    anchor: 'shared-memory-device',
  },
  '/domain/devices/shmem/model': {
    summary: 'Device variant: `ivshmem-plain` (no server), `ivshmem-doorbell` (with server and interrupts) or legacy `ivshmem`.',
    anchor: 'shared-memory-device',
  },
  '/domain/devices/shmem/size': {
    summary: 'Size of the shared region, a power of two and at least 1 MiB.',
    anchor: 'shared-memory-device',
  },
  '/domain/devices/shmem/server': {
    summary: 'Doorbell server socket the device connects to (`path`, with a default under /var/lib/libvirt/shmem).',
    anchor: 'shared-memory-device',
  },
  '/domain/devices/shmem/msi': {
    summary: 'MSI interrupts for a server-backed device: number of vectors and ioeventfd.',
    anchor: 'shared-memory-device',
  },
  '/domain/devices/memory': {
    summary:
      'Extra guest memory as a device (DIMM, NVDIMM, virtio-mem, virtio-pmem, SGX EPC) that can be hot-plugged up to maxMemory; often requires guest NUMA.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/@model': {
    summary: '`dimm`, `nvdimm` (persistent, file or DAX backed), `virtio-mem` (resizable at run time), `virtio-pmem` or `sgx-epc`.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/@access': {
    summary: '`shared` or `private` mapping of this module; shared is needed for real NVDIMM DAX backends and for virtio-pmem.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/@discard': {
    summary: 'dimm only: discard the module contents when it is removed or the guest stops (`yes`/`no`).',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/source': {
    summary: 'Host backing of the module: page size and host NUMA nodes, or the backing file path for nvdimm and virtio-pmem.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/source/pagesize': {
    summary: 'Host page size backing the module; must be a size the host offers.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/source/nodemask': {
    summary: 'Host NUMA nodes to allocate the module from.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/source/path': {
    summary: 'Host file or DAX device backing an nvdimm or virtio-pmem module.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/target': {
    summary: 'How the module appears to the guest: size, NUMA node, label area, block size and requested size.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/target/size': {
    summary: 'Size of the module; for virtio-mem the maximum it can grow to.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/target/node': {
    summary: 'Guest NUMA node the module belongs to.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/target/label': {
    summary: 'nvdimm: size of the namespace label area (at least 128 KiB with QEMU; mandatory on pSeries).',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/target/block': {
    summary: 'virtio-mem: granularity in which memory is plugged, a power of two of at least the transparent hugepage size.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/target/requested': {
    summary:
      'virtio-mem: amount currently offered to the guest, a multiple of the block size no larger than size; can be changed at run time.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/target/current': {
    summary: 'virtio-mem, live XML only: amount the guest has actually plugged.',
    anchor: 'memory-devices',
  },
  '/domain/devices/memory/target/address': {
    summary: 'virtio-mem and virtio-pmem: guest physical address (`base`) where the device is mapped.',
    anchor: 'memory-devices',
  },

  // iommu, vsock, crypto
  '/domain/devices/iommu': {
    summary:
      'An emulated IOMMU for the guest: needed for device assignment inside nested guests, DPDK in the guest, and more than 255 vCPUs on x86.',
    anchor: 'iommu-devices',
  },
  '/domain/devices/iommu/@model': {
    summary: '`intel` (VT-d, q35), `smmuv3` (ARM virt) or `virtio` (q35 and ARM virt).',
    anchor: 'iommu-devices',
  },
  '/domain/devices/iommu/driver': {
    summary: 'Options of the IOMMU: interrupt remapping, caching mode, extended interrupt mode, IOTLB and address width.',
    anchor: 'iommu-devices',
  },
  '/domain/devices/iommu/driver/@intremap': {
    summary: "Interrupt remapping (`on`/`off`); requires the split I/O APIC (`<ioapic driver='qemu'/>`).",
    anchor: 'iommu-devices',
  },
  '/domain/devices/iommu/driver/@caching_mode': {
    summary: 'VT-d caching mode, needed when devices are assigned to the guest behind the vIOMMU.',
    anchor: 'iommu-devices',
  },
  '/domain/devices/iommu/driver/@eim': {
    summary: 'Extended Interrupt Mode; with interrupt remapping and the split I/O APIC it allows more than 255 vCPUs.',
    anchor: 'iommu-devices',
  },
  '/domain/devices/iommu/driver/@iotlb': {
    summary: 'Device IOTLB caching address translations (pairs with `ats` on virtio devices).',
    anchor: 'iommu-devices',
  },
  '/domain/devices/iommu/driver/@aw_bits': {
    summary: 'Address width in bits of the IOMMU, to map larger IOVA ranges.',
    anchor: 'iommu-devices',
  },
  '/domain/devices/vsock': {
    summary: 'virtio vsock socket device for host-guest communication without networking, addressed by the guest CID.',
    anchor: 'vsock',
  },
  '/domain/devices/vsock/@model': {
    summary: '`virtio` (default), `virtio-transitional` or `virtio-non-transitional`.',
    anchor: 'vsock',
  },
  '/domain/devices/vsock/cid': {
    summary: 'Context id of the guest on the vsock bus.',
    anchor: 'vsock',
  },
  '/domain/devices/vsock/cid/@address': {
    summary: 'Fixed guest CID (3 or higher, unique among running guests on the host).',
    anchor: 'vsock',
  },
  '/domain/devices/vsock/cid/@auto': {
    summary: '`yes` makes libvirt pick a free CID at every start.',
    anchor: 'vsock',
  },
  '/domain/devices/crypto': {
    summary: 'virtio-crypto device offloading cryptographic operations to a QEMU backend.',
    anchor: 'crypto',
  },
  '/domain/devices/crypto/@model': {
    summary: 'Device model; only `virtio`.',
    anchor: 'crypto',
  },
  '/domain/devices/crypto/@type': {
    summary: 'Backend family; only `qemu`.',
    anchor: 'crypto',
  },
  '/domain/devices/crypto/backend': {
    summary: 'Crypto backend: `model` `builtin` or `lkcf` (Linux kernel crypto), and the number of `queues`.',
    anchor: 'crypto',
  },

  // ---------------------------------------------------------------- security
  '/domain/seclabel': {
    summary: 'Security driver labelling (SELinux, AppArmor, DAC) for the guest process and its files; repeat once per security driver.',
    anchor: 'security-label',
  },
  '/domain/seclabel/@type': {
    summary:
      '`dynamic` (libvirt generates a unique label), `static` (you supply it) or `none` (no confinement); unset uses the driver default.',
    anchor: 'security-label',
  },
  '/domain/seclabel/@model': {
    summary: 'Security driver the label is for: `selinux`, `apparmor` or `dac`.',
    anchor: 'security-label',
  },
  '/domain/seclabel/@relabel': {
    summary: 'Whether libvirt relabels the guest\u2019s files: always `yes` for dynamic labels, defaults to `no` for static ones.',
    anchor: 'security-label',
  },
  '/domain/seclabel/label': {
    summary: 'Static label: an SELinux context, AppArmor profile, or `user:group` for DAC (a leading `+` forces numeric ids).',
    anchor: 'security-label',
  },
  '/domain/seclabel/baselabel': {
    summary: 'Dynamic labels: base the generated label on this one (SELinux uses only its type field).',
    anchor: 'security-label',
  },
  '/domain/seclabel/imagelabel': {
    summary: 'Output only: the label applied to the guest\u2019s resources while it runs.',
    anchor: 'security-label',
  },
  '/domain/devices/disk/source/seclabel': {
    summary: 'Overrides domain labelling for this one disk source: turn relabelling off (e.g. on NFS) or give another label.',
    anchor: 'security-label',
  },
  '/domain/keywrap': {
    summary: 's390: which cryptographic key wrapping (AES, DEA/TDEA) the guest may use; without it both are allowed.',
    anchor: 'key-wrap',
  },
  '/domain/keywrap/cipher': {
    summary: 'Turns key wrapping for one algorithm (`name` `aes` or `dea`) `on` or `off` via `state`.',
    anchor: 'key-wrap',
  },
  '/domain/launchSecurity': {
    summary:
      'Confidential computing setup: AMD SEV/SEV-ES (encrypted guest memory) or s390 protected virtualization. The policy travels with the guest and restricts migration and debugging.',
    anchor: 'launch-security',
  },
  '/domain/launchSecurity/@type': {
    summary: '`sev` for AMD Secure Encrypted Virtualization, `s390-pv` for IBM Secure Execution; newer libvirt adds SEV-SNP and TDX.',
    anchor: 'launch-security',
  },
  '/domain/launchSecurity/@kernelHashes': {
    summary: 'SEV with direct kernel boot: `yes` includes kernel, initrd and command line hashes in the launch measurement.',
    anchor: 'launch-security',
  },
  '/domain/launchSecurity/policy': {
    summary:
      'SEV guest policy bits enforced by the firmware (no debug, no key sharing, SEV-ES required, migration limits); fixed for the guest\u2019s lifetime.',
    anchor: 'launch-security',
  },
  '/domain/launchSecurity/cbitpos': {
    summary: 'Position of the encryption bit (C-bit) in page table entries; take it from the SEV section of domain capabilities.',
    anchor: 'launch-security',
  },
  '/domain/launchSecurity/reducedPhysBits': {
    summary: 'Physical address bits lost to memory encryption; take it from domain capabilities.',
    anchor: 'launch-security',
  },
  '/domain/launchSecurity/dhCert': {
    summary: 'Guest owner\u2019s base64 Diffie-Hellman key used to set up a trusted channel with the SEV firmware.',
    anchor: 'launch-security',
  },
  '/domain/launchSecurity/session': {
    summary: 'Guest owner\u2019s base64 launch session blob for the SEV firmware.',
    anchor: 'launch-security',
  },

  // ---------------------------------------------------------------- shared device sub-elements
  '/domain/devices/interface/alias': {
    summary: 'Device identifier; a user-chosen name must start with `ua-` and be unique within the guest (teaming refers to it).',
    anchor: 'devices',
  },
  '/domain/devices/hostdev/acpi': {
    summary: 'ACPI settings for the assigned device, such as a stable ACPI index.',
    anchor: 'usb-pci-scsi-devices',
  },
  '/domain/devices/rng/driver': {
    summary: 'virtio transport options (iommu, ats, packed) for the RNG.',
    anchor: 'virtio-related-options',
  },
  '/domain/devices/vsock/driver': {
    summary: 'virtio transport options (iommu, ats, packed) for the vsock device.',
    anchor: 'virtio-related-options',
  },
  '/domain/devices/input/driver': {
    summary: 'virtio transport options for a virtio input device.',
    anchor: 'virtio-related-options',
  },
  '/domain/devices/filesystem/driver/@iommu': {
    summary: 'Route the virtio filesystem device\u2019s DMA through the emulated IOMMU.',
    anchor: 'virtio-related-options',
  },

  ...addressDocs(),
};

export const FORMAT_DOMAIN_URL = 'https://libvirt.org/formatdomain.html';

/** the description of exactly `path` (e.g. `/domain/devices/disk/driver/@cache`), or undefined */
/** the same table as a Map: looking a computed path up in an object's keys costs an internalisation each time */
const DOCS_BY_PATH = new Map(Object.entries(ELEMENT_DOCS));

export function docFor(path: string): ElementDoc | undefined {
  return DOCS_BY_PATH.get(path);
}
