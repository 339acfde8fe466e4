/**
 * Precision of the drop warnings on documents outside shared/ (issue 12):
 * each file of a directory (e.g. a newer libvirt's tests/qemuxmlconfdata) is
 * prepared like every oracle input and defined in one real daemon; the
 * language service checks it under that daemon's profile with that daemon's
 * own schemas, as `domxml check` on that host would. Every `define-drop` and
 * every target `version-drop` names an element or attribute; it is confirmed
 * when the daemon's `dumpxml --inactive` lacks it. Answers are cached
 * (~/.cache/domxml-oracle).
 *
 * node out/bench/dropPrecision.js DIR... [--daemon 9.0] [--list]
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../server/src/languageservice/languageService';
import { builtinProfile } from '../server/src/languageservice/profiles/builtinProfiles';
import { parseXml } from '../server/src/languageservice/parser/xmlParser';
import { elementAt, walkElements, XmlElement } from '../server/src/languageservice/parser/xmlNodes';
import { xmlFiles } from '../test/helpers';
import { prepareForOracle } from '../test/oracle/prepare';
import { DAEMONS, defineAndDump } from '../test/oracle/virsh';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** the daemon's own RelaxNG schemas: the host's for 9.0, its root's for the others */
function schemaDirectory(suite: string): string {
  const inRoot = `/var/cache/domxml-roots/${suite}/usr/share/libvirt/schemas`;
  return fs.existsSync(inRoot) ? inRoot : '/usr/share/libvirt/schemas';
}

/** the element a finding is on, and the attribute it names (undefined: the element itself) */
function target(parsed: ReturnType<typeof parseXml>, start: number): { el: XmlElement; attr?: string } | undefined {
  const el = elementAt(parsed, start);
  if (!el) return undefined;
  const a = el.attributes.find((x) => x.nameStart === start);
  return a ? { el, attr: a.name } : { el };
}

function main(): void {
  const dirs = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
  if (!dirs.length) return void console.log('usage: dropPrecision DIR... [--daemon 9.0] [--list]');
  const daemon = DAEMONS.find((d) => d.version === arg('--daemon', '9.0'))!;
  const profile = builtinProfile(daemon.profile)!;
  const service = getLanguageService({
    localProfile: () => profile,
    readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined),
  });
  service.configure({ profile: daemon.profile, schemaDirectory: schemaDirectory(daemon.suite) });
  const counts = new Map<string, { said: number; confirmed: number }>();
  const wrong: string[] = [];
  let accepted = 0;
  for (const file of dirs.flatMap((d) => xmlFiles(d))) {
    const text = prepareForOracle(fs.readFileSync(file, 'utf8'));
    const document = TextDocument.create(`file://${file}`, 'xml', 1, text);
    if (!service.isDomainDocument(document)) continue;
    const r = defineAndDump(text, {}, daemon);
    if (!r.ok) continue;
    accepted++;
    const findings = service
      .findings(document)
      .filter(
        (f) => f.rule === 'define-drop' || (f.rule === 'version-drop' && f.data?.scope === 'target' && f.data?.outcome === 'dropped'),
      );
    if (!findings.length) continue;
    const dumped = [...walkElements(parseXml(r.xml).root!)];
    const parsed = parseXml(text);
    for (const f of findings) {
      const t = target(parsed, f.start);
      if (!t) continue;
      const c = counts.get(f.rule) ?? { said: 0, confirmed: 0 };
      counts.set(f.rule, c);
      c.said++;
      // a drop said on an element for one of its attributes (a channel's socket path) names it in its data
      const named = /\/@([^/]+)$/.exec(String(f.data?.path ?? ''))?.[1];
      const attr = t.attr ?? named;
      const value = named && !t.attr ? (f.data?.value as string | undefined) : undefined;
      const still = dumped.some(
        (e) => e.xpath === t.el.xpath && (!attr || (value === undefined ? e.hasAttr(attr) : e.attr(attr) === value)),
      );
      if (still) wrong.push(`${path.basename(file)}: [${f.rule}] ${t.el.xpath}${attr ? `/@${attr}` : ''} is still in the dump`);
      else c.confirmed++;
    }
  }
  const all = [...counts.values()].reduce((a, c) => ({ said: a.said + c.said, confirmed: a.confirmed + c.confirmed }), {
    said: 0,
    confirmed: 0,
  });
  const per = [...counts].map(([rule, c]) => `${rule} ${c.confirmed}/${c.said}`).join(', ');
  console.log(
    `libvirt ${daemon.version}: ${accepted} documents defined; drops said ${all.said}, confirmed by dumpxml ${all.confirmed}` +
      ` (precision ${all.said ? (all.confirmed / all.said).toFixed(3) : 'n/a'}; ${per || 'none'})`,
  );
  for (const w of process.argv.includes('--list') ? wrong : wrong.slice(0, 15)) console.log(`  ${w}`);
}

main();
