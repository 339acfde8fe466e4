/**
 * The parser against two references: xmldom must build the same tree from
 * every well-formed document, and xmllint (libxml2, what libvirt itself uses)
 * must give the same well-formed/not verdict on hundreds of single-point
 * mutations of real documents.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DOMParser } from '@xmldom/xmldom';
import { parseXml } from '../../server/src/languageservice/parser/xmlParser';
import { XmlElement } from '../../server/src/languageservice/parser/xmlNodes';
import { FIXTURES, REPO, rng, SHARED_CORPUS, xmlFiles } from '../helpers';

function corpus(): string[] {
  return [...xmlFiles(path.join(REPO, 'samples')), ...xmlFiles(path.join(FIXTURES, 'domains')), ...xmlFiles(SHARED_CORPUS)];
}

function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version']).status === 0;
}

/** a canonical string of the element tree: names, sorted attributes, trimmed text */
function shapeOurs(el: XmlElement): string {
  const attrs = el.attributes
    .map((a) => `${a.name}=${a.value}`)
    .sort()
    .join(',');
  const kids = el.children
    .map((c) => (c.kind === 'element' ? shapeOurs(c) : c.kind === 'text' && c.value.trim() ? `"${c.value.trim()}"` : ''))
    .filter(Boolean);
  return `${el.name}[${attrs}](${kids.join('')})`;
}

// xmldom's DOM types are loose; only the few properties used here are needed
interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

function shapeDom(el: DomNode): string {
  const attrs = Array.from(el.attributes ?? [])
    .map((a) => `${a.name}=${a.value}`)
    .sort()
    .join(',');
  const kids = Array.from(el.childNodes)
    .map((c) =>
      c.nodeType === 1
        ? shapeDom(c)
        : (c.nodeType === 3 || c.nodeType === 4) && (c.nodeValue ?? '').trim()
          ? `"${(c.nodeValue ?? '').trim()}"`
          : '',
    )
    .filter(Boolean);
  return `${el.nodeName}[${attrs}](${kids.join('')})`;
}

describe('xmlParser parity with xmldom on well-formed documents', () => {
  it('builds the same tree as xmldom for every corpus document', function () {
    const files = corpus();
    if (files.length < 1) this.skip();
    let compared = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const ours = parseXml(text);
      assert.deepStrictEqual(ours.errors, [], `${f} parses without errors`);
      const dom = new DOMParser({ onError: () => undefined }).parseFromString(text, 'text/xml');
      const domRoot = Array.from((dom as unknown as DomNode).childNodes).find((n) => n.nodeType === 1)!;
      assert.strictEqual(shapeOurs(ours.root!), shapeDom(domRoot), f);
      compared++;
    }
    assert.ok(compared >= 1);
  });
});

describe('xmlParser parity with xmllint on mutated documents', () => {
  it('agrees with xmllint on well-formedness of every mutation', function () {
    if (!hasXmllint()) this.skip();
    const files = corpus();
    if (!files.length) this.skip();
    const random = rng(20261124);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-wf-'));
    const cases: { file: string; text: string; how: string }[] = [];
    const inserts = ['<', '>', '&', '"', "'", '/', '=', ' ', '<!--', ']]>', '&amp', '<a>', '</x>', '\u0001'];
    const perFile = Math.max(4, Math.ceil(600 / files.length));
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (let k = 0; k < perFile; k++) {
        const at = Math.floor(random() * text.length);
        const r = random();
        let mutated: string;
        let how: string;
        if (r < 0.3) {
          mutated = text.slice(0, at) + text.slice(at + 1);
          how = `delete@${at}`;
        } else if (r < 0.8) {
          const ins = inserts[Math.floor(random() * inserts.length)];
          mutated = text.slice(0, at) + ins + text.slice(at);
          how = `insert ${JSON.stringify(ins)}@${at} near ${JSON.stringify(text.slice(Math.max(0, at - 15), at + 15))}`;
        } else {
          mutated = text.slice(0, at);
          how = `truncate@${at}`;
        }
        const file = path.join(dir, `m${cases.length}.xml`);
        fs.writeFileSync(file, mutated);
        cases.push({ file, text: mutated, how: `${path.basename(f)} ${how}` });
      }
    }
    // one xmllint run for all files; a file is not well-formed when xmllint reports an error for it
    const res = spawnSync('xmllint', ['--noout', '--nonet', ...cases.map((c) => c.file)], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const bad = new Set<string>();
    for (const line of res.stderr.split('\n')) {
      const m = /^(.*?\.xml):\d+: parser error/.exec(line); // namespace errors are not fatal in libxml2
      if (m) bad.add(m[1]);
    }
    const disagreements: string[] = [];
    let invalid = 0;
    for (const c of cases) {
      const ref = bad.has(c.file);
      if (ref) invalid++;
      const ours = parseXml(c.text).errors.length > 0;
      if (ours !== ref) disagreements.push(`${c.how}: xmllint ${ref ? 'rejects' : 'accepts'}, we ${ours ? 'reject' : 'accept'}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    assert.ok(invalid > cases.length * 0.3 && invalid < cases.length, `mutations give both verdicts (${invalid}/${cases.length} rejected)`);
    assert.deepStrictEqual(disagreements, [], `${disagreements.length} of ${cases.length} disagree`);
  });
});

describe('xmlParser robustness', () => {
  it('survives random byte sequences and every truncation of a document', () => {
    const random = rng(7);
    for (let n = 0; n < 300; n++) {
      const len = Math.floor(random() * 400);
      let s = '';
      for (let i = 0; i < len; i++) {
        const r = random();
        s += r < 0.3 ? '<>/="\'&;!?-[]'[Math.floor(random() * 13)] : String.fromCharCode(Math.floor(random() * (r < 0.9 ? 128 : 0xffff)));
      }
      const p = parseXml(s);
      assert.ok(Array.isArray(p.errors));
    }
    const sample = fs.readFileSync(path.join(REPO, 'samples', 'debian12-q35.xml'), 'utf8');
    for (let i = 0; i <= sample.length; i++) parseXml(sample.slice(0, i));
  });

  it('scans a 5 MB document of deep nesting without recursion, reporting the depth libvirt refuses once', () => {
    const depth = 100_000;
    const text = '<domain>' + '<a>'.repeat(depth) + '</a>'.repeat(depth) + '</domain>';
    const p = parseXml(text);
    assert.deepStrictEqual(
      p.errors.map((e) => e.code),
      ['excessive-depth'],
    );
    let levels = 0;
    for (let el = p.root; el; el = el.elements()[0]) levels++;
    assert.strictEqual(levels, 257, 'the tree stops at libvirt depth limit');
    void execFileSync;
  });
});
