/**
 * Define-time rules of libvirt's QEMU driver about devices that need no
 * host to decide: IDE on machines without IDE, panic models per
 * architecture, the transitional virtio models where they do not exist, USB
 * devices without a USB bus. Each rule was probed with `virsh define` on
 * libvirt 9.0.0 / QEMU 7.2 (the quoted errors are its messages); the code
 * lives in src/qemu/qemu_validate.c and src/qemu/qemu_domain.c.
 */
import { XmlElement } from '../../parser/xmlNodes';
import { nameRange, valueRange } from './guest';
import { CheckContext } from './checkContext';
import { TRANSITIONAL_MODELS } from './transitional';
import { diskBus } from '../../knowledge/diskDefaults';
import { isX86Arch } from '../../knowledge/machineKind';
import { panicModelDefault } from '../../knowledge/deviceDefaults';
import { machineHasBuiltinIde } from '../../knowledge/machineTypes';

/** "IDE controllers are unsupported for this QEMU binary or machine type" */
export function ideOnMachineWithoutIde(ctx: CheckContext): void {
  // libvirt checks the machine it stores: as written (canonical), else the host's default (osType rule)
  const machine = ctx.g.storedMachine;
  if (!machine) return;
  if (machineHasBuiltinIde(ctx.g.arch, machine)) return onlyOneIde(ctx, machine);
  const alt = ctx.g.machineKind === 'q35' ? 'sata' : undefined;
  const why = `${machine} has no IDE controller ("IDE controllers are unsupported for this QEMU binary or machine type")${alt ? `; use bus='${alt}'` : ''}`;
  for (const disk of ctx.devices('disk')) {
    const target = disk.child('target');
    const bus = target?.getAttribute('bus');
    if (bus?.value === 'ide') ctx.reject('ide-unsupported', valueRange(bus), why, { node: 'value', value: 'ide', safeAlternative: alt });
    else if (!bus && /^hd[a-z]/.test(target?.attr('dev') ?? '')) {
      // libvirt derives bus='ide' from an hdX name
      const dev = target!.getAttribute('dev')!;
      ctx.reject('ide-unsupported', valueRange(dev), `a disk named '${dev.value}' without a bus is on IDE, and ${why}`, {
        node: 'value',
        value: dev.value ?? undefined,
      });
    }
  }
  for (const c of ctx.devices('controller')) {
    const type = c.getAttribute('type');
    if (type?.value === 'ide') ctx.reject('ide-unsupported', valueRange(type), why, { node: 'value', value: 'ide' });
  }
}

/**
 * "Only a single IDE controller is supported for this machine type": a machine with IDE built in has that one
 * controller, index 0; an IDE controller of another index, written or added by libvirt for an IDE disk whose
 * drive address names it, fails the define.
 */
function onlyOneIde(ctx: CheckContext, machine: string): void {
  const why = `${machine} has a single IDE controller, index 0 ("Only a single IDE controller is supported for this machine type")`;
  for (const c of ctx.devices('controller')) {
    const index = c.getAttribute('index');
    if (c.attr('type') === 'ide' && index && Number(index.value) >= 1) ctx.reject('ide-single', valueRange(index), why, { node: 'value' });
  }
  // an IDE disk addressed to controller 1 or higher fails earlier, when libvirt assigns drive addresses (observed: 7.0, 9.0, 11.3)
  for (const disk of ctx.devices('disk')) {
    const address = disk.child('address');
    const controller = address?.getAttribute('controller');
    if (disk.child('target')?.attr('bus') === 'ide' && address?.attr('type') === 'drive' && controller && Number(controller.value) >= 1)
      ctx.reject(
        'ide-single',
        valueRange(controller),
        `${machine} has a single IDE controller, index 0 ("Only 1 IDE controller is supported")`,
        {
          node: 'value',
        },
      );
  }
}

/** the architectures each panic model exists on */
function panicModelProblem(model: string, arch: string, machineKind: string): string | undefined {
  const x86 = arch === 'x86_64' || arch === 'i686';
  switch (model) {
    case 'isa':
      return x86 ? undefined : 'the QEMU binary does not support the ISA panic device (an ISA pvpanic exists only on x86)';
    case 'hyperv':
      return x86 ? undefined : `only i686 and x86_64 guests support panic device of model 'hyperv'`;
    case 'pseries':
      return arch.startsWith('ppc64') && machineKind === 'pseries'
        ? undefined
        : `only pSeries guests support panic device of model 'pseries'`;
    case 's390':
      return arch === 's390x' ? undefined : `only S390 guests support panic device of model 's390'`;
    default:
      return undefined;
  }
}

/** panic models per architecture (docs/version-safety.md, "Panic devices") */
export function panicModelPerArch(ctx: CheckContext): void {
  const { arch, machineKind } = ctx.g;
  for (const p of ctx.devices('panic')) {
    const model = p.getAttribute('model');
    if (model?.value) {
      const problem = panicModelProblem(model.value, arch, machineKind);
      if (problem) ctx.reject('panic-model-arch', valueRange(model), problem, { node: 'value', value: model.value });
      continue;
    }
    const def = panicModelDefault(ctx.profile, { arch, machine: machineKind });
    if (def && !def.model) {
      // the target's libvirt knows no default here (PANIC_MODEL_ROWS), and its validation refuses the device (qemuValidateDomainDefPanic)
      ctx.reject(
        'panic-model-arch',
        nameRange(p),
        `libvirt has no default panic model for ${arch} ${machineKind}: name one ("no panic model provided, and no default for the architecture and machine type")`,
        { node: 'element' },
      );
    } else if (!isX86Arch(arch) && def?.model === 'isa') {
      // the target's libvirt gives a model-less panic device the ISA model (knowledge/deviceDefaults.ts PANIC_MODEL_ROWS), then refuses it
      ctx.reject(
        'panic-model-arch',
        nameRange(p),
        `a <panic> with no model is 'isa' on ${arch}: the QEMU binary does not support the ISA panic device there (pvpanic, the other model for ${arch}, arrived in libvirt 9.1.0)`,
        { node: 'element' },
      );
    }
  }
}

const TRANSITIONAL_PATHS = new Set([
  'disk/@model',
  'filesystem/@model',
  'rng/@model',
  'vsock/@model',
  'memballoon/@model',
  'interface/model/@type',
  'input/@model',
]);

/** the bus an input device is on: its bus attribute, or the default for its type */
export function inputBus(input: XmlElement, x86: boolean, arch: string): string | undefined {
  const bus = input.attr('bus');
  if (bus) return bus;
  const type = input.attr('type');
  if (type === 'passthrough') return 'virtio';
  if (type === 'evdev') return undefined;
  if (type === 'tablet') return 'usb';
  if (arch === 's390x') return 'virtio';
  return x86 ? 'ps2' : 'usb';
}

/**
 * virtio-(non-)transitional where no such device exists: libvirt 9.0 refuses
 * them for every input type, for disks not on bus virtio, and knows no such
 * model for video, sound, USB or other controllers.
 */
export function transitionalWhereUnsupported(ctx: CheckContext): void {
  for (const dev of ctx.devices()) {
    const checkAttr = (el: XmlElement, attrName: string, rel: string) => {
      const a = el.getAttribute(attrName);
      if (!a || a.value === null || !TRANSITIONAL_MODELS.has(a.value)) return;
      const range = valueRange(a);
      const extra = { node: 'value' as const, value: a.value };
      if (dev.name === 'input') {
        const bus = inputBus(dev, ctx.g.isX86, ctx.g.arch);
        if (bus !== 'virtio')
          ctx.reject('transitional-unsupported', range, `only bus 'virtio' is supported for input model '${a.value}'`, extra);
        else
          ctx.reject(
            'transitional-unsupported',
            range,
            `virtio (non-)transitional models are not supported for input type=${dev.attr('type') ?? ''}; use model='virtio'`,
            { ...extra, safeAlternative: 'virtio' },
          );
        return;
      }
      if (dev.name === 'disk') {
        const bus = diskBus(dev.child('target')?.attr('bus'), dev.child('target')?.attr('dev') ?? '');
        if (bus && bus !== 'virtio')
          ctx.reject(
            'transitional-unsupported',
            range,
            `disk model '${a.value}' not supported for bus '${bus}' (only for bus='virtio')`,
            extra,
          );
        return;
      }
      if (dev.name === 'controller') {
        const type = dev.attr('type');
        if (type === 'scsi' || type === 'virtio-serial') return;
        ctx.reject(
          'transitional-unsupported',
          range,
          `a <controller type='${type ?? ''}'> has no model '${a.value}' ("Unknown model type"); the transitional variants exist for SCSI and virtio-serial controllers`,
          extra,
        );
        return;
      }
      if (dev.name === 'hostdev') {
        if (dev.attr('type') !== 'scsi_host')
          ctx.reject('transitional-unsupported', range, `only <hostdev type='scsi_host'> has the model '${a.value}'`, extra);
        return;
      }
      if (TRANSITIONAL_PATHS.has(rel)) return;
      ctx.reject(
        'transitional-unsupported',
        range,
        `<${dev.name}> has no model '${a.value}': the virtio (non-)transitional variants exist only for disk, interface, filesystem, rng, vsock, memballoon, SCSI and virtio-serial controllers and scsi_host hostdevs (a virtio-1.0-only device has no transitional form)`,
        extra,
      );
    };
    checkAttr(dev, 'model', `${dev.name}/@model`);
    checkAttr(dev, 'type', `${dev.name}/@type`);
    const model = dev.child('model');
    if (model) checkAttr(model, 'type', `${dev.name}/model/@type`);
  }
}

/** arches/machines where libvirt adds no USB controller by itself */
function noImplicitUsb(ctx: CheckContext): boolean {
  const { arch, machineKind } = ctx.g;
  return machineKind === 'virt' || arch === 's390x' || arch.startsWith('riscv');
}

/** the USB devices of a domain, each with the node to point at */
export function usbDevices(ctx: CheckContext): { el: XmlElement; range: [number, number] }[] {
  const out: { el: XmlElement; range: [number, number] }[] = [];
  for (const d of ctx.devices()) {
    let usb = false;
    let at: [number, number] = nameRange(d);
    const bus = d.getAttribute('bus');
    switch (d.name) {
      case 'input':
        usb = inputBus(d, ctx.g.isX86, ctx.g.arch) === 'usb';
        break;
      case 'redirdev':
        usb = (d.attr('bus') ?? 'usb') === 'usb';
        break;
      case 'hostdev':
      case 'hub':
        usb = d.attr('type') === 'usb';
        break;
      case 'sound':
        usb = d.attr('model') === 'usb';
        break;
      case 'disk': {
        const tb = d.child('target')?.getAttribute('bus');
        usb = tb?.value === 'usb';
        if (tb) at = valueRange(tb);
        break;
      }
    }
    if (usb) out.push({ el: d, range: bus ? valueRange(bus) : at });
  }
  return out;
}

/** "USB is disabled for this domain, but USB devices are present in the domain XML" */
export function usbDevicesWithoutUsb(ctx: CheckContext): void {
  const usbCtrls = ctx.devices('controller').filter((c) => c.attr('type') === 'usb');
  const disabled = usbCtrls.find((c) => c.attr('model') === 'none');
  let why: string;
  let addDevice: string | undefined;
  if (disabled) {
    for (const c of usbCtrls) {
      if (c !== disabled)
        ctx.reject(
          'usb-disabled',
          nameRange(c),
          `another USB controller next to <controller type='usb' model='none'> ("Can't add another USB controller: USB is disabled for this domain")`,
        );
    }
    if (ctx.g.machineKind === 'pseries' && ctx.devices('graphics').length) {
      ctx.reject(
        'usb-disabled',
        nameRange(disabled),
        `pSeries guests with graphics get a USB keyboard and mouse, which need USB ("USB is disabled for this domain, but USB devices are present")`,
      );
    }
  }
  if (disabled) why = `a USB device needs a USB bus, and <controller type='usb' model='none'> disables it`;
  else if (!usbCtrls.length && noImplicitUsb(ctx)) {
    why = `${ctx.g.arch} '${ctx.g.machine}' guests get no implicit USB controller, so this USB device has no bus ("USB is disabled for this domain"); add <controller type='usb' model='qemu-xhci'/>`;
    addDevice = `<controller type='usb' model='qemu-xhci'/>`;
  } else return;
  for (const { range } of usbDevices(ctx)) ctx.reject('usb-disabled', range, why, { addDevice });
}

/** "Multiple 'scsi' controllers with index '0'", "Duplicate USB controllers with index 0" (USB companions share their master's index) */
export function duplicateControllers(ctx: CheckContext): void {
  const seen = new Map<string, XmlElement[]>();
  for (const c of ctx.devices('controller')) {
    const type = c.attr('type');
    const index = c.getAttribute('index');
    if (!type || !index?.value) continue;
    const key = `${type}:${Number(index.value)}`;
    const same = seen.get(key) ?? [];
    const clash = type === 'usb' ? same.find((o) => (o.attr('model') ?? '') === (c.attr('model') ?? '')) : same[0];
    if (clash)
      ctx.reject(
        'controller-duplicate',
        valueRange(index),
        `a second <controller type='${type}'> with index ${index.value} ("Multiple '${type}' controllers with index '${index.value}'")`,
        { node: 'value', value: index.value },
      );
    same.push(c);
    seen.set(key, same);
  }
  const roots = ctx.devices('controller').filter((c) => c.attr('type') === 'pci' && /^pcie?-root$/.test(c.attr('model') ?? ''));
  // qemu_domain.c (qemuDomainDeviceDefValidateController... PCI case): pSeries may have several pci-root (spapr-pci-host-bridge) controllers
  if (ctx.g.machineKind === 'pseries') return;
  for (const r of roots.filter((c, i) => (c.hasAttr('index') ? Number(c.attr('index')) !== 0 : i > 0)))
    ctx.reject(
      'controller-duplicate',
      nameRange(r),
      `only one PCI root controller, with index 0 ("pci-root and pcie-root controllers should have index 0")`,
    );
}

/** "only a single memory balloon device is supported" */
export function singleBalloon(ctx: CheckContext): void {
  for (const b of ctx.devices('memballoon').slice(1))
    ctx.reject('memballoon-count', nameRange(b), `only a single memory balloon device is supported`);
}

/** interfaces: vhost-user needs a virtio NIC; the iommu driver option is virtio only */
export function interfaceModels(ctx: CheckContext): void {
  for (const i of ctx.devices('interface')) {
    const model = i.child('model')?.getAttribute('type');
    const virtio = !!model?.value && model.value.startsWith('virtio');
    // 11.3 gives a vhostuser interface without <model> the virtio model (qemu_postparse.c qemuDomainDeviceNetDefPostParse); 10.0 is not checked
    if (i.attr('type') === 'vhostuser' && !virtio && !(!model && ctx.targetIn('10.0.0'))) {
      ctx.reject(
        'interface-model',
        model ? valueRange(model) : nameRange(i),
        `<interface type='vhostuser'> needs <model type='virtio'/> ("vhostuser requires the virtio-net* frontend")`,
        model ? { node: 'value', value: model.value ?? undefined, safeAlternative: 'virtio' } : {},
      );
    }
    const iommu = i.child('driver')?.getAttribute('iommu');
    if (iommu && model?.value && !virtio)
      ctx.reject(
        'interface-model',
        nameRange(iommu),
        `the iommu driver option is only supported for virtio devices, not for a ${model.value} NIC`,
      );
  }
}

/** devices of other hypervisors, and input a bus cannot carry (src/qemu/qemu_validate.c) */
export function qemuDeviceKinds(ctx: CheckContext): void {
  for (const b of ctx.devices('memballoon')) {
    const m = b.getAttribute('model');
    if (m?.value === 'xen')
      ctx.reject(
        'qemu-device',
        valueRange(m),
        `a Xen balloon on a QEMU guest ("Memory balloon device type 'xen' is not supported by this version of qemu")`,
        { node: 'value', value: 'xen', safeAlternative: 'virtio' },
      );
  }
  for (const g of ctx.devices('graphics')) {
    const t = g.getAttribute('type');
    if (t?.value === 'rdp' || t?.value === 'desktop')
      ctx.reject(
        'qemu-device',
        valueRange(t),
        `the QEMU driver has no ${t.value} graphics ("${t.value} graphics are not supported with this QEMU"); use vnc or spice`,
        { node: 'value', value: t.value },
      );
  }
  for (const i of ctx.devices('input')) {
    const bus = i.getAttribute('bus');
    if (bus?.value === 'ps2' && i.attr('type') === 'tablet')
      ctx.reject(
        'qemu-device',
        valueRange(bus),
        `a tablet needs absolute pointing, which PS/2 lacks ("ps2 bus does not support tablet input device"); use bus='usb' or 'virtio'`,
        { node: 'value', value: 'ps2', safeAlternative: 'usb' },
      );
  }
}

/** what each interface type needs in <source> (virDomainNetDefParseXML: "interface type='bridge' requires a 'source' element") */
const INTERFACE_SOURCE: Record<string, string[]> = {
  network: ['network'],
  bridge: ['bridge'],
  direct: ['dev'],
  mcast: ['address', 'port'],
  udp: ['address', 'port'],
  vhostuser: ['type'],
};

export function interfaceSources(ctx: CheckContext): void {
  for (const i of ctx.devices('interface')) {
    const type = i.attr('type');
    const needs = type ? INTERFACE_SOURCE[type] : undefined;
    if (!needs) continue;
    // 11.1 made <source> of a vhostuser interface optional (the passt backend, NEWS.rst v11.1.0; domain_conf.c virDomainNetDefParseXML)
    if (type === 'vhostuser' && ctx.targetIn('11.1.0')) continue;
    const source = i.child('source');
    if (!source) {
      ctx.reject('interface-source', nameRange(i), `interface type='${type}' requires a <source> element (with ${needs.join(', ')})`);
      continue;
    }
    const missing = needs.filter((n) => !source.hasAttr(n));
    if (missing.length)
      ctx.reject(
        'interface-source',
        nameRange(source),
        `interface type='${type}' needs ${missing.map((m) => `'${m}'`).join(' and ')} on its <source> ("Missing required attribute")`,
      );
  }
}

/** "disk device='lun' is only valid for block type disk source" */
export function lunNeedsBlock(ctx: CheckContext): void {
  for (const d of ctx.devices('disk')) {
    const device = d.getAttribute('device');
    const type = d.attr('type') ?? 'file';
    if (device?.value === 'lun' && type !== 'block' && type !== 'network')
      ctx.reject(
        'disk-device',
        valueRange(device),
        `device='lun' passes SCSI commands to a block device: it needs <disk type='block'> (or an iSCSI network disk), not type='${type}'`,
        { node: 'value', value: 'lun' },
      );
  }
}
