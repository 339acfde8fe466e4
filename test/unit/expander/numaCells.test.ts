/**
 * Guest NUMA cells and the memory total derived from them: each expected
 * value is what libvirt 7.0.0, 9.0.0 and 11.3.0 stored for the fixture
 * test/fixtures/domains/x86_64-pc-numa-distances-partial.xml (`virsh define`
 * + `dumpxml --inactive`, committed in test/oracle/truth), which the oracle
 * tests check against the daemons. The kept-reverse-distance case was
 * defined on the three daemons too (same answer).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { expandDomain } from '../../../server/src/languageservice/expander/expand';
import { ENode } from '../../../server/src/languageservice/expander/eTree';
import { parseXml } from '../../../server/src/languageservice/parser/xmlParser';
import { builtinProfile } from '../../../server/src/languageservice/profiles/builtinProfiles';
import { FIXTURES } from '../../helpers';

function expand(text: string, profile = 'debian-12'): ENode {
  const e = expandDomain(parseXml(text).root!, builtinProfile(profile)!);
  assert.deepStrictEqual(e.failures, []);
  return e.root;
}

const fixture = () => fs.readFileSync(path.join(FIXTURES, 'domains', 'x86_64-pc-numa-distances-partial.xml'), 'utf8');

function cells(root: ENode): string[] {
  return root
    .path('cpu', 'numa')!
    .all('cell')
    .map((c) => {
      const d = (c.child('distances')?.all('sibling') ?? []).map((s) => `${s.attr('id')}=${s.attr('value')}`);
      return `${c.attr('id')} ${c.attr('memory')}${c.attr('unit')} [${d.join(' ')}]`;
    });
}

function domain(numa: string, memory = "<memory unit='MiB'>512</memory>"): string {
  return `<domain type='qemu'><name>t</name>${memory}<vcpu>4</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><cpu><numa>${numa}</numa></cpu></domain>`;
}

describe('NUMA cells (libvirt 7.0.0, 9.0.0, 11.3.0)', () => {
  for (const profile of ['debian-11', 'debian-12', 'debian-13']) {
    it(`${profile}: cells numbered and sorted by id, in KiB, distances completed (local 10, the reverse direction)`, () => {
      assert.deepStrictEqual(cells(expand(fixture(), profile)), [
        '0 262144KiB [0=10 1=20 2=31]',
        '1 131072KiB [0=20 1=10 2=21]',
        '2 131072KiB [0=31 1=21 2=10]',
      ]);
    });

    it(`${profile}: <memory> becomes the cells plus the DIMM; <currentMemory> follows`, () => {
      const root = expand(fixture(), profile);
      assert.strictEqual(root.child('memory')!.value, '655360');
      assert.strictEqual(root.child('currentMemory')!.value, '655360');
      assert.strictEqual(root.path('devices', 'memory', 'target', 'size')!.value, '131072');
    });
  }

  it('a given reverse distance is kept; a cell without distances gets none', () => {
    const numa =
      "<cell id='0' cpus='0-1' memory='256' unit='MiB'><distances><sibling id='1' value='21'/></distances></cell>" +
      "<cell id='1' cpus='2' memory='256' unit='MiB'><distances><sibling id='0' value='31'/></distances></cell>" +
      "<cell id='2' cpus='3' memory='256' unit='MiB'/>";
    assert.deepStrictEqual(cells(expand(domain(numa))), ['0 262144KiB [0=10 1=21]', '1 262144KiB [0=31 1=10]', '2 262144KiB []']);
  });

  it('<memory> absent: the cells give it', () => {
    const root = expand(domain("<cell cpus='0-3' memory='1' unit='GiB'/>", ''));
    assert.strictEqual(root.child('memory')!.value, '1048576');
  });

  it('cells libvirt rejects (repeated id, out-of-range sibling) are left as written', () => {
    const dup = expand(domain("<cell id='0' cpus='0' memory='1024'/><cell id='0' cpus='1' memory='1024'/>"));
    assert.deepStrictEqual(cells(dup), ['0 1024undefined []', '0 1024undefined []']);
    assert.strictEqual(dup.child('memory')!.value, '524288');
    const far = expand(domain("<cell cpus='0' memory='1024'><distances><sibling id='5' value='20'/></distances></cell>"));
    assert.deepStrictEqual(cells(far), ['0 1024KiB [5=20]']);
  });
});
