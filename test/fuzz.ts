/**
 * `npm run fuzz`: the property tests of test/properties/domainProperties.ts
 * with many more cases (100,000 by default) and a fresh seed, spread over
 * worker threads. A failing case is shrunk by fast-check and written to
 * fuzz-failures/ (the document, and the broken property with the seed that
 * replays it); copy the document to test/fixtures/fuzz/ to keep it as a
 * regression input of `npm test`.
 *
 * Usage: node out/test/fuzz.js [--runs N] [--seed S] [--workers N]
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isMainThread, parentPort, threadId, Worker } from 'worker_threads';
import fc from 'fast-check';
import { REPO } from './helpers';
import { baseDocuments, Case, caseArb, caseText, checkText, newService } from './properties/domainProperties';

interface Job {
  seed: number;
  runs: number;
}

interface Report {
  seed: number;
  runs: number;
  failure?: { text: string; error: string; case: Case };
}

const CHUNK = 1000;
const FAILURES = path.join(REPO, 'fuzz-failures');

/** where a worker keeps the case it is checking, so that a case that kills the worker (out of memory) is not lost */
const currentCase = (worker: number) => path.join(os.tmpdir(), `domxml-fuzz-${process.pid}-${worker}.xml`);

function runChunk(job: Job, bases: ReturnType<typeof baseDocuments>, service: ReturnType<typeof newService>): Report {
  const result = fc.check(
    fc.property(caseArb(bases.length), (c) => {
      const text = caseText(c, bases);
      fs.writeFileSync(currentCase(threadId), text);
      checkText(service, text, c.probes);
    }),
    { seed: job.seed, numRuns: job.runs },
  );
  if (!result.failed || !result.counterexample) return { seed: job.seed, runs: result.numRuns };
  const [c] = result.counterexample;
  const error =
    result.errorInstance instanceof Error ? (result.errorInstance.stack ?? result.errorInstance.message) : String(result.errorInstance);
  return { seed: job.seed, runs: result.numRuns, failure: { text: caseText(c, bases), error, case: c } };
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} wants a whole number, not '${args[i + 1]}'`);
  return n;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = option(args, '--runs', 100_000);
  const seed = option(args, '--seed', Date.now() % 2 ** 31);
  const workers = Math.max(1, option(args, '--workers', os.availableParallelism()));
  const jobs: Job[] = [];
  for (let done = 0, i = 0; done < runs; done += CHUNK, i++) jobs.push({ seed: seed + i, runs: Math.min(CHUNK, runs - done) });
  console.log(`fuzz: ${runs} cases from seed ${seed} on ${workers} worker thread(s), ${baseDocuments().length} base documents`);
  fs.mkdirSync(FAILURES, { recursive: true });
  const started = Date.now();
  let checked = 0;
  const failures: Report[] = [];
  /** writes a failure down at once, so that a run cut short keeps what it found */
  const keep = (f: Report) => {
    failures.push(f);
    fs.mkdirSync(FAILURES, { recursive: true });
    const base = path.join(FAILURES, `seed-${f.seed}`);
    fs.writeFileSync(`${base}.xml`, f.failure!.text);
    fs.writeFileSync(
      `${base}.txt`,
      `replay: node out/test/fuzz.js --runs ${CHUNK} --seed ${f.seed} --workers 1\ncase: ${JSON.stringify(f.failure!.case)}\n\n${f.failure!.error}\n`,
    );
    console.log(
      `fuzz: FAILED (seed ${f.seed}): ${f.failure!.error.split('\n')[0]}\n  the document: ${base}.xml (copy it to test/fixtures/fuzz/ to keep it)`,
    );
  };
  await Promise.all(
    Array.from({ length: Math.min(workers, jobs.length) }, () => {
      // a bounded heap: a case that makes memory explode ends its worker with an error naming the seed, not the run
      const w = new Worker(__filename, { resourceLimits: { maxOldGenerationSizeMb: 1536 } });
      return new Promise<void>((resolve) => {
        let current: Job | undefined;
        const next = () => {
          current = jobs.shift();
          if (current) w.postMessage(current);
          else void w.terminate().then(() => resolve());
        };
        w.on('message', (r: Report) => {
          checked += r.runs;
          if (r.failure) keep(r);
          process.stdout.write(
            `fuzz: ${checked}/${runs} cases, ${failures.length} failing, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
          );
          next();
        });
        w.on('error', (e) => {
          // the case it was checking is the one that killed it
          let text = '';
          try {
            text = fs.readFileSync(currentCase(w.threadId), 'utf8');
          } catch {
            // it died before its first case
          }
          const error = `the worker died on this document: ${e.stack ?? e.message}`;
          if (current) keep({ seed: current.seed, runs: 0, failure: { text, error, case: { base: -1, mutations: [], probes: [] } } });
          resolve();
        });
        next();
      });
    }),
  );
  for (let t = 0; t <= workers + 1; t++) fs.rmSync(currentCase(t), { force: true });
  // another run may share the folder: remove it only when nothing is in it
  if (!fs.readdirSync(FAILURES).length) fs.rmdirSync(FAILURES);
  const seconds = (Date.now() - started) / 1000;
  console.log(`fuzz: ${checked} cases in ${seconds.toFixed(0)} s (${(checked / seconds).toFixed(0)}/s), ${failures.length} failing`);
  process.exitCode = failures.length ? 1 : 0;
}

if (isMainThread) {
  main().catch((e) => {
    console.error(`fuzz: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  });
} else {
  const bases = baseDocuments();
  const service = newService();
  parentPort!.on('message', (job: Job) => parentPort!.postMessage(runChunk(job, bases, service)));
}
