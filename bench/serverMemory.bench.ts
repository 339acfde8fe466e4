/**
 * Resident memory of the built server (started with the node options the VS
 * Code client uses): 20 typical documents opened, then 10,000 edits spread
 * over them (DOMXML_BENCH_EDITS), with the RSS sampled along the way; next to
 * the same run with node's default young generation, and the goal of #16.
 */
import * as fs from 'fs';
import { TestLspClient } from '../test/lspClient';
import { largeDocument, typicalDocuments } from './documents';

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

const mib = (k: number) => `${(k / 1024).toFixed(1)} MiB`;

async function run(
  nodeOptions: string[] | undefined,
  edits: number,
): Promise<{ start: number; opened: number; curve: number[]; idle: number; large: number }> {
  const client = new TestLspClient(['--stdio'], nodeOptions);
  await client.initialize();
  const start = rssKiB(client.pid!);
  const docs = typicalDocuments().slice(0, 20);
  const versions = docs.map(() => 1);
  for (const [i, d] of docs.entries()) {
    const p = client.nextDiagnostics(`file:///bench/${i}-${d.name}`, 1, 60_000);
    await client.open(`file:///bench/${i}-${d.name}`, d.text);
    await p;
  }
  const opened = rssKiB(client.pid!);
  const curve: number[] = [];
  for (let e = 0; e < edits; e++) {
    const i = e % docs.length;
    const d = docs[i];
    const uri = `file:///bench/${i}-${d.name}`;
    const version = ++versions[i];
    // type into the name, then take it back: realistic churn without growing the documents
    const at = Math.max(0, d.text.indexOf('</name>'));
    const text = d.text.slice(0, at) + '-edit'.slice(0, e % 6) + d.text.slice(at);
    const p = client.nextDiagnostics(uri, version, 60_000);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    await p;
    if ((e + 1) % Math.max(1, Math.floor(edits / 10)) === 0) curve.push(rssKiB(client.pid!));
  }
  // the user stops typing: what the server holds two seconds later
  await new Promise((r) => setTimeout(r, 2000));
  const idle = rssKiB(client.pid!);
  const p = client.nextDiagnostics('file:///bench/large.xml', 1, 60_000);
  await client.open('file:///bench/large.xml', largeDocument());
  await p;
  const large = rssKiB(client.pid!);
  await client.shutdown();
  return { start, opened, curve, idle, large };
}

export async function benchServerMemory(): Promise<void> {
  const edits = Number(process.env.DOMXML_BENCH_EDITS ?? 10_000);
  for (const [label, opts] of [
    ['client options', undefined],
    ['node defaults', []],
  ] as const) {
    const r = await run(opts as string[] | undefined, label === 'client options' ? edits : Math.min(edits, 2000));
    const after = r.curve[r.curve.length - 1] ?? r.opened;
    console.log(
      `server RSS (${label}): ${mib(r.start)} at start, ${mib(r.opened)} with 20 typical documents open, ${mib(after)} right after ${label === 'client options' ? edits : Math.min(edits, 2000)} edits, ${mib(r.idle)} 2 s later, ${mib(r.large)} with a 200 KB document added   goal <= 80 MiB (20 documents + 10k edits, idle)`,
    );
    if (r.curve.length)
      console.log(
        `  RSS every ${Math.floor((label === 'client options' ? edits : Math.min(edits, 2000)) / 10)} edits: ${r.curve.map((k) => (k / 1024).toFixed(0)).join(' ')} MiB`,
      );
  }
}
