import * as assert from 'assert';
import { abiDiff } from '../../server/src/languageservice/abiStability/abiDiff';
import { kib } from '../../server/src/languageservice/abiStability/domainRules';
import { addressKey } from '../../server/src/languageservice/abiStability/addresses';
import { ENode } from '../../server/src/languageservice/expander/eTree';
import { builtinProfile } from '../../server/src/languageservice/profiles/builtinProfiles';

const profile = builtinProfile('debian-12')!;

const BASE = `<domain type='qemu'>
  <name>abi</name>
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
  </os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/a.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:11:22:33'/>
      <source network='default'/>
      <model type='virtio'/>
    </interface>
    <video><model type='vga' vram='16384'/></video>
  </devices>
</domain>
`;

function diff(next: string) {
  return abiDiff(BASE, next, profile);
}

describe('abi-diff rules', () => {
  it('finds nothing between a document and itself', () => {
    assert.deepStrictEqual(diff(BASE), { differences: [], problems: [] });
  });

  it('treats equal memory in other units as the same', () => {
    const n = new ENode('memory', { unit: 'MiB' });
    n.text = '256';
    assert.strictEqual(kib(n), '262144');
    assert.deepStrictEqual(diff(BASE.replace("<memory unit='MiB'>256", '<memory>262144')).differences, []);
  });

  it('reports a memory, vcpu and machine change as ABI changes located in both files', () => {
    const r = diff(BASE.replace('256', '512').replace('<vcpu>1', '<vcpu>2').replace('pc-q35-7.2', 'pc-i440fx-7.2'));
    const rules = r.differences.filter((d) => d.abi).map((d) => d.rule);
    for (const id of ['abi-max-memory', 'abi-vcpu-max', 'abi-machine']) assert.ok(rules.includes(id), `${id} in ${rules}`);
    const mem = r.differences.find((d) => d.rule === 'abi-max-memory')!;
    assert.deepStrictEqual(mem.old, { line: 2, character: 2 });
    assert.deepStrictEqual(mem.new, { line: 2, character: 2 });
  });

  it('reports device count, model, MAC and video RAM changes', () => {
    const check = (next: string, rule: string, text: RegExp) => {
      const d = diff(next).differences.filter((x) => x.abi);
      assert.ok(
        d.some((x) => x.rule === rule && text.test(x.message)),
        JSON.stringify(d),
      );
    };
    check(BASE.replace("<model type='virtio'/>", "<model type='e1000e'/>"), 'abi-net', /model/);
    check(BASE.replace('52:54:00:11:22:33', '52:54:00:11:22:34'), 'abi-net', /mac/);
    check(BASE.replace("vram='16384'", "vram='8192'"), 'abi-video', /vram/);
    check(BASE.replace("dev='vda'", "dev='vdb'"), 'abi-disk', /target\/@dev/);
    check(BASE.replace('</devices>', "<watchdog model='i6300esb'/></devices>"), 'abi-watchdog', /count changed from 0 to 1/);
    check(BASE.replace("<domain type='qemu'>", "<domain type='kvm'>"), 'abi-virt-type', /'qemu' to 'kvm'/);
  });

  it('lists description and disk source changes as keeping the ABI', () => {
    const r = diff(BASE.replace('</name>', '</name><description>x</description>').replace('/var/lib/a.img', '/var/lib/b.img'));
    assert.ok(r.differences.length >= 2);
    assert.ok(
      r.differences.every((d) => !d.abi),
      JSON.stringify(r.differences),
    );
  });

  it('compares PCI addresses by value', () => {
    const a = new ENode('address', { type: 'pci', domain: '0x0000', bus: '0x01', slot: '0x00', function: '0x0' });
    const b = new ENode('address', { type: 'pci', domain: '0', bus: '1', slot: '0', function: '0' });
    assert.strictEqual(addressKey(a), addressKey(b));
    assert.notStrictEqual(addressKey(a), addressKey(new ENode('address', { type: 'pci', bus: '2', slot: '0' })));
  });

  it('does not crash on documents that are not domains', () => {
    const r = abiDiff('<network/>', 'not xml at all <', profile);
    assert.strictEqual(r.differences.length, 0);
    assert.strictEqual(r.problems.length, 2);
  });
});

describe('abi-diff rules found by libvirt 9.0', () => {
  it('counts the name and the current memory as ABI (save-image-define refuses them)', () => {
    const r = abiDiff(
      BASE,
      BASE.replace('<name>abi', '<name>other').replace('</memory>', "</memory><currentMemory unit='MiB'>128</currentMemory>"),
      profile,
    );
    assert.deepStrictEqual(
      r.differences
        .filter((d) => d.abi)
        .map((d) => d.rule)
        .sort(),
      ['abi-current-memory', 'abi-name'],
    );
  });
});
