/** <vcpu placement='static'>N</vcpu>. */
import { VCPU_COUNT_DEFAULT, VCPU_PLACEMENT_DEFAULT } from '../../knowledge/scalarDefaults';
import { Rule } from '../context';
import { ENode } from '../eTree';

export const vcpuRule: Rule = {
  id: 'vcpu',
  description: 'fills the vCPU count and placement',
  apply(ctx) {
    let vcpu = ctx.root.child('vcpu');
    if (!vcpu) {
      vcpu = new ENode('vcpu');
      vcpu.text = VCPU_COUNT_DEFAULT.value;
      ctx.addElement(ctx.root, vcpu, {
        rule: this.id,
        category: 'abi',
        reason: VCPU_COUNT_DEFAULT.reason,
        source: VCPU_COUNT_DEFAULT.source,
      });
    }
    const meta = { rule: this.id, category: 'abi' as const, reason: VCPU_PLACEMENT_DEFAULT.reason, source: VCPU_PLACEMENT_DEFAULT.source };
    if (vcpu.attr('cpuset') === undefined || vcpu.attr('placement') === undefined)
      ctx.fillAttr(vcpu, 'placement', VCPU_PLACEMENT_DEFAULT.value, meta);
    // current equal to the maximum is not written back
    if (vcpu.attr('current') !== undefined && vcpu.attr('current') === vcpu.value) {
      vcpu.attrs.delete('current');
    }
  },
};
