/**
 * Device lists libvirt's ABI check compares (libvirt 9.0
 * virDomainDefCheckABIStabilityFlags and the per-device
 * vir*DefCheckABIStability helpers in src/conf/domain_conf.c): each kind
 * must have the same count, and the i-th device of the old definition is
 * compared with the i-th of the new one on these fields.
 */
import { DeviceRule, LIBVIRT_9 } from './types';

const src = (fn: string) => `${LIBVIRT_9} ${fn}`;

export const DEVICE_RULES: DeviceRule[] = [
  {
    id: 'abi-disk',
    element: 'disk',
    fields: ['@device', 'target/@bus', 'target/@dev', 'serial', 'wwn', 'vendor', 'product', 'alias/@name'],
    address: true,
    source: src('virDomainDiskDefCheckABIStability'),
  },
  {
    id: 'abi-controller',
    element: 'controller',
    fields: [
      '@type',
      '@index',
      '@model',
      '@ports',
      '@vectors',
      'model/@name',
      // a PCI port's chassis and port may change (accepted by libvirt 9.0 save-image-define)
      'target/@chassisNr',
      'target/@busNr',
      'target/@index',
    ],
    address: true,
    source: src('virDomainControllerDefCheckABIStability'),
  },
  {
    id: 'abi-filesystem',
    element: 'filesystem',
    fields: ['target/@dir', '@model'],
    address: true,
    source: src('virDomainFsDefCheckABIStability'),
  },
  {
    id: 'abi-net',
    element: 'interface',
    fields: ['mac/@address', 'model/@type'],
    address: true,
    source: src('virDomainNetDefCheckABIStability'),
  },
  {
    id: 'abi-input',
    element: 'input',
    fields: ['@type', '@bus', 'model/@type'],
    address: true,
    ps2Unordered: true,
    source: src('virDomainInputDefCheckABIStability'),
  },
  { id: 'abi-sound', element: 'sound', fields: ['@model'], address: true, source: src('virDomainSoundDefCheckABIStability') },
  {
    id: 'abi-video',
    element: 'video',
    fields: [
      'model/@type',
      'model/@ram',
      'model/@vram',
      'model/@vram64',
      'model/@vgamem',
      'model/@heads',
      'model/@primary',
      'model/acceleration/@accel2d',
      'model/acceleration/@accel3d',
    ],
    address: true,
    source: src('virDomainVideoDefCheckABIStability'),
  },
  { id: 'abi-hostdev', element: 'hostdev', fields: ['@mode', '@type'], address: true, source: src('virDomainHostdevDefCheckABIStability') },
  { id: 'abi-smartcard', element: 'smartcard', fields: ['@mode'], address: true, source: src('virDomainSmartcardDefCheckABIStability') },
  {
    id: 'abi-serial',
    element: 'serial',
    fields: ['target/@type', 'target/@port', 'target/model/@name'],
    address: true,
    source: src('virDomainSerialDefCheckABIStability'),
  },
  {
    id: 'abi-parallel',
    element: 'parallel',
    fields: ['target/@port'],
    address: true,
    source: src('virDomainParallelDefCheckABIStability'),
  },
  {
    id: 'abi-channel',
    element: 'channel',
    fields: ['target/@type', 'target/@name', 'target/@address', 'target/@port'],
    address: true,
    source: src('virDomainChannelDefCheckABIStability'),
  },
  {
    id: 'abi-console',
    element: 'console',
    fields: ['target/@type', 'target/@port'],
    address: false,
    source: src('virDomainConsoleDefCheckABIStability'),
  },
  { id: 'abi-hub', element: 'hub', fields: ['@type'], address: true, source: src('virDomainHubDefCheckABIStability') },
  {
    id: 'abi-redirdev',
    element: 'redirdev',
    fields: ['@bus', '@type'],
    address: true,
    source: src('virDomainRedirdevDefCheckABIStability'),
  },
  { id: 'abi-watchdog', element: 'watchdog', fields: ['@model'], address: true, source: src('virDomainWatchdogDefCheckABIStability') },
  {
    id: 'abi-memballoon',
    element: 'memballoon',
    fields: ['@model'],
    address: true,
    source: src('virDomainMemballoonDefCheckABIStability'),
  },
  { id: 'abi-rng', element: 'rng', fields: ['@model'], address: true, source: src('virDomainRNGDefCheckABIStability') },
  {
    id: 'abi-tpm',
    element: 'tpm',
    fields: ['@model', 'backend/@type', 'backend/@version'],
    address: true,
    source: src('virDomainTPMDefCheckABIStability'),
  },
  { id: 'abi-panic', element: 'panic', fields: ['@model'], address: true, source: src('virDomainPanicDefCheckABIStability') },
  {
    id: 'abi-shmem',
    element: 'shmem',
    fields: ['@name', 'size', 'model/@type', 'server/@path'],
    address: true,
    source: src('virDomainShmemDefCheckABIStability'),
  },
  {
    id: 'abi-memory-device',
    element: 'memory',
    fields: ['@model', 'target/size', 'target/node', 'target/label/size'],
    address: true,
    source: src('virDomainMemoryDefCheckABIStability'),
  },
  {
    id: 'abi-iommu',
    element: 'iommu',
    fields: ['@model', 'driver/@intremap', 'driver/@caching_mode', 'driver/@eim', 'driver/@iotlb', 'driver/@aw_bits'],
    address: false,
    source: src('virDomainIOMMUDefCheckABIStability'),
  },
  { id: 'abi-vsock', element: 'vsock', fields: ['@model'], address: true, source: src('virDomainVsockDefCheckABIStability') },
];

/** device kinds libvirt lets change freely (graphics, leases): listed, not errors */
export const FREE_DEVICES = ['graphics', 'lease', 'emulator', 'audio'];

/** device fields that may change (e.g. a disk's source): listed as non-ABI differences */
export const FREE_FIELDS: Record<string, string[]> = {
  disk: ['source/@file', 'source/@dev', 'source/@name', 'driver/@cache', 'driver/@io', 'readonly', 'boot/@order'],
  interface: ['source/@network', 'source/@bridge', '@type'],
  graphics: ['@type', '@port', '@autoport', '@listen'],
};
