/**
 * Nesting depth: libvirt's parser (libxml2 without XML_PARSE_HUGE) refuses a
 * document nested deeper than MAX_ELEMENT_DEPTH; we report the same, located,
 * and nothing downstream (schema, expander, hover, pin) walks past it, so even
 * 100,000 levels neither crash nor hang. Inputs are generated here.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { getLanguageService } from '../../server/src/languageservice/languageService';
import { MAX_ELEMENT_DEPTH, parseXml } from '../../server/src/languageservice/parser/xmlParser';
import { doc, REPO } from '../helpers';

/** a domain whose deepest element is at `levels` (the root <domain> is level 1) */
function nested(levels: number): string {
  const inner = levels - 2; // <domain> and <metadata>
  return `<domain type='qemu'><name>deep</name><memory>65536</memory><os><type arch='x86_64'>hvm</type></os><metadata>${'<a>'.repeat(inner)}${'</a>'.repeat(inner)}</metadata></domain>\n`;
}

const depthErrors = (text: string) => parseXml(text).errors.filter((e) => e.code === 'excessive-depth');

describe('nesting depth', () => {
  it('accepts MAX_ELEMENT_DEPTH levels and reports one located error past it', () => {
    assert.deepStrictEqual(depthErrors(nested(MAX_ELEMENT_DEPTH)), []);
    const text = nested(MAX_ELEMENT_DEPTH + 1);
    const errs = depthErrors(text);
    assert.strictEqual(errs.length, 1);
    // on the name of the element that crosses the limit: the last <a> opened
    const deepestOpen = text.lastIndexOf('<a>') + 1;
    assert.deepStrictEqual([errs[0].start, errs[0].end], [deepestOpen, deepestOpen + 1]);
    assert.strictEqual(depthErrors(nested(5000)).length, 1);
  });

  it('agrees with xmllint (libxml2, the parser libvirt uses) around the limit', function () {
    if (spawnSync('xmllint', ['--version']).status !== 0) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-depth-'));
    try {
      for (let levels = MAX_ELEMENT_DEPTH - 3; levels <= MAX_ELEMENT_DEPTH + 3; levels++) {
        const f = path.join(dir, `d${levels}.xml`);
        fs.writeFileSync(f, nested(levels));
        const libxml2Rejects = spawnSync('xmllint', ['--noout', f]).status !== 0;
        assert.strictEqual(depthErrors(nested(levels)).length > 0, libxml2Rejects, `${levels} levels`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('100,000 levels: every service answers without throwing', () => {
    const text = nested(100_000);
    const service = getLanguageService({ readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined) });
    service.configure({ profile: 'debian-12' });
    const d = doc(text);
    const diags = service.doValidation(d);
    assert.ok(diags.some((x) => x.code === 'syntax' && /nested more than/.test(x.message)));
    const mid = d.positionAt(Math.floor(text.length / 2));
    service.doHover(d, mid);
    service.doComplete(d, mid);
    service.doCodeActions(d, { start: mid, end: mid }, { diagnostics: diags });
    service.pinEdits(d, true);
  });

  it('the CLI reports it as an error (exit 1) instead of crashing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-depth-cli-'));
    try {
      const f = path.join(dir, 'deep.xml');
      fs.writeFileSync(f, nested(2000));
      const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'domxml.js'), 'check', '--profile', 'debian-12', f], {
        encoding: 'utf8',
        env: { ...process.env, DOMXML_NO_SNAPSHOT: '1' },
      });
      assert.strictEqual(r.status, 1, r.stderr);
      assert.match(r.stdout, /error \[syntax\] Elements are nested more than 257 levels deep/);
      assert.doesNotMatch(r.stderr, /internal error|RangeError/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
