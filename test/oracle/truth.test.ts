/**
 * Committed oracle truth (test/oracle/truth/<version>/): the answer of each
 * real daemon for each of the project's own fixtures, so that `npm test`
 * scores fidelity without libvirt. Offline this checks that the truth is
 * complete and consistent; under `npm run test:oracle` (DOMXML_ORACLE_LIVE=1)
 * it asks every daemon again, rewrites the truth and fails on drift (commit
 * the rewritten files once the drift is understood).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES, xmlFiles } from '../helpers';
import { defineFile } from './fidelity';
import { prepareForOracle } from './prepare';
import {
  DAEMONS,
  daemonCrashes,
  libvirtAvailable,
  oracleCacheKey,
  oracleLive,
  oracleTruthDir,
  truthDrift,
  unavailableReason,
} from './virsh';

/** the fixtures whose answers are committed */
export function truthFixtures(): string[] {
  return xmlFiles(path.join(FIXTURES, 'domains'));
}

for (const daemon of DAEMONS) {
  describe(`committed oracle truth for libvirt ${daemon.version}`, function () {
    this.timeout(30 * 60_000);

    it('holds one answer per fixture, recorded from that version, and nothing else', function () {
      const dir = oracleTruthDir(daemon);
      const want = new Map(truthFixtures().map((f) => [oracleCacheKey(prepareForOracle(fs.readFileSync(f, 'utf8'))), f]));
      const have = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
      const missing = [...want].filter(([k]) => !have.includes(`${k}.json`)).map(([, f]) => path.basename(f));
      // backward-migration answers (backward.ts) derive from the fixtures' stored XML
      const backward = (f: string) =>
        /^backward /.test((JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { source?: string }).source ?? '');
      const stale = have.filter((f) => !want.has(f.replace(/\.json$/, '')) && !backward(f));
      assert.deepStrictEqual(missing, [], `fixtures without committed truth (run npm run test:oracle): ${missing.join(', ')}`);
      assert.deepStrictEqual(stale, [], `truth for no fixture (delete): ${stale.join(', ')}`);
      for (const f of have) {
        const e = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { libvirtVersion: string; hypervisor?: string };
        assert.ok(e.libvirtVersion.startsWith(`${daemon.version}.`), `${f}: recorded from libvirt ${e.libvirtVersion}`);
        assert.match(e.hypervisor ?? '', /^QEMU \d/, `${f}: hypervisor recorded`);
      }
    });

    it('matches the live daemon (npm run test:oracle)', function () {
      if (!oracleLive()) this.skip();
      if (!libvirtAvailable(daemon)) {
        console.log(`      skipped: ${unavailableReason(daemon)}`);
        this.skip();
      }
      for (const f of truthFixtures()) defineFile(f, daemon, true);
      const mine = truthDrift().filter((d) => d.daemon === daemon.version);
      // a libvirtd crash is libvirt's bug, not a verdict: say which inputs, do not fail on them
      for (const c of daemonCrashes().filter((d) => d.daemon === daemon.version))
        console.log(`      libvirt ${daemon.version} stopped answering twice on ${c.source}: left out, the daemon was started again`);
      assert.deepStrictEqual(
        mine.map((d) => d.source),
        [],
        `libvirt ${daemon.version} now answers differently (truth rewritten; review git diff test/oracle/truth)`,
      );
    });
  });
}
