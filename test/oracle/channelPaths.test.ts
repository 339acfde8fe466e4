/**
 * The channel socket paths each real daemon takes for its own and drops
 * (knowledge/channelPaths.ts): a virtio channel with each probe path is
 * defined on 7.0, 9.0 and 11.3, and the path is in the daemon's dumpxml
 * exactly when the model says that version keeps it.
 */
import * as assert from 'assert';
import { channelPathTest, dropsChannelPath } from '../../server/src/languageservice/knowledge/channelPaths';
import { DAEMONS, defineAndDump, oracleUsable, unavailableReason } from './virsh';

const NAME = 'org.example.unix.1';

const PROBES = [
  '/var/lib/libvirt/qemu/channel/target/example.sock',
  '/var/lib/libvirt/qemu/channel/target/sub/x.sock',
  '/var/lib/libvirt/qemu/channel/target/domain-1-vm/org.example.unix.1',
  '/var/lib/libvirt/qemu/channel/a.org.example.unix.1',
  '/run/libvirt/qemu/channel/1-vm/org.example.unix.1',
  '/etc/libvirt/qemu/channel/target/a.org.example.unix.1',
  '/tmp/domain-vm/org.example.unix.1',
  '/tmp/example.sock',
];

const xml = (path: string) => `<domain type='qemu'><name>channel-path</name><memory>65536</memory>
<os><type arch='x86_64' machine='pc'>hvm</type></os>
<devices><channel type='unix'><source mode='bind' path='${path}'/><target type='virtio' name='${NAME}'/></channel></devices></domain>
`;

describe('channel socket paths each daemon drops (oracle)', function () {
  this.timeout(10 * 60_000);
  for (const daemon of DAEMONS) {
    it(`libvirt ${daemon.version} keeps exactly the paths the model says it keeps`, function () {
      if (!oracleUsable(daemon)) {
        console.log(`      skipped: ${unavailableReason(daemon)}`);
        this.skip();
      }
      const test = channelPathTest(`${daemon.version}.0`)!.test;
      const wrong: string[] = [];
      let asked = 0;
      for (const p of PROBES) {
        const r = defineAndDump(xml(p), {}, daemon);
        if (!r.ok) {
          if (/is not available at/.test(r.error)) continue;
          assert.fail(`libvirt ${daemon.version} rejected the probe ${p}: ${r.error}`);
        }
        asked++;
        const kept = r.xml.includes(`path='${p}'`);
        if (kept === dropsChannelPath(test, p, NAME)) wrong.push(`${p}: ${kept ? 'kept' : 'dropped'} by the daemon`);
      }
      if (!asked) this.skip();
      assert.deepStrictEqual(wrong, []);
    });
  }
});
