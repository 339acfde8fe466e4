/**
 * Channel socket paths libvirt takes for its own (knowledge/channelPaths.ts,
 * services/version/channelPathChecks.ts): libvirt before 10.0.0 drops a
 * user's path under its channel directory at define time; the finding is on
 * the target where the target drops it, on the floor where only the floor
 * does, and absent for paths libvirt generated itself.
 */
import * as assert from 'assert';
import { fullText } from '../helpers';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DomainDocument } from '../../server/src/languageservice/domainDocument';
import { Finding } from '../../server/src/languageservice/findings';
import { channelPathTest, dropsChannelPath } from '../../server/src/languageservice/knowledge/channelPaths';
import { expandDomain } from '../../server/src/languageservice/expander/expand';
import { parseXml } from '../../server/src/languageservice/parser/xmlParser';
import { builtinProfile } from '../../server/src/languageservice/profiles/builtinProfiles';
import { MigrationFloor, versionFindings, VersionFindingData } from '../../server/src/languageservice/services/versionDiagnostics';

function channel(path: string, name = 'org.example.unix.1'): string {
  return `<domain type='qemu'>
  <name>t</name>
  <memory>1048576</memory>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <devices>
    <channel type='unix'>
      <source mode='bind' path='${path}'/>
      <target type='virtio' name='${name}'/>
    </channel>
  </devices>
</domain>
`;
}

function drops(text: string, profile: string, floor?: MigrationFloor): Finding[] {
  const doc = new DomainDocument(TextDocument.create('file:///t/vm.xml', 'xml', 1, text));
  return versionFindings(doc, { profile, floor }).filter(
    (f) => (f.data as unknown as VersionFindingData).check === 'channel-generated-path',
  );
}

const USER_PATH = '/var/lib/libvirt/qemu/channel/target/example.sock';

describe('channel socket paths libvirt takes for its own', () => {
  it('libvirt 9.0 drops a path whose first name under its channel directory has a dot, 11.3 keeps it', () => {
    const t9 = channelPathTest('9.0.0')!.test;
    const t11 = channelPathTest('11.3.0')!.test;
    assert.strictEqual(dropsChannelPath(t9, USER_PATH, 'org.example.unix.1'), true);
    assert.strictEqual(dropsChannelPath(t11, USER_PATH, 'org.example.unix.1'), false);
    // the unanchored second alternative: any path ending in domain-*/<name>
    assert.strictEqual(dropsChannelPath(t9, '/tmp/domain-foo/org.example.unix.1', 'org.example.unix.1'), true);
    assert.strictEqual(dropsChannelPath(t9, '/tmp/domain-foo/org.example.unix.2', 'org.example.unix.1'), false);
    // no dot in the first name: kept everywhere
    assert.strictEqual(dropsChannelPath(t9, '/var/lib/libvirt/qemu/channel/target/sub/x.sock', 'n'), false);
    assert.strictEqual(dropsChannelPath(t11, '/var/lib/libvirt/qemu/channel/target/sub/x.sock', 'n'), false);
    // 11.3 drops what it generates ({id}-{name}/{target}) and the older layouts, anchored
    assert.strictEqual(dropsChannelPath(t11, '/run/libvirt/qemu/channel/1-foo/org.example.unix.1', 'org.example.unix.1'), true);
    assert.strictEqual(dropsChannelPath(t9, '/run/libvirt/qemu/channel/1-foo/org.example.unix.1', 'org.example.unix.1'), false);
    assert.strictEqual(dropsChannelPath(t11, '/var/lib/libvirt/qemu/channel/a.org.example.unix.1', 'org.example.unix.1'), true);
    assert.strictEqual(dropsChannelPath(t11, '/var/lib/libvirt/qemu/channel/a.org.example.unix.1x', 'org.example.unix.1'), false);
    // a regular-expression character in the name is literal
    assert.strictEqual(dropsChannelPath(t11, '/run/libvirt/qemu/channel/1-foo/orgXexample', 'org.example'), false);
  });

  it('no row for the releases between 9.7.0 and 10.0.0, whose test is not known here', () => {
    assert.strictEqual(channelPathTest('9.8.0'), undefined);
    assert.ok(channelPathTest('9.6.0'));
    assert.ok(channelPathTest('10.0.0'));
  });

  it('the expansion for 9.0 has no <source> left (as its dumpxml), the one for 11.3 keeps the path', () => {
    const source = (profile: string, text: string) =>
      expandDomain(parseXml(text).root!, builtinProfile(profile)!).root.child('devices')!.child('channel')!.child('source');
    assert.strictEqual(source('debian-12', channel(USER_PATH)), undefined);
    assert.strictEqual(source('debian-11', channel(USER_PATH)), undefined);
    assert.strictEqual(source('debian-13', channel(USER_PATH))?.attr('path'), USER_PATH);
    // a connecting socket loses its path too, and becomes a listening one with a generated path
    assert.strictEqual(source('debian-12', channel(USER_PATH).replace("mode='bind'", "mode='connect'")), undefined);
    // what else the source holds stays
    const seclabel = channel(USER_PATH).replace(
      "path='/var/lib/libvirt/qemu/channel/target/example.sock'/>",
      `path='${USER_PATH}'><seclabel model='dac' relabel='no'/></source>`,
    );
    assert.deepStrictEqual([...source('debian-12', seclabel)!.attrs.entries()], [['mode', 'bind']]);
  });

  it('a 9.0 target drops the user path: a warning on <source> saying what the guest loses', () => {
    const text = channel(USER_PATH);
    const [f, ...rest] = drops(text, 'debian-12');
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(f.rule, 'version-drop');
    assert.strictEqual(text.slice(f.start, f.end), 'source');
    assert.match(f.message, /^libvirt 9\.0\.0 \(target\) takes this socket path for one it generated/);
    assert.match(fullText(f), /whatever waits on \/var\/lib\/libvirt\/qemu\/channel\/target\/example\.sock finds nothing/);
    assert.deepStrictEqual(
      { scope: (f.data as unknown as VersionFindingData).scope, outcome: (f.data as unknown as VersionFindingData).outcome },
      { scope: 'target', outcome: 'dropped' },
    );
  });

  it('an 11.3 target keeps it; a 9.0 or 7.0 floor drops it after migration', () => {
    const text = channel(USER_PATH);
    assert.deepStrictEqual(drops(text, 'debian-13'), []);
    for (const libvirt of ['9.0.0', '7.0.0']) {
      const [f, ...rest] = drops(text, 'debian-13', { libvirt });
      assert.deepStrictEqual(rest, []);
      assert.strictEqual((f.data as unknown as VersionFindingData).scope, 'floor');
      assert.match(f.message, new RegExp(`^libvirt ${libvirt.replace(/\./g, '\\.')} \\(migration floor\\) takes this socket path`));
    }
    // the floor's drop is not said again when the target drops it already
    assert.deepStrictEqual(
      drops(text, 'debian-12', { libvirt: '7.0.0' }).map((f) => (f.data as unknown as VersionFindingData).scope),
      ['target'],
    );
  });

  it('says nothing of a path libvirt generated, or of other channels and paths', () => {
    for (const p of [
      '/var/lib/libvirt/qemu/channel/target/domain-1-vm/org.example.unix.1',
      '/run/libvirt/qemu/channel/3-vm/org.example.unix.1',
      '/var/lib/libvirt/qemu/channel/target/vm.org.example.unix.1',
      '/tmp/example.sock',
    ])
      assert.deepStrictEqual(drops(channel(p), 'debian-12', { libvirt: '7.0.0' }), [], p);
    const guestfwd = channel(USER_PATH).replace("type='virtio'", "type='guestfwd' address='10.0.2.1' port='4600'");
    assert.deepStrictEqual(drops(guestfwd, 'debian-12'), []);
  });
});
