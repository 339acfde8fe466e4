/**
 * Property tests (fast-check) over mutated real domains, with a fixed seed so
 * that `npm test` is repeatable: see test/properties/domainProperties.ts for
 * the properties and the mutations. `npm run fuzz` runs many more cases with
 * fresh seeds and keeps what it finds under fuzz-failures/.
 */
import fc from 'fast-check';
import { baseDocuments, caseArb, caseText, checkText, newService } from '../properties/domainProperties';

describe('properties of every document (fast-check, fixed seed)', function () {
  this.timeout(600_000);
  const bases = baseDocuments();
  const service = newService();

  it('the unmutated documents keep every property', () => {
    for (const b of bases) {
      try {
        checkText(service, b.text, [0, 0.3, 0.7, 1], `file:///fuzz/${b.name}`);
      } catch (e) {
        throw new Error(`${b.name}: ${(e as Error).message}`, { cause: e });
      }
    }
  });

  it('mutated documents keep every property', () => {
    fc.assert(
      fc.property(caseArb(bases.length), (c) => checkText(service, caseText(c, bases), c.probes)),
      { seed: 20261207, numRuns: Number(process.env.DOMXML_PROPERTY_RUNS ?? 300), endOnFailure: true },
    );
  });
});
