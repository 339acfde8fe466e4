/** <emulator>: the host's QEMU binary for the guest arch. */
import { defaultEmulator, EMULATOR_SOURCE } from '../../knowledge/scalarDefaults';
import { Rule } from '../context';
import { ENode } from '../eTree';

export const emulatorRule: Rule = {
  id: 'emulator',
  description: "fills the path of the host's QEMU binary",
  apply(ctx) {
    const meta = {
      rule: this.id,
      category: 'normalised' as const,
      reason: 'libvirt records which QEMU binary runs the guest; it is a host path, not guest ABI',
      source: EMULATOR_SOURCE,
    };
    const devices = ctx.devices(meta);
    if (devices.child('emulator')) return;
    const el = new ENode('emulator');
    el.text = ctx.profile.guests?.find((g) => g.arch === ctx.arch)?.emulator ?? defaultEmulator(ctx.arch);
    ctx.addElement(devices, el, meta);
  },
};
