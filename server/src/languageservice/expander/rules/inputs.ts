/** <input> without bus: PS/2 for an x86 mouse or keyboard, USB otherwise. */
import { Rule } from '../context';

export const inputsRule: Rule = {
  id: 'input-bus',
  description: 'fills the bus of input devices',
  apply(ctx) {
    for (const input of ctx.root.child('devices')?.all('input') ?? []) {
      if (input.attr('bus')) continue;
      const type = input.attr('type');
      const bus =
        ctx.isX86 && (type === 'mouse' || type === 'keyboard') ? 'ps2' : type === 'passthrough' || type === 'evdev' ? undefined : 'usb';
      if (!bus) continue;
      ctx.fillAttr(input, 'bus', bus, {
        rule: this.id,
        category: 'abi',
        reason: bus === 'ps2' ? 'an x86 mouse or keyboard without a bus is the PS/2 one' : `a ${type} without a bus is a USB device`,
        source: { ref: 'src/conf/domain_conf.c, virDomainInputDefParseXML (default bus: ps2 for x86 mouse/keyboard, usb otherwise)' },
      });
    }
  },
};
