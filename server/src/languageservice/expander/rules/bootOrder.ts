/** <os><boot dev='hd'/> when nothing says where to boot from. */
import { BOOT_DEV_DEFAULT } from '../../knowledge/scalarDefaults';
import { Rule } from '../context';
import { ENode } from '../eTree';

export const bootOrderRule: Rule = {
  id: 'boot-device',
  description: 'adds a boot from the first hard disk when neither <os><boot> nor a device <boot order> is given',
  apply(ctx) {
    const os = ctx.root.child('os');
    // a direct <kernel> boot still gets the default (checked on 7.0, 9.0, 11.3)
    if (!os || os.child('boot')) return;
    if ((os.child('type')?.value ?? 'hvm') !== 'hvm') return;
    const devices = ctx.root.child('devices');
    const perDevice = devices?.children.some((d) => d.child('boot')?.attr('order') !== undefined);
    if (perDevice) return;
    ctx.addElement(os, new ENode('boot', { dev: BOOT_DEV_DEFAULT.value }), {
      rule: this.id,
      category: 'abi',
      reason: BOOT_DEV_DEFAULT.reason,
      source: BOOT_DEV_DEFAULT.source,
    });
  },
};
