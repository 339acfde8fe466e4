import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getLanguageService } from '../../server/src/languageservice/languageService';
import { doc, REPO } from '../helpers';

const SCHEMAS = '/usr/share/libvirt/schemas';
const readFile = (p: string) => {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

describe('schema diagnostics in the language service', function () {
  before(function () {
    if (!fs.existsSync(path.join(SCHEMAS, 'domain.rng'))) this.skip();
  });

  it('reports nothing against the schema for a valid domain', () => {
    const s = getLanguageService({ readFile });
    s.configure({ profile: 'debian-12' });
    const d = doc(fs.readFileSync(path.join(REPO, 'samples', 'debian12-q35.xml'), 'utf8'));
    assert.deepStrictEqual(s.doValidation(d).filter((x) => x.code === 'schema'), []);
    assert.ok(s.schema().schema, 'the schema is loaded');
  });

  it('locates a bad enum value on the value and lists what is allowed', () => {
    const s = getLanguageService({ readFile });
    s.configure({ profile: 'debian-12' });
    const text = `<domain type='kvm'><name>x</name><memory>1024</memory><os><type>hvm</type></os><devices><memballoon model='virtio' autodeflate='maybe'/></devices></domain>`;
    const d = doc(text);
    const e = s.doValidation(d).find((x) => x.code === 'schema');
    assert.ok(e, JSON.stringify(s.doValidation(d).filter((x) => x.severity === 1)));
    assert.strictEqual(d.getText(e!.range), 'maybe');
    assert.match(e!.message, /on, off/);
    assert.strictEqual(e!.severity, 1);
  });

  it('does not validate a document that is not well-formed (syntax errors come first)', () => {
    const s = getLanguageService({ readFile });
    const diags = s.doValidation(doc(`<domain type='kvm'><name>x</name><bogus>`));
    assert.ok(diags.some((x) => x.code === 'syntax'));
    assert.ok(!diags.some((x) => x.code === 'schema'));
  });

  it('says why there is no schema for a wrong folder, and keeps the other features', () => {
    const s = getLanguageService({ readFile });
    s.configure({ profile: 'debian-12', schemaDirectory: '/nonexistent/schemas' });
    const d = doc(`<domain type='kvm'><name>x</name><memory>1024</memory><os><type machine='pc'>hvm</type></os></domain>`);
    const diags = s.doValidation(d);
    assert.match(s.schema().error ?? '', /no \/nonexistent\/schemas\/domain\.rng/);
    assert.ok(diags.some((x) => x.code === 'abi-default'), 'expander diagnostics still come');
  });
});

describe('schema findings against the target profile', () => {
  const { schemaOnTarget } = require('../../server/src/languageservice/services/schemaOnTarget') as typeof import('../../server/src/languageservice/services/schemaOnTarget');
  const { builtinProfile } = require('../../server/src/languageservice/profiles/builtinProfiles') as typeof import('../../server/src/languageservice/profiles/builtinProfiles');
  const schema = [{ rule: 'schema', start: 10, end: 15, message: "model 'x' is not one of a, b" }];

  it('reports a value once when the version checks already reject it there', () => {
    const out = schemaOnTarget(schema, [{ rule: 'define-reject', start: 10, end: 15, message: 'rejected' }], builtinProfile('debian-12')!, () => builtinProfile('debian-12'));
    assert.deepStrictEqual(out, []);
  });

  it('turns schema errors into warnings when the target is newer than the local schema', () => {
    const out = schemaOnTarget(schema, [], builtinProfile('debian-13')!, () => builtinProfile('debian-12'));
    assert.strictEqual(out[0].severity, 'warning');
    assert.match(out[0].message, /schema of the local libvirt 9\.0\.0; the target libvirt 11\.3\.0 may accept it/);
    assert.strictEqual(schemaOnTarget(schema, [], builtinProfile('debian-11')!, () => builtinProfile('debian-12'))[0].severity, undefined);
  });
});
