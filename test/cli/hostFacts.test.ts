/**
 * Host facts for the CLI and the language service: captured domain
 * capabilities given as a folder or repeated files (each domain uses the set
 * of its arch, virt type and machine), the settings domxml.caps/domcaps, and
 * the live host through --connect, whose domain capabilities are asked per
 * domain (read-write: libvirt refuses them read-only).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { domcapsTexts } from '../../server/src/host/domcapsFiles';
import { getLanguageService } from '../../server/src/languageservice/languageService';
import { FIXTURES, REPO } from '../helpers';

const HOST = path.join(FIXTURES, 'hostcaps');
const CAPS = path.join(HOST, '9.0', 'capabilities.xml');
// a pc guest with more vCPUs than pc takes, and a q35 guest with a video model QEMU 7.2 lacks (both rejected by 9.0)
const VCPU_PC = path.join(HOST, 'rejected', 'vcpu-pc.xml');
const VIDEO_GOP = path.join(HOST, 'rejected', 'video-gop.xml');

function domxml(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'domxml.js'), ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `domxml check --format json --profile debian-12 --caps CAPS` with the given domain capabilities and files */
function checkWithHost(domcaps: string[], files: string[]) {
  return domxml([
    'check',
    '--format',
    'json',
    '--profile',
    'debian-12',
    '--caps',
    CAPS,
    ...domcaps.flatMap((d) => ['--domcaps', d]),
    ...files,
  ]);
}

/** the host checks that fired, per file */
function hostErrors(stdout: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of JSON.parse(stdout) as { file: string; code: string; severity: string; message: string }[])
    if (d.code === 'define-reject' && d.severity === 'error') (out[path.basename(d.file)] ??= []).push(d.message);
  return out;
}

describe('host facts: domain capabilities per domain', () => {
  it('--domcaps FOLDER gives each domain the set of its machine', () => {
    const r = checkWithHost([path.join(HOST, '9.0')], [VCPU_PC, VIDEO_GOP]);
    assert.strictEqual(r.code, 1, r.stderr);
    const e = hostErrors(r.stdout);
    assert.ok(
      e['vcpu-pc.xml']?.some((m) => /more than machine type pc-i440fx-7\.2 takes/.test(m)),
      r.stdout,
    );
    assert.ok(
      e['video-gop.xml']?.some((m) => /video model 'gop'/.test(m)),
      r.stdout,
    );
  });

  it('--domcaps repeated takes each file; with the q35 set alone the pc guest has no vCPU limit', () => {
    const q35 = path.join(HOST, '9.0', 'domcaps-x86_64-q35.xml');
    const pc = path.join(HOST, '9.0', 'domcaps-x86_64-pc.xml');
    const both = checkWithHost([q35, pc], [VCPU_PC]);
    assert.ok(
      hostErrors(both.stdout)['vcpu-pc.xml']?.some((m) => /machine type pc-i440fx-7\.2/.test(m)),
      both.stdout,
    );
    const one = checkWithHost([q35], [VCPU_PC]);
    assert.ok(!hostErrors(one.stdout)['vcpu-pc.xml']?.some((m) => /more than machine type/.test(m)), one.stdout);
  });

  it('a --domcaps path that cannot be read, or a folder without domain capabilities, is a usage error', () => {
    const missing = domxml(['check', '--domcaps', path.join(HOST, 'nope'), VCPU_PC]);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /--domcaps: cannot read .*nope: ENOENT/);
    const empty = domxml(['check', '--domcaps', path.join(HOST, 'accepted'), VCPU_PC]);
    assert.strictEqual(empty.code, 2);
    assert.match(empty.stderr, /holds no virsh domcapabilities XML/);
  });

  it('the settings domxml.caps and domxml.domcaps do the same in the language service', () => {
    const service = getLanguageService({ readFile: (p) => fs.readFileSync(p, 'utf8'), readDomcaps: (p) => domcapsTexts(p) });
    const doc = TextDocument.create('file:///vcpu-pc.xml', 'xml', 1, fs.readFileSync(VCPU_PC, 'utf8'));
    const limit = () => service.doValidation(doc).some((d) => /more than machine type pc-i440fx-7\.2 takes/.test(d.message));
    service.configure({ profile: 'debian-12' });
    assert.ok(!limit(), 'no host facts, no host finding');
    service.configure({ profile: 'debian-12', caps: CAPS, domcaps: [path.join(HOST, '9.0')] });
    assert.ok(limit());
    assert.match(service.profile().label, /with host capabilities and 4 sets of domain capabilities/);
  });

  it('--connect asks the live host for the domain capabilities of each domain', function () {
    const up = spawnSync('virsh', ['-c', 'qemu:///system', 'version'], { encoding: 'utf8' });
    if (up.status !== 0 || !/libvirt 9\.0\.\d/.test(up.stdout)) this.skip(); // the expectations are 9.0's
    const r = domxml(['check', '--format', 'json', '--connect', 'qemu:///system', VCPU_PC, VIDEO_GOP]);
    const e = hostErrors(r.stdout);
    assert.ok(
      e['vcpu-pc.xml']?.some((m) => /more than machine type pc-i440fx-7\.2 takes/.test(m)),
      r.stdout + r.stderr,
    );
    assert.ok(
      e['video-gop.xml']?.some((m) => /video model 'gop'/.test(m)),
      r.stdout + r.stderr,
    );
  });
});
