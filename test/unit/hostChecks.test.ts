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
import { withHostFacts } from '../../server/src/languageservice/profiles/capabilities';
import { FIXTURES } from '../helpers';

const DIR = path.join(FIXTURES, 'hostcaps');
const read = (f: string) => fs.readFileSync(path.join(DIR, f), 'utf8');

interface Verdict {
  defined: boolean;
  error?: string;
}
const verdicts = (JSON.parse(read('verdicts-9.0.json')) as { verdicts: Record<string, Verdict> }).verdicts;

/** the domcapabilities file a host would be asked for, from the document's arch and machine */
function domcapsFileFor(text: string): string {
  const arch = /arch=['"]([^'"]+)['"]/.exec(text)?.[1] ?? 'x86_64';
  const machine = /machine=['"]([^'"]+)['"]/.exec(text)?.[1] ?? '';
  if (arch === 'aarch64') return '9.0/domcaps-aarch64-virt.xml';
  const kind = /q35/.test(machine) ? 'q35' : 'pc';
  return arch === 'i686' ? '9.0/domcaps-i686-pc.xml' : `9.0/domcaps-x86_64-${kind}.xml`;
}

function errors(file: string, withHost: boolean) {
  const text = read(file);
  const base = builtinProfile('debian-12')!;
  const profile = withHost ? withHostFacts(base, read('9.0/capabilities.xml'), read(domcapsFileFor(text))) : base;
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
});
