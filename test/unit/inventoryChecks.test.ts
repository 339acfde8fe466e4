/**
 * The define-time rules modelled from the inventory (services/version/
 * inventoryChecks.ts): each rejects its fixture with libvirt's reason, and
 * leaves the accepted neighbours alone. The fixtures' first comments say
 * what libvirt 9.0 does; test/oracle/defineVerdicts.test.ts confirms them
 * against the real daemon.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DomainDocument } from '../../server/src/languageservice/domainDocument';
import { versionFindings, VersionFindingData } from '../../server/src/languageservice/services/versionDiagnostics';
import { INVENTORY_RULES } from '../../server/src/languageservice/services/version/inventoryChecks';
import { doc, FIXTURES, fullText } from '../helpers';

const VERSION = path.join(FIXTURES, 'version');

function rejections(file: string, profile = 'debian-12') {
  const text = fs.readFileSync(path.join(VERSION, file), 'utf8');
  const findings = versionFindings(new DomainDocument(doc(text)), { profile });
  return { text, errors: findings.filter((f) => f.rule === 'define-reject') };
}

/** libvirt's message, quoted in the fixture's first comment */
function quoted(text: string): string {
  return /^<!--[^"]*"([^"]+)"/.exec(text)![1];
}

const CASES: { rule: string; rejected: string; accepted?: string }[] = [
  { rule: 'boot-order-with-os-boot', rejected: 'boot-order-with-os-boot.xml' },
  { rule: 'nvram-with-stateless-loader', rejected: 'nvram-stateless-loader.xml' },
  { rule: 'chardev-reconnect-in-bind-mode', rejected: 'chardev-reconnect-bind.xml' },
  { rule: 'cpu-topology-vs-vcpus', rejected: 'cpu-topology-vs-vcpus.xml', accepted: 'cpu-topology-matches.xml' },
  { rule: 'memory-size-missing', rejected: 'memory-size-missing.xml' },
  { rule: 'numatune-static-without-nodeset', rejected: 'numatune-static-no-nodeset.xml' },
  { rule: 'memnode-without-numa-cells', rejected: 'memnode-without-cells.xml' },
];

describe('define-time rules from the inventory of libvirt error sites', () => {
  it('every rule has a case here', () => {
    assert.deepStrictEqual(INVENTORY_RULES.map((r) => r.id).sort(), CASES.map((c) => c.rule).sort());
  });

  for (const c of CASES) {
    it(`${c.rule}: rejects ${c.rejected} with libvirt's reason`, () => {
      const { text, errors } = rejections(c.rejected);
      const mine = errors.filter((f) => (f.data as unknown as VersionFindingData).check === c.rule);
      assert.strictEqual(mine.length, 1, JSON.stringify(errors));
      assert.ok(fullText(mine[0]).includes(quoted(text)), fullText(mine[0]));
    });
    if (c.accepted) {
      it(`${c.rule}: accepts ${c.accepted}`, () => {
        assert.deepStrictEqual(rejections(c.accepted!).errors, []);
      });
    }
  }

  it('a stateless loader with NVRAM is not a rejection on 7.0, which does not know stateless', () => {
    const mine = rejections('nvram-stateless-loader.xml', 'debian-11').errors.filter(
      (f) => (f.data as unknown as VersionFindingData).check === 'nvram-with-stateless-loader',
    );
    assert.deepStrictEqual(mine, []);
  });

  it('the former false errors stay gone: several pSeries PHBs, a SPICE tlsPort on listen none', () => {
    assert.deepStrictEqual(rejections('ppc64-pseries-several-phbs.xml').errors, []);
    assert.deepStrictEqual(rejections('spice-tls-listen-none.xml').errors, []);
    assert.ok(rejections('spice-tls-port.xml').errors.length, 'a tlsPort on an address listen is still rejected');
  });
});
