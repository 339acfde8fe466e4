/**
 * Version safety: findings against a migration floor and the target host,
 * with exact ranges and the data the quick fixes need; the quick fixes; the
 * wiring into the language service; and a sweep over the version table
 * (a document using each fact is flagged exactly when the floor predates it).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { DomainDocument } from '../../server/src/languageservice/domainDocument';
import { Finding } from '../../server/src/languageservice/findings';
import { MigrationFloor, versionFindings, VersionFindingData } from '../../server/src/languageservice/services/versionDiagnostics';
import { SET_FLOOR_COMMAND, versionCodeActions } from '../../server/src/languageservice/services/versionFixes';
import { getLanguageService } from '../../server/src/languageservice/languageService';
import { customProfile } from '../../server/src/languageservice/profiles/builtinProfiles';
import { VERSION_FACTS, VersionFact } from '../../server/src/languageservice/knowledge/versionFacts';
import { compareVersions } from '../../server/src/languageservice/knowledge/versions';
import { doc, FIXTURES, fullText, xmlFiles } from '../helpers';

function parse(text: string): DomainDocument {
  return new DomainDocument(TextDocument.create('file:///t/vm.xml', 'xml', 1, text));
}

function check(text: string, floor?: MigrationFloor, profile?: string | ReturnType<typeof customProfile>): Finding[] {
  return versionFindings(parse(text), { floor, profile });
}

/** [start, end] of the n-th occurrence of `needle`, narrowed to `part` inside it when given */
function span(text: string, needle: string, part?: string, n = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `'${needle}' not in text`);
  if (part === undefined) return [at, at + needle.length];
  const inner = needle.indexOf(part);
  assert.ok(inner >= 0, `'${part}' not in '${needle}'`);
  return [at + inner, at + inner + part.length];
}

function data(f: Finding): VersionFindingData {
  return f.data as unknown as VersionFindingData;
}

function only(findings: Finding[], rule: string, scope?: 'floor' | 'target'): Finding {
  const hits = findings.filter((f) => f.rule === rule && (!scope || data(f).scope === scope));
  assert.strictEqual(
    hits.length,
    1,
    `expected one ${rule}: ${JSON.stringify(
      findings.map((f) => [f.rule, f.message]),
      null,
      1,
    )}`,
  );
  return hits[0];
}

function severity(f: Finding): string | undefined {
  return f.severity;
}

const NEWEST = customProfile('99.0.0', '99.0.0');

function domain(body: string, opts: { arch?: string; machine?: string; type?: string } = {}): string {
  const arch = opts.arch ?? 'x86_64';
  const machine = opts.machine ?? 'pc';
  return `<domain type='${opts.type ?? 'qemu'}'>\n  <name>t</name>\n  <memory>1048576</memory>\n  <os>\n    <type arch='${arch}' machine='${machine}'>hvm</type>\n  </os>\n${body}</domain>\n`;
}

describe('versionDiagnostics: the migration floor', () => {
  it('(a) an enum value the floor does not know is an error on the value, with a safe alternative', () => {
    const text = domain(`  <devices>\n    <controller type='scsi' model='virtio-non-transitional'/>\n  </devices>\n`, { machine: 'q35' });
    const f = only(check(text, { libvirt: '5.1.0' }), 'version-reject');
    assert.deepStrictEqual([f.start, f.end], span(text, `model='virtio-non-transitional'`, 'virtio-non-transitional'));
    assert.strictEqual(
      fullText(f),
      "libvirt 5.1.0 (migration floor) does not know model 'virtio-non-transitional' (added in 5.2.0): it rejects the whole domain\n'virtio-scsi' gives the guest the same device there.",
    );
    assert.deepStrictEqual(data(f), {
      scope: 'floor',
      node: 'value',
      outcome: 'rejected',
      path: '/domain/devices/controller/@model',
      value: 'virtio-non-transitional',
      since: '5.2.0',
      floor: '5.1.0',
      safeAlternative: 'virtio-scsi',
    });
  });

  it('offers no safe alternative where the plain model is a different device (transitional on q35)', () => {
    const text = domain(`  <devices>\n    <memballoon model='virtio-transitional'/>\n  </devices>\n`, { machine: 'q35' });
    const f = only(check(text, { libvirt: '5.1.0' }), 'version-reject');
    assert.strictEqual(data(f).safeAlternative, undefined);
    const pc = domain(`  <devices>\n    <memballoon model='virtio-transitional'/>\n  </devices>\n`);
    assert.strictEqual(data(only(check(pc, { libvirt: '5.1.0' }), 'version-reject')).safeAlternative, 'virtio');
  });

  it('says nothing when the floor knows everything', () => {
    const text = domain(
      `  <cpu mode='host-model' check='partial'/>\n  <devices>\n    <controller type='scsi' model='virtio-non-transitional'/>\n  </devices>\n`,
      { machine: 'q35' },
    );
    assert.deepStrictEqual(
      check(text, { libvirt: '5.2.0' }).filter((f) => data(f).scope === 'floor'),
      [],
    );
  });

  it('(b) an attribute the floor does not know is a warning on its name saying what is lost', () => {
    const text = domain(`  <cpu mode='host-model' check='full'/>\n`);
    const f = only(check(text, { libvirt: '3.1.0' }), 'version-drop');
    assert.deepStrictEqual([f.start, f.end], span(text, `check='full'`, 'check'));
    assert.strictEqual(
      fullText(f),
      "libvirt 3.1.0 (migration floor) does not know attribute 'check' of <cpu> (added in 3.2.0): it silently drops it\nThe guest there runs without check='full'.",
    );
    assert.deepStrictEqual(data(f), {
      scope: 'floor',
      node: 'attribute',
      outcome: 'dropped',
      path: '/domain/cpu/@check',
      value: 'full',
      since: '3.2.0',
      floor: '3.1.0',
    });
  });

  it('(b) an element the floor does not know is a warning on its name, and what is inside is not reported again', () => {
    const text = domain(
      `  <devices>\n    <disk type='file' device='disk'>\n      <source file='/x.img'/>\n      <target dev='vda' bus='virtio'/>\n      <transient shareBacking='yes'/>\n    </disk>\n  </devices>\n`,
    );
    const findings = check(text, { libvirt: '0.9.4' });
    const f = only(findings, 'version-drop', 'floor');
    assert.deepStrictEqual([f.start, f.end], span(text, '<transient', 'transient'));
    assert.match(
      fullText(f),
      /^libvirt 0\.9\.4 \(migration floor\) does not know <transient> \(added in 6\.9\.0\): it silently drops it\nDefine ignores the element and everything inside it/,
    );
    assert.strictEqual(data(f).path, '/domain/devices/disk/transient');
  });

  it('an element the floor parses only for other hypervisors is a warning that its QEMU driver lacks it', () => {
    // <transient> is documented since 0.9.5 for ESX/VMware and since 6.9.0 for QEMU
    const text = domain(
      `  <devices>\n    <disk type='file' device='disk'>\n      <source file='/x.img'/>\n      <target dev='vda' bus='virtio'/>\n      <transient/>\n    </disk>\n  </devices>\n`,
    );
    const f = only(check(text, { libvirt: '6.0.0' }), 'version-drop', 'floor');
    assert.strictEqual(f.severity, 'warning');
    assert.match(
      fullText(f),
      /^libvirt 6\.0\.0 \(migration floor\) knows <transient> only for other hypervisors \(QEMU support added in 6\.9\.0\)\nIts QEMU driver ignores or refuses it\.$/,
    );
    assert.strictEqual(data(f).outcome, 'driver');
    assert.deepStrictEqual(
      check(text, { libvirt: '6.9.0' }).filter((x) => data(x).path === '/domain/devices/disk/transient'),
      [],
    );
  });

  it('a value on an attribute the floor does not know is dropped with it, not rejected', () => {
    const text = domain(
      `  <devices>\n    <disk type='file' device='disk' model='virtio-transitional'>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n  </devices>\n`,
    );
    const findings = check(text, { libvirt: '5.1.0' }).filter((f) => data(f).scope === 'floor');
    assert.deepStrictEqual(
      findings.map((f) => f.rule),
      ['version-drop'],
    );
    assert.deepStrictEqual([findings[0].start, findings[0].end], span(text, `model='virtio-transitional'`, 'model'));
  });

  it('an unknown child of <features> is an error on the element (the features parser rejects it)', () => {
    const text = domain(`  <features>\n    <acpi/>\n    <vmcoreinfo state='on'/>\n  </features>\n`);
    const f = only(check(text, { libvirt: '3.9.0' }), 'version-reject');
    assert.deepStrictEqual([f.start, f.end], span(text, '<vmcoreinfo', 'vmcoreinfo'));
    assert.deepStrictEqual(data(f), {
      scope: 'floor',
      node: 'element',
      outcome: 'rejected',
      path: '/domain/features/vmcoreinfo',
      since: '3.10.0',
      floor: '3.9.0',
    });
  });

  it('element text values are checked too (<on_crash>)', () => {
    const text = domain(`  <on_crash>coredump-restart</on_crash>\n  <devices>\n    <panic model='isa'/>\n  </devices>\n`);
    const f = only(check(text, { libvirt: '0.8.3' }), 'version-reject');
    assert.deepStrictEqual([f.start, f.end], span(text, '>coredump-restart<', 'coredump-restart'));
    assert.strictEqual(data(f).node, 'text');
  });

  it('a NIC model is a free string: an unknown one is a warning (QEMU fails at start), not a rejection', () => {
    const text = domain(
      `  <devices>\n    <interface type='user'>\n      <model type='virtio-transitional'/>\n    </interface>\n  </devices>\n`,
    );
    const f = only(check(text, { libvirt: '5.0.0' }), 'version-reject');
    assert.strictEqual(severity(f), 'warning');
    assert.strictEqual(data(f).outcome, 'unchecked');
    assert.strictEqual(data(f).safeAlternative, 'virtio');
  });

  it('facts of another driver do not apply (xen-only values on a qemu domain)', () => {
    const text = `<domain type='qemu'>\n  <os>\n    <type>xenpvh</type>\n  </os>\n</domain>\n`;
    assert.strictEqual(check(text, { libvirt: '4.0.0' }, NEWEST).filter((f) => data(f).path === '/domain/os/type').length, 0);
    const xen = text.replace("type='qemu'", "type='xen'");
    assert.strictEqual(only(check(xen, { libvirt: '4.0.0' }, NEWEST), 'version-reject').rule, 'version-reject');
  });

  it('a QEMU floor older than a feature needs is a warning (version-qemu)', () => {
    const text = domain(`  <cpu>\n    <topology sockets='1' dies='2' cores='1' threads='1'/>\n  </cpu>\n`, { machine: 'pc-i440fx-2.0' });
    const f = only(check(text, { qemu: '4.0.0' }), 'version-qemu');
    assert.deepStrictEqual([f.start, f.end], span(text, `dies='2'`, 'dies'));
    assert.deepStrictEqual(data(f), {
      scope: 'floor',
      node: 'attribute',
      outcome: 'qemu',
      path: '/domain/cpu/topology/@dies',
      since: '6.1.0',
      qemuSince: '4.1.0',
      floor: '4.0.0',
      value: undefined,
    });
  });

  it('does not repeat for the floor what the target host already rejects', () => {
    const text = domain(`  <devices>\n    <panic model='pvpanic'/>\n  </devices>\n`, { machine: 'q35' });
    const findings = check(text, { libvirt: '5.0.0' });
    assert.deepStrictEqual(
      findings.map((f) => f.rule),
      ['define-reject'],
    );
  });
});

describe('versionDiagnostics: the target host', () => {
  it('(c) a value the target does not know is a define-time error on the value', () => {
    const text = domain(`  <devices>\n    <panic model='pvpanic'/>\n  </devices>\n`, { machine: 'q35' });
    const f = only(check(text), 'define-reject');
    assert.deepStrictEqual([f.start, f.end], span(text, `model='pvpanic'`, 'pvpanic'));
    assert.strictEqual(f.message, "libvirt 9.0.0 (target) does not know model 'pvpanic' (added in 9.1.0): define fails");
    assert.deepStrictEqual(data(f), {
      scope: 'target',
      node: 'value',
      outcome: 'rejected',
      path: '/domain/devices/panic/@model',
      value: 'pvpanic',
      since: '9.1.0',
      target: '9.0.0',
    });
  });

  it('(c) something the target drops is a warning', () => {
    const text = domain(
      `  <devices>\n    <disk type='file' device='disk'>\n      <driver name='qemu' type='qcow2' discard_no_unref='on'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n  </devices>\n`,
    );
    const f = only(check(text), 'version-drop', 'target');
    assert.deepStrictEqual([f.start, f.end], span(text, 'discard_no_unref'));
    assert.strictEqual(
      fullText(f),
      "libvirt 9.0.0 (target) does not know attribute 'discard_no_unref' of <driver> (added in 9.5.0): it silently drops it\nThe guest there runs without discard_no_unref='on'.",
    );
  });

  it('follows the profile: a newer target knows it', () => {
    const text = domain(`  <devices>\n    <panic model='pvpanic'/>\n  </devices>\n`, { machine: 'q35' });
    assert.deepStrictEqual(check(text, undefined, 'debian-13'), []);
    assert.strictEqual(check(text, undefined, customProfile('9.1.0', '7.2.0')).length, 0);
  });

  it('an architecture libvirt 9.0 does not know, and a <features> child it does not know', () => {
    const text = `<domain type='qemu'>\n  <memory>1048576</memory>\n  <os>\n    <type arch='loongarch64' machine='virt'>hvm</type>\n  </os>\n  <features>\n    <mte state='on'/>\n  </features>\n</domain>\n`;
    const findings = check(text);
    assert.deepStrictEqual(
      findings.map((f) => [f.rule, text.slice(f.start, f.end)]),
      [
        ['define-reject', 'loongarch64'],
        ['define-reject', 'mte'],
      ],
    );
    assert.deepStrictEqual(check(text, undefined, 'debian-13'), [], 'nothing is known about newer releases');
  });
});

describe('versionDiagnostics: seed cases', () => {
  it('host-model on a floor QEMU without CPU model expansion (< 2.9)', () => {
    const text = domain(`  <cpu mode='host-model'>\n    <feature policy='require' name='pcid'/>\n  </cpu>\n`, { machine: 'pc-i440fx-2.0' });
    const f = only(check(text, { qemu: '2.8.0' }), 'version-qemu');
    assert.deepStrictEqual([f.start, f.end], span(text, `mode='host-model'`, 'host-model'));
    assert.match(f.message, /QEMU 2\.8\.0 \(migration floor\) predates CPU model expansion .* the 1 feature\(s\) listed here/);
    assert.strictEqual(data(f).qemuSince, '2.9.0');
    assert.strictEqual(check(text, { qemu: '2.9.0' }).filter((x) => data(x).scope === 'floor').length, 0);
  });

  it('check is added at define time and lost on a floor older than 3.2.0', () => {
    const text = domain(`  <cpu mode='host-model'/>\n`);
    const f = only(check(text, { libvirt: '3.1.0' }), 'migration-note');
    assert.deepStrictEqual([f.start, f.end], span(text, '<cpu', 'cpu'));
  });

  it('<on_crash> without a panic device is inert (information), with a device to add', () => {
    const text = domain(`  <on_crash>restart</on_crash>\n`);
    const f = only(check(text), 'no-effect');
    assert.deepStrictEqual([f.start, f.end], span(text, '>restart<', 'restart'));
    assert.strictEqual(data(f).addDevice, "<panic model='isa'/>");
    assert.deepStrictEqual(check(domain(`  <on_crash>restart</on_crash>\n  <devices>\n    <panic model='isa'/>\n  </devices>\n`)), []);
    assert.deepStrictEqual(
      check(domain(`  <on_crash>restart</on_crash>\n`, { arch: 'ppc64', machine: 'pseries' })),
      [],
      'pSeries has a built-in panic device',
    );
  });

  it('panic models per architecture', () => {
    const arm = domain(`  <devices>\n    <panic model='isa'/>\n  </devices>\n`, { arch: 'aarch64', machine: 'virt' });
    const f = only(check(arm), 'define-reject');
    assert.deepStrictEqual([f.start, f.end], span(arm, `model='isa'`, 'isa'));
    assert.match(f.message, /the QEMU binary does not support the ISA panic device/);
    const noModel = domain(`  <devices>\n    <panic/>\n  </devices>\n`, { arch: 'aarch64', machine: 'virt' });
    assert.deepStrictEqual([only(check(noModel), 'define-reject').start], [noModel.indexOf('panic')]);
    assert.deepStrictEqual(check(domain(`  <devices>\n    <panic model='hyperv'/>\n  </devices>\n`)), []);
    assert.match(
      only(check(domain(`  <devices>\n    <panic model='s390'/>\n  </devices>\n`)), 'define-reject').message,
      /only S390 guests/,
    );
  });

  it('virtio-(non-)transitional on devices that have no such model', () => {
    const text = domain(
      `  <devices>\n    <input type='keyboard' bus='virtio' model='virtio-transitional'/>\n    <video>\n      <model type='virtio-non-transitional'/>\n    </video>\n  </devices>\n`,
      { machine: 'q35' },
    );
    const findings = check(text).filter((f) => f.rule === 'define-reject');
    assert.deepStrictEqual(
      findings.map((f) => [f.start, f.end]),
      [
        span(text, `model='virtio-transitional'`, 'virtio-transitional'),
        span(text, `type='virtio-non-transitional'`, 'virtio-non-transitional'),
      ],
    );
    assert.match(findings[0].message, /not supported for input type=keyboard/);
    assert.strictEqual(data(findings[0]).safeAlternative, 'virtio');
  });

  it('the implicit USB controller on a floor older than 0.9.5', () => {
    const plain = domain(`  <devices>\n    <controller type='usb' index='0' model='piix3-uhci'/>\n  </devices>\n`);
    const note = only(check(plain, { libvirt: '0.9.4' }), 'migration-note');
    assert.deepStrictEqual([note.start, note.end], span(plain, '<controller', 'controller'));
    const ehci = domain(`  <devices>\n    <controller type='usb' index='0' model='ich9-ehci1'/>\n  </devices>\n`);
    const f = only(check(ehci, { libvirt: '0.9.4' }), 'version-reject');
    assert.deepStrictEqual([f.start, f.end], span(ehci, `type='usb'`, 'usb'));
    assert.strictEqual(data(f).since, '0.9.5');
    assert.strictEqual(check(ehci, { libvirt: '0.9.5' }).filter((x) => data(x).path === '/domain/devices/controller/@type').length, 0);
  });

  it('machine types: an alias becomes a machine the floor QEMU lacks; a versioned one it lacks is an error', () => {
    const text = domain('', { machine: 'q35' });
    const f = only(check(text, { qemu: '6.2.0' }), 'version-qemu');
    assert.deepStrictEqual([f.start, f.end], span(text, `machine='q35'`, 'q35'));
    assert.strictEqual(data(f).safeAlternative, 'pc-q35-6.2');
    assert.strictEqual(severity(f), undefined);
    const pinned = domain('', { machine: 'pc-q35-7.2' });
    assert.strictEqual(severity(only(check(pinned, { qemu: '6.2.0' }), 'version-qemu')), 'error');
    assert.strictEqual(check(domain('', { machine: 'pc-q35-6.2' }), { qemu: '6.2.0' }).length, 0);
  });
});

describe('versionDiagnostics: define-time rules of the target (libvirt 9.0)', () => {
  const reject = (text: string) => check(text).filter((f) => f.rule === 'define-reject');

  it('IDE on q35, with sata as the alternative', () => {
    const text = domain(
      `  <devices>\n    <disk type='file' device='cdrom'>\n      <target dev='hdc' bus='ide'/>\n    </disk>\n  </devices>\n`,
      { machine: 'q35' },
    );
    const [f] = reject(text);
    assert.deepStrictEqual([f.start, f.end], span(text, `bus='ide'`, 'ide'));
    assert.deepStrictEqual([data(f).check, data(f).safeAlternative], ['ide-unsupported', 'sata']);
    assert.deepStrictEqual(reject(text.replace('q35', 'pc')), []);
  });

  it('a pcie-root-port has one slot', () => {
    const text = domain(
      `  <devices>\n    <controller type='pci' index='0' model='pcie-root'/>\n    <controller type='pci' index='1' model='pcie-root-port'/>\n    <interface type='user'>\n      <address type='pci' domain='0x0000' bus='0x01' slot='0x03' function='0x0'/>\n    </interface>\n  </devices>\n`,
      { machine: 'q35' },
    );
    const [f] = reject(text);
    assert.deepStrictEqual([f.start, f.end], span(text, `slot='0x03'`, '0x03'));
    assert.deepStrictEqual(reject(text.replace("slot='0x03'", "slot='0x00'")), []);
    assert.deepStrictEqual(reject(text.replace('pcie-root-port', 'pcie-to-pci-bridge')), []);
  });

  it('memory hotplug: NUMA, slots, and maxMemory', () => {
    const noNuma = domain(`  <maxMemory slots='2' unit='GiB'>8</maxMemory>\n`);
    const [f] = reject(noNuma);
    assert.deepStrictEqual([f.start, f.end], span(noNuma, '<maxMemory', 'maxMemory'));
    assert.match(f.message, /NUMA/);
    assert.deepStrictEqual(reject(domain(`  <maxMemory slots='2' unit='GiB'>8</maxMemory>\n`, { arch: 'ppc64', machine: 'pseries' })), []);
    const dimm = `    <memory model='dimm'>\n      <target>\n        <size unit='MiB'>256</size>\n        <node>0</node>\n      </target>\n    </memory>\n`;
    const numa = `  <cpu>\n    <numa>\n      <cell id='0' cpus='0' memory='1024' unit='MiB'/>\n    </numa>\n  </cpu>\n`;
    const tooMany = domain(`  <maxMemory slots='1' unit='GiB'>8</maxMemory>\n${numa}  <devices>\n${dimm}${dimm}  </devices>\n`);
    const [slots] = reject(tooMany);
    assert.deepStrictEqual([slots.start, slots.end], span(tooMany, `slots='1'`, '1'));
    assert.strictEqual(data(slots).safeAlternative, '2');
    assert.deepStrictEqual(reject(tooMany.replace(`slots='1'`, `slots='2'`)), []);
    const noMax = domain(`${numa}  <devices>\n${dimm}  </devices>\n`);
    assert.match(reject(noMax)[0].message, /needs <maxMemory/);
  });

  it('seclabel without a model where libvirt needs one', () => {
    const text = domain(`  <seclabel type='static' relabel='yes'>\n    <label>system_u:system_r:svirt_t:s0:c1,c2</label>\n  </seclabel>\n`);
    const [f] = reject(text);
    assert.deepStrictEqual([f.start, f.end], span(text, '<seclabel', 'seclabel'));
    assert.deepStrictEqual(reject(domain(`  <seclabel type='dynamic'/>\n`)), []);
    assert.deepStrictEqual(reject(domain(`  <seclabel type='none'/>\n`)), []);
    assert.strictEqual(reject(domain(`  <seclabel/>\n`)).length, 1);
  });

  it('ACPI without UEFI on aarch64', () => {
    const text = domain(`  <features>\n    <acpi/>\n  </features>\n`, { arch: 'aarch64', machine: 'virt' });
    const [f] = reject(text);
    assert.deepStrictEqual([f.start, f.end], span(text, '<acpi', 'acpi'));
    assert.deepStrictEqual(reject(text.replace('<os>', "<os firmware='efi'>")), []);
    assert.deepStrictEqual(reject(text.replace("arch='aarch64'", "arch='x86_64'").replace("machine='virt'", "machine='pc'")), []);
  });

  it('a clean domain has no findings', () => {
    const text = domain(
      `  <devices>\n    <disk type='file' device='disk'>\n      <source file='/x.img'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n    <interface type='network'>\n      <source network='default'/>\n      <model type='virtio'/>\n    </interface>\n  </devices>\n`,
      { machine: 'q35' },
    );
    assert.deepStrictEqual(check(text, { libvirt: '9.0.0', qemu: '7.2.0' }), []);
  });
});

describe('versionFixes', () => {
  function apply(text: string, edits: TextEdit[]): string {
    const td = TextDocument.create('file:///t/vm.xml', 'xml', 1, text);
    return TextDocument.applyEdits(td, edits);
  }
  function editsOf(a: CodeAction): TextEdit[] {
    return a.edit?.changes?.['file:///t/vm.xml'] ?? [];
  }
  function fixes(text: string, floor?: MigrationFloor): CodeAction[] {
    const d = parse(text);
    return versionCodeActions(d, versionFindings(d, { floor }));
  }

  it('replaces a value with the safe alternative, and offers to raise the floor', () => {
    const text = domain(`  <devices>\n    <controller type='scsi' model='virtio-non-transitional'/>\n  </devices>\n`, { machine: 'q35' });
    const actions = fixes(text, { libvirt: '5.1.0' });
    assert.deepStrictEqual(
      actions.map((a) => a.title),
      ["Use 'virtio-scsi' (libvirt 5.1.0 (migration floor) accepts it)", 'Raise the migration floor to libvirt 5.2.0'],
    );
    assert.ok(actions[0].isPreferred);
    assert.match(apply(text, editsOf(actions[0])), /<controller type='scsi' model='virtio-scsi'\/>/);
    assert.deepStrictEqual(actions[1].command, {
      title: 'Raise the migration floor to libvirt 5.2.0',
      command: SET_FLOOR_COMMAND,
      arguments: ['5.2.0', 'libvirt'],
    });
  });

  it('removes what the floor drops: an attribute with its leading space, an element with its line', () => {
    const text = domain(
      `  <cpu mode='host-model' check='full'/>\n  <devices>\n    <disk type='file' device='disk'>\n      <target dev='vda' bus='virtio'/>\n      <transient/>\n    </disk>\n  </devices>\n`,
    );
    const actions = fixes(text, { libvirt: '0.9.4' });
    const dropCheck = actions.find((a) => a.title === "Remove check='full' (libvirt 0.9.4 (migration floor) drops it)")!;
    assert.ok(dropCheck, actions.map((a) => a.title).join('\n'));
    assert.match(apply(text, editsOf(dropCheck)), /<cpu mode='host-model'\/>/);
    const dropTransient = actions.find((a) => a.title.startsWith('Remove <transient>'))!;
    assert.strictEqual(apply(text, editsOf(dropTransient)), text.replace('      <transient/>\n', ''));
  });

  it('adds a panic device for <on_crash>, indented like its siblings', () => {
    const text = domain(
      `  <on_crash>restart</on_crash>\n  <devices>\n    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n  </devices>\n`,
    );
    const [add] = fixes(text);
    assert.strictEqual(add.title, "Add <panic model='isa'/>");
    assert.match(apply(text, editsOf(add)), /<\/emulator>\n {4}<panic model='isa'\/>\n {2}<\/devices>/);
  });

  it('works from LSP diagnostics (ranges, data) and raises a QEMU floor', () => {
    const service = getLanguageService();
    service.configure({ floor: { qemu: '2.8.0' } });
    const td = doc(domain(`  <cpu mode='host-model'/>\n`, { machine: 'pc-i440fx-2.0' }));
    const diags = service.doValidation(td).filter((d) => d.code === 'version-qemu');
    assert.strictEqual(diags.length, 1);
    const actions = versionCodeActions(service.parse(td), diags);
    assert.deepStrictEqual(
      actions.map((a) => a.command?.arguments),
      [['2.9.0', 'qemu']],
    );
    assert.deepStrictEqual(actions[0].diagnostics, diags);
  });
});

describe('versionDiagnostics: wiring', () => {
  it('the language service reports against its floor and profile settings', () => {
    const service = getLanguageService();
    const td = doc(domain(`  <devices>\n    <memballoon model='virtio-transitional'/>\n  </devices>\n`));
    assert.ok(!service.findings(td).some((f) => f.rule.startsWith('version-')));
    service.configure({ floor: { libvirt: '5.0.0' } });
    assert.ok(service.findings(td).some((f) => f.rule === 'version-reject'));
    service.configure({ libvirt: '5.0.0', qemu: '3.1.0' });
    assert.ok(service.findings(td).some((f) => f.rule === 'define-reject'));
  });
});

// ---------------------------------------------------------------------------
// the version table, fact by fact

const DRIVER_DOMAIN_TYPE: Record<string, string> = {
  qemu: 'qemu',
  xen: 'xen',
  lxc: 'lxc',
  bhyve: 'bhyve',
  vbox: 'vbox',
  vmware: 'vmware',
  ch: 'ch',
  openvz: 'openvz',
};

/** the release just before `v` */
function previous(v: string): string {
  const [a, b, c] = v.split('.').map(Number);
  if (c > 0) return `${a}.${b}.${c - 1}`;
  if (b > 0) return `${a}.${b - 1}.99`;
  return `${a - 1}.99.99`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;');
}

/**
 * The driver a general fact is checked with: QEMU, unless the table dates
 * the same name for QEMU on its own ("Xen since 0.1.0, QEMU since 0.9.12"),
 * then the first driver it does not.
 */
function generalDriver(f: VersionFact): string {
  // the name itself, or an element above it, dated for a driver of its own
  const above = (p: string) => f.path.startsWith(p + '/');
  const own = new Set(
    VERSION_FACTS.filter(
      (g) => g.driver && ((g.path === f.path && g.kind === f.kind && g.value === f.value) || (g.kind === 'element' && above(g.path))),
    ).map((g) => g.driver),
  );
  return Object.keys(DRIVER_DOMAIN_TYPE).find((d) => !own.has(d)) ?? 'qemu';
}

/** a minimal document that uses `f`: the path's elements, the attribute/value, and the `when` attributes */
function documentUsing(f: VersionFact): { text: string; node: string } {
  const attrPath = /\/@([^/]+)$/.exec(f.path);
  const elems = f.path
    .replace(/\/@[^/]+$/, '')
    .split('/')
    .filter(Boolean);
  const leaf = elems.length - 1;
  const attrs: string[] = [];
  for (const [k, v] of Object.entries(f.when ?? {})) attrs.push(`${k.slice(1)}='${escapeXml(v)}'`);
  if (attrPath) {
    const name = attrPath[1];
    let value = f.value;
    if (value === undefined) {
      // an old value of the attribute, so that only the attribute is new
      // (one the document's driver does not date later on its own)
      const driver = f.driver ?? generalDriver(f);
      const laterFor = (g: VersionFact) =>
        VERSION_FACTS.some((h) => h.path === g.path && h.value === g.value && h.driver === driver && compareVersions(h.since, f.since) > 0);
      const values = VERSION_FACTS.filter(
        (g) =>
          g.path === f.path &&
          g.kind === 'value' &&
          (!g.driver || g.driver === f.driver) &&
          compareVersions(g.since, f.since) <= 0 &&
          !laterFor(g),
      );
      values.sort((x, y) => compareVersions(x.since, y.since));
      value = values[0]?.value ?? '1';
    }
    const at = attrs.findIndex((a) => a.startsWith(`${name}=`));
    if (at >= 0) attrs.splice(at, 1);
    attrs.push(`${name}='${escapeXml(value)}'`);
  }
  const open: string[] = [];
  const driver = f.driver ?? generalDriver(f);
  elems.forEach((e, i) => {
    const own = i === leaf ? attrs : [];
    const a = i === 0 && !own.some((x) => x.startsWith('type=')) ? [`type='${DRIVER_DOMAIN_TYPE[driver] ?? 'qemu'}'`, ...own] : own;
    open.push(`<${e}${a.length ? ' ' + a.join(' ') : ''}>`);
  });
  const body = !attrPath && f.kind === 'value' ? escapeXml(f.value!) : '';
  const text =
    open.join('') +
    body +
    elems
      .map((e) => `</${e}>`)
      .reverse()
      .join('');
  return { text, node: f.path };
}

/** floor findings on the fact's node or an ancestor of it (which drops it along) */
function flagged(f: VersionFact, floor: string): boolean {
  const { text } = documentUsing(f);
  const findings = versionFindings(parse(text), { floor: { libvirt: floor }, profile: NEWEST });
  return findings.some((x) => {
    const d = data(x);
    if (d.scope !== 'floor' || d.outcome === 'qemu' || d.outcome === 'note' || !d.path) return false;
    const element = d.path.replace(/\/@[^/]+$/, '');
    return d.path === f.path || f.path.startsWith(element + '/') || (d.path.includes('/@') && f.path === d.path);
  });
}

describe('versionDiagnostics: every version fact against the floor', () => {
  it('flags a document using a fact exactly when the floor predates it (>= 99% of the facts)', () => {
    const wrong: string[] = [];
    const facts = VERSION_FACTS.filter((f) => !f.path.startsWith('/domain/metadata/'));
    for (const f of facts) {
      const before = flagged(f, previous(f.since));
      const at = flagged(f, f.since);
      if (!before || at)
        wrong.push(
          `${f.path}${f.value ? `=${f.value}` : ''} (${f.since}): ${before ? '' : 'not flagged before'}${at ? 'flagged at since' : ''}`,
        );
    }
    const rate = 1 - wrong.length / facts.length;
    console.log(`      version facts flagged exactly: ${facts.length - wrong.length}/${facts.length} (${(rate * 100).toFixed(1)}%)`);
    if (wrong.length) console.log(`      e.g. ${wrong.slice(0, 8).join('\n           ')}`);
    assert.ok(rate >= 0.99, wrong.join('\n'));
  });
});

describe('versionDiagnostics: fixtures whose first comment says what libvirt 9.0 does (offline)', () => {
  const dirs = [path.join(FIXTURES, 'version'), path.join(FIXTURES, 'rejected')];
  for (const file of dirs.flatMap((d) => xmlFiles(d))) {
    const text = fs.readFileSync(file, 'utf8');
    const verdict = /^<!--\s*(rejected|accepted)/i.exec(text)?.[1].toLowerCase();
    if (!verdict) continue;
    it(`${path.basename(path.dirname(file))}/${path.basename(file)}: ${verdict}`, () => {
      const errors = check(text).filter(
        (f) => (f.severity ?? (f.rule === 'define-reject' || f.rule === 'version-reject' ? 'error' : 'warning')) === 'error',
      );
      if (verdict === 'rejected') assert.ok(errors.length > 0, 'expected an error');
      else
        assert.deepStrictEqual(
          errors.map((e) => e.message),
          [],
        );
    });
  }
});
