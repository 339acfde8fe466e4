/** Bytes to text as libvirt sees them: UTF-8 (BOM or not), invalid UTF-8 located, UTF-16 decoded with one error. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodeDomainBytes } from '../../server/src/languageservice/parser/decode';
import { REPO } from '../helpers';

const domain = (name: string) =>
  `<domain type='qemu'>\n  <name>${name}</name>\n  <memory>65536</memory>\n  <os><type arch='x86_64'>hvm</type></os>\n</domain>\n`;

describe('decodeDomainBytes', () => {
  it('reads UTF-8 with and without BOM, non-ASCII included, without problems', () => {
    const text = domain('vm-ünïcødé-😀');
    assert.deepStrictEqual(decodeDomainBytes(Buffer.from(text)), { text, problems: [] });
    const withBom = decodeDomainBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    assert.strictEqual(withBom.problems.length, 0);
    assert.strictEqual(withBom.text, '\uFEFF' + text);
  });

  it('locates the first byte sequence that is not UTF-8, in the decoded text', () => {
    const before = "<domain type='qemu'>\n  <name>é😀";
    const bytes = Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe]), Buffer.from('x</name>\n</domain>\n')]);
    const d = decodeDomainBytes(bytes);
    assert.strictEqual(d.problems.length, 1);
    assert.strictEqual(d.problems[0].offset, before.length);
    assert.strictEqual(d.text[before.length], '\uFFFD');
    assert.match(d.problems[0].message, /0xFF 0xFE/);
    for (const bad of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      assert.strictEqual(decodeDomainBytes(Buffer.concat([Buffer.from('<a>'), Buffer.from(bad)])).problems.length, 1, bad.join(','));
    }
  });

  it('decodes UTF-16 (LE/BE, with or without BOM) and says define fails on it', () => {
    const text = domain('vm16');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    for (const b of [le, Buffer.from(text, 'utf16le'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]), be]) {
      const d = decodeDomainBytes(b);
      assert.strictEqual(d.text.replace(/^\uFEFF/, ''), text);
      assert.strictEqual(d.problems.length, 1);
      assert.match(d.problems[0].message, /UTF-16/);
    }
  });

  it('agrees with xmllint on which files are not proper UTF-8, and the CLI reports them located', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-decode-'));
    try {
      const f = path.join(dir, 'bad.xml');
      fs.writeFileSync(
        f,
        Buffer.concat([Buffer.from("<domain type='qemu'>\n  <name>bad"), Buffer.from([0xff]), Buffer.from('</name>\n</domain>\n')]),
      );
      if (spawnSync('xmllint', ['--version']).status === 0) assert.notStrictEqual(spawnSync('xmllint', ['--noout', f]).status, 0);
      const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'domxml.js'), 'check', '--profile', 'debian-12', f], {
        encoding: 'utf8',
        env: { ...process.env, DOMXML_NO_SNAPSHOT: '1' },
      });
      assert.strictEqual(r.status, 1, r.stderr);
      assert.match(r.stdout, /bad\.xml:2:12: error \[syntax\] Bytes that are not UTF-8 \(0xFF 0x3C 0x2F 0x6E\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
