/**
 * The define-time rules of libvirt modelled in services/version/*Checks.ts
 * (libvirtRules.ts): their fixtures in test/fixtures/version say in their
 * first comment what libvirt 9.0 does, quoting its message, what 7.0 and
 * 11.3 do, and which rule models it:
 *
 *   <!-- rejected by libvirt 9.0: "MESSAGE" [7.0: rejected, 11.3: accepted] (rule ID) -->
 *   <!-- accepted by libvirt 9.0 [7.0: accepted, 11.3: accepted] (rule ID, near miss) -->
 *   <!-- rejected by libvirt 9.0: "MESSAGE" [7.0: rejected, 11.3: accepted] (version fact) -->
 *
 * A "version fact" fixture is about a value the version table (knowledge/versionFacts.json)
 * says a release does not know yet: no rule speaks, any error will do.
 * Each verdict was taken from the real daemons (test/oracle/defineVerdicts
 * confirms the 9.0 one whenever libvirt 9.0 runs). Offline, here: with the
 * profile of each version, a rejection gets an error (on 9.0 from the named
 * rule, with libvirt's message), an accepted document none.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DomainDocument } from '../../server/src/languageservice/domainDocument';
import { versionFindings, VersionFindingData } from '../../server/src/languageservice/services/versionDiagnostics';
import { LIBVIRT_RULES } from '../../server/src/languageservice/services/version/libvirtRules';
import { parseBitmap, ruleApplies } from '../../server/src/languageservice/services/version/ruleFacts';
import { bracketVerdicts, doc, FIXTURES, xmlFiles, fullText } from '../helpers';

const PROFILES: Record<string, string> = { '7.0': 'debian-11', '9.0': 'debian-12', '11.3': 'debian-13' };
const FULL_VERSION: Record<string, string> = { '7.0': '7.0.0', '9.0': '9.0.0', '11.3': '11.3.0' };

interface Verdict {
  file: string;
  text: string;
  /** undefined for a version fact */
  rule?: string;
  quote?: string;
  /** libvirt version -> rejected */
  rejected: Record<string, boolean>;
}

function verdicts(): Verdict[] {
  const out: Verdict[] = [];
  for (const file of xmlFiles(path.join(FIXTURES, 'version'))) {
    const text = fs.readFileSync(file, 'utf8');
    const m = /^<!--\s*(rejected|accepted) by libvirt 9\.0(?::\s*"([^"]+)")?\s*\[([^\]]*)\]\s*\((?:rule ([\w-]+)|version fact)/.exec(text);
    if (!m) continue;
    const rejected: Record<string, boolean> = { '9.0': m[1] === 'rejected', ...bracketVerdicts(text) };
    out.push({ file: path.basename(file), text, rule: m[4], quote: m[2], rejected });
  }
  return out;
}

function errors(text: string, profile: string) {
  return versionFindings(new DomainDocument(doc(text)), { profile }).filter(
    (f) => f.rule === 'define-reject' || f.rule === 'version-reject',
  );
}

const checkOf = (f: { data?: unknown }) => (f.data as VersionFindingData | undefined)?.check;

describe("libvirt's define-time rules (services/version/libvirtRules.ts)", () => {
  const all = verdicts();

  it('every rule has a fixture that a libvirt it applies to rejects for it', () => {
    const covered = new Set(all.filter((v) => Object.values(v.rejected).some(Boolean)).map((v) => v.rule));
    assert.deepStrictEqual(
      LIBVIRT_RULES.map((r) => r.id).filter((id) => !covered.has(id)),
      [],
    );
  });

  for (const v of all) {
    for (const [version, profile] of Object.entries(PROFILES)) {
      if (v.rejected[version] === undefined) continue;
      it(`${v.file}: ${v.rejected[version] ? 'rejected' : 'accepted'} by ${version}`, () => {
        const found = errors(v.text, profile);
        if (!v.rejected[version]) {
          assert.deepStrictEqual(
            found.map((f) => f.message),
            [],
          );
          return;
        }
        assert.ok(found.length > 0, 'expected an error');
        if (!v.rule) return;
        // the named rule speaks on 9.0; a rule newer than 9.0 on the first version it applies to that rejects
        const rule = LIBVIRT_RULES.find((r) => r.id === v.rule);
        const speaks =
          version === '9.0'
            ? !rule || ruleApplies(rule, FULL_VERSION['9.0'])
            : !!rule && !ruleApplies(rule, FULL_VERSION['9.0']) && ruleApplies(rule, FULL_VERSION[version]);
        if (!speaks) return;
        const mine = found.filter((f) => checkOf(f) === v.rule);
        assert.ok(mine.length > 0, `no ${v.rule} finding: ${found.map((f) => f.message).join(' | ')}`);
        if (v.quote && version === '9.0')
          assert.ok(fullText(mine[0]).toLowerCase().includes(v.quote.toLowerCase()), `${fullText(mine[0])} does not quote "${v.quote}"`);
      });
    }
  }
});

describe('libvirt bitmaps (ruleFacts.ts parseBitmap)', () => {
  it('reads ranges and exclusions as virBitmapParse does', () => {
    assert.deepStrictEqual([...parseBitmap('0-3,^2,5')!].sort(), [0, 1, 3, 5]);
    assert.strictEqual(parseBitmap('0,^0')!.size, 0);
    assert.strictEqual(parseBitmap('1-'), undefined);
    assert.strictEqual(parseBitmap(''), undefined);
    assert.strictEqual(parseBitmap('3-1'), undefined);
  });

  it('takes spaces and one trailing comma, and refuses what virBitmapParse refuses', () => {
    assert.deepStrictEqual([...parseBitmap(' 1 , 2 - 3 ,')!].sort(), [1, 2, 3]);
    assert.strictEqual(parseBitmap('1,,2'), undefined);
    assert.strictEqual(parseBitmap('0, ,'), undefined);
    assert.strictEqual(parseBitmap('^1-3'), undefined);
    assert.strictEqual(parseBitmap('aaa'), undefined);
    assert.strictEqual(parseBitmap('16383', 16384)?.size, 1);
    assert.strictEqual(parseBitmap('0-16384', 16384), undefined);
  });
});
