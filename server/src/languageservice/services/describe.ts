/** Human descriptions of expander nodes and addresses, for diagnostics, hovers and quick-fix titles. */
import { ENode } from '../expander/eTree';
import { GENERATED } from '../expander/fill';

const INPUT_BUS: Record<string, string> = { ps2: 'PS/2', usb: 'USB', virtio: 'virtio' };

/** `00:01.2` for a PCI address, `USB port 1`, `controller 0 bus 1 unit 0`, ... */
export function describeAddress(a: ENode): string {
  const hex = (v: string | undefined) => (v === undefined ? '0' : v.startsWith('0x') ? v.slice(2) : v);
  switch (a.attr('type')) {
    case 'pci': {
      const dom = hex(a.attr('domain'));
      const pci = `${hex(a.attr('bus')).padStart(2, '0')}:${hex(a.attr('slot')).padStart(2, '0')}.${hex(a.attr('function'))}`;
      return `PCI ${/^0+$/.test(dom) ? '' : `${dom}:`}${pci}`;
    }
    case 'drive':
      return `drive controller ${a.attr('controller')} bus ${a.attr('bus')} target ${a.attr('target')} unit ${a.attr('unit')}`;
    case 'usb':
      return `USB bus ${a.attr('bus')} port ${a.attr('port')}`;
    case 'virtio-serial':
      return `virtio-serial controller ${a.attr('controller')} port ${a.attr('port')}`;
    case 'ccw':
      return `CCW ${hex(a.attr('cssid'))}.${hex(a.attr('ssid'))}.${hex(a.attr('devno')).padStart(4, '0')}`;
    case 'spapr-vio':
      return `spapr-vio reg ${a.attr('reg')}`;
    default:
      return `${a.attr('type') ?? ''} address`;
  }
}

/** "a USB controller, model piix3-uhci", "a PS/2 mouse", "<audio id='1' type='none'>" */
export function describeElement(n: ENode): string {
  const a = (k: string) => n.attr(k);
  switch (n.name) {
    case 'controller': {
      const type =
        a('type') === 'usb'
          ? 'USB'
          : a('type') === 'pci'
            ? 'PCI'
            : a('type') === 'sata'
              ? 'SATA'
              : a('type') === 'ide'
                ? 'IDE'
                : a('type') === 'scsi'
                  ? 'SCSI'
                  : a('type');
      const model = a('model') ?? n.child('model')?.attr('name');
      return `${/^[AEIOaeio]/.test(type ?? '') ? 'an' : 'a'} ${type} controller${a('index') && a('index') !== '0' ? ` (index ${a('index')})` : ''}${model ? `, model ${model}` : ''}`;
    }
    case 'input':
      return `a ${INPUT_BUS[a('bus') ?? ''] ?? a('bus') ?? ''} ${a('type')}`.replace(/\s+/g, ' ');
    case 'memballoon':
      return `a ${a('model') ?? 'virtio'} memory balloon`;
    case 'panic':
      return a('model') ? `a panic device, model ${a('model')}` : 'a panic device';
    case 'uuid':
      if (n.value === GENERATED) return 'a random UUID';
      break;
    case 'mac':
      if (a('address') === GENERATED) return 'a MAC address';
      break;
    case 'audio':
      return `an audio backend of type ${a('type')}`;
    case 'video':
      return `a video card, model ${n.child('model')?.attr('type')}`;
    case 'serial':
    case 'console': {
      const t = n.child('target');
      return `a ${n.name} (${a('type') ?? 'pty'}${t?.attr('type') ? `, target ${t.attr('type')}` : ''})`;
    }
  }
  let attrs = '';
  n.attrs.forEach((v, k) => (attrs += ` ${k}='${v}'`));
  // "2 <controller>" for repeated children, and at most three kinds named (two and "N more")
  const counts = new Map<string, number>();
  for (const c of n.children) {
    const k = c.value ? `${c.name} ${c.value}` : `<${c.name}>`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const kinds = [...counts].map(([k, count]) => (count > 1 ? `${count} ${k}` : k));
  const kids = kinds.length > 3 ? [...kinds.slice(0, 2), `${kinds.length - 2} more`] : kinds;
  const tag = n.value ? `<${n.name}${attrs}>${n.value}</${n.name}>` : `<${n.name}${attrs}/>`;
  return kids.length ? `${tag.replace(/\/>$/, '>')} with ${kids.join(', ')}` : tag;
}
