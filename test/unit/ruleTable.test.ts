/**
 * README's table of diagnostic codes is the rule registry's: every code the
 * language service can emit is listed with its default severity, and the
 * table lists no code that does not exist.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allRules } from '../../server/src/languageservice/diagnosticRules';
import { RULE_CODES } from '../../server/src/protocol';
// every module that defines a rule: the language service's, and the CLI's whole-document findings
import '../../server/src/languageservice/languageService';
import '../../server/src/languageservice/services/documentFindings';
import { REPO } from '../helpers';

describe('README diagnostics table', () => {
  it('lists every rule of the registry with its default severity, and nothing else', () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const table = new Map<string, string>();
    for (const m of readme.matchAll(/^\| `([a-z-]+)` \| (error|warning|information|hint) \|/gm)) table.set(m[1], m[2]);
    const registry = new Map(allRules().map((r) => [r.id, r.defaultSeverity as string]));
    assert.ok(registry.size >= 12, `rules registered: ${[...registry.keys()].join(', ')}`);
    assert.deepStrictEqual(Object.fromEntries([...table].sort()), Object.fromEntries([...registry].sort()));
  });

  it('the protocol RULE_CODES are the registry ids', () => {
    assert.deepStrictEqual(
      [...RULE_CODES].sort(),
      allRules()
        .map((r) => r.id)
        .sort(),
    );
  });

  it('package.json names every code in the severities setting', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const text: string = pkg.contributes.configuration.properties['domxml.severities'].markdownDescription;
    for (const r of allRules()) assert.ok(text.includes(`\`${r.id}\``), `domxml.severities description lacks ${r.id}`);
  });
});
