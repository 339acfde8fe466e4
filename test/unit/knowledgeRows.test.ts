/**
 * Versioned knowledge: the data lint over every row table (each row has a
 * version range and a source; no two rows of one key hold for the same
 * versions and guest), and the expansion picks the rows of the profile's
 * libvirt (debian-11 = 7.0.0, debian-12 = 9.0.0, debian-13 = 11.3.0).
 */
import * as assert from 'assert';
import { expandDomain } from '../../server/src/languageservice/expander/expand';
import { ENode } from '../../server/src/languageservice/expander/eTree';
import { ROW_TABLES } from '../../server/src/languageservice/knowledge/rowTables';
import { lintRows, pickRow, rangesOverlap, Row } from '../../server/src/languageservice/knowledge/rows';
import { parseXml } from '../../server/src/languageservice/parser/xmlParser';
import { builtinProfile } from '../../server/src/languageservice/profiles/builtinProfiles';

describe('knowledge rows: data lint', () => {
  for (const [name, rows] of Object.entries(ROW_TABLES)) {
    it(`${name}: every row has a range and a source, no two rows overlap`, () => {
      assert.ok(rows.length > 0);
      assert.deepStrictEqual(lintRows(rows), []);
    });
  }

  it('finds a row without a range and two overlapping rows', () => {
    const source = { ref: 'test' };
    const bad: Row<string>[] = [
      { key: 'k', libvirt: '', value: 'a', source },
      { key: 'm', libvirt: '>=7.0.0', value: 'a', source },
      { key: 'm', libvirt: '8.0.0-9.0.0', value: 'b', source },
      { key: 'n', libvirt: '<7.2.0', value: 'a', source },
      { key: 'n', libvirt: '>=7.2.0', value: 'b', source },
      { key: 'p', libvirt: '>=7.0.0', machines: ['q35'], value: 'a', source },
      { key: 'p', libvirt: '>=7.0.0', machines: ['i440fx'], value: 'b', source },
    ];
    const problems = lintRows(bad);
    assert.strictEqual(problems.length, 2, problems.join('\n'));
    assert.match(problems[0], /^k .*no libvirt version range/);
    assert.match(problems[1], /^m .* and m .* overlap/);
  });

  it('range overlap respects open and closed bounds', () => {
    assert.strictEqual(rangesOverlap('<7.2.0', '>=7.2.0'), false);
    assert.strictEqual(rangesOverlap('<=7.2.0', '>=7.2.0'), true);
    assert.strictEqual(rangesOverlap('7.0.0-8.99.99', '>=9.0.0'), false);
    assert.strictEqual(rangesOverlap('7.0.0-9.0.0', '>=9.0.0'), true);
    assert.strictEqual(rangesOverlap('>=7.0.0, <8.0.0', '=8.0.0'), false);
  });

  it('pickRow chooses by libvirt, QEMU and machine', () => {
    const rows = ROW_TABLES.IMPLICIT_DEVICE_ROWS;
    const q35 = { arch: 'x86_64', machine: 'q35' as const };
    assert.strictEqual(pickRow(rows, 'itco-watchdog', { libvirt: '9.0.0', qemu: '7.2.0' }, q35)?.value, false);
    assert.strictEqual(pickRow(rows, 'itco-watchdog', { libvirt: '9.1.0', qemu: '7.2.0' }, q35)?.value, true);
    assert.strictEqual(
      pickRow(rows, 'itco-watchdog', { libvirt: '11.3.0', qemu: '10.0.0' }, { arch: 'x86_64', machine: 'i440fx' }),
      undefined,
    );
    assert.strictEqual(pickRow(rows, 'implicit-audio', { libvirt: '7.0.0', qemu: '5.2.0' }, q35)?.value, false);
  });
});

function expand(profileId: string, machine: string, devices = "<graphics type='vnc'/>"): ENode {
  const text = `<domain type='qemu'><name>t</name><memory unit='MiB'>512</memory><os><type arch='x86_64' machine='${machine}'>hvm</type></os><devices>${devices}</devices></domain>`;
  const e = expandDomain(parseXml(text).root!, builtinProfile(profileId)!);
  assert.deepStrictEqual(e.failures, []);
  return e.root.child('devices')!;
}

describe('knowledge rows: each profile expands with its libvirt', () => {
  it('libvirt 7.0 (debian-11) adds the q35 USB controller 7.0 adds, and no <audio>', () => {
    const d = expand('debian-11', 'q35');
    const usb = d.all('controller').filter((c) => c.attr('type') === 'usb');
    assert.deepStrictEqual(
      usb.map((c) => c.attr('model')),
      ['qemu-xhci'],
    );
    assert.strictEqual(d.all('audio').length, 0);
    assert.strictEqual(d.all('watchdog').length, 0);
  });

  it('libvirt 9.0 (debian-12) adds <audio> but no iTCO watchdog', () => {
    const d = expand('debian-12', 'q35');
    assert.deepStrictEqual(
      d.all('audio').map((a) => a.attr('type')),
      ['none'],
    );
    assert.strictEqual(d.all('watchdog').length, 0);
  });

  it('libvirt 11.3 (debian-13) adds <audio> and the q35 iTCO watchdog', () => {
    const d = expand('debian-13', 'q35');
    assert.deepStrictEqual(
      d.all('audio').map((a) => a.attr('type')),
      ['none'],
    );
    assert.deepStrictEqual(
      d.all('watchdog').map((w) => `${w.attr('model')} ${w.attr('action')}`),
      ['itco reset'],
    );
    assert.strictEqual(d.all('watchdog')[0].child('address'), undefined);
  });

  it('libvirt 11.3 keeps the action of a watchdog the document has, and adds none to i440fx', () => {
    const d = expand('debian-13', 'q35', "<watchdog model='i6300esb' action='poweroff'/>");
    assert.deepStrictEqual(
      d.all('watchdog').map((w) => `${w.attr('model')} ${w.attr('action')}`),
      ['i6300esb poweroff', 'itco poweroff'],
    );
    assert.strictEqual(expand('debian-13', 'pc').all('watchdog').length, 0);
  });
});

describe('knowledge rows: panic model per libvirt', () => {
  function panicModel(profileId: string, arch: string, machine: string): string | undefined {
    const text = `<domain type='qemu'><name>t</name><memory unit='MiB'>512</memory><os><type arch='${arch}' machine='${machine}'>hvm</type></os><devices><panic/></devices></domain>`;
    const e = expandDomain(parseXml(text).root!, builtinProfile(profileId)!);
    return e.root.path('devices', 'panic')?.attr('model');
  }
  it('x86 gets isa on 7.0, 9.0 and 11.3', () => {
    for (const p of ['debian-11', 'debian-12', 'debian-13']) assert.strictEqual(panicModel(p, 'x86_64', 'q35'), 'isa', p);
  });
  it('ARM virt gets pvpanic on 11.3; on 9.0 the isa model libvirt picks is refused, so nothing is predicted', () => {
    assert.strictEqual(panicModel('debian-13', 'aarch64', 'virt'), 'pvpanic');
    assert.strictEqual(panicModel('debian-12', 'aarch64', 'virt'), undefined);
  });
});

describe('knowledge rows: TPM version and Hyper-V mode per libvirt', () => {
  function expandWith(profileId: string, arch: string, machine: string, features: string, devices: string): ENode {
    const text = `<domain type='qemu'><name>t</name><memory unit='MiB'>512</memory><os><type arch='${arch}' machine='${machine}'>hvm</type></os>${features}<devices>${devices}</devices></domain>`;
    return expandDomain(parseXml(text).root!, builtinProfile(profileId)!).root;
  }
  const tpm = (profileId: string, model: string, arch = 'x86_64', machine = 'q35') =>
    expandWith(profileId, arch, machine, '', `<tpm${model ? ` model='${model}'` : ''}><backend type='emulator'/></tpm>`).path(
      'devices',
      'tpm',
    );
  it('7.0, 9.0 and 11.3 each version an emulated TPM their own way', () => {
    assert.strictEqual(tpm('debian-11', '')?.attr('model'), 'tpm-tis');
    assert.strictEqual(tpm('debian-11', '')?.child('backend')?.attr('version'), '1.2');
    assert.strictEqual(tpm('debian-11', 'tpm-crb')?.child('backend')?.attr('version'), '2.0');
    // ARM virt: 7.0 keeps 1.2 for tpm-tis, 9.0 and 11.3 choose 2.0
    assert.strictEqual(tpm('debian-11', 'tpm-tis', 'aarch64', 'virt')?.child('backend')?.attr('version'), '1.2');
    assert.strictEqual(tpm('debian-12', 'tpm-tis', 'aarch64', 'virt')?.child('backend')?.attr('version'), '2.0');
    // x86 tpm-tis stays 1.2 everywhere; 11.3 gives every other model 2.0
    assert.strictEqual(tpm('debian-13', 'tpm-tis')?.child('backend')?.attr('version'), '1.2');
    assert.strictEqual(tpm('debian-13', 'tpm-crb')?.child('backend')?.attr('version'), '2.0');
  });
  it('<hyperv> gets mode custom from libvirt 8.0 on, none on 7.0', () => {
    const mode = (p: string) =>
      expandWith(p, 'x86_64', 'q35', "<features><hyperv><relaxed state='on'/></hyperv></features>", '')
        .path('features', 'hyperv')
        ?.attr('mode');
    assert.strictEqual(mode('debian-11'), undefined);
    assert.strictEqual(mode('debian-12'), 'custom');
    assert.strictEqual(mode('debian-13'), 'custom');
  });
});
