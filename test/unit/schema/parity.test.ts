/**
 * Verdict parity with `xmllint --noout --relaxng domain.rng` (libxml2, what
 * libvirt uses) on a generated corpus: valid domains (this folder's, the
 * fixtures, the shared corpus of virt-install and libvirt test documents) and
 * thousands of single-point mutations of them. Every case must get xmllint's
 * verdict; the mutations give both valid and invalid documents, and the test
 * insists on plenty of each so that it could fail either way.
 *
 * SCHEMA_PARITY_BUDGET sets the mutations per document (default 16).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseXml } from '../../../server/src/languageservice/parser/xmlParser';
import { emulateLibxml } from '../../../server/src/languageservice/schema/libxmlEmulator';
import { loadRelaxNg, RelaxNgSchema } from '../../../server/src/languageservice/schema/loadRelaxNg';
import { validate, validateDetailed } from '../../../server/src/languageservice/schema/validator';
import { FIXTURES, REPO, rng, SHARED_CORPUS, xmlFiles } from '../../helpers';
import { mutate } from './mutations';
import { DOMAIN_RNG, hasLibvirtSchemas, hasXmllint, xmllintVerdicts } from './xmllint';

export const OWN_DOMAINS = path.join(REPO, 'test', 'unit', 'schema', 'domains');

export function corpusFiles(): string[] {
  return [
    ...xmlFiles(OWN_DOMAINS),
    ...xmlFiles(path.join(FIXTURES, 'domains')),
    ...xmlFiles(path.join(REPO, 'samples')),
    ...xmlFiles(SHARED_CORPUS),
  ];
}

interface Case {
  file: string;
  kind: string;
  description: string;
  text: string;
}

describe('RelaxNG validation: verdict parity with xmllint', function () {
  this.timeout(600_000);
  let schema: RelaxNgSchema;

  before(function () {
    if (!hasLibvirtSchemas() || !hasXmllint()) this.skip();
    schema = loadRelaxNg(DOMAIN_RNG);
  });

  it('agrees with xmllint on every corpus document and every mutation of it', function () {
    const files = corpusFiles();
    if (!files.length) this.skip();
    const budget = Number(process.env.SCHEMA_PARITY_BUDGET ?? 16);
    const rand = rng(20240611);
    const cases: Case[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const name = path.relative(REPO, file);
      cases.push({ file: name, kind: 'original', description: 'unchanged', text });
      const muts = mutate(text, rand, budget);
      for (const m of muts) cases.push({ file: name, ...m });
      // a few second-order mutations: two edits in one document
      for (const m of muts.slice(0, 2)) {
        const again = mutate(m.text, rand, 1)[0];
        if (again)
          cases.push({
            file: name,
            kind: `${m.kind}+${again.kind}`,
            description: `${m.description}; ${again.description}`,
            text: again.text,
          });
      }
    }
    const verdicts = xmllintVerdicts(
      DOMAIN_RNG,
      cases.map((c) => c.text),
    );

    const byKind = new Map<string, { valid: number; invalid: number; agree: number }>();
    const disagreements: string[] = [];
    let valid = 0;
    let invalid = 0;
    let agree = 0;
    let emulated = 0;
    let emulatorAgrees = 0;
    let emulatorChecked = 0;
    cases.forEach((c, i) => {
      const theirs = verdicts[i];
      if (theirs === undefined) return; // not well-formed for libxml2: outside this comparison
      const doc = parseXml(c.text);
      const { problems, emulated: usedEmulation } = validateDetailed(schema, doc);
      const ours = problems.length === 0;
      const k = c.kind.split('+').length > 1 ? 'double' : c.kind;
      const s = byKind.get(k) ?? { valid: 0, invalid: 0, agree: 0 };
      byKind.set(k, s);
      if (theirs) {
        valid++;
        s.valid++;
      } else {
        invalid++;
        s.invalid++;
      }
      if (ours === theirs) {
        agree++;
        s.agree++;
      } else {
        disagreements.push(
          `${c.file} [${c.kind}] ${c.description}: xmllint ${theirs ? 'valid' : 'invalid'}, ours ${ours ? 'valid' : `invalid (${problems[0].message})`}`,
        );
      }
      for (const p of problems) {
        assert.ok(
          p.start >= 0 && p.start <= p.end && p.end <= c.text.length,
          `${c.file} [${c.kind}]: problem range ${p.start}-${p.end} outside the text`,
        );
      }
      if (usedEmulation) emulated++;
      // the emulation of libxml2 is used only when needed; cross-check it on a sample
      if (i % 5 === 0 && !usedEmulation) {
        emulatorChecked++;
        if (emulateLibxml(schema.startDef, doc).valid === theirs) emulatorAgrees++;
      } else if (usedEmulation) {
        emulatorChecked++;
        if (ours === theirs) emulatorAgrees++;
      }
    });

    const kinds = [...byKind.entries()]
      .sort()
      .map(([k, s]) => `${k} ${s.agree}/${s.valid + s.invalid} (valid ${s.valid}, invalid ${s.invalid})`);
    console.log(
      `      parity: ${agree}/${valid + invalid} cases agree with xmllint (${valid} valid, ${invalid} invalid; ${files.length} documents)`,
    );
    console.log(
      `      libxml2 emulation: needed for ${emulated} cases; agrees with xmllint on ${emulatorAgrees}/${emulatorChecked} checked`,
    );
    console.log(`      by kind: ${kinds.join('; ')}`);
    assert.deepStrictEqual(disagreements.slice(0, 20), [], `${disagreements.length} disagreements`);
    assert.strictEqual(emulatorAgrees, emulatorChecked, 'the libxml2 emulation disagrees with xmllint');
    assert.ok(valid >= 200 && invalid >= 200, `too one-sided a corpus: ${valid} valid, ${invalid} invalid`);
    assert.ok(emulated > 0 || !fs.existsSync(SHARED_CORPUS), 'no case exercised the libxml2 interleave emulation');
  });

  it('accepts every document of this folder and rejects a broken copy of each', function () {
    const files = xmlFiles(OWN_DOMAINS);
    assert.ok(files.length >= 25, 'expected a few dozen own documents');
    const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
    const broken = texts.map((t) => {
      const end = t.lastIndexOf('</domain>');
      return t.slice(0, end) + '<bogus/>' + t.slice(end);
    });
    const verdicts = xmllintVerdicts(DOMAIN_RNG, [...texts, ...broken]);
    files.forEach((f, i) => {
      assert.strictEqual(verdicts[i], true, `xmllint rejects ${path.basename(f)}`);
      assert.deepStrictEqual(
        validate(schema, parseXml(texts[i])).map((p) => p.message),
        [],
        path.basename(f),
      );
      assert.strictEqual(verdicts[files.length + i], false);
      assert.ok(validate(schema, parseXml(broken[i])).length > 0, `broken ${path.basename(f)}`);
    });
  });
});
