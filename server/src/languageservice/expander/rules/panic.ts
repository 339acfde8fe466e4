/** <panic>: the model of a panic device without one. */
import { isX86Arch } from '../../knowledge/machineKind';
import { panicModelDefault } from '../../knowledge/deviceDefaults';
import { Rule } from '../context';

export const panicRule: Rule = {
  id: 'panic',
  description: 'fills the model of panic devices',
  apply(ctx) {
    const def = panicModelDefault(ctx.versions, ctx.guest);
    const model = def?.model;
    // an ISA panic device outside x86 makes the define fail (services/version/deviceChecks.ts reports it): nothing to predict
    if (!def || !model || (model === 'isa' && !isX86Arch(ctx.arch))) return;
    for (const p of ctx.root.child('devices')?.all('panic') ?? []) {
      ctx.fillAttr(p, 'model', model, {
        rule: this.id,
        category: 'abi',
        reason: `a panic device on ${ctx.arch} is ${model}`,
        source: def.source,
      });
    }
  },
};
