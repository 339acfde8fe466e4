/**
 * Cold start and editor latency, each next to its comparator measured in the
 * same run: bare `node -e 0`, `xmllint --relaxng` on the same file, and the
 * goals of issue #16.
 *
 *  - one-file `domxml check` as a whole process: from the heap snapshot
 *    (bin/domxml, the normal path), and the plain start (DOMXML_NO_SNAPSHOT);
 *  - the language server: process start to the first diagnostics of a
 *    typical domain, over stdio;
 *  - last keystroke (didChange) to diagnostics, p50/p90 over a stream of edits.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TestLspClient } from '../test/lspClient';
import { REPO, typicalDocuments } from './documents';
import { percentiles } from './stats';

const SCHEMA = '/usr/share/libvirt/schemas/domain.rng';

/** median wall milliseconds of a command over `runs` runs (after one warm-up run) */
function wall(cmd: string, args: string[], runs: number, env: NodeJS.ProcessEnv = {}): number {
  const out: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = process.hrtime.bigint();
    spawnSync(cmd, args, { stdio: 'ignore', env: { ...process.env, ...env } });
    if (i > 0) out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return percentiles(out).p50;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function row(label: string, ms: number, comparator: string, cms: number, goal: string): void {
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(0).padStart(5)} ms   ${comparator.padEnd(26)} ${cms.toFixed(0).padStart(5)} ms   ratio ${(ms / cms).toFixed(2).padStart(5)}   goal ${goal}`,
  );
}

export async function benchColdStart(): Promise<void> {
  const runs = Number(process.env.DOMXML_BENCH_RUNS ?? 10);
  const file = path.join(REPO, 'samples', 'debian12-q35.xml');
  const launcher = path.join(REPO, 'bin', 'domxml');
  // make sure the snapshot exists (npm run build makes it; this is idempotent)
  spawnSync(process.execPath, [path.join(REPO, 'bin', 'build-snapshot.js')], { stdio: 'ignore' });
  const node0 = wall(process.execPath, ['-e', '0'], runs);
  const snap = wall(launcher, ['check', file], runs);
  const plain = wall(launcher, ['check', file], runs, { DOMXML_NO_SNAPSHOT: '1' });
  console.log(`median of ${runs} runs, ${file.replace(REPO + '/', '')} (default target: the local host when virsh answers)`);
  row('domxml check, one file (heap snapshot)', snap, 'node -e 0', node0, '<= 1.7x');
  row('domxml check, one file (plain start)', plain, 'node -e 0', node0, '(reference)');
  if (has('xmllint') && fs.existsSync(SCHEMA)) {
    const xl = wall('xmllint', ['--noout', '--relaxng', SCHEMA, file], runs);
    row('domxml check, one file (heap snapshot)', snap, 'xmllint --relaxng', xl, '(reference)');
  } else console.log('xmllint or the schema is missing: no xmllint comparator');

  // the language server: spawn to first diagnostics
  const text = typicalDocuments()[0].text;
  const starts: number[] = [];
  for (let i = 0; i < Math.max(3, Math.floor(runs / 2)); i++) {
    const t = process.hrtime.bigint();
    const client = new TestLspClient(['--stdio']);
    await client.initialize();
    const p = client.nextDiagnostics('file:///bench/cold.xml', 1, 60_000);
    await client.open('file:///bench/cold.xml', text);
    await p;
    starts.push(Number(process.hrtime.bigint() - t) / 1e6);
    await client.shutdown();
  }
  const s = percentiles(starts);
  row('server: start to first diagnostics (p50)', s.p50, 'node -e 0', node0, '<= 400 ms');

  // keystroke to diagnostics, over a stream of small edits to one open document
  const client = new TestLspClient(['--stdio']);
  await client.initialize();
  const uri = 'file:///bench/typing.xml';
  let version = 1;
  let p = client.nextDiagnostics(uri, version, 60_000);
  await client.open(uri, text);
  await p;
  const lat: number[] = [];
  const at = text.indexOf('</name>');
  for (let i = 0; i < 200; i++) {
    version++;
    const edited = text.slice(0, at) + 'x'.repeat(i % 7) + text.slice(at);
    p = client.nextDiagnostics(uri, version, 60_000);
    const t = process.hrtime.bigint();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text: edited }],
    });
    await p;
    lat.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  await client.shutdown();
  const k = percentiles(lat);
  console.log(
    `${'keystroke to diagnostics over stdio'.padEnd(44)} p50 ${k.p50.toFixed(1)} ms, p90 ${k.p90.toFixed(1)} ms, max ${k.max.toFixed(0)} ms   goal p90 <= 150 ms`,
  );
}
