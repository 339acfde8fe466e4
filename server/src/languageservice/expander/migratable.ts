/**
 * The predicted `virsh dumpxml --inactive --migratable`: the expansion minus
 * what libvirt leaves out for migration so that an older destination, which
 * adds these itself, reads the same guest (src/qemu/qemu_domain.c,
 * qemuDomainDefFormatBufInternal with VIR_DOMAIN_XML_MIGRATABLE; observed on
 * libvirt 9.0.0, see docs/version-safety.md).
 */
import { Expansion } from './expand';
import { ENode } from './eTree';
import { I440FX_USB_MODEL } from '../knowledge/deviceDefaults';

function clone(n: ENode, parent?: ENode): ENode {
  const c = new ENode(n.name, [...n.attrs.entries()], n.origin);
  c.text = n.text;
  c.parent = parent;
  c.children = n.children.map((k) => clone(k, c));
  return c;
}

export function migratableRoot(e: Expansion): ENode {
  const root = clone(e.root);
  const devices = root.child('devices');
  if (!devices) return root;
  const x86 = e.arch === 'x86_64' || e.arch === 'i686';
  const i440fx = x86 && /^pc-i440fx|^pc$|^pc-\d/.test(e.machine);
  const controllers = devices.all('controller');
  const usb = controllers.filter((c) => c.attr('type') === 'usb');
  if (i440fx && usb.length === 1 && usb[0].attr('index') === '0' && [I440FX_USB_MODEL, undefined].includes(usb[0].attr('model')))
    devices.remove(usb[0]);
  const pci = controllers.filter((c) => c.attr('type') === 'pci');
  if (pci.length === 1 && pci[0].attr('index') === '0' && pci[0].attr('model') === 'pci-root') devices.remove(pci[0]);
  if (x86) for (const i of devices.all('input')) if (i.attr('type') === 'keyboard' && i.attr('bus') === 'ps2') devices.remove(i);
  const spice = devices.all('graphics').some((g) => g.attr('type') === 'spice');
  const audios = devices.all('audio');
  if (
    audios.length === 1 &&
    audios[0].attr('id') === '1' &&
    audios[0].attr('type') === (spice ? 'spice' : 'none') &&
    audios[0].children.length === 0
  )
    devices.remove(audios[0]);
  for (const p of devices.all('panic')) if (['pseries', 's390'].includes(p.attr('model') ?? '')) devices.remove(p);
  return root;
}
