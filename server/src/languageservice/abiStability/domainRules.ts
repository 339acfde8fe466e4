/**
 * Top-level values libvirt's ABI check compares (libvirt 9.0
 * virDomainDefCheckABIStabilityFlags in src/conf/domain_conf.c). Each row
 * is one check; its message names the value as libvirt's error does.
 */
import { ENode } from '../expander/eTree';
import { canonical } from './fields';
import { LIBVIRT_9, ValueRule } from './types';

const F = `${LIBVIRT_9} virDomainDefCheckABIStabilityFlags`;

/** memory in KiB, whatever unit the document used */
export function kib(node: ENode | undefined): string | undefined {
  if (!node || node.value === '') return undefined;
  const n = Number(node.value);
  if (!Number.isFinite(n)) return node.value;
  const unit = (node.attr('unit') ?? 'KiB').toLowerCase();
  const scale: Record<string, number> = {
    b: 1 / 1024,
    bytes: 1 / 1024,
    k: 1,
    kib: 1,
    kb: 1000 / 1024,
    m: 1024,
    mib: 1024,
    mb: 1e6 / 1024,
    g: 1024 ** 2,
    gib: 1024 ** 2,
    gb: 1e9 / 1024,
    t: 1024 ** 3,
    tib: 1024 ** 3,
    tb: 1e12 / 1024,
  };
  // libvirt rounds memory up to whole KiB, and the max memory of x86 guests to a multiple of 1 MiB at define
  return String(Math.ceil(n * (scale[unit] ?? 1)));
}

function vcpus(d: ENode): string | undefined {
  const v = d.child('vcpu');
  return v ? v.value || '1' : undefined;
}

export const DOMAIN_RULES: ValueRule[] = [
  { id: 'abi-virt-type', what: 'domain virtualization type', read: (d) => d.attr('type'), node: (d) => d, source: F },
  { id: 'abi-uuid', what: 'domain UUID', read: (d) => d.child('uuid')?.value.toLowerCase(), node: (d) => d.child('uuid'), source: F },
  { id: 'abi-max-memory', what: 'domain max memory', read: (d) => kib(d.child('memory')), node: (d) => d.child('memory'), source: F },
  {
    id: 'abi-memory-hotplug',
    what: 'domain max memory for hotplug (maxMemory) and slots',
    read: (d) => {
      const m = d.child('maxMemory');
      return m ? `${kib(m)} slots=${m.attr('slots') ?? '0'}` : undefined;
    },
    node: (d) => d.child('maxMemory'),
    source: F,
  },
  // the name and the balloon target are compared too (refused by libvirt 9.0 save-image-define: test/oracle/truth/9.0/abi-diff)
  { id: 'abi-name', what: 'domain name', read: (d) => d.child('name')?.value, node: (d) => d.child('name'), source: F },
  {
    id: 'abi-current-memory',
    what: 'current memory',
    read: (d) => kib(d.child('currentMemory') ?? d.child('memory')),
    node: (d) => d.child('currentMemory'),
    source: F,
  },
  { id: 'abi-vcpu-max', what: 'maximum vCPU count', read: vcpus, node: (d) => d.child('vcpu'), source: F },
  {
    id: 'abi-vcpu-current',
    what: 'current vCPU count',
    read: (d) => d.child('vcpu')?.attr('current') ?? vcpus(d),
    node: (d) => d.child('vcpu'),
    source: F,
  },
  {
    id: 'abi-iothreads',
    what: 'IOThreads count',
    read: (d) => d.child('iothreads')?.value || undefined,
    node: (d) => d.child('iothreads'),
    source: F,
  },
  { id: 'abi-os-type', what: 'OS type', read: (d) => d.path('os', 'type')?.value, node: (d) => d.path('os', 'type'), source: F },
  { id: 'abi-arch', what: 'architecture', read: (d) => d.path('os', 'type')?.attr('arch'), node: (d) => d.path('os', 'type'), source: F },
  {
    id: 'abi-machine',
    what: 'machine type',
    read: (d) => d.path('os', 'type')?.attr('machine'),
    node: (d) => d.path('os', 'type'),
    source: F,
  },
  {
    id: 'abi-smbios',
    what: 'SMBIOS mode',
    read: (d) => d.path('os', 'smbios')?.attr('mode'),
    node: (d) => d.path('os', 'smbios'),
    source: F,
  },
  {
    id: 'abi-features',
    what: 'features',
    read: (d) => canonical(d.child('features')) || undefined,
    node: (d) => d.child('features'),
    source: `${LIBVIRT_9} virDomainDefFeaturesCheckABIStability`,
  },
  {
    id: 'abi-timers',
    what: 'clock timers',
    read: (d) => {
      const c = d.child('clock');
      return c ? c.all('timer').map(canonical).join('') || undefined : undefined;
    },
    node: (d) => d.child('clock'),
    source: `${LIBVIRT_9} virDomainTimerDefCheckABIStability`,
  },
  {
    id: 'abi-cpu',
    what: 'CPU definition',
    read: (d) => {
      const c = d.child('cpu');
      if (!c) return undefined;
      // mode, model, vendor, topology and features (virCPUDefIsEqual); the check attribute and the numa cells aside
      const keep = c.children.filter((n) => ['model', 'vendor', 'topology', 'feature'].includes(n.name));
      return `${c.attr('mode') ?? 'custom'}${keep.map(canonical).join('')}`;
    },
    node: (d) => d.child('cpu'),
    source: `libvirt 9.0 src/conf/cpu_conf.c virCPUDefIsEqual`,
  },
];

/** values that may change freely: listed, not errors */
export const NON_ABI_RULES: ValueRule[] = [
  { id: 'info-title', what: 'title', read: (d) => d.child('title')?.value, node: (d) => d.child('title'), source: 'not compared by ' + F },
  {
    id: 'info-description',
    what: 'description',
    read: (d) => d.child('description')?.value,
    node: (d) => d.child('description'),
    source: 'not compared by ' + F,
  },
  {
    id: 'info-on-events',
    what: 'lifecycle actions',
    read: (d) => ['on_poweroff', 'on_reboot', 'on_crash'].map((n) => d.child(n)?.value ?? '').join(','),
    node: (d) => d.child('on_poweroff'),
    source: 'not compared by ' + F,
  },
  {
    id: 'info-clock-offset',
    what: 'clock offset',
    read: (d) => d.child('clock')?.attr('offset'),
    node: (d) => d.child('clock'),
    source: 'not compared by ' + F,
  },
];
