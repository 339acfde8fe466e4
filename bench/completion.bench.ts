/** Completion latency in process: element, attribute and value completion across typical domains. */
import * as fs from 'fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../server/src/languageservice/languageService';
import { typicalDocuments } from './documents';
import { fmt, goal, percentiles, time } from './stats';

export function benchCompletion(): void {
  const readFile = (p: string) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };
  const service = getLanguageService({ readFile });
  service.configure({ profile: 'debian-12' });
  const t0 = Date.now();
  const state = service.schema();
  if (!state.schema) {
    console.log(`completion not measured: ${state.error}`);
    return;
  }
  console.log(`schema load: ${Date.now() - t0} ms (once per process)`);
  const samples: number[] = [];
  for (const d of typicalDocuments()) {
    const doc = TextDocument.create('file:///c.xml', 'xml', 1, d.text);
    // cursors: inside attribute values, after attribute names, and in <devices> content
    const offsets: number[] = [];
    for (const m of d.text.matchAll(/ (type|model|bus)='/g)) offsets.push(m.index! + m[0].length);
    for (const m of d.text.matchAll(/<devices>\s*/g)) offsets.push(m.index! + m[0].length);
    for (const off of offsets.slice(0, 12)) {
      const pos = doc.positionAt(off);
      const p = time(() => service.doComplete(doc, pos), 5, 1);
      samples.push(p.p50);
    }
    const lt = d.text.indexOf('</devices>');
    if (lt > 0) {
      const typed = TextDocument.create('file:///c2.xml', 'xml', 1, d.text.slice(0, lt) + '<' + d.text.slice(lt));
      const pos = typed.positionAt(lt + 1);
      samples.push(time(() => service.doComplete(typed, pos), 5, 1).p50);
    }
  }
  const p = percentiles(samples);
  console.log(`completion (${p.n} cursor positions in ${typicalDocuments().length} domains): ${fmt(p)}  ${goal(p.p99, 20)}`);
}
