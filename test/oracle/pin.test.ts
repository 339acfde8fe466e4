/**
 * Pinning against real libvirt: a pinned document must define to the same
 * guest as the original, whoever is to blame when it does not (identical `dumpxml --inactive` apart from uuid,
 * name and generated MACs), and must leave nothing ABI-relevant for libvirt
 * to fill in. Run over the fixtures and the shared corpus on each real daemon
 * (7.0, 9.0, 11.3) with the profile predicting it; prints the share of
 * ABI-identical documents. A daemon that is not running is skipped.
 *
 * Set DOMXML_PIN_VERBOSE=1 to print the differing lines of each mismatch.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DomainDocument } from '../../server/src/languageservice/domainDocument';
import { expandDomain, Expansion, formatExpansion } from '../../server/src/languageservice/expander/expand';
import { builtinProfile } from '../../server/src/languageservice/profiles/builtinProfiles';
import { pinText, selectPinFills } from '../../server/src/languageservice/services/pin';
import { FIXTURES, SHARED_CORPUS, xmlFiles } from '../helpers';
import { factsOfXml, scoreDocument } from './facts';
import { prepareForOracle } from './prepare';
import { DAEMONS, defineAndDump, HOST_DAEMON, libvirtAvailable, OracleDaemon, unavailableReason } from './virsh';

function parse(text: string): DomainDocument {
  return new DomainDocument(TextDocument.create('file:///pin-oracle.xml', 'xml', 1, text));
}

/** what may differ between two defines of the same guest */
export function normaliseDump(xml: string): string {
  return xml
    .replace(/<uuid>[^<]*<\/uuid>/g, '<uuid/>')
    .replace(/<name>[^<]*<\/name>/, '<name/>')
    .replace(/(<mac address=)(['"])[^'"]*\2/g, "$1'(generated)'");
}

/**
 * The dump with its controllers sorted by type and index. Controllers libvirt
 * adds after parsing are appended to the list, while controllers written in
 * a document are grouped by type as they are parsed: a pinned implicit
 * controller is therefore listed elsewhere. The order of controllers is not
 * guest-visible (their addresses, compared separately, are); the order of
 * other devices can be (the first disk is the boot disk) and is kept.
 */
export function sortControllers(xml: string): string {
  const lines = xml.split('\n');
  const blocks: string[][] = [];
  const slots: number[] = [];
  const out: (string | null)[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^( *)<controller\b/.exec(lines[i]);
    if (!m) {
      out.push(lines[i]);
      continue;
    }
    const block = [lines[i]];
    if (!/\/>\s*$/.test(lines[i])) {
      while (i + 1 < lines.length && !lines[i].startsWith(`${m[1]}</controller>`)) block.push(lines[++i]);
    }
    slots.push(out.length);
    out.push(null);
    blocks.push(block);
  }
  const key = (b: string[]) => {
    const type = /type=['"]([^'"]*)['"]/.exec(b[0])?.[1] ?? '';
    const index = Number(/index=['"](\d+)['"]/.exec(b[0])?.[1] ?? 0);
    return { type, index };
  };
  const sorted = [...blocks].sort((a, b) => key(a).type.localeCompare(key(b).type) || key(a).index - key(b).index);
  slots.forEach((slot, i) => (out[slot] = sorted[i].join('\n')));
  return out.join('\n');
}

/** the lines of b that are not in a and the other way round (for messages) */
function lineDiff(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  const sa = new Set(la);
  const sb = new Set(lb);
  return [...la.filter((l) => !sb.has(l)).map((l) => `- ${l.trim()}`), ...lb.filter((l) => !sa.has(l)).map((l) => `+ ${l.trim()}`)].join(
    '\n',
  );
}

export interface PinOracleResult {
  file: string;
  status:
    'identical' | 'identical-but-controller-order' | 'different' | 'pinned-rejected' | 'original-rejected' | 'not-a-domain' | 'abi-left';
  detail?: string;
  /**
   * for a failure: 'expander' when the expander predicted a value libvirt does not fill in (the pin wrote
   * what it was told), 'pin' when every prediction the pin wrote was right
   */
  blame?: 'expander' | 'pin';
}

/** the predictions the pin wrote that libvirt does not make ('' when the expander was right about them) */
function wrongPredictions(input: string, expansion: Expansion, dumped: string, pinned: string): string {
  const written = factsOfXml(pinned);
  return scoreDocument(input, formatExpansion(expansion), dumped)
    .wrong.filter((f) => written.has(f))
    .join('\n');
}

export function pinAgainstLibvirt(file: string, addresses: boolean, daemon: OracleDaemon = HOST_DAEMON): PinOracleResult {
  const profile = builtinProfile(daemon.profile)!;
  const input = prepareForOracle(fs.readFileSync(file, 'utf8'));
  const doc = parse(input);
  if (!doc.domain || doc.xml.errors.length) return { file, status: 'not-a-domain' };
  const original = defineAndDump(input, {}, daemon);
  if (!original.ok) return { file, status: 'original-rejected', detail: original.error };
  const expansion = expandDomain(doc.domain, profile);
  const pinned = pinText(doc, expansion, { addresses });
  const blamed = (r: PinOracleResult): PinOracleResult => {
    const wrong = wrongPredictions(input, expansion, original.xml, pinned);
    return wrong
      ? { ...r, blame: 'expander', detail: `${r.detail}\n  the expander predicted what libvirt does not do:\n${wrong}` }
      : { ...r, blame: 'pin' };
  };
  const after = parse(pinned);
  // what a second pin would still write (fills a pin holds back on purpose, such as a disk bus that would reorder the disks, are not counted)
  const left = selectPinFills(expandDomain(after.domain!, profile), { addresses });
  const defined = defineAndDump(pinned, {}, daemon);
  if (!defined.ok) return blamed({ file, status: 'pinned-rejected', detail: defined.error });
  const a = normaliseDump(original.xml);
  const b = normaliseDump(defined.xml);
  if (a !== b && sortControllers(a) !== sortControllers(b))
    return blamed({ file, status: 'different', detail: lineDiff(a, b) || '(same lines, other order)' });
  if (left.length)
    return blamed({
      file,
      status: 'abi-left',
      detail: left.map((f) => `${f.rule}: ${f.node.name}${f.attribute ? `@${f.attribute}` : ''}=${f.value ?? ''}`).join('; '),
    });
  return { file, status: a === b ? 'identical' : 'identical-but-controller-order' };
}

const same = (r: PinOracleResult) => r.status === 'identical' || r.status === 'identical-but-controller-order';

function corpora(): { name: string; files: string[] }[] {
  return [
    { name: 'fixtures', files: xmlFiles(path.join(FIXTURES, 'domains')) },
    { name: 'shared virt-install corpus', files: xmlFiles(path.join(SHARED_CORPUS, 'virt-install')) },
    { name: 'shared libvirt-tests corpus', files: xmlFiles(path.join(SHARED_CORPUS, 'libvirt-tests')) },
  ].filter((c) => c.files.length);
}

function summarise(name: string, results: PinOracleResult[]): { defined: number; identical: number; report: string } {
  const defined = results.filter((r) => r.status !== 'original-rejected' && r.status !== 'not-a-domain');
  const identical = defined.filter(same).length;
  const reordered = defined.filter((r) => r.status === 'identical-but-controller-order').length;
  const pct = defined.length ? ((100 * identical) / defined.length).toFixed(1) : '100.0';
  const expanderBlamed = defined.filter((r) => r.blame === 'expander').length;
  const bad = defined.filter((r) => !same(r));
  const verbose = !!process.env.DOMXML_PIN_VERBOSE;
  const lines = bad.map(
    (r) =>
      `    ${r.status} (${r.blame === 'pin' ? 'PIN' : 'expander'}): ${path.basename(r.file)}${verbose && r.detail ? `\n      ${r.detail.replace(/\n/g, '\n      ')}` : ''}`,
  );
  return {
    defined: defined.length,
    identical,
    report: `  ${name}: ${identical}/${defined.length} ABI-identical after pinning (${pct}%; ${reordered} of them list controllers in another order; ${expanderBlamed} of the rest from wrong expander predictions), ${results.length - defined.length} not definable as written${lines.length ? `\n${lines.join('\n')}` : ''}`,
  };
}

for (const daemon of DAEMONS) {
  describe(`pin against libvirt ${daemon.version} (oracle, profile ${daemon.profile})`, function () {
    this.timeout(0);
    before(function () {
      if (!libvirtAvailable(daemon)) {
        console.log(`      skipped: ${unavailableReason(daemon)}`);
        this.skip();
      }
    });

    for (const addresses of [false, true]) {
      describe(addresses ? 'ABI defaults and addresses' : 'ABI defaults', () => {
        for (const c of corpora()) {
          it(`${c.name}: the pinned document defines to the same guest and leaves no ABI default`, () => {
            const results = c.files.map((f) => pinAgainstLibvirt(f, addresses, daemon));
            const s = summarise(c.name, results);
            console.log(s.report);
            // Whatever the pin writes must define on the target to the same guest: a pinned document libvirt
            // rejects, or one that defines to another guest, fails whether the expander or the writer is to blame
            // (the blame, printed above, says where to fix it).
            const bad = results.filter((r) => r.blame !== undefined);
            assert.deepStrictEqual(
              bad.map((r) => `${r.status} (${r.blame}) ${path.basename(r.file)}: ${r.detail}`),
              [],
            );
          });
        }
      });
    }
  });
}
