/** <hostdev mode='subsystem'>: managed='no' when not given. */
import { HOSTDEV_MANAGED_DEFAULT } from '../../knowledge/scalarDefaults';
import { Rule } from '../context';

export const hostdevsRule: Rule = {
  id: 'hostdev-managed',
  description: "writes managed='no' on a subsystem hostdev that does not say whether libvirt manages it",
  apply(ctx) {
    for (const h of ctx.root.child('devices')?.children ?? []) {
      if (h.name !== 'hostdev' || (h.attr('mode') ?? 'subsystem') !== 'subsystem') continue;
      ctx.fillAttr(h, 'managed', HOSTDEV_MANAGED_DEFAULT.value, {
        rule: this.id,
        category: 'abi',
        reason: HOSTDEV_MANAGED_DEFAULT.reason,
        source: HOSTDEV_MANAGED_DEFAULT.source,
      });
    }
  },
};
