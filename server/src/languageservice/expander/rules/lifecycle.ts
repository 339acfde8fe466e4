/** <on_poweroff>, <on_reboot>, <on_crash>. */
import { LIFECYCLE_DEFAULTS } from '../../knowledge/scalarDefaults';
import { Rule } from '../context';
import { ENode } from '../eTree';

export const lifecycleRule: Rule = {
  id: 'lifecycle-actions',
  description: 'fills the actions taken when the guest powers off, reboots or crashes',
  apply(ctx) {
    for (const d of LIFECYCLE_DEFAULTS) {
      if (ctx.root.child(d.element)) continue;
      const el = new ENode(d.element);
      el.text = d.value;
      ctx.addElement(ctx.root, el, { rule: this.id, category: 'abi', reason: d.reason, source: d.source });
    }
  },
};
