import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { REPO } from '../helpers';

function check(args: string[]) {
  const r = spawnSync(
    process.execPath,
    [path.join(REPO, 'bin', 'domxml.js'), 'check', '--format', 'json', '--profile', 'debian-12', ...args],
    { encoding: 'utf8' },
  );
  return { code: r.status, out: r.stdout ? (JSON.parse(r.stdout) as { code: string; message: string }[]) : [], stderr: r.stderr };
}

describe('domxml check --defaults', () => {
  const sample = path.join(REPO, 'samples', 'debian12-q35.xml');

  it('reports only the ABI risks by default, every fill with --defaults diagnostics', () => {
    const ranked = check([sample]);
    const all = check(['--defaults', 'diagnostics', sample]);
    assert.strictEqual(ranked.code, 0, ranked.stderr);
    assert.ok(all.out.length > ranked.out.length, `${all.out.length} vs ${ranked.out.length}`);
    // the machine type differs between releases: it is reported at every level
    for (const r of [ranked, all, check(['--defaults', 'off', sample])])
      assert.ok(
        r.out.some((d) => /machine='pc-q35-7\.2'.*; 7\.0 stores/.test(d.message)),
        JSON.stringify(r.out),
      );
    assert.ok(!ranked.out.some((d) => /will add a PS\/2 mouse/.test(d.message)));
    assert.ok(all.out.some((d) => /will add a PS\/2 mouse/.test(d.message)));
  });

  it('refuses an unknown level', () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'domxml.js'), 'check', '--defaults', 'loud', sample], {
      encoding: 'utf8',
    });
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /--defaults' must be one of inlay, diagnostics, off/);
  });
});
