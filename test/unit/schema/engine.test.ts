/**
 * The engine on small schemas of its own: random documents against schemas
 * that exercise what domain.rng uses and what libxml2 does its own way
 * (choice triage, interleave partitions and relinking, datatypes and facets,
 * lists, name classes and namespaces, include/combine/div/mixed), with
 * xmllint's verdict as the reference; and unit checks of the pieces.
 */
import * as assert from 'assert';
import * as path from 'path';
import { parseXml } from '../../../server/src/languageservice/parser/xmlParser';
import { Datatype, XSD_LIBRARY } from '../../../server/src/languageservice/schema/datatypes';
import { emulateLibxml } from '../../../server/src/languageservice/schema/libxmlEmulator';
import { loadRelaxNg, SchemaLoadError } from '../../../server/src/languageservice/schema/loadRelaxNg';
import { validate } from '../../../server/src/languageservice/schema/validator';
import { compileXsdRegex } from '../../../server/src/languageservice/schema/xsdRegex';
import { REPO, rng } from '../../helpers';
import { hasXmllint, xmllintVerdicts } from './xmllint';

const MICRO = path.join(REPO, 'test', 'unit', 'schema', 'micro');

/**
 * What random documents for a schema are made of: per element, the child
 * elements and texts to draw from and the attributes with candidate values
 * (names the schema does not allow included, so that both verdicts occur).
 */
interface Alphabet {
  schema: string;
  /** attributes of the root element (namespace declarations, ...) */
  rootAttrs?: string;
  children: Record<string, string[]>;
  attributes: Record<string, Record<string, string[]>>;
  texts: Record<string, string[]>;
  /** chance of each attribute (default 0.55) */
  attrChance?: number;
  /** at most this many children of the root minus one (default 6) */
  rootChildren?: number;
}

const ALPHABETS: Alphabet[] = [
  {
    schema: 'triage.rng',
    children: { r: ['s', 's', 's', 's', 'q'], s: ['x', 'y', 'z', 'w', 'x', 'z'] },
    attributes: { s: { a: ['1', '2', '3', '1'], b: ['7', '-1', 'x', '7'] }, y: { c: ['1'] } },
    texts: { y: ['hello', ' ', ''], s: [' ', ' ', 'junk'] },
    attrChance: 0.4,
    rootChildren: 3,
  },
  {
    schema: 'interleave.rng',
    children: { r: ['a', 'b', 'x', 'y', 'z', 'w', 'a', 'x', 'y', 'tail', 'q'] },
    attributes: { r: { id: ['1'], ab: ['1'], other: ['1'] } },
    texts: { r: [' ', ' ', 't'] },
  },
  {
    schema: 'repeat.rng',
    children: { r: ['a', 'b', 'x', 'y', 'z', 'a', 'b', 'x'] },
    attributes: {},
    texts: { r: [' '] },
  },
  {
    schema: 'values.rng',
    children: { r: ['n', 'p', 'v', 'l', 'e', 't', 'm', 'd', 'x'] },
    attributes: {
      t: { k: ['abc', '1x', ' abc '] },
      d: { when: ['2020-01-01T00:00:00', '2020-13-01T00:00:00', ''], f: ['1e3', 'INF', 'abc', ' 2 '] },
    },
    texts: {
      n: ['5', '-6', '100', ' 7 ', 'abc', ''],
      p: ['abc', 'ab-12', 'ABC', ' ab', ''],
      v: ['on', ' off ', 'Exact', 'exact', '', ' '],
      l: ['1 2 3', ' 4 ', '70000', '', 'x'],
      e: ['.', '..', 'x y', ' . ', ''],
      t: ['anything', ''],
      m: ['', ' ', 'x'],
      d: ['', 'x'],
      x: [''],
    },
  },
  {
    schema: 'names.rng',
    rootAttrs: `xmlns="urn:main" xmlns:o="urn:other" xmlns:m="urn:main" xmlns:t="urn:third"`,
    children: { r: ['k', 'o:k', 'o:any', 't:thing', 'm:k', 'other', 'k'], 'o:k': ['o:k'], 'o:any': ['t:thing'] },
    attributes: {
      r: { 'o:a': ['1'], 't:b': ['2'], 'm:c': ['3'], plain: ['4'] },
      k: { x: ['1'], 'o:a': ['1'] },
      'm:k': { x: ['1'] },
      'o:k': { y: ['1'] },
      'o:any': { 't:z': ['1'] },
    },
    texts: { 'o:k': ['text', ''], 'o:any': ['t'], k: ['', 'x'] },
  },
  {
    schema: 'textual.rng',
    children: { r: ['x', 'v', 'm', 'n', 'x', 'm'], m: ['p', 'q', 'p'], n: ['p', 'q'] },
    attributes: { x: { a: ['1'] }, v: { a: ['1'] } },
    texts: { x: ['abc', '', '  ', 'A', ' ab '], v: ['on', ' off ', 'x', ''], m: ['t', ' ', ''], n: ['t', ' '] },
  },
  {
    schema: 'attrvalues.rng',
    children: { r: ['e', 'e', 'e'] },
    attributes: {
      e: {
        o: ['x', '', 'y', ' x '],
        z: ['x', 'x x', 'y', ''],
        c: ['1', '', ' ', 'auto', 'x', ' 2 '],
        l: ['1', '1 x', '1 x a b', 'x', '', '1 2', '1 a x'],
        g: ['a', 'a b', 'b', ''],
        d: ['yes', 'no', ' none ', ''],
      },
    },
    texts: {},
    attrChance: 0.3,
    rootChildren: 3,
  },
  {
    schema: 'include-main.rng',
    children: { r: ['leaf', 'leaf2', 'alt', 'extra', 'leaf2'] },
    attributes: { r: { p: ['1'], q: ['2'], r: ['3'] } },
    texts: { r: ['words', ' ', ''], leaf2: ['', 'x'] },
  },
];

function randomDoc(a: Alphabet, rand: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const attrs = (name: string) => {
    let s = '';
    for (const [n, values] of Object.entries(a.attributes[name] ?? {})) if (rand() < (a.attrChance ?? 0.55)) s += ` ${n}="${pick(values)}"`;
    return s;
  };
  const element = (name: string, depth: number): string => {
    const kids: string[] = [];
    const names = a.children[name] ?? [];
    const texts = a.texts[name] ?? [];
    const count = names.length && depth < 3 ? Math.floor(rand() * (depth === 0 ? (a.rootChildren ?? 6) : 3)) : 0;
    for (let i = 0; i < count; i++) {
      if (texts.length && rand() < 0.2) kids.push(pick(texts));
      kids.push(element(pick(names), depth + 1));
    }
    if (!count && texts.length) kids.push(pick(texts));
    const extra = depth === 0 && a.rootAttrs ? ' ' + a.rootAttrs : '';
    const body = kids.join(rand() < 0.5 ? '\n' : '');
    return body ? `<${name}${extra}${attrs(name)}>${body}</${name}>` : `<${name}${extra}${attrs(name)}/>`;
  };
  return element('r', 0);
}

describe('RelaxNG engine on its own schemas', function () {
  this.timeout(300_000);

  it("gives xmllint's verdict on random documents for every micro schema", function () {
    if (!hasXmllint()) this.skip();
    const rand = rng(77);
    const report: string[] = [];
    for (const a of ALPHABETS) {
      const file = path.join(MICRO, a.schema);
      const schema = loadRelaxNg(file);
      const docs = new Set<string>();
      for (let i = 0; i < 4000 && docs.size < 800; i++) docs.add(randomDoc(a, rand));
      const candidates = [...docs];
      const cv = xmllintVerdicts(file, candidates);
      // a balanced sample: the valid documents are the rarer ones
      const texts: string[] = [];
      const verdicts: boolean[] = [];
      let nValid = 0;
      let nInvalid = 0;
      candidates.forEach((t, i) => {
        const v = cv[i];
        if (v === undefined) return;
        if (v ? nValid++ < 200 : nInvalid++ < 200) {
          texts.push(t);
          verdicts.push(v);
        }
      });
      let valid = 0;
      let agree = 0;
      let emulatorAgrees = 0;
      const wrong: string[] = [];
      texts.forEach((t, i) => {
        const theirs = verdicts[i];
        if (theirs) valid++;
        const doc = parseXml(t);
        const ours = validate(schema, doc).length === 0;
        if (ours === theirs) agree++;
        else wrong.push(`${a.schema}: xmllint ${theirs}, ours ${ours}: ${t}`);
        if (emulateLibxml(schema.startDef, doc).valid === theirs) emulatorAgrees++;
        else wrong.push(`${a.schema}: emulation disagrees with xmllint (${theirs}): ${t}`);
      });
      report.push(`${a.schema} ${agree}/${texts.length} (${valid} valid; emulation ${emulatorAgrees}/${texts.length})`);
      assert.deepStrictEqual(wrong.slice(0, 5), [], `${wrong.length} disagreements on ${a.schema}`);
      assert.ok(valid >= 10 && texts.length - valid >= 10, `${a.schema}: too one-sided (${valid} valid of ${texts.length})`);
    }
    console.log(`      micro schemas: ${report.join('; ')}`);
  });

  it('reproduces libxml2 where it departs from the RelaxNG specification', function () {
    const triage = loadRelaxNg(path.join(MICRO, 'triage.rng'));
    const v = (s: ReturnType<typeof loadRelaxNg>, t: string) => validate(s, parseXml(t)).length === 0;
    // the spec accepts these; libxml2 picks the choice branch from the next child (<z/>) and fails
    assert.strictEqual(v(triage, '<r><s a="1"/></r>'), true);
    assert.strictEqual(v(triage, '<r><s a="1"><z/></s></r>'), false);
    assert.strictEqual(v(triage, '<r><s a="1"><x/><z/></s></r>'), true);
    const repeat = loadRelaxNg(path.join(MICRO, 'repeat.rng'));
    // oneOrMore(interleave(a, b?)): every a and b goes to the first round
    assert.strictEqual(v(repeat, '<r><a/><b/></r>'), true);
    assert.strictEqual(v(repeat, '<r><a/><b/><a/></r>'), false);
    const inter = loadRelaxNg(path.join(MICRO, 'interleave.rng'));
    // the inner interleave of a/b relinks the children: x between a and b breaks x/y's chain
    assert.strictEqual(v(inter, '<r><a/><b/><x/><y/></r>'), true);
    assert.strictEqual(v(inter, '<r><a/><x/><b/><y/></r>'), false);
    assert.strictEqual(v(inter, '<r><a/><x/><y/><b/></r>'), true);
    assert.strictEqual(v(inter, '<r><a/><x/><b/></r>'), true);
    // with the optional attribute before the inner interleave, libxml2 runs it twice: the second run sees the relinked children
    assert.strictEqual(v(inter, '<r ab="1"><a/><x/><b/></r>'), false);
    assert.strictEqual(v(inter, '<r ab="1"><a/><b/><x/></r>'), true);
  });

  it('translates XSD patterns: whole-value match, literal ^ and $, classes and subtraction', () => {
    const m = (p: string, s: string) => compileXsdRegex(p)!.test(s);
    assert.ok(m('[0-9]+', '123') && !m('[0-9]+', '12a') && !m('[0-9]+', ' 12'));
    assert.ok(m('$[ ]*[a-z]+', '$ ab') && !m('$[ ]*[a-z]+', 'ab'));
    assert.ok(m('\\^[0-9]', '^1') && m('[\\^x]+', '^x^'));
    assert.ok(m('[0-9a-zA-F -_,.:;=]{0,3}', 'G:=') && !m('[0-9a-zA-F -_,.:;=]{0,3}', '~'));
    assert.ok(m('[a-z-[aeiou]]+', 'bcd') && !m('[a-z-[aeiou]]+', 'bad'));
    assert.ok(m('.+', 'a b') && !m('.+', 'a\nb'));
    assert.ok(m('[a-zA-Z0-9.\\s]{1,8}', 'a b\tc') && !m('[a-zA-Z0-9.\\s]{1,8}', 'aé'));
    assert.ok(m('\\d+', '٣٤') && m('[^/\\n]+', 'a b') && !m('[^/\\n]+', 'a/b'));
    assert.ok(m('(ab|cd){2}', 'abcd') && !m('(ab|cd){2}', 'ab'));
    assert.ok(m("[!#$%&amp;'*+\\-.0-9A-Z\\^_`a-z|~]+".replace('&amp;', '&'), "a&b'c"));
  });

  it('checks XSD datatypes as libxml2 does', () => {
    const dt = (type: string, params: [string, string][] = []) =>
      new Datatype(
        XSD_LIBRARY,
        type,
        params.map(([name, value]) => ({ name, value })),
      );
    const ui = dt('unsignedInt');
    assert.deepStrictEqual(
      ['5', ' 5 ', '05', '4294967295', '000000000000000000000000000001'].map((v) => ui.check(v)),
      [true, true, true, true, true],
    );
    assert.deepStrictEqual(
      ['+5', '-0', '-1', '', '4294967296', '0x5', '5 5'].map((v) => ui.check(v)),
      [false, false, false, false, false, false, false],
    );
    const uip = dt('unsignedInt', [['pattern', '[0-9]+']]);
    assert.deepStrictEqual([uip.check('5'), uip.check(' 5'), uip.check('5 ')], [true, false, false]);
    const int = dt('int');
    assert.deepStrictEqual(
      ['+5', ' -5 ', '2147483647', '2147483648', '-2147483649', '1.0'].map((v) => int.check(v)),
      [true, true, true, false, false, false],
    );
    const integer = dt('integer');
    assert.strictEqual(integer.check('123456789012345678901234'), true);
    assert.strictEqual(integer.check('1234567890123456789012345'), false);
    const long = dt('long', [
      ['pattern', '-?[0-9]+'],
      ['maxInclusive', '17592186044415'],
      ['minInclusive', '-1'],
    ]);
    assert.deepStrictEqual(
      ['-1', '-2', '17592186044415', '17592186044416', '+3'].map((v) => long.check(v)),
      [true, false, true, false, false],
    );
    assert.deepStrictEqual(
      ['0', '1', '+1', '-0'].map((v) => dt('positiveInteger').check(v)),
      [false, true, true, false],
    );
    const s3 = dt('string', [['maxLength', '3']]);
    assert.deepStrictEqual(
      ['abc', 'abcd', '😀ab'].map((v) => s3.check(v)),
      [true, false, true],
    );
    assert.deepStrictEqual(
      ['abc', 'a:b', ' abc ', '1abc', ''].map((v) => dt('NCName').check(v)),
      [true, false, true, false, false],
    );
    assert.deepStrictEqual(
      ['2020-01-01T00:00:00', '2020-02-30T00:00:00', '2020-01-01T24:00:00', '2020-01-01T00:00:60', '2020-01-01'].map((v) =>
        dt('dateTime').check(v),
      ),
      [true, false, true, false, false],
    );
    assert.deepStrictEqual(
      ['1e', '.5', '5.', 'INF', '-INF', 'NaN', '+INF', ' 1 ', 'abc'].map((v) => dt('double').check(v)),
      [true, true, true, true, true, true, false, true, false],
    );
  });

  it('reports schema errors when loading', () => {
    const files: Record<string, string> = {
      '/s/main.rng': `<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="missing"/></start></grammar>`,
      '/s/bad.rng': `<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="a"><data type="nosuch" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"/></element></start></grammar>`,
    };
    const read = (p: string) => {
      if (!(p in files)) throw new Error('no such file');
      return files[p];
    };
    assert.throws(() => loadRelaxNg('/s/main.rng', read), SchemaLoadError);
    assert.throws(() => loadRelaxNg('/s/bad.rng', read), SchemaLoadError);
    assert.throws(() => loadRelaxNg('/s/none.rng', read), SchemaLoadError);
  });

  it('loads schemas through the given readFile, resolving includes relative to the including file', () => {
    const files: Record<string, string> = {
      '/virt/main.rng': `<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="sub/lib.rng"/><start><ref name="root"/></start></grammar>`,
      '/virt/sub/lib.rng': `<grammar xmlns="http://relaxng.org/ns/structure/1.0"><define name="root"><element name="a"><attribute name="b"><choice><value>x</value><value>y</value></choice></attribute></element></define></grammar>`,
    };
    const schema = loadRelaxNg('/virt/main.rng', (p) => files[p]);
    assert.deepStrictEqual(schema.files, ['/virt/main.rng', '/virt/sub/lib.rng']);
    assert.strictEqual(validate(schema, parseXml('<a b="x"/>')).length, 0);
    const ps = validate(schema, parseXml('<a b="z"/>'));
    assert.strictEqual(ps.length, 1);
    assert.strictEqual(ps[0].message, "b 'z' is not one of x, y");
  });
});
