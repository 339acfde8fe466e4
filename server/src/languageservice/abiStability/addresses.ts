/**
 * Device addresses as libvirt compares them (libvirt 9.0
 * virDomainDeviceInfoCheckABIStability in src/conf/domain_conf.c): same
 * address type, and for PCI, drive, USB, virtio-serial, ccw and isa the same
 * address fields. Numbers are compared by value (0x1 equals 1).
 */
import { ENode } from '../expander/eTree';

const FIELDS: Record<string, string[]> = {
  pci: ['domain', 'bus', 'slot', 'function', 'multifunction'],
  drive: ['controller', 'bus', 'target', 'unit'],
  usb: ['bus', 'port'],
  'virtio-serial': ['controller', 'bus', 'port'],
  ccw: ['cssid', 'ssid', 'devno'],
  isa: ['iobase', 'irq'],
  spaprvio: ['reg'],
};

function num(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? String(n) : v;
}

/** a text that is equal for two addresses libvirt treats as equal */
export function addressKey(address: ENode | undefined): string {
  if (!address) return 'none';
  const type = address.attr('type') ?? 'none';
  const fields = FIELDS[type] ?? [];
  return `${type}(${fields.map((f) => `${f}=${f === 'multifunction' ? (address.attr(f) ?? 'off') : (num(address.attr(f)) ?? '')}`).join(',')})`;
}
