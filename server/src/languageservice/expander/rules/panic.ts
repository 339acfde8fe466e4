/** <panic>: the model of a panic device without one. */
import { PANIC_MODEL_DEFAULT, PANIC_MODEL_SOURCE } from '../../knowledge/deviceDefaults';
import { Rule } from '../context';

export const panicRule: Rule = {
  id: 'panic',
  description: 'fills the model of panic devices',
  apply(ctx) {
    const model = PANIC_MODEL_DEFAULT[ctx.arch];
    if (!model) return;
    for (const p of ctx.root.child('devices')?.all('panic') ?? []) {
      ctx.fillAttr(p, 'model', model, { rule: this.id, category: 'abi', reason: `a panic device on ${ctx.arch} is ${model}`, source: PANIC_MODEL_SOURCE });
    }
  },
};
