/**
 * Host-capability define checks (services/version/hostChecks.ts) against
 * what the real libvirt 9.0.0 / QEMU 7.2 daemon of this project's CI host
 * answered: test/fixtures/hostcaps holds that host's `virsh capabilities` and
 * `virsh domcapabilities` files and crafted documents, and verdicts-9.0.json
 * the daemon's `virsh define` verdict for each. With the captured files every
 * host rejection should be an error and no accepted document may get one;
 * without host facts, no host rule fires.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DomainDocument } from '../../server/src/languageservice/domainDocument';
import { versionFindings } from '../../server/src/languageservice/services/versionDiagnostics';
import { builtinProfile } from '../../server/src/languageservice/profiles/builtinProfiles';
import { domcapsFor, parseDomainCapabilities, withHostFacts } from '../../server/src/languageservice/profiles/capabilities';
import { FIXTURES } from '../helpers';

const DIR = path.join(FIXTURES, 'hostcaps');
const read = (f: string) => fs.readFileSync(path.join(DIR, f), 'utf8');

interface Verdict {
  defined: boolean;
  error?: string;
}
const verdicts = (JSON.parse(read('verdicts-9.0.json')) as { verdicts: Record<string, Verdict> }).verdicts;

/** every domcapabilities file captured on the 9.0 host (x86_64 pc and q35, i686 pc, aarch64 virt): the checks pick per domain */
const DOMCAPS_9_0 = fs
  .readdirSync(path.join(DIR, '9.0'))
  .filter((f) => f.startsWith('domcaps-'))
  .map((f) => read(`9.0/${f}`));

function errors(file: string, withHost: boolean) {
  const text = read(file);
  const base = builtinProfile('debian-12')!;
  const profile = withHost ? withHostFacts(base, read('9.0/capabilities.xml'), DOMCAPS_9_0) : base;
  const doc = new DomainDocument(TextDocument.create(`file:///${file}`, 'xml', 1, text));
  return versionFindings(doc, { profile }).filter((f) => (f.severity ?? 'error') === 'error' && f.rule === 'define-reject');
}

describe('host-capability define checks, scored against real libvirt 9.0', () => {
  const files = Object.keys(verdicts);

  it('records a verdict for every crafted document', () => {
    const onDisk = ['accepted', 'rejected'].flatMap((d) => fs.readdirSync(path.join(DIR, d)).map((f) => `${d}/${f}`));
    assert.deepStrictEqual(onDisk.sort(), files.slice().sort());
  });

  it('predicts >= 0.9 of host rejections with the captured files, and no error where the daemon defines', () => {
    const rejected = files.filter((f) => !verdicts[f].defined);
    const caught = rejected.filter((f) => errors(f, true).length > 0);
    const falseErrors = files.filter((f) => verdicts[f].defined && errors(f, true).length > 0);
    const missed = rejected.filter((f) => !caught.includes(f)).map((f) => `${f}: ${verdicts[f].error}`);
    console.log(
      `      host rejections caught ${caught.length}/${rejected.length}; false errors ${falseErrors.length}/${files.length - rejected.length}`,
    );
    if (missed.length) console.log(`      missed:\n        ${missed.join('\n        ')}`);
    assert.ok(rejected.length >= 12, `${rejected.length} rejected documents`);
    assert.deepStrictEqual(falseErrors, []);
    assert.ok(caught.length / rejected.length >= 0.9, `${caught.length}/${rejected.length}`);
  });

  it('says nothing about the host without host facts', () => {
    for (const f of files) {
      const host = errors(f, false).filter((x) => /^host-/.test(String((x.data as { check?: string }).check)));
      assert.deepStrictEqual(host, [], f);
    }
  });

  it('ignores domain capabilities captured for another arch', () => {
    const text = read('rejected/video-gop.xml').replace("arch='x86_64'", "arch='aarch64'").replace("machine='q35'", "machine='virt'");
    const profile = withHostFacts(builtinProfile('debian-12')!, undefined, read('9.0/domcaps-x86_64-q35.xml'));
    const doc = new DomainDocument(TextDocument.create('file:///t.xml', 'xml', 1, text));
    assert.ok(!versionFindings(doc, { profile }).some((f) => (f.data as { check?: string }).check === 'host-video'));
  });

  it('picks the domain capabilities of the guest: its arch, then its virt type, then its machine', () => {
    const caps = (arch: string, machine: string, virttype: string) =>
      parseDomainCapabilities(
        `<domainCapabilities><domain>${virttype}</domain><machine>${machine}</machine><arch>${arch}</arch></domainCapabilities>`,
      );
    const sets = [caps('x86_64', 'pc-i440fx-7.2', 'qemu'), caps('x86_64', 'pc-q35-7.2', 'qemu'), caps('x86_64', 'pc-q35-7.2', 'kvm')];
    const pick = (arch: string, virttype: string, machine: string) => {
      const m = domcapsFor(sets, { arch, virttype, machine });
      return m && `${m.caps.virttype}/${m.caps.machine}/${m.sameVirtType}/${m.sameMachine}`;
    };
    assert.strictEqual(pick('x86_64', 'kvm', 'pc-q35-7.2'), 'kvm/pc-q35-7.2/true/true');
    assert.strictEqual(pick('x86_64', 'qemu', 'pc-q35-7.2'), 'qemu/pc-q35-7.2/true/true');
    assert.strictEqual(pick('x86_64', 'kvm', 'pc-i440fx-7.2'), 'kvm/pc-q35-7.2/true/false');
    assert.strictEqual(pick('x86_64', 'qemu', 'pc-i440fx-7.2'), 'qemu/pc-i440fx-7.2/true/true');
    assert.strictEqual(pick('aarch64', 'qemu', 'virt-7.2'), undefined);
    // a live host's answer for the guest comes first
    const live = caps('x86_64', 'pc-q35-7.2', 'kvm');
    assert.strictEqual(domcapsFor(sets, { arch: 'x86_64', virttype: 'kvm', machine: 'q35' }, () => live)?.caps, live);
  });

  it("prefers a machine of the guest's family, and judges UEFI firmware from that family's set only", () => {
    const caps = (machine: string) =>
      parseDomainCapabilities(
        `<domainCapabilities><domain>qemu</domain><machine>${machine}</machine><arch>x86_64</arch></domainCapabilities>`,
      );
    const sets = [caps('pc-i440fx-10.0'), caps('pc-q35-10.0')];
    const m = domcapsFor(sets, { arch: 'x86_64', virttype: 'qemu', machine: 'pc-q35-4.0' });
    assert.deepStrictEqual([m?.caps.machine, m?.sameMachine, m?.sameFamily], ['pc-q35-10.0', false, true]);
    // secure boot on an older q35: 11.3's q35 set has secure-boot firmware, its pc set has none (the 11.3 daemon
    // defines libvirt's firmware-auto-efi-secboot input); the pc set alone says nothing about a q35 guest
    const text = `<domain type='qemu'><name>sb</name><memory unit='MiB'>512</memory><os firmware='efi'><type arch='x86_64' machine='pc-q35-4.0'>hvm</type><firmware><feature enabled='yes' name='secure-boot'/></firmware></os><features><acpi/><smm state='on'/></features></domain>`;
    const doc = new DomainDocument(TextDocument.create('file:///sb.xml', 'xml', 1, text));
    const firmwareErrors = (files: string[]) =>
      versionFindings(doc, {
        profile: withHostFacts(
          builtinProfile('debian-13')!,
          read('11.3/capabilities.xml'),
          files.map((f) => read(`11.3/${f}`)),
        ),
      }).filter((f) => (f.data as { check?: string }).check === 'host-firmware');
    assert.deepStrictEqual(firmwareErrors(['domcaps-x86_64-pc.xml', 'domcaps-x86_64-q35.xml']), []);
    assert.deepStrictEqual(firmwareErrors(['domcaps-x86_64-pc.xml']), []);
    // the same guest on pc: the pc set answers, and it has no secure-boot firmware
    const onPc = new DomainDocument(TextDocument.create('file:///sb-pc.xml', 'xml', 1, text.replace('pc-q35-4.0', 'pc-i440fx-4.0')));
    const pcErrors = versionFindings(onPc, {
      profile: withHostFacts(builtinProfile('debian-13')!, read('11.3/capabilities.xml'), [read('11.3/domcaps-x86_64-pc.xml')]),
    }).filter((f) => (f.data as { check?: string }).check === 'host-firmware');
    assert.strictEqual(pcErrors.length, 1, JSON.stringify(pcErrors));
  });

  it('checks the vCPU limit against the set of the guest machine only', () => {
    // vcpu-pc.xml (a pc guest over 255 vCPUs) is caught with the pc set among the others, and not with q35's alone
    const text = read('rejected/vcpu-pc.xml');
    const doc = new DomainDocument(TextDocument.create('file:///t.xml', 'xml', 1, text));
    const check = (domcaps: string[]) =>
      versionFindings(doc, { profile: withHostFacts(builtinProfile('debian-12')!, read('9.0/capabilities.xml'), domcaps) }).some(
        (f) => (f.data as { check?: string }).check === 'host-vcpu-max',
      );
    assert.ok(check(DOMCAPS_9_0));
    assert.ok(!check([read('9.0/domcaps-x86_64-q35.xml')]));
  });
});

describe('host-capability define checks, scored against real libvirt 7.0 and 11.3', () => {
  for (const [version, profileId] of [
    ['7.0', 'debian-11'],
    ['11.3', 'debian-13'],
  ] as const) {
    it(`libvirt ${version} (${profileId}) with its host's captured files: no false error, and what it rejects caught`, () => {
      const recorded = (JSON.parse(read(`verdicts-${version}.json`)) as { verdicts: Record<string, Verdict> }).verdicts;
      const domcaps = fs
        .readdirSync(path.join(DIR, version))
        .filter((f) => f.startsWith('domcaps-'))
        .map((f) => read(`${version}/${f}`));
      const profile = withHostFacts(builtinProfile(profileId)!, read(`${version}/capabilities.xml`), domcaps);
      const errs = (file: string) =>
        versionFindings(new DomainDocument(TextDocument.create(`file:///${file}`, 'xml', 1, read(file))), { profile }).filter(
          (f) => (f.severity ?? 'error') === 'error' && f.rule === 'define-reject',
        );
      const files = Object.keys(recorded);
      const rejected = files.filter((f) => !recorded[f].defined);
      const caught = rejected.filter((f) => errs(f).length > 0);
      const falseErrors = files.filter((f) => recorded[f].defined && errs(f).length > 0).map((f) => `${f}: ${errs(f)[0].message}`);
      const missed = rejected.filter((f) => !caught.includes(f)).map((f) => `${f}: ${recorded[f].error}`);
      console.log(
        `      ${version}: rejections caught ${caught.length}/${rejected.length}; false errors ${falseErrors.length}/${files.length - rejected.length}`,
      );
      if (missed.length) console.log(`      missed:\n        ${missed.join('\n        ')}`);
      assert.deepStrictEqual(falseErrors, []);
      assert.ok(caught.length / rejected.length >= 0.9, `${caught.length}/${rejected.length}`);
    });
  }
});
