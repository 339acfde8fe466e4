import * as assert from 'assert';
import * as path from 'path';
import { runCli } from '../../server/src/cli/main';
import { readDocument } from '../../server/src/cli/files';
import { FIXTURES } from '../helpers';

function domxml(args: string[], stdin?: string) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readFile: (p) => (p === '-' && stdin !== undefined ? stdin : readDocument(p)),
  });
  return { code, stdout, stderr };
}

describe('domxml pin', () => {
  const minimal = path.join(FIXTURES, 'domains', 'x86_64-pc-minimal.xml');

  it('prints the pinned document for a built-in profile', () => {
    const r = domxml(['pin', '--profile', 'debian-12', minimal]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes("<type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type>"), r.stdout);
    assert.ok(r.stdout.includes("    <controller type='usb' index='0' model='piix3-uhci'/>\n"), r.stdout);
    assert.ok(!r.stdout.includes('<uuid>'), r.stdout);
    assert.ok(!r.stdout.includes('<address'), r.stdout);
  });

  it('says what it leaves to libvirt and why', () => {
    const r = domxml(['pin', '--profile', 'debian-12', path.join(FIXTURES, 'domains', 'x86_64-pc-disk-default-bus-and-order.xml')]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stderr, /left to libvirt: bus='ide' on <target> in <disk>: naming the bus would move the disk/);
    assert.match(r.stderr, /device addresses \(abi-address\) left to libvirt; --addresses pins them too/);
    const all = domxml(['pin', '--profile', 'debian-12', '--addresses', minimal]);
    assert.doesNotMatch(all.stderr, /left to libvirt/);
  });

  it('names what only other releases fill, which it leaves as written, with the line of each', () => {
    const file = path.join(FIXTURES, 'domains', 'x86_64-q35-uefi-firmware-auto.xml');
    const r = domxml(['pin', '--profile', 'debian-12', file]);
    assert.strictEqual(r.code, 0, r.stderr);
    const check = domxml(['check', '--profile', 'debian-12', '--format', 'json', file]);
    const others = (JSON.parse(check.stdout) as { code: string; message: string; range: { start: { line: number } } }[]).filter(
      (d) => d.code === 'abi-default' && /^libvirt 9\.0 fills nothing here; /.test(d.message),
    );
    assert.ok(others.length > 0, check.stdout);
    for (const d of others) {
      const what = d.message.replace(/^libvirt 9\.0 fills nothing here; /, '');
      assert.ok(
        r.stderr.includes(
          `left to libvirt: line ${d.range.start.line + 1}: ${what}: libvirt 9.0 fills nothing there, so nothing is pinned`,
        ),
        `${what}\n${r.stderr}`,
      );
    }
  });

  it('pins for explicit versions and pins addresses on request', () => {
    const r = domxml([
      'pin',
      '--libvirt',
      '7.0.0',
      '--qemu',
      '5.2.0',
      '--addresses',
      path.join(FIXTURES, 'domains', 'x86_64-pc-ide-four-drives.xml'),
    ]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes("machine='pc-i440fx-5.2'"), r.stdout);
    assert.ok(r.stdout.includes("<address type='drive'"), r.stdout);
  });

  it('reads standard input, and pinning its output again changes nothing', () => {
    const first = domxml(['pin', '--profile', 'debian-12', minimal]).stdout;
    const again = domxml(['pin', '--profile', 'debian-12', '-'], first);
    assert.strictEqual(again.code, 0);
    assert.strictEqual(again.stdout, first);
  });

  it('refuses documents that are not well-formed domains', () => {
    const broken = domxml(['pin', '--profile', 'debian-12', '-'], "<domain type='qemu'>\n  <devices>\n");
    assert.strictEqual(broken.code, 1);
    assert.strictEqual(broken.stdout, '');
    assert.match(broken.stderr, /not well-formed .* 2:4/);
    const other = domxml(['pin', '--profile', 'debian-12', '-'], '<network/>');
    assert.strictEqual(other.code, 1);
    assert.match(other.stderr, /not a libvirt domain/);
  });

  it('has --help and reports usage errors', () => {
    const help = domxml(['pin', '--help']);
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /^usage: domxml pin /);
    assert.match(help.stdout, /--addresses/);
    assert.strictEqual(domxml(['pin']).code, 2);
    assert.strictEqual(domxml(['pin', '--profile', 'nope', minimal]).code, 2);
    assert.match(domxml(['--help']).stdout, /\bpin\b/);
  });
});
