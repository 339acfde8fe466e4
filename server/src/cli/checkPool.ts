/**
 * Many files of `domxml check` over worker threads, without making the
 * command asynchronous: the main thread hands batches to the workers through
 * message ports, checks files itself while they work, and, when it has
 * nothing left, sleeps on a shared counter (Atomics.wait) that each worker
 * bumps when it answers; answers are read with receiveMessageOnPort.
 * Outcomes are delivered in input order (deliver(i, outcome)), so the output
 * is the same bytes as a run in one thread. A worker that cannot start or
 * fails leaves its files to the main thread.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import { ParsedArgs } from './args';
import { FileOutcome } from './checkFile';
import { WorkerAnswer, WorkerBatch, WorkerInit } from './checkWorker';

/** below this many files per extra thread, starting workers costs more than it saves */
export const FILES_PER_WORKER = 24;
const BATCH = 4;
/** a worker silent this long is given up (its files are checked in the main thread) */
const STALL_MS = 60_000;

export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** worker threads to start for n files with --jobs jobs (the main thread is one of the jobs) */
export function workerCount(files: number, jobs: number): number {
  return Math.max(0, Math.min(jobs - 1, Math.floor(files / FILES_PER_WORKER)));
}

/** the worker script: dist/cliWorker.js beside the bundle, or out/server/src/cli/checkWorker.js for the compiled sources */
export function workerScript(): string | undefined {
  const candidates = [
    path.join(__dirname, 'cliWorker.js'),
    path.join(__dirname, 'checkWorker.js'),
    path.join(__dirname, '..', 'checkWorker.js'),
  ];
  return candidates.find((c) => fs.existsSync(c));
}

/** what the pool did, for --debug */
export interface PoolStats {
  /** worker threads that started */
  workers: number;
  /** files whose outcome a worker computed (the rest were checked in the main thread) */
  filesInWorkers: number;
}

interface Slot {
  worker: Worker;
  port: MessagePort;
  /** the batch it is working on */
  busy?: WorkerBatch;
  dead: boolean;
}

export function checkInPool(
  files: string[],
  args: ParsedArgs,
  workers: number,
  checkHere: (file: string) => FileOutcome,
  deliver: (index: number, outcome: FileOutcome) => void,
): PoolStats {
  const script = workerScript();
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  let delivered = 0;
  let filesInWorkers = 0;
  const flush = () => {
    while (delivered < files.length && outcomes[delivered]) {
      deliver(delivered, outcomes[delivered]!);
      outcomes[delivered] = undefined;
      delivered++;
    }
  };
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const slots: Slot[] = [];
  if (script) {
    const plain = { options: [...args.options], flags: [...args.flags], positional: [] as string[] };
    for (let i = 0; i < workers; i++) {
      const { port1, port2 } = new MessageChannel();
      const init: WorkerInit = { args: plain, signal, port: port2 };
      try {
        const worker = new Worker(script, { workerData: { domxmlCheck: init }, transferList: [port2], stdout: true, stderr: false });
        worker.unref();
        slots.push({ worker, port: port1, dead: false });
      } catch {
        // no worker: the main thread does the work
      }
    }
  }
  // the main thread takes files from the front, workers get batches from the back
  let front = 0;
  let back = files.length;
  const give = (s: Slot) => {
    if (s.dead || s.busy || back - front <= BATCH) return;
    const batch = { first: back - BATCH, files: files.slice(back - BATCH, back) };
    back -= BATCH;
    s.busy = batch;
    s.port.postMessage(batch);
  };
  const drain = (): boolean => {
    let got = false;
    for (const s of slots) {
      for (let m = receiveMessageOnPort(s.port); m; m = receiveMessageOnPort(s.port)) {
        got = true;
        const a = m.message as WorkerAnswer;
        if ('fatal' in a) {
          s.dead = true;
          if (s.busy) for (let i = 0; i < s.busy.files.length; i++) outcomes[s.busy.first + i] ??= checkHere(s.busy.files[i]);
        } else {
          a.outcomes.forEach((o, i) => (outcomes[a.first + i] = o));
          filesInWorkers += a.outcomes.length;
        }
        s.busy = undefined;
        give(s);
      }
    }
    return got;
  };
  for (const s of slots) give(s);
  while (front < back) {
    outcomes[front] = checkHere(files[front]);
    front++;
    drain();
    flush();
  }
  let seen = Atomics.load(signal, 0);
  let quietSince = Date.now();
  while (slots.some((s) => s.busy && !s.dead)) {
    if (drain()) {
      quietSince = Date.now();
      flush();
      continue;
    }
    if (Atomics.wait(signal, 0, seen, 1000) !== 'timed-out') {
      seen = Atomics.load(signal, 0);
      continue;
    }
    if (Date.now() - quietSince > STALL_MS) {
      for (const s of slots)
        if (s.busy) {
          s.dead = true;
          for (let i = 0; i < s.busy.files.length; i++) outcomes[s.busy.first + i] ??= checkHere(s.busy.files[i]);
          s.busy = undefined;
        }
    }
  }
  flush();
  for (const s of slots) void s.worker.terminate();
  return { workers: slots.length, filesInWorkers };
}
