/**
 * The RelaxNG engine: schema load time, validation of typical and large
 * domains (parse excluded, after warm-up), and completion queries.
 */
import * as fs from 'fs';
import { parseXml } from '../server/src/languageservice/parser/xmlParser';
import { walkElements, XmlDocument } from '../server/src/languageservice/parser/xmlNodes';
import { allowedAttributes, allowedChildElements, attributeValues } from '../server/src/languageservice/schema/completion';
import { loadRelaxNg } from '../server/src/languageservice/schema/loadRelaxNg';
import { validate } from '../server/src/languageservice/schema/validator';
import { largeDocument, typicalDocuments } from './documents';
import { fmt, goal, percentiles, samples, time } from './stats';

const DOMAIN_RNG = '/usr/share/libvirt/schemas/domain.rng';

export interface SchemaBench {
  loadMs: number;
  validateTypicalP50: number;
  validateTypicalP99: number;
  validateLargeP50: number;
  completionP99: number;
}

export function benchSchema(): SchemaBench {
  if (!fs.existsSync(DOMAIN_RNG)) throw new Error(`${DOMAIN_RNG} is not installed`);
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const schema = loadRelaxNg(DOMAIN_RNG);
  const loadMs = performance.now() - t0;
  const heapMB = (process.memoryUsage().heapUsed - heap0) / 1e6;

  const typical = typicalDocuments().map((d) => ({ name: d.name, doc: parseXml(d.text) }));
  const all: number[] = [];
  const runsEach = Math.max(20, Math.ceil(4000 / Math.max(1, typical.length)));
  let invalid = 0;
  for (const t of typical) {
    if (validate(schema, t.doc).length) invalid++;
    all.push(...samples(() => validate(schema, t.doc), runsEach, 10));
  }
  const typ = percentiles(all);

  const large: XmlDocument = parseXml(largeDocument());
  const lp = time(() => validate(schema, large), 50, 5);

  // completion at every element of the typical documents
  const queries: (() => void)[] = [];
  for (const t of typical) {
    for (const el of walkElements(t.doc.root!)) {
      queries.push(() => allowedChildElements(schema, el));
      queries.push(() => allowedAttributes(schema, el));
      const a = el.attributes[0];
      if (a) queries.push(() => attributeValues(schema, el, a.name));
    }
  }
  for (const q of queries) q();
  const cs: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (const q of queries) {
      const t = process.hrtime.bigint();
      q();
      cs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  const cp = percentiles(cs);
  const heapAfter = (process.memoryUsage().heapUsed - heap0) / 1e6;

  console.log(
    `schema load: ${loadMs.toFixed(0)} ms, ${schema.files.length} files, ${schema.factory.size} patterns, heap +${heapMB.toFixed(1)} MB (+${heapAfter.toFixed(1)} MB with memos after the runs)`,
  );
  console.log(`validate typical (${typical.length} docs, ${invalid} invalid for libvirt 9.0): ${fmt(typ)}  ${goal(typ.p50, 1)}`);
  console.log(`validate large (${large.text.length} bytes): ${fmt(lp)}  ${goal(lp.p50, 50)}`);
  console.log(`completion queries (${queries.length}): ${fmt(cp)}  ${goal(cp.p99, 5)}`);
  return { loadMs, validateTypicalP50: typ.p50, validateTypicalP99: typ.p99, validateLargeP50: lp.p50, completionP99: cp.p99 };
}

if (require.main === module) benchSchema();
