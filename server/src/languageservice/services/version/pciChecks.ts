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
import { I440FX_USB_MODEL, PCI_ROOT } from '../../knowledge/deviceDefaults';

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

/** the PCI root controller model of the guest's machine (knowledge/deviceDefaults.ts PCI_ROOT); virt only on ARM and RISC-V */
function rootModel(ctx: CheckContext): string | undefined {
  if (ctx.g.machineKind === 'virt' && !(ctx.g.isArm || ctx.g.arch.startsWith('riscv'))) return undefined;
  return PCI_ROOT.find((r) => r.machine === ctx.g.machineKind)?.model;
}

export function pciRootModel(ctx: CheckContext): void {
  const expected = rootModel(ctx);
  const root = pciControllers(ctx).get(0);
  if (!expected || !root) return;
  const model = root.getAttribute('model');
  if (model?.value === expected) return;
  const found = model?.value ? `model='${model.value}'` : 'no model';
  ctx.reject(
    'pci-root-model',
    model ? valueRange(model) : nameRange(root),
    `PCI controller 0 of ${ctx.g.machine} must be model='${expected}', not ${found}`,
    {
      node: model ? 'value' : 'element',
      value: model?.value ?? undefined,
      safeAlternative: expected,
    },
  );
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
    else if (!ctrl && autoRootPorts)
      what = `bus ${bus} has no controller, and the one libvirt adds for it on ${ctx.g.machine} is a pcie-root-port with a single slot (0)`;
    if (what)
      ctx.reject('pci-single-slot', valueRange(slotAttr), `invalid PCI address: slot must be 0: ${what}`, {
        node: 'value',
        value: slotAttr.value ?? undefined,
        safeAlternative: '0x00',
      });
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
    // a pSeries pci-root is a PHB (spapr-pci-host-bridge), which takes a node, except the default PHB (target index 0);
    // qemu_validate.c qemuValidateDomainDeviceDefControllerPCI, libvirt 9.0
    if (model === 'pci-root' && ctx.g.machineKind === 'pseries') {
      const ti = c.child('target')?.attr('index') ?? ((c.attr('index') ?? '0') === '0' ? '0' : undefined);
      if (parseInteger(ti) !== 0) continue;
    }
    ctx.reject(
      'pci-numa-node',
      nameRange(node),
      `option 'numaNode' is not valid for PCI controller model '${model}' (only pci-expander-bus and pcie-expander-bus take a NUMA node)`,
    );
  }
}

interface PciSlot {
  device: XmlElement;
  address: XmlElement;
  key: string;
  bus: number;
  slot: number;
  fn: number;
}

/** explicit PCI addresses of the devices (not the host addresses of a hostdev's <source>) */
function explicitAddresses(ctx: CheckContext): PciSlot[] {
  const out: PciSlot[] = [];
  for (const d of ctx.devices()) {
    // a <console> of target type serial is serial 0 itself, address and all
    if (d.name === 'console') continue;
    const a = d.child('address');
    // <address type='pci'/> without a slot asks libvirt to pick one
    if (!a || a.attr('type') !== 'pci' || !a.hasAttr('slot')) continue;
    const dom = parseInteger(a.attr('domain')) ?? 0;
    const bus = parseInteger(a.attr('bus')) ?? 0;
    const slot = parseInteger(a.attr('slot')) ?? 0;
    const fn = parseInteger(a.attr('function')) ?? 0;
    out.push({ device: d, address: a, key: `${dom}:${bus}:${slot}.${fn}`, bus, slot, fn });
  }
  return out;
}

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
const show = (s: PciSlot) => `0000:${hex(s.bus, 2)}:${hex(s.slot, 2)}.${s.fn}`;

/** the integrated functions of the chipsets: what may sit there, if anything */
function reservedFor(ctx: CheckContext, s: PciSlot): ((d: XmlElement) => boolean) | undefined {
  if (s.bus !== 0) return undefined;
  const isCtrl =
    (type: string, index = '0') =>
    (d: XmlElement) =>
      d.name === 'controller' && d.attr('type') === type && (d.attr('index') ?? '0') === index;
  if (ctx.g.machineKind === 'i440fx' && s.slot === 1) {
    if (s.fn === 0 || s.fn === 3) return () => false; // ISA bridge, ACPI/PM
    if (s.fn === 1) return isCtrl('ide');
    if (s.fn === 2) {
      const usb = ctx.devices('controller').filter((c) => c.attr('type') === 'usb');
      if (usb.length && !usb.some((c) => (c.attr('model') ?? I440FX_USB_MODEL) === I440FX_USB_MODEL)) return undefined;
      return isCtrl('usb');
    }
  }
  if (ctx.g.machineKind === 'q35' && s.slot === 0x1f) {
    if (s.fn === 0 || s.fn === 3) return () => false; // LPC, SMBus
    if (s.fn === 2) return isCtrl('sata');
  }
  return undefined;
}

/**
 * "Attempted double use of PCI Address": two devices at one address, or a
 * device on a chipset function (i440fx 00:01.x, q35 00:1f.0/2/3). Also the
 * PIIX3 USB controller's fixed place: "PIIX3 USB controller at index 0 must
 * have PCI address 0:0:1.2" on i440fx, while on q35 that address is refused
 * for it ("Bus 0 must be PCI for integrated PIIX3 USB or IDE controllers";
 * other bus-0 slots are accepted).
 */
export function pciAddressConflicts(ctx: CheckContext): void {
  const seen = new Map<string, PciSlot>();
  for (const s of explicitAddresses(ctx)) {
    const range = nameRange(s.address);
    const first = seen.get(s.key);
    const allowed = reservedFor(ctx, s);
    if (first)
      ctx.reject(
        'pci-address-conflict',
        range,
        `attempted double use of PCI address ${show(s)} (the <${first.device.name}> above has it too)`,
      );
    else if (allowed && !allowed(s.device))
      ctx.reject(
        'pci-address-conflict',
        range,
        `attempted double use of PCI address ${show(s)}: ${ctx.g.machine} has a built-in device there`,
      );
    else seen.set(s.key, s);
    const d = s.device;
    const piix3Usb = d.name === 'controller' && d.attr('type') === 'usb' && (d.attr('model') ?? I440FX_USB_MODEL) === I440FX_USB_MODEL;
    if (ctx.g.machineKind === 'q35' && s.bus === 0 && s.slot === 1 && s.fn === 2 && piix3Usb) {
      ctx.reject(
        'pci-address-conflict',
        range,
        `00:01.2 is where i440fx integrates its PIIX3 USB controller, and bus 0 of q35 is PCIe ("Bus 0 must be PCI for integrated PIIX3 USB or IDE controllers"): give it another slot`,
      );
    }
    if (ctx.g.machineKind === 'i440fx' && piix3Usb && (d.attr('index') ?? '0') === '0' && !(s.bus === 0 && s.slot === 1 && s.fn === 2)) {
      ctx.reject(
        'pci-address-conflict',
        range,
        `the PIIX3 USB controller at index 0 is part of the chipset and must have PCI address 0000:00:01.2`,
      );
    }
  }
}
