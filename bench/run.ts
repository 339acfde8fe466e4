/**
 * `npm run bench`: every benchmark, printed as figures against the project's goals.
 * Usage: node out/bench/run.js [section...] where sections are the names below.
 */
import { benchBatch } from './batch.bench';
import { benchColdStart } from './coldStart.bench';
import { benchCompletion } from './completion.bench';
import { benchFidelity } from './fidelity.bench';
import { benchLatency } from './latency.bench';
import { benchLibxml2 } from './libxml2.bench';
import { benchProblems } from './problems.bench';
import { benchSchema } from './schema.bench';
import { benchServerMemory } from './serverMemory.bench';

const SECTIONS: Record<string, () => void | Promise<void>> = {
  cold: benchColdStart,
  batch: benchBatch,
  latency: benchLatency,
  libxml2: benchLibxml2,
  memory: benchServerMemory,
  schema: () => void benchSchema(),
  completion: benchCompletion,
  fidelity: benchFidelity,
  problems: benchProblems,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  for (const [name, fn] of Object.entries(SECTIONS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    console.log(`\n== ${name} ==`);
    await fn();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
