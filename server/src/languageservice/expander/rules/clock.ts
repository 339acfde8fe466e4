/** <clock offset='utc'/>. */
import { CLOCK_OFFSET_DEFAULT } from '../../knowledge/scalarDefaults';
import { Rule } from '../context';
import { ENode } from '../eTree';

export const clockRule: Rule = {
  id: 'clock',
  description: 'fills the guest clock offset',
  apply(ctx) {
    const meta = { rule: this.id, category: 'abi' as const, reason: CLOCK_OFFSET_DEFAULT.reason, source: CLOCK_OFFSET_DEFAULT.source };
    const clock = ctx.root.child('clock');
    if (!clock) ctx.addElement(ctx.root, new ENode('clock', { offset: CLOCK_OFFSET_DEFAULT.value }), meta);
    else ctx.fillAttr(clock, 'offset', CLOCK_OFFSET_DEFAULT.value, meta);
  },
};
