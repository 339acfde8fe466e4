/**
 * In-process cost per typical domain next to libxml2 (libxml2-wasm, the
 * library libvirt's own parser and virt-xml-validate build on), measured in
 * the same run and interleaved so both see the same machine:
 *  - ours: parse + RelaxNG validation, and the full analysis a keystroke runs
 *    (parse, schema, expansion, version checks, diagnostics);
 *  - libxml2: parse + RelaxNG validation against the same domain.rng.
 * Goal of #16: our full analysis <= libxml2's parse + validation.
 */
import * as fs from 'fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../server/src/languageservice/languageService';
import { parseXml } from '../server/src/languageservice/parser/xmlParser';
import { schemaFindings } from '../server/src/languageservice/services/schemaDiagnostics';
import { DomainDocumentCache } from '../server/src/languageservice/domainDocument';
import { typicalDocuments } from './documents';

const SCHEMA = '/usr/share/libvirt/schemas/domain.rng';

interface Libxml2 {
  XmlDocument: { fromBuffer(b: Uint8Array, o?: { url?: string }): { dispose(): void } };
  RelaxNGValidator: { fromDoc(d: unknown): { validate(d: unknown): void } };
}

// libxml2-wasm is an ES module; a real dynamic import (tsc would turn `import()` into require)
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<unknown>;

function perCall(fn: () => void, rounds: number): number {
  const t = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) fn();
  return Number(process.hrtime.bigint() - t) / 1e6 / rounds;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchLibxml2(): Promise<void> {
  if (!fs.existsSync(SCHEMA)) {
    console.log(`no ${SCHEMA}: nothing to compare`);
    return;
  }
  const lx = (await importEsm('libxml2-wasm')) as Libxml2;
  const node = (await importEsm('libxml2-wasm/lib/nodejs.mjs')) as { xmlRegisterFsInputProviders(): void };
  node.xmlRegisterFsInputProviders();
  const validator = lx.RelaxNGValidator.fromDoc(lx.XmlDocument.fromBuffer(fs.readFileSync(SCHEMA), { url: SCHEMA }));
  const service = getLanguageService({ readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined) });
  service.configure({ profile: 'debian-12' });
  const rng = service.schema().schema!;
  const docs = typicalDocuments();
  const bytes = docs.map((d) => Buffer.from(d.text));
  let version = 0;
  const cache = new DomainDocumentCache();
  const ours = {
    full: (t: string) => () => void service.doValidation(TextDocument.create('file:///b.xml', 'xml', ++version, t)),
    schema: (t: string) => () => void schemaFindings(cache.get(TextDocument.create('file:///s.xml', 'xml', ++version, t)), rng),
    parse: (t: string) => () => void parseXml(t),
  };
  const theirs = (b: Buffer) => () => {
    const d = lx.XmlDocument.fromBuffer(b);
    try {
      validator.validate(d);
    } catch {
      // invalid documents cost the same walk
    }
    d.dispose();
  };
  // warm both
  for (let i = 0; i < 20; i++) docs.forEach((d, k) => (ours.full(d.text)(), theirs(bytes[k])()));
  const r = { full: [] as number[], schema: [] as number[], parse: [] as number[], libxml2: [] as number[] };
  for (let round = 0; round < 5; round++) {
    docs.forEach((d, k) => {
      r.libxml2.push(perCall(theirs(bytes[k]), 20));
      r.full.push(perCall(ours.full(d.text), 20));
      r.schema.push(perCall(ours.schema(d.text), 20));
      r.parse.push(perCall(ours.parse(d.text), 20));
    });
  }
  const base = median(r.libxml2);
  console.log(`${docs.length} typical domains, median ms per document, interleaved in one process:`);
  console.log(`  libxml2-wasm parse + RelaxNG validation   ${base.toFixed(3)} ms   (comparator)`);
  console.log(
    `  ours: parse                                ${median(r.parse).toFixed(3)} ms   ratio ${(median(r.parse) / base).toFixed(2)}`,
  );
  console.log(
    `  ours: parse + RelaxNG validation           ${median(r.schema).toFixed(3)} ms   ratio ${(median(r.schema) / base).toFixed(2)}`,
  );
  console.log(
    `  ours: full analysis (what a keystroke runs) ${median(r.full).toFixed(3)} ms   ratio ${(median(r.full) / base).toFixed(2)}   goal <= 1.00`,
  );
}
