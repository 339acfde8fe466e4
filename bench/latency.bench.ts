/** Parse + full diagnosis latency in process, the budget of one keystroke. */
import * as fs from 'fs';
import { getLanguageService } from '../server/src/languageservice/languageService';
import { parseXml } from '../server/src/languageservice/parser/xmlParser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { largeDocument, typicalDocuments } from './documents';
import { fmt, goal, percentiles, time } from './stats';
import { DomainDocumentCache } from '../server/src/languageservice/domainDocument';
import { schemaFindings } from '../server/src/languageservice/services/schemaDiagnostics';
import { versionFindings } from '../server/src/languageservice/services/versionDiagnostics';
import { comparedTargets, rankedFindings, rankGroups } from '../server/src/languageservice/services/abiRisk';
import { expandDomain } from '../server/src/languageservice/expander/expand';
import { LanguageService } from '../server/src/languageservice/languageService';

const readFile = (p: string) => {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

export function benchLatency(): void {
  // the full analysis a keystroke triggers: parse, schema validation, expansion, version checks, diagnostics
  const service = getLanguageService({ readFile });
  service.configure({ profile: 'debian-12' });
  const schema = service.schema();
  console.log(
    schema.schema
      ? `full analysis with libvirt's schema (${schema.directory})`
      : `full analysis WITHOUT schema validation: ${schema.error}`,
  );
  let version = 0;
  const diagnose = (text: string) => () => {
    // a new version each run, so nothing is served from the parse cache
    service.doValidation(TextDocument.create('file:///bench.xml', 'xml', ++version, text));
  };
  const typical = typicalDocuments();
  const sizes = typical.map((d) => d.text.length);
  const runsEach = Math.max(20, Math.ceil(4000 / typical.length));
  // warm the JIT on every document first, so the first documents measured are not charged for it
  for (let i = 0; i < 20; i++) typical.forEach((d) => diagnose(d.text)());
  const samples: number[] = [];
  for (const d of typical) {
    const p = time(diagnose(d.text), runsEach, 10);
    samples.push(p.p50);
  }
  const all = time(() => typical.forEach((d) => diagnose(d.text)()), 200, 20);
  const perDoc = {
    ...all,
    p50: all.p50 / typical.length,
    p90: all.p90 / typical.length,
    p99: all.p99 / typical.length,
    max: all.max / typical.length,
  };
  console.log(`parse+diagnose, typical domain (${typical.length} docs, ${Math.min(...sizes)}-${Math.max(...sizes)} bytes):`);
  console.log(`  per document  ${fmt(perDoc)}  ${goal(perDoc.p50, 1)}`);
  const worst = Math.max(...samples);
  console.log(
    `  slowest document p50 ${worst.toFixed(3)} ms (${typical[samples.indexOf(worst)].name}); median document p50 ${percentiles(samples).p50.toFixed(3)} ms`,
  );
  const parseOnly = time(() => typical.forEach((d) => parseXml(d.text)), 200, 20);
  console.log(
    `  parse only, per document  p50 ${(parseOnly.p50 / typical.length).toFixed(3)} ms  p99 ${(parseOnly.p99 / typical.length).toFixed(3)} ms`,
  );
  stageBreakdown(
    typical.map((d) => d.text),
    service,
  );
  const large = largeDocument();
  const lp = time(diagnose(large), 100, 10);
  console.log(`parse+diagnose, generated domain (${large.length} bytes):`);
  console.log(`  ${fmt(lp)}  ${goal(lp.p50, 50)}`);
}

/** where the time of one analysis goes: each stage alone, p50 per typical document (they add up to less than the whole: diagnostics and GC) */
function stageBreakdown(texts: string[], service: LanguageService): void {
  const cache = new DomainDocumentCache();
  let version = 0;
  const parse = () => texts.map((t) => cache.get(TextDocument.create('file:///stage.xml', 'xml', ++version, t)));
  const docs = parse();
  const profile = service.profile();
  const rng = service.schema().schema;
  const expansions = docs.map((d) => expandDomain(d.domain!, profile));
  const stages: [string, () => void][] = [
    ['parse', () => void parse()],
    ['schema', () => docs.forEach((d) => rng && schemaFindings(d, rng))],
    ['expansion', () => docs.forEach((d) => expandDomain(d.domain!, profile))],
    // ranking by risk expands the document once more per other compared target
    [
      'ABI findings',
      () =>
        docs.forEach((d, i) =>
          rankedFindings(
            rankGroups(
              expansions[i],
              comparedTargets(profile)
                .filter((p) => p !== profile)
                .map((p) => expandDomain(d.domain!, p)),
            ),
          ),
        ),
    ],
    ['version checks', () => docs.forEach((d) => versionFindings(d, { profile }))],
  ];
  const parts = stages.map(([name, fn]) => `${name} ${(time(fn, 100, 10).p50 / texts.length).toFixed(3)}`);
  console.log(`  stages alone, p50 ms per document: ${parts.join(', ')}`);
}
