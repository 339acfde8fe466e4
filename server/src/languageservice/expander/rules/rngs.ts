/**
 * <rng>: a 'random' backend without a device file reads /dev/random
 * (src/conf/domain_conf.c virDomainRNGDefParseXML). Observed on 7.0.0, 9.0.0
 * and 11.3.0. A host path, not guest ABI.
 */
import { Rule } from '../context';

export const rngsRule: Rule = {
  id: 'rngs',
  description: 'stores the host device of a random-number backend that names none (/dev/random)',
  apply(ctx) {
    for (const rng of ctx.root.child('devices')?.all('rng') ?? []) {
      const backend = rng.child('backend');
      if (backend?.attr('model') !== 'random' || backend.value) continue;
      ctx.setText(backend, '/dev/random', {
        rule: this.id,
        category: 'normalised',
        reason: 'a random backend without a device file reads the host /dev/random',
        source: {
          ref: 'src/conf/domain_conf.c virDomainRNGDefParseXML (source file /dev/random when none)',
          verifiedOn: ['7.0.0', '9.0.0', '11.3.0'],
        },
      });
    }
  },
};
