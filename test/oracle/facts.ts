/**
 * Fact-by-fact comparison of domain XML trees, the measure of the expander.
 *
 * A fact is one element's existence, one attribute value or one text value,
 * keyed by a path in which repeated elements are identified the way libvirt
 * identifies them (controllers by type+index, disks by target dev, ...), so
 * that order does not matter. The facts libvirt adds at define time are
 * those of `dumpxml` that the input lacks; the expander's predicted facts
 * are those of its expansion that the input lacks.
 */
import { fromXml } from '../../server/src/languageservice/expander/eTree';
import { factsOf, isAddressFact } from '../../server/src/languageservice/expander/facts';
import { GENERATED } from '../../server/src/languageservice/expander/fill';
import { parseXml } from '../../server/src/languageservice/parser/xmlParser';

export { isAddressFact };

/** values libvirt generates afresh each define: compared only for presence */
const GENERATED_FACTS = [/^\/domain#?\/uuid\[0\]#text=/, /\/interface\[\d+\]\/mac\[0\]@address=/, /^\/domain\/name\[0\]#text=/];

function normalise(facts: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const f of facts) {
    const g = GENERATED_FACTS.find((re) => re.test(f));
    out.add(g ? f.replace(/=.*$/, `=${GENERATED}`) : f);
  }
  return out;
}

export function factsOfXml(text: string): Set<string> {
  const root = parseXml(text).root;
  if (!root) throw new Error('no root element');
  return normalise(factsOf(fromXml(root)));
}

export interface Score {
  truePositives: number;
  predicted: number;
  actual: number;
}

export interface DocumentScore {
  address: Score;
  other: Score;
  /** facts libvirt added that we did not predict */
  missed: string[];
  /** facts we predicted that libvirt did not add */
  wrong: string[];
}

/** compares predicted additions with libvirt's, split into addresses and everything else */
export function scoreDocument(input: string, expanded: string, dumped: string): DocumentScore {
  const before = factsOfXml(input);
  const ours = factsOfXml(expanded);
  const theirs = factsOfXml(dumped);
  const predicted = [...ours].filter((f) => !before.has(f));
  const actual = [...theirs].filter((f) => !before.has(f));
  const actualSet = new Set(actual);
  const predictedSet = new Set(predicted);
  const s = (): Score => ({ truePositives: 0, predicted: 0, actual: 0 });
  const result: DocumentScore = { address: s(), other: s(), missed: [], wrong: [] };
  for (const f of predicted) {
    const bucket = isAddressFact(f) ? result.address : result.other;
    bucket.predicted++;
    if (actualSet.has(f)) bucket.truePositives++;
    else result.wrong.push(f);
  }
  for (const f of actual) {
    const bucket = isAddressFact(f) ? result.address : result.other;
    bucket.actual++;
    if (!predictedSet.has(f)) result.missed.push(f);
  }
  return result;
}

export function addScores(a: Score, b: Score): Score {
  return { truePositives: a.truePositives + b.truePositives, predicted: a.predicted + b.predicted, actual: a.actual + b.actual };
}

export function precision(s: Score): number {
  return s.predicted ? s.truePositives / s.predicted : 1;
}

export function recall(s: Score): number {
  return s.actual ? s.truePositives / s.actual : 1;
}
