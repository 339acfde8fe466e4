/** The extension's settings describe what the server accepts: the profile enum follows the built-in profiles. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BUILTIN_PROFILES } from '../../server/src/languageservice/profiles/builtinProfiles';
import { resolveProfile } from '../../server/src/languageservice/profiles/resolveProfile';
import { REPO } from '../helpers';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const setting = manifest.contributes.configuration.properties['domxml.profile'];

describe('settings: domxml.profile', () => {
  it('is an enum of automatic, local, every built-in profile and custom, each described', () => {
    assert.deepStrictEqual(setting.enum, ['', 'local', ...BUILTIN_PROFILES.map((p) => p.id), 'custom']);
    assert.strictEqual(setting.markdownEnumDescriptions.length, setting.enum.length);
    assert.strictEqual(setting.enumItemLabels.length, setting.enum.length);
    BUILTIN_PROFILES.forEach((p, i) => {
      const d: string = setting.markdownEnumDescriptions[i + 2];
      assert.ok(d.includes(`libvirt ${p.libvirt}`), `${p.id}: '${d}' does not name libvirt ${p.libvirt}`);
      assert.ok(p.label.startsWith(setting.enumItemLabels[i + 2]), `${p.id}: label ${setting.enumItemLabels[i + 2]}`);
    });
  });

  it('every built-in profile says whether a real daemon of its release checked it', () => {
    for (const p of BUILTIN_PROFILES) {
      const verified = /verified by the oracle tests/.test(p.source);
      const unverified = /not checked against a real daemon/.test(p.source);
      assert.ok(verified !== unverified, `${p.id}: '${p.source}' says neither or both`);
      assert.strictEqual(p.label.includes('unverified'), unverified, `${p.id}: label '${p.label}'`);
    }
  });

  it('custom takes the explicit versions', () => {
    const p = resolveProfile({ profile: 'custom', libvirt: '8.5.0', qemu: '7.0.0' });
    assert.deepStrictEqual([p.libvirt, p.qemu], ['8.5.0', '7.0.0']);
  });
});
