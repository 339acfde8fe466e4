/**
 * Records libvirt's ABI verdicts for the abi-diff pairs (run with
 * DOMXML_ORACLE_LIVE=1 `node out/test/oracle/abiRecord.js`): defines and
 * starts a tiny TCG guest (no disk, no graphics), saves it once, then runs
 * `virsh save-image-define FILE NEW` for each mutated XML; libvirt runs its
 * ABI-stability check there (libvirt 9.0 qemuSaveImageUpdateDef). Needs
 * virtlogd. The domain and the save file are removed afterwards.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../helpers';
import { mutations } from './abiMutations';
import { LIBVIRT_URI } from './virsh';

export const TRUTH_DIR = path.join(REPO, 'test', 'oracle', 'truth', '9.0', 'abi-diff');

function virsh(...args: string[]) {
  const r = spawnSync('virsh', ['-c', LIBVIRT_URI, ...args], { encoding: 'utf8' });
  return {
    ok: r.status === 0,
    out: r.stdout,
    err: (r.stderr || '')
      .replace(/^error: Failed to update .*\n/m, '')
      .replace(/^error: /gm, '')
      .trim(),
  };
}

function main(): void {
  if (process.env.DOMXML_ORACLE_LIVE !== '1') throw new Error('set DOMXML_ORACLE_LIVE=1 to ask the daemon');
  const base = fs.readFileSync(path.join(TRUTH_DIR, 'base.xml'), 'utf8');
  const name = /<name>([^<]*)/.exec(base)![1];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'abio-'));
  const save = path.join('/var/tmp', `${name}-${process.pid}.save`);
  const baseFile = path.join(tmp, 'base.xml');
  fs.writeFileSync(baseFile, base);
  const pairs: { id: string; accepted: boolean; message: string }[] = [];
  try {
    for (const step of [
      ['define', baseFile],
      ['start', name],
      ['save', name, save],
    ]) {
      const r = virsh(...step);
      if (!r.ok) throw new Error(`virsh ${step[0]}: ${r.err}`);
    }
    const version = virsh('version', '--daemon').out;
    for (const m of mutations()) {
      const f = path.join(tmp, 'new.xml');
      fs.writeFileSync(f, m.apply(base));
      const r = virsh('save-image-define', save, f);
      pairs.push({ id: m.id, accepted: r.ok, message: r.ok ? '' : r.err });
      if (r.ok && !virsh('save-image-define', save, baseFile).ok) throw new Error(`cannot restore the base XML after ${m.id}`);
    }
    const daemon = /Running hypervisor: (.*)/.exec(version)?.[1] ?? '';
    const lib = /Using library: (.*)/.exec(version)?.[1] ?? '';
    fs.writeFileSync(
      path.join(TRUTH_DIR, 'verdicts.json'),
      `${JSON.stringify({ libvirt: lib, hypervisor: daemon, command: 'virsh save-image-define', pairs }, null, 2)}\n`,
    );
    process.stdout.write(`${pairs.length} pairs, ${pairs.filter((p) => !p.accepted).length} refused\n`);
  } finally {
    virsh('destroy', name);
    virsh('undefine', name);
    fs.rmSync(save, { force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) main();
