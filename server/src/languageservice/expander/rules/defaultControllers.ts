/** The controllers a machine always has: USB at index 0, SATA on q35, the PCI root. */
import { explicitUsbModel, IMPLICIT_DEVICES, PCI_ROOT, usbControllerDefault } from '../../knowledge/deviceDefaults';
import { ExpandContext, Rule } from '../context';
import { ENode } from '../eTree';

export function findController(ctx: ExpandContext, type: string, index: string): ENode | undefined {
  return ctx.root
    .child('devices')
    ?.all('controller')
    .find((c) => c.attr('type') === type && (c.attr('index') ?? '0') === index);
}

export const defaultControllersRule: Rule = {
  id: 'default-controllers',
  description: 'adds the USB controller, the SATA controller of q35 and the PCI root controller, and fills USB controller models',
  apply(ctx) {
    const kind = ctx.machineKind;
    const usb = usbControllerDefault(ctx.versions, ctx.guest);
    if (usb) {
      const meta = {
        rule: this.id,
        category: 'abi' as const,
        reason: `${ctx.machine} guests get a USB controller at index 0; libvirt picks ${usb.model} for this machine`,
        source: usb.source,
      };
      if (!findController(ctx, 'usb', '0'))
        ctx.addElement(ctx.devices(meta), new ENode('controller', { type: 'usb', index: '0', model: usb.model }), meta);
    }
    // USB controllers the document writes: index and model
    for (const c of ctx.root.child('devices')?.all('controller') ?? []) {
      if (c.attr('type') !== 'usb') continue;
      const explicit = explicitUsbModel(ctx.arch);
      const source = explicit?.source ?? usb?.source;
      if (!source) continue;
      ctx.fillAttr(c, 'index', '0', { rule: this.id, category: 'abi', reason: 'a controller without index is the first one', source });
      if (c.attrs.has('model') || c.child('master')) continue;
      const model = explicit?.model ?? usb!.model;
      const differs = usb && model !== usb.model ? ` (not the ${usb.model} libvirt adds when there is no USB controller at all)` : '';
      ctx.fillAttr(c, 'model', model, {
        rule: this.id,
        category: 'abi',
        reason: `a USB controller written without a model gets ${model} on ${ctx.arch}${differs}; the model is guest ABI`,
        source,
      });
    }
    if (IMPLICIT_DEVICES.sata.machines.includes(kind) && !findController(ctx, 'sata', '0')) {
      const meta = {
        rule: this.id,
        category: 'abi' as const,
        reason: 'q35 has a built-in AHCI (SATA) controller',
        source: IMPLICIT_DEVICES.sata.source,
      };
      ctx.addElement(ctx.devices(meta), new ENode('controller', { type: 'sata', index: '0' }), meta);
    }
    const root = PCI_ROOT.find((r) => r.machine === kind);
    if (root) {
      const meta = {
        rule: this.id,
        category: 'abi' as const,
        reason: `${ctx.machine} has a ${root.model} host bridge`,
        source: root.source,
      };
      let el = findController(ctx, 'pci', '0');
      if (!el) el = ctx.addElement(ctx.devices(meta), new ENode('controller', { type: 'pci', index: '0', model: root.model }), meta);
      else {
        ctx.fillAttr(el, 'index', '0', meta);
        ctx.fillAttr(el, 'model', root.model, meta);
      }
      if (root.modelName && !el.child('model')) ctx.addElement(el, new ENode('model', { name: root.modelName }), meta);
      if (root.targetIndex !== undefined) {
        const t = el.child('target') ?? ctx.addElement(el, new ENode('target'), meta);
        ctx.fillAttr(t, 'index', root.targetIndex, meta);
      }
    }
  },
};
