/**
 * Scores the expander against real libvirt over whole corpora: each document
 * is defined in libvirtd, and the facts of its dumpxml that the input lacks are
 * compared with the facts our expansion adds (see facts.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { expandDomain, formatExpansion } from '../../server/src/languageservice/expander/expand';
import { parseXml } from '../../server/src/languageservice/parser/xmlParser';
import { builtinProfile } from '../../server/src/languageservice/profiles/builtinProfiles';
import { REPO, SHARED_CORPUS, xmlFiles } from '../helpers';
import { addScores, Score, scoreDocument } from './facts';
import { prepareForOracle } from './prepare';
import { defineAndDump, HOST_DAEMON, OracleDaemon } from './virsh';

export interface CorpusResult {
  name: string;
  documents: number;
  rejected: number;
  /** documents neither the daemon nor a stored answer could answer */
  unanswered: number;
  address: Score;
  other: Score;
  missed: Map<string, number>;
  wrong: Map<string, number>;
  failures: string[];
}

/** a fact with list indices removed, so that misses group by kind */
function pattern(f: string): string {
  return f.replace(/\[\d+\]/g, '').replace(/=(0x)?[0-9a-f]+$/i, '=N');
}

/** the project's own documents, whose oracle answers are committed (test/oracle/truth) */
export function ownFixture(file: string): boolean {
  return path.resolve(file).startsWith(path.join(REPO, 'test', 'fixtures') + path.sep);
}

/** defines a corpus file (prepared) in `daemon`; fixtures' answers are committed truth */
export function defineFile(file: string, daemon: OracleDaemon = HOST_DAEMON, migratable = false) {
  const input = prepareForOracle(fs.readFileSync(file, 'utf8'));
  const own = ownFixture(file);
  return { input, result: defineAndDump(input, { commit: own, source: own ? path.relative(REPO, file) : undefined, migratable }, daemon) };
}

export function notAnswered(error: string): boolean {
  return /^libvirt [\d.]+ is not available at /.test(error);
}

export function scoreCorpus(name: string, files: string[], daemon: OracleDaemon = HOST_DAEMON): CorpusResult {
  const profile = builtinProfile(daemon.profile)!;
  const zero = (): Score => ({ truePositives: 0, predicted: 0, actual: 0 });
  const r: CorpusResult = {
    name,
    documents: 0,
    rejected: 0,
    unanswered: 0,
    address: zero(),
    other: zero(),
    missed: new Map(),
    wrong: new Map(),
    failures: [],
  };
  for (const file of files) {
    const { input, result: dumped } = defineFile(file, daemon);
    if (!dumped.ok) {
      if (notAnswered(dumped.error)) r.unanswered++;
      else r.rejected++;
      continue;
    }
    const root = parseXml(input).root;
    if (!root) continue;
    const expansion = expandDomain(root, profile);
    for (const f of expansion.failures) r.failures.push(`${path.basename(file)}: rule ${f.rule}: ${f.error}`);
    const s = scoreDocument(input, formatExpansion(expansion), dumped.xml);
    r.documents++;
    r.address = addScores(r.address, s.address);
    r.other = addScores(r.other, s.other);
    for (const m of s.missed) r.missed.set(pattern(m), (r.missed.get(pattern(m)) ?? 0) + 1);
    for (const w of s.wrong) r.wrong.set(pattern(w), (r.wrong.get(pattern(w)) ?? 0) + 1);
  }
  return r;
}

export function fidelityCorpora(): { name: string; files: string[] }[] {
  return [
    { name: 'fixtures (test/fixtures/domains)', files: xmlFiles(path.join(REPO, 'test', 'fixtures', 'domains')) },
    { name: 'shared virt-install corpus', files: xmlFiles(path.join(SHARED_CORPUS, 'virt-install')) },
    { name: 'shared libvirt-tests corpus', files: xmlFiles(path.join(SHARED_CORPUS, 'libvirt-tests')) },
  ].filter((c) => c.files.length);
}
