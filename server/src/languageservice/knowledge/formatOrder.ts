/**
 * The order in which libvirt's formatter writes elements, so that what the
 * expander adds (and what a pin inserts) lands where `virsh dumpxml` puts it.
 * Source: src/conf/domain_conf.c, virDomainDefFormatInternal and the
 * per-device format functions (libvirt 9.0); checked against dumpxml output.
 */

/** children of <domain> */
const DOMAIN = [
  'name',
  'uuid',
  'genid',
  'title',
  'description',
  'metadata',
  'maxMemory',
  'memory',
  'currentMemory',
  'blkiotune',
  'memtune',
  'memoryBacking',
  'vcpu',
  'vcpus',
  'iothreads',
  'iothreadids',
  'defaultiothread',
  'cputune',
  'numatune',
  'resource',
  'sysinfo',
  'bootloader',
  'bootloader_args',
  'os',
  'idmap',
  'features',
  'cpu',
  'clock',
  'on_poweroff',
  'on_reboot',
  'on_crash',
  'on_lockfailure',
  'pm',
  'perf',
  'devices',
  'seclabel',
  'keywrap',
  'launchSecurity',
];

/** children of <devices>: libvirt writes devices grouped by kind in this order */
const DEVICES = [
  'emulator',
  'disk',
  'controller',
  'lease',
  'filesystem',
  'interface',
  'smartcard',
  'serial',
  'parallel',
  'console',
  'channel',
  'input',
  'tpm',
  'graphics',
  'sound',
  'audio',
  'video',
  'hostdev',
  'redirdev',
  'redirfilter',
  'hub',
  'watchdog',
  'memballoon',
  'rng',
  'panic',
  'shmem',
  'memory',
  'iommu',
  'vsock',
  'crypto',
];

const OS = ['type', 'firmware', 'loader', 'nvram', 'kernel', 'initrd', 'cmdline', 'dtb', 'acpi', 'boot', 'bootmenu', 'smbios', 'bios'];
const CPU = ['model', 'vendor', 'topology', 'cache', 'maxphysaddr', 'feature', 'numa'];

/** children of a device element: most write `alias` then `address` last; these list the ones the expander adds */
const DEVICE_CHILDREN: Record<string, string[]> = {
  disk: [
    'driver',
    'source',
    'backingStore',
    'target',
    'iotune',
    'boot',
    'encryption',
    'readonly',
    'shareable',
    'transient',
    'serial',
    'wwn',
    'vendor',
    'product',
    'alias',
    'address',
  ],
  controller: ['model', 'target', 'driver', 'pcihole64', 'alias', 'address'],
  interface: [
    'mac',
    'source',
    'virtualport',
    'ip',
    'route',
    'script',
    'backenddomain',
    'target',
    'guest',
    'model',
    'driver',
    'backend',
    'filterref',
    'tune',
    'teaming',
    'link',
    'mtu',
    'coalesce',
    'alias',
    'rom',
    'address',
  ],
  serial: ['source', 'protocol', 'log', 'target', 'alias', 'address'],
  console: ['source', 'protocol', 'log', 'target', 'alias', 'address'],
  channel: ['source', 'protocol', 'log', 'target', 'alias', 'address'],
  video: ['driver', 'model', 'alias', 'address'],
  graphics: ['listen', 'image', 'streaming', 'gl', 'audio'],
  sound: ['codec', 'audio', 'alias', 'address'],
  memballoon: ['alias', 'address', 'stats', 'driver'],
  rng: ['model', 'rate', 'backend', 'driver', 'alias', 'address'],
  panic: ['alias', 'address'],
  input: ['source', 'alias', 'address'],
  tpm: ['backend', 'alias'],
  watchdog: ['alias', 'address'],
  hostdev: ['source', 'driver', 'boot', 'rom', 'alias', 'address'],
  filesystem: ['driver', 'binary', 'source', 'target', 'readonly', 'alias', 'address'],
  redirdev: ['source', 'alias', 'address', 'boot'],
};

const ORDER: Record<string, string[]> = { domain: DOMAIN, devices: DEVICES, os: OS, cpu: CPU, ...DEVICE_CHILDREN };
const RANKS = new Map(Object.entries(ORDER).map(([parent, names]) => [parent, new Map(names.map((n, i) => [n, i]))]));

/**
 * Where a new child goes among existing ones: after the last sibling that is
 * not known to come after it in libvirt's order (at the end when the order is
 * not known). Scans from the end, so appending is O(1).
 */
export function insertionIndex(parentName: string, siblings: readonly { name: string }[], name: string): number {
  const ranks = RANKS.get(parentName);
  const rank = ranks?.get(name);
  if (rank === undefined) {
    // unknown elements: keep `address` last when the parent is a device
    if (name !== 'address') for (let i = siblings.length - 1; i >= 0; i--) if (siblings[i].name === 'address') return i;
    return siblings.length;
  }
  for (let i = siblings.length - 1; i >= 0; i--) {
    const r = ranks!.get(siblings[i].name);
    if (r === undefined || r <= rank) return i + 1;
  }
  return 0;
}

/** the order of attributes libvirt writes for elements the expander touches */
const ATTRIBUTES: Record<string, string[]> = {
  domain: ['type', 'id'],
  type: ['arch', 'machine'],
  memory: ['model', 'access', 'discard', 'unit', 'dumpCore'],
  currentMemory: ['unit'],
  maxMemory: ['slots', 'unit'],
  vcpu: ['placement', 'cpuset', 'current'],
  cpu: ['mode', 'match', 'check', 'migratable'],
  model: ['type', 'name', 'fallback', 'vendor_id', 'heads', 'ram', 'vram', 'vram64', 'vgamem', 'primary'],
  clock: ['offset', 'adjustment', 'timezone', 'basis'],
  disk: ['type', 'device', 'model', 'snapshot', 'sgio', 'rawio'],
  driver: ['name', 'type', 'cache', 'io', 'ioeventfd', 'event_idx', 'queues', 'discard', 'iothread', 'detect_zeroes'],
  target: ['dev', 'bus', 'type', 'name', 'chassisNr', 'chassis', 'port', 'busNr', 'index', 'hotplug', 'tray', 'removable', 'rotation_rate'],
  controller: ['type', 'index', 'model', 'ports', 'vectors', 'maxGrantFrames', 'maxEventChannels'],
  address: [
    'type',
    'domain',
    'controller',
    'bus',
    'slot',
    'function',
    'target',
    'unit',
    'port',
    'cssid',
    'ssid',
    'devno',
    'reg',
    'multifunction',
  ],
  input: ['type', 'bus', 'model'],
  graphics: ['type', 'port', 'autoport', 'listen', 'passwd'],
  listen: ['type', 'address', 'network', 'socket'],
  audio: ['id', 'type'],
  video: [],
  sound: ['model'],
  memballoon: ['model', 'autodeflate', 'freePageReporting'],
  serial: ['type'],
  console: ['type', 'tty'],
  channel: ['type'],
  panic: ['model'],
  rng: ['model'],
  interface: ['type', 'trustGuestRxFilters'],
  mac: ['address', 'type', 'check'],
  boot: ['dev', 'order', 'loadparm'],
  loader: ['readonly', 'secure', 'type', 'format'],
  nvram: ['template', 'format'],
  tpm: ['model'],
  backend: ['type', 'version', 'model'],
};

export function attributeOrder(elementName: string): string[] | undefined {
  return ATTRIBUTES[elementName];
}
