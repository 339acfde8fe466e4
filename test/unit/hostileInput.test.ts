/**
 * Hostile input, the rows of issue #17 not covered elsewhere (depth:
 * xmlParserDepth.test.ts; encodings: decode.test.ts), with inputs generated
 * here:
 * - DOCTYPE entities as libvirt 9.0 treats them (parser/dtdEntities.ts):
 *   internal ones expanded, external ones never loaded (a warning: the text is
 *   dropped on define), a billion-laughs chain or a loop refused like libxml2;
 * - a 6 MB domain of 60,000 disks is analysed, and ten times the disks take
 *   far less than a hundred times as long (no quadratic pass);
 * - the server publishes a located diagnostic for a document nested past the
 *   limit instead of nothing.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/languageservice/languageService';
import { parseXml } from '../../server/src/languageservice/parser/xmlParser';
import { TestLspClient } from '../lspClient';

const domain = (doctype: string, inner: string) =>
  `<?xml version="1.0"?>\n${doctype}\n<domain type="qemu"><name>vm</name>${inner}<memory>1048576</memory><os><type arch="x86_64">hvm</type></os></domain>\n`;

describe('hostile input', function () {
  this.timeout(300_000);

  it('expands internal entities, nested ones too, as libvirt does', () => {
    const x = parseXml(domain('<!DOCTYPE domain [<!ENTITY a "ab"><!ENTITY b "x&a;&a;&#65;&amp;">]>', '<description>n&b;</description>'));
    assert.deepStrictEqual(x.errors, []);
    assert.deepStrictEqual(x.warnings, []);
    assert.strictEqual(x.root!.child('description')!.trimmedText(), 'nxababA&');
  });

  it('never loads an external entity, and warns that its text is dropped', () => {
    const text = domain('<!DOCTYPE domain [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '<description>a&x;b</description>');
    const x = parseXml(text);
    assert.deepStrictEqual(x.errors, []);
    assert.strictEqual(x.root!.child('description')!.trimmedText(), 'ab');
    assert.strictEqual(x.warnings.length, 1);
    assert.strictEqual(text.slice(x.warnings[0].start, x.warnings[0].end), '&x;');
    assert.match(x.warnings[0].message, /never loads external entities: '&x;' \(SYSTEM "file:\/\/\/etc\/passwd"\) is dropped/);
    const diagnostics = getLanguageService().doValidation(TextDocument.create('file:///e.xml', 'xml', 1, text));
    const d = diagnostics.find((d) => /external entities/.test(d.message));
    assert.strictEqual(d?.severity, 2, 'a warning: libvirt defines the domain');
    assert.ok(!diagnostics.some((d) => /root:/.test(d.message)), 'nothing of the file is read');
  });

  it('refuses a billion-laughs chain and an entity loop with a located error, quickly', () => {
    const laughs = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)];
    const bomb = domain(`<!DOCTYPE domain [${laughs.join('')}]>`, '<description>&l9;</description>');
    const x = parseXml(bomb);
    const refused = x.errors.filter((e) => e.code === 'entity-refused');
    assert.strictEqual(refused.length, 1);
    assert.strictEqual(bomb.slice(refused[0].start, refused[0].end), '&l9;');
    assert.match(refused[0].message, /Detected an entity reference loop/);
    const loop = parseXml(domain('<!DOCTYPE domain [<!ENTITY a "&b;"><!ENTITY b "&a;">]>', '<description>&a;</description>'));
    assert.match(loop.errors.find((e) => e.code === 'entity-refused')!.message, /refers to itself through &a; &b;/);
  });

  it('analyses a 6 MB domain of 60,000 disks, in time that grows about linearly', () => {
    const disks = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `<disk type='file' device='disk'><source file='/var/lib/d${i}.qcow2'/><target dev='sd${i}'/></disk>`,
      ).join('\n');
    const service = getLanguageService();
    service.configure({ profile: 'debian-12' });
    const time = (n: number) => {
      const text = `<domain type='qemu'><name>big</name><memory>1048576</memory><os><type arch='x86_64' machine='q35'>hvm</type></os><devices>\n${disks(n)}\n</devices></domain>\n`;
      const started = process.hrtime.bigint();
      const d = service.doValidation(TextDocument.create(`file:///big-${n}.xml`, 'xml', 1, text));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      return { ms, size: text.length, diagnostics: d.length };
    };
    time(600); // warm-up
    const small = time(6_000);
    const large = time(60_000);
    console.log(
      `      6,000 disks: ${small.ms.toFixed(0)} ms; 60,000 disks (${(large.size / 1e6).toFixed(1)} MB): ${large.ms.toFixed(0)} ms`,
    );
    assert.ok(large.size > 6e6);
    assert.ok(large.diagnostics > 0, 'the findings come back');
    assert.ok(large.ms < small.ms * 40, `10x the disks took ${(large.ms / small.ms).toFixed(1)}x as long`);
  });

  it('the server publishes the depth error of a document nested past the limit', async () => {
    const client = new TestLspClient(['--stdio'], undefined, { DOMXML_NO_LOCAL_PROFILE: '1' });
    try {
      await client.initialize({ settings: { profile: 'debian-12' } });
      const uri = 'file:///deep.xml';
      const p = client.nextDiagnostics(uri, 1, 60_000);
      await client.open(uri, domain('', `<metadata>${'<a>'.repeat(3000)}${'</a>'.repeat(3000)}</metadata>`));
      const diagnostics = await p;
      assert.ok(
        diagnostics.some((d) => d.severity === 1 && /nest/i.test(d.message)),
        diagnostics.map((d) => d.message).join('\n'),
      );
    } finally {
      assert.strictEqual(await client.shutdown(), 0);
    }
  });
});
