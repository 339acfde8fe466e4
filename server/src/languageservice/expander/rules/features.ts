/** <features>: the GIC of ARM virt machines. */
import { HYPERV_MODE_ROWS, IMPLICIT_DEVICES } from '../../knowledge/deviceDefaults';
import { pickRow, rowSource } from '../../knowledge/rows';
import { Rule } from '../context';
import { ENode } from '../eTree';

export const featuresRule: Rule = {
  id: 'features',
  description: 'adds the interrupt controller (GIC) of ARM virt machines and records the Hyper-V mode',
  apply(ctx) {
    const hyperv = ctx.root.path('features', 'hyperv');
    const mode = hyperv && pickRow(HYPERV_MODE_ROWS, 'hyperv-mode', ctx.versions, ctx.guest);
    if (hyperv && mode?.value)
      ctx.fillAttr(hyperv, 'mode', mode.value, {
        rule: this.id,
        category: 'abi',
        reason: 'Hyper-V enlightenments are exactly the ones listed unless passthrough is asked',
        source: rowSource(mode),
      });
    if (!ctx.isArmVirt) return;
    const meta = {
      rule: this.id,
      category: 'abi' as const,
      reason: 'ARM virt machines always have a GIC; under TCG libvirt picks version 2',
      source: IMPLICIT_DEVICES.gic.source,
    };
    const features = ctx.root.child('features') ?? ctx.addElement(ctx.root, new ENode('features'), meta);
    const gic = features.child('gic') ?? ctx.addElement(features, new ENode('gic'), meta);
    ctx.fillAttr(gic, 'version', IMPLICIT_DEVICES.gic.version, meta);
  },
};
