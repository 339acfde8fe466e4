/** Resident memory of the built server after it has opened the benchmark documents. */
import * as fs from 'fs';
import { TestLspClient } from '../test/lspClient';
import { largeDocument, typicalDocuments } from './documents';

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

export async function benchServerMemory(): Promise<void> {
  const client = new TestLspClient(['--stdio']);
  await client.initialize();
  const before = rssKiB(client.pid!);
  const docs = [...typicalDocuments().slice(0, 20), { name: 'large.xml', text: largeDocument() }];
  for (const [i, d] of docs.entries()) {
    const uri = `file:///bench/${i}-${d.name}`;
    const p = client.nextDiagnostics(uri, 1, 60_000);
    await client.open(uri, d.text);
    await p;
  }
  const after = rssKiB(client.pid!);
  console.log(`server RSS: ${(before / 1024).toFixed(1)} MiB at start, ${(after / 1024).toFixed(1)} MiB after opening ${docs.length} documents (${docs.length - 1} typical + one 200 KB)`);
  await client.shutdown();
}
