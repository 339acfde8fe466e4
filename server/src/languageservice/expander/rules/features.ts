/** <features>: the GIC of ARM virt machines. */
import { IMPLICIT_DEVICES } from '../../knowledge/deviceDefaults';
import { Rule } from '../context';
import { ENode } from '../eTree';

export const featuresRule: Rule = {
  id: 'features',
  description: 'adds the interrupt controller (GIC) of ARM virt machines',
  apply(ctx) {
    if (!ctx.isArmVirt) return;
    const meta = { rule: this.id, category: 'abi' as const, reason: 'ARM virt machines always have a GIC; under TCG libvirt picks version 2', source: IMPLICIT_DEVICES.gic.source };
    const features = ctx.root.child('features') ?? ctx.addElement(ctx.root, new ENode('features'), meta);
    const gic = features.child('gic') ?? ctx.addElement(features, new ENode('gic'), meta);
    ctx.fillAttr(gic, 'version', IMPLICIT_DEVICES.gic.version, meta);
  },
};
