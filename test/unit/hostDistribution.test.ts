/**
 * A live host's distribution (server/src/host/virshProfile.ts): the
 * os-release of the machine or chroot a local daemon runs in, and the
 * built-in profile whose packaging facts then hold there.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { localDistribution } from '../../server/src/host/virshProfile';
import { distributionProfile } from '../../server/src/languageservice/profiles/builtinProfiles';

describe('the distribution of a live host', () => {
  it('is the built-in profile of that release only with its own libvirt and QEMU', () => {
    const debian12 = { id: 'debian', versionId: '12' };
    assert.strictEqual(distributionProfile(debian12, '9.0.0', '7.2.19')?.id, 'debian-12');
    assert.ok(distributionProfile(debian12, '9.0.0', '7.2.0')?.disabledValues?.length, 'Debian 12 disables passt');
    // a backported libvirt is not what the release packages
    assert.strictEqual(distributionProfile(debian12, '11.3.0', '7.2.0'), undefined);
    assert.strictEqual(distributionProfile(debian12, '9.0.0', '8.0.0'), undefined);
    assert.strictEqual(distributionProfile({ id: 'debian', versionId: '13' }, '11.3.0', '10.0.2')?.id, 'debian-13');
    assert.strictEqual(distributionProfile({ id: 'fedora', versionId: '12' }, '9.0.0', '7.2.0'), undefined);
  });

  it("reads a chroot's os-release through the socket its daemon listens on, and nothing of a remote host", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-root-'));
    try {
      fs.mkdirSync(path.join(root, 'etc'));
      fs.writeFileSync(path.join(root, 'etc', 'os-release'), 'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nVERSION_ID="11"\nID=debian\n');
      const uri = `qemu:///system?socket=${root}/run/libvirt/libvirt-sock`;
      assert.deepStrictEqual(localDistribution(uri), { id: 'debian', versionId: '11' });
      assert.strictEqual(localDistribution(`qemu:///system?socket=${root}/elsewhere.sock`), undefined);
      assert.strictEqual(localDistribution('qemu+ssh://host/system'), undefined);
      assert.strictEqual(localDistribution(`qemu:///system?socket=${path.join(root, 'none')}/run/libvirt/libvirt-sock`), undefined);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
