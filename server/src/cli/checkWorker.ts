/**
 * A worker thread of `domxml check` (checkPool.ts): builds the language
 * service once from the same arguments as the main thread (so the schema is
 * loaded once per worker), then checks the batches of files it is handed and
 * answers each with the outcomes, in the batch's order. Every answer is
 * followed by a wake-up of the waiting main thread (Atomics.notify).
 */
import { parentPort, workerData } from 'worker_threads';
import { CliIO } from './command';
import { checkFile, checkService, FileOutcome } from './checkFile';
import { readDocument, readDomainFile } from './files';
import { LanguageService } from '../languageservice/languageService';
import { ParsedArgs } from './args';

export interface WorkerInit {
  args: { options: [string, string[]][]; flags: string[]; positional: string[] };
  signal: Int32Array;
  port: import('worker_threads').MessagePort;
}

export interface WorkerBatch {
  first: number;
  files: string[];
}

export type WorkerAnswer = { first: number; outcomes: FileOutcome[] } | { fatal: string };

function start(init: WorkerInit): void {
  const answer = (m: WorkerAnswer) => {
    init.port.postMessage(m);
    Atomics.add(init.signal, 0, 1);
    Atomics.notify(init.signal, 0);
  };
  const args: ParsedArgs = { options: new Map(init.args.options), flags: new Set(init.args.flags), positional: init.args.positional };
  const io: CliIO = { stdout: () => undefined, stderr: () => undefined, readFile: readDocument, readDomain: readDomainFile };
  let service: LanguageService;
  try {
    service = checkService(args, io);
  } catch (e) {
    answer({ fatal: (e as Error).message });
    return;
  }
  const debug = args.flags.has('debug');
  init.port.on('message', (batch: WorkerBatch) => {
    try {
      answer({ first: batch.first, outcomes: batch.files.map((f) => checkFile(service, f, io, debug)) });
    } catch (e) {
      answer({ fatal: (e as Error).message });
    }
  });
}

if (parentPort && workerData && (workerData as { domxmlCheck?: WorkerInit }).domxmlCheck)
  start((workerData as { domxmlCheck: WorkerInit }).domxmlCheck);
