/**
 * Define-time rules about PCI controllers and addresses (src/conf/domain_conf.c
 * and src/qemu/qemu_domain_address.c), probed on libvirt 9.0.0:
 * - the PCI controller with index 0 must be the machine's root
 *   ("must be model='pcie-root' for this machine type");
 * - pcie-root-port and pcie-switch-downstream-port have one slot
 *   ("Invalid PCI address 0000:01:03.0. slot must be <= 0"); on q35 and ARM
 *   virt a bus with no controller gets an automatic pcie-root-port;
 * - only expander buses take a NUMA node ("Option 'numaNode' is not valid
 *   for PCI controller with index '1', model 'pcie-root-port'").
 */
import { XmlElement, walkElements } from '../../parser/xmlNodes';
import { nameRange, parseInteger, valueRange } from './guest';
import { CheckContext } from './checkContext';

/** PCI controllers by index, with libvirt's assignment of missing indexes (lowest unused, in document order) */
export function pciControllers(ctx: CheckContext): Map<number, XmlElement> {
  const pci = ctx.devices('controller').filter((c) => c.attr('type') === 'pci');
  const byIndex = new Map<number, XmlElement>();
  for (const c of pci) {
    const i = parseInteger(c.attr('index'));
    if (i !== undefined && !byIndex.has(i)) byIndex.set(i, c);
  }
  let next = 0;
  for (const c of pci) {
    if (c.hasAttr('index')) continue;
    while (byIndex.has(next)) next++;
    byIndex.set(next, c);
  }
  return byIndex;
}

function rootModel(ctx: CheckContext): string | undefined {
  switch (ctx.g.machineKind) {
    case 'q35':
      return 'pcie-root';
    case 'virt':
      return ctx.g.isArm ? 'pcie-root' : undefined;
    case 'i440fx':
    case 'pseries':
      return 'pci-root';
    default:
      return undefined;
  }
}

export function pciRootModel(ctx: CheckContext): void {
  const expected = rootModel(ctx);
  const root = pciControllers(ctx).get(0);
  if (!expected || !root) return;
  const model = root.getAttribute('model');
  if (model?.value === expected) return;
  const found = model?.value ? `model='${model.value}'` : 'no model';
  ctx.reject('pci-root-model', model ? valueRange(model) : nameRange(root), `the PCI controller with index='0' must be model='${expected}' for ${ctx.g.machine}, but it has ${found}`, {
    node: model ? 'value' : 'element',
    value: model?.value ?? undefined,
    safeAlternative: expected,
  });
}

const SINGLE_SLOT = new Set(['pcie-root-port', 'pcie-switch-downstream-port']);

export function singleSlotBuses(ctx: CheckContext): void {
  const byIndex = pciControllers(ctx);
  const autoRootPorts = ctx.g.machineKind === 'q35' || (ctx.g.machineKind === 'virt' && ctx.g.isArm);
  const devices = ctx.domain.child('devices');
  if (!devices) return;
  for (const el of walkElements(devices)) {
    if (el.name !== 'address' || el.attr('type') !== 'pci') continue;
    const bus = parseInteger(el.attr('bus')) ?? 0;
    const slotAttr = el.getAttribute('slot');
    const slot = parseInteger(slotAttr?.value ?? undefined) ?? 0;
    if (bus === 0 || slot === 0 || !slotAttr) continue;
    const ctrl = byIndex.get(bus);
    const model = ctrl?.attr('model');
    let what: string | undefined;
    if (model && SINGLE_SLOT.has(model)) what = `bus ${bus} is a ${model}, which has a single slot (0)`;
    else if (!ctrl && autoRootPorts) what = `bus ${bus} has no controller, and the one libvirt adds for it on ${ctx.g.machine} is a pcie-root-port with a single slot (0)`;
    if (what) ctx.reject('pci-single-slot', valueRange(slotAttr), `invalid PCI address: slot must be 0: ${what}`, { node: 'value', value: slotAttr.value ?? undefined, safeAlternative: '0x00' });
  }
}

const NUMA_CAPABLE = new Set(['pci-expander-bus', 'pcie-expander-bus', 'spapr-pci-host-bridge']);

export function numaNodeOnPciController(ctx: CheckContext): void {
  for (const c of ctx.devices('controller')) {
    if (c.attr('type') !== 'pci') continue;
    const node = c.child('target')?.child('node');
    const model = c.attr('model');
    if (!node || (model && NUMA_CAPABLE.has(model))) continue;
    if (!model) continue;
    ctx.reject('pci-numa-node', nameRange(node), `option 'numaNode' is not valid for PCI controller model '${model}' (only pci-expander-bus and pcie-expander-bus take a NUMA node)`);
  }
}
