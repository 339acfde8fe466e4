/**
 * Backward migration measured on real daemons: the XML a newer libvirt
 * stores for a fixture (its `dumpxml --inactive`, and the `--migratable`
 * form) is defined on an older libvirt. The older one rejects it (with its
 * message) or accepts it; what it accepts is compared with its own dumpxml:
 * elements and attributes of the input missing from it were dropped, values
 * it holds differently were changed. Then the language service, told the
 * newer profile as target and the older as floor (what `domxml check
 * --floor-libvirt/--floor-qemu` does), must predict exactly that:
 * version-reject where the older rejects, version-drop naming what it drops.
 *
 * Inputs derive from the project's own fixtures only, so the older daemon's
 * answers are committed truth like the fixtures' own.
 */
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/languageservice/languageService';
import { builtinProfile } from '../../server/src/languageservice/profiles/builtinProfiles';
import { Finding } from '../../server/src/languageservice/findings';
import { ruleById } from '../../server/src/languageservice/diagnosticRules';
import { VersionFindingData } from '../../server/src/languageservice/services/version/findingData';
import { parseXml } from '../../server/src/languageservice/parser/xmlParser';
import { XmlElement } from '../../server/src/languageservice/parser/xmlNodes';
import { FIXTURES, xmlFiles } from '../helpers';
import { defineFile, notAnswered } from './fidelity';
import { daemonFor, defineAndDump, OracleDaemon } from './virsh';

export interface Pair {
  newer: OracleDaemon;
  older: OracleDaemon;
  form: 'inactive' | 'migratable';
  /**
   * Write the machine type as its unversioned alias (pc-q35-10.0 -> q35):
   * the newer's versioned machine types are missing from the older QEMU,
   * which rejects every such document; with the alias what else the older
   * drops shows.
   */
  alias?: boolean;
}

/** the unversioned alias of a versioned machine type */
export function machineAlias(xml: string): string {
  return xml.replace(/(<type\b[^>]*\bmachine=')([^']+)'/, (_m, pre: string, machine: string) => {
    const alias = machine
      .replace(/^pc-q35-[\d.]+$/, 'q35')
      .replace(/^pc-i440fx-[\d.]+$/, 'pc')
      .replace(/^virt-[\d.]+$/, 'virt')
      .replace(/^pseries-[\d.]+$/, 'pseries')
      .replace(/^s390-ccw-virtio-[\d.]+$/, 's390-ccw-virtio');
    return `${pre}${alias}'`;
  });
}

export const PAIRS: Pair[] = [];
for (const [newer, older] of [
  ['11.3', '9.0'],
  ['11.3', '7.0'],
  ['9.0', '7.0'],
]) {
  for (const form of ['inactive', 'migratable'] as const) {
    for (const alias of [false, true]) PAIRS.push({ newer: daemonFor(newer), older: daemonFor(older), form, alias });
  }
}

export const pairName = (p: Pair) => `${p.newer.version} ${p.form}${p.alias ? ' (machine alias)' : ''} -> ${p.older.version}`;

export interface BackwardCase {
  fixture: string;
  /** the XML the newer daemon stored, in the pair's form */
  input: string;
  /** undefined: the older one accepted it */
  rejection?: string;
  /** element paths ("/domain/devices/sound[0]") and attribute facts ("...@model") the older dropped */
  dropped: string[];
  /** attribute facts whose value the older changed (default fills differ: not losses) */
  changed: string[];
  /** what the service predicted, in the same terms */
  predictedReject: boolean;
  predictedDrops: string[];
  /** error findings other than version-reject (must be none on accepted inputs) */
  otherErrors: string[];
}

/**
 * indexed path of an element: /domain/devices/disk[1]; a disk by its target
 * (/domain/devices/disk[vda]), since libvirt sorts disks by bus and a moved
 * disk is not a dropped one
 */
function ipath(el: XmlElement): string {
  if (!el.parent) return `/${el.name}`;
  const dev = el.name === 'disk' && el.parent.name === 'devices' ? el.child('target')?.attr('dev') : undefined;
  if (dev) return `${ipath(el.parent)}/disk[${dev}]`;
  const same = el.parent.children.filter((c): c is XmlElement => c instanceof XmlElement && c.name === el.name);
  return `${ipath(el.parent)}/${el.name}[${same.indexOf(el)}]`;
}

function index(root: XmlElement): Map<string, XmlElement> {
  const m = new Map<string, XmlElement>();
  const visit = (el: XmlElement) => {
    m.set(ipath(el), el);
    for (const c of el.children) if (c instanceof XmlElement) visit(c);
  };
  visit(root);
  return m;
}

/** what `older` lost of `input`: elements gone (topmost only), attributes gone, values changed */
export function lostFacts(input: string, older: string): { dropped: string[]; changed: string[] } {
  const a = parseXml(input).root;
  const b = parseXml(older).root;
  if (!a || !b) return { dropped: [], changed: [] };
  const ia = index(a);
  const ib = index(b);
  const dropped: string[] = [];
  const changed: string[] = [];
  for (const [p, el] of ia) {
    const other = ib.get(p);
    if (!other) {
      if (el.parent && ib.has(ipath(el.parent))) dropped.push(p);
      continue;
    }
    for (const at of el.attributes) {
      if (p === '/domain' && at.name === 'id') continue;
      const o = other.getAttribute(at.name);
      if (!o) dropped.push(`${p}@${at.name}`);
      else if (o.value !== at.value) changed.push(`${p}@${at.name}`);
    }
  }
  return { dropped, changed };
}

const services = new Map<string, ReturnType<typeof getLanguageService>>();

function serviceFor(p: Pair) {
  const key = pairName(p);
  let s = services.get(key);
  if (!s) {
    s = getLanguageService();
    const floor = builtinProfile(p.older.profile)!;
    s.configure({ profile: p.newer.profile, floor: { libvirt: floor.libvirt, qemu: floor.qemu } });
    services.set(key, s);
  }
  return s;
}

function findingPath(text: string, f: Finding): string | undefined {
  const root = parseXml(text).root;
  if (!root) return undefined;
  const d = f.data as unknown as VersionFindingData | undefined;
  for (const [p, el] of index(root)) {
    if (el.nameStart === f.start) return p;
    const at = el.attributes.find(
      (x) => x.nameStart === f.start || (x.valueStart <= f.start && f.start < Math.max(x.valueEnd, x.valueStart + 1)),
    );
    if (at) return d?.node === 'value' ? `${p}@${at.name}=` : `${p}@${at.name}`;
  }
  return undefined;
}

export function backwardInputs(p: Pair): { fixture: string; input: string }[] {
  const out: { fixture: string; input: string }[] = [];
  for (const f of xmlFiles(path.join(FIXTURES, 'domains'))) {
    const r = defineFile(f, p.newer, true).result;
    if (!r.ok) continue;
    const input = p.form === 'migratable' ? r.migratableXml : r.xml;
    if (input !== undefined) out.push({ fixture: f, input: p.alias ? machineAlias(input) : input });
  }
  return out;
}

/** undefined when the newer or older daemon's answers are not to be had */
export function measurePair(p: Pair): BackwardCase[] | undefined {
  const cases: BackwardCase[] = [];
  const inputs = backwardInputs(p);
  if (!inputs.length) return undefined;
  for (const { fixture, input } of inputs) {
    const source = `backward ${pairName(p)}: ${path.relative(path.join(FIXTURES, '..', '..'), fixture)}`;
    const r = defineAndDump(input, { commit: true, source }, p.older);
    if (!r.ok && notAnswered(r.error)) return undefined;
    const doc = TextDocument.create(`file:///backward/${path.basename(fixture)}`, 'xml', 1, input);
    const findings = serviceFor(p).findings(doc);
    const floorFindings = findings.filter((f) => (f.data as unknown as VersionFindingData | undefined)?.scope === 'floor');
    // version-qemu errors: what the floor's QEMU lacks (machine types) makes its libvirt reject
    const rejects = (f: Finding) =>
      f.rule === 'version-reject' || (f.rule === 'version-qemu' && (f.severity ?? ruleById(f.rule)?.defaultSeverity) === 'error');
    const predictedReject = floorFindings.some(rejects);
    const predictedDrops = floorFindings.filter((f) => f.rule === 'version-drop').map((f) => findingPath(input, f) ?? `?${f.start}`);
    const otherErrors = findings
      .filter((f) => (f.severity ?? ruleById(f.rule)?.defaultSeverity) === 'error' && !rejects(f))
      .map((f) => `[${f.rule}] ${f.message}`);
    const lost = r.ok ? lostFacts(input, r.xml) : { dropped: [], changed: [] };
    if (lost.dropped.length) {
      // what the newer itself leaves out of its own dump of this input is how both format it (e.g. a SPICE
      // autoport='no' beside <listen type='none'/>), not something the older lost
      const again = defineAndDump(input, { commit: true, source: `${source} (again on ${p.newer.version})` }, p.newer);
      if (again.ok) {
        const same = new Set(lostFacts(input, again.xml).dropped);
        lost.dropped = lost.dropped.filter((d) => !same.has(d));
      }
    }
    cases.push({ fixture, input, rejection: r.ok ? undefined : r.error, ...lost, predictedReject, predictedDrops, otherErrors });
  }
  return cases;
}

export interface BackwardScore {
  documents: number;
  rejected: number;
  rejectCaught: number;
  falseRejects: number;
  dropsActual: number;
  dropsPredicted: number;
  dropsRight: number;
  missedDrops: Map<string, number>;
  wrongDrops: Map<string, number>;
  missedRejects: string[];
}

const pattern = (f: string) => f.replace(/\[\d+\]/g, '');

export function scoreBackward(cases: BackwardCase[]): BackwardScore {
  const s: BackwardScore = {
    documents: cases.length,
    rejected: 0,
    rejectCaught: 0,
    falseRejects: 0,
    dropsActual: 0,
    dropsPredicted: 0,
    dropsRight: 0,
    missedDrops: new Map(),
    wrongDrops: new Map(),
    missedRejects: [],
  };
  const bump = (m: Map<string, number>, k: string) => m.set(pattern(k), (m.get(pattern(k)) ?? 0) + 1);
  for (const c of cases) {
    if (c.rejection !== undefined) {
      s.rejected++;
      if (c.predictedReject) s.rejectCaught++;
      else s.missedRejects.push(`${path.basename(c.fixture)}: ${c.rejection.split('\n')[0]}`);
      continue;
    }
    if (c.predictedReject) s.falseRejects++;
    // a drop named on an element or on one of its attributes counts for both
    const covers = (pred: string, fact: string) =>
      pred.replace(/=$/, '') === fact || fact.startsWith(pred + '/') || fact.startsWith(pred + '@');
    s.dropsActual += c.dropped.length;
    for (const d of c.dropped) {
      if (c.predictedDrops.some((p) => covers(p, d))) s.dropsRight++;
      else bump(s.missedDrops, d);
    }
    const preds = [...new Set(c.predictedDrops)];
    s.dropsPredicted += preds.length;
    for (const p of preds) if (!c.dropped.some((d) => covers(p, d) || covers(d, p.replace(/=$/, '')))) bump(s.wrongDrops, p);
  }
  return s;
}

export function backwardSummary(name: string, s: BackwardScore): string {
  const recall = s.dropsActual ? s.dropsRight / s.dropsActual : 1;
  const wrong = [...s.wrongDrops.values()].reduce((a, b) => a + b, 0);
  const precision = s.dropsPredicted ? (s.dropsPredicted - wrong) / s.dropsPredicted : 1;
  return `${name}: ${s.documents} documents, older rejects ${s.rejected} (predicted ${s.rejectCaught}, ${s.rejected ? ((s.rejectCaught / s.rejected) * 100).toFixed(1) : '100.0'}%), false rejects ${s.falseRejects}; drops: ${s.dropsActual} real, ${s.dropsPredicted} predicted, recall ${recall.toFixed(3)} precision ${precision.toFixed(3)}`;
}
