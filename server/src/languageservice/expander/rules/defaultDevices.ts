/** Devices a machine always has: PS/2 mouse and keyboard on x86, the memory balloon, the firmware panic notifier. */
import { IMPLICIT_DEVICES, implicitDevice } from '../../knowledge/deviceDefaults';
import { ExpandContext, Rule } from '../context';
import { ENode } from '../eTree';

function hasInput(ctx: ExpandContext, type: string, bus: string): boolean {
  return !!ctx.root
    .child('devices')
    ?.all('input')
    .some((i) => i.attr('type') === type && (i.attr('bus') ?? '') === bus);
}

export const defaultDevicesRule: Rule = {
  id: 'default-devices',
  description: 'adds the input devices, memory balloon, chipset watchdog and panic device the machine always has',
  apply(ctx) {
    const kind = ctx.machineKind;
    if (IMPLICIT_DEVICES.ps2Inputs.arches.includes(ctx.arch) && (kind === 'i440fx' || kind === 'q35')) {
      for (const type of ['mouse', 'keyboard']) {
        if (hasInput(ctx, type, 'ps2')) continue;
        const meta = {
          rule: this.id,
          category: 'abi' as const,
          reason: `x86 machines have a PS/2 controller; libvirt lists its ${type}`,
          source: IMPLICIT_DEVICES.ps2Inputs.source,
        };
        ctx.addElement(ctx.devices(meta), new ENode('input', { type, bus: 'ps2' }), meta);
      }
    }
    const devices = ctx.root.child('devices');
    if (IMPLICIT_DEVICES.usbInputsWithGraphics.machines.includes(kind) && devices?.child('graphics')) {
      for (const type of ['keyboard', 'mouse']) {
        if (hasInput(ctx, type, 'usb')) continue;
        // a USB tablet already points; libvirt then adds no USB mouse
        if (type === 'mouse' && hasInput(ctx, 'tablet', 'usb')) continue;
        const meta = {
          rule: this.id,
          category: 'abi' as const,
          reason: `pSeries guests with graphics get a USB ${type}`,
          source: IMPLICIT_DEVICES.usbInputsWithGraphics.source,
        };
        ctx.addElement(ctx.devices(meta), new ENode('input', { type, bus: 'usb' }), meta);
      }
    }
    if (IMPLICIT_DEVICES.memballoon.machines.includes(kind) && !IMPLICIT_DEVICES.memballoon.exceptArches.includes(ctx.arch)) {
      const meta = {
        rule: this.id,
        category: 'abi' as const,
        reason: 'libvirt gives every guest of this machine a virtio memory balloon unless <memballoon model="none"/> says otherwise',
        source: IMPLICIT_DEVICES.memballoon.source,
      };
      const mb = devices?.child('memballoon');
      if (!mb) ctx.addElement(ctx.devices(meta), new ENode('memballoon', { model: IMPLICIT_DEVICES.memballoon.model }), meta);
    }
    const itco = implicitDevice('itco-watchdog', ctx.versions, ctx.guest);
    if (itco?.add) {
      const watchdogs = devices?.all('watchdog') ?? [];
      if (!watchdogs.some((w) => w.attr('model') === 'itco')) {
        // The ICH9 chipset has the iTCO on every q35 guest, listed or not: the
        // listing changes nothing the guest sees, so it is not an ABI fill to
        // pin (and pinning it would make the document fail before 9.1.0).
        const meta = {
          rule: this.id,
          category: 'normalised' as const,
          reason: "q35's ICH9 chipset always has an iTCO watchdog; since 9.1.0 libvirt lists it",
          source: itco.source,
        };
        ctx.addElement(ctx.devices(meta), new ENode('watchdog', { model: 'itco', action: watchdogs[0]?.attr('action') ?? 'reset' }), meta);
      }
    }
    const panicModel =
      kind === 'pseries' ? IMPLICIT_DEVICES.panic.pseries : kind === 's390-ccw' ? IMPLICIT_DEVICES.panic['s390-ccw'] : undefined;
    if (panicModel) {
      const panics = devices?.all('panic') ?? [];
      if (!panics.some((p) => !p.attr('model') || p.attr('model') === panicModel)) {
        const meta = {
          rule: this.id,
          category: 'abi' as const,
          reason: `the ${kind === 'pseries' ? 'pSeries' : 's390'} firmware reports guest crashes; libvirt adds the matching panic device`,
          source: IMPLICIT_DEVICES.panic.source,
        };
        ctx.addElement(ctx.devices(meta), new ENode('panic', { model: panicModel }), meta);
      }
    }
  },
};
