/**
 * `domxml expand` prints XML libvirt accepts: the expansion of every domain
 * of the fixtures and the shared corpus that libvirt 9.0 defines as written
 * must define too (unless libvirt's own dumpxml of it does not define again), with generated values left out (libvirt generates them)
 * and with generated ones. Skipped when libvirt is not available.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DomainDocument } from '../../server/src/languageservice/domainDocument';
import { expandDomain } from '../../server/src/languageservice/expander/expand';
import { formatENode } from '../../server/src/languageservice/expander/format';
import { builtinProfile } from '../../server/src/languageservice/profiles/builtinProfiles';
import { FIXTURES, SHARED_CORPUS, xmlFiles } from '../helpers';
import { prepareForOracle } from './prepare';
import { defineAndDump, libvirtAvailable } from './virsh';

const profile = builtinProfile('debian-12')!;

describe('expand output defines in libvirt (oracle)', function () {
  this.timeout(0);
  before(function () {
    if (!libvirtAvailable()) this.skip();
  });

  it('the expansion of every definable fixture and shared-corpus domain defines, generated values left out or generated', () => {
    const files = [...xmlFiles(path.join(FIXTURES, 'domains')), ...xmlFiles(SHARED_CORPUS)];
    const bad: string[] = [];
    let defined = 0;
    let checked = 0;
    let own = 0;
    for (const f of files) {
      const input = prepareForOracle(fs.readFileSync(f, 'utf8'));
      const doc = new DomainDocument(TextDocument.create('file:///expand-oracle.xml', 'xml', 1, input));
      if (!doc.domain || doc.xml.errors.length) continue;
      const original = defineAndDump(input);
      if (!original.ok) continue;
      // what libvirt itself stores may not define again (ISA serial ports it numbered past 3): the prediction of it need not either
      if (!defineAndDump(original.xml).ok) {
        own++;
        continue;
      }
      defined++;
      const root = expandDomain(doc.domain, profile).root;
      for (const generated of ['omit', 'generate'] as const) {
        const r = defineAndDump(formatENode(root, '', { generated, seed: path.basename(f) }));
        checked++;
        if (!r.ok) bad.push(`${path.basename(f)} (${generated}): ${r.error.trim().split('\n')[0]}`);
      }
    }
    console.log(
      `      ${defined} definable domains, ${checked - bad.length}/${checked} expansions defined (${own} more whose own dumpxml libvirt rejects)`,
    );
    assert.ok(defined > 0);
    assert.deepStrictEqual(bad, []);
  });
});
