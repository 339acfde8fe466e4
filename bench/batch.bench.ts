/**
 * Batch throughput (#14, #16): `domxml check` over the shared corpora as one
 * process, with one thread and with a worker per core, next to
 * `xmllint --noout --relaxng` over the same files, measured in the same run.
 * domxml does the full analysis (well-formedness, schema, expansion, version
 * and define checks); xmllint only validates.
 */
import { spawnSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { SHARED_CORPUS, xmlFiles } from '../test/helpers';
import { REPO } from './documents';
import { percentiles } from './stats';

const SCHEMA = '/usr/share/libvirt/schemas/domain.rng';

function wall(cmd: string, args: string[], runs: number): number {
  const out: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = process.hrtime.bigint();
    spawnSync(cmd, args, { stdio: 'ignore' });
    if (i > 0) out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return percentiles(out).p50;
}

export function benchBatch(): void {
  const files = xmlFiles(SHARED_CORPUS);
  if (!files.length) return void console.log(`no shared corpus at ${SHARED_CORPUS}: nothing to measure`);
  const runs = Number(process.env.DOMXML_BENCH_RUNS ?? 5);
  const launcher = path.join(REPO, 'bin', 'domxml');
  const cores = os.availableParallelism();
  const line = (label: string, ms: number, ref?: number) =>
    console.log(
      `${label.padEnd(46)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${((files.length * 1000) / ms).toFixed(0).padStart(5)} files/s${ref ? `   ratio to xmllint ${(ms / ref).toFixed(2)}` : ''}`,
    );
  const hasXmllint = spawnSync('sh', ['-c', 'command -v xmllint'], { stdio: 'ignore' }).status === 0;
  const xl = hasXmllint ? wall('xmllint', ['--noout', '--relaxng', SCHEMA, ...files], runs) : undefined;
  console.log(`${files.length} files of the shared corpora, median of ${runs} runs, ${cores} cores`);
  if (xl) line('xmllint --noout --relaxng (validation only)', xl);
  else console.log('xmllint is missing: no comparator');
  line('domxml check --jobs 1 (full analysis)', wall(launcher, ['check', '--profile', 'debian-12', '--jobs', '1', ...files], runs), xl);
  line(`domxml check --jobs ${cores}`, wall(launcher, ['check', '--profile', 'debian-12', '--jobs', String(cores), ...files], runs), xl);
  console.log('goal: wall time <= xmllint over the same files (#16)');
}
