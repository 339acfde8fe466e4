/**
 * The inventory of libvirt's define-time checks (issue #20): every
 * virReportError site in the files of the QEMU driver's define path, for
 * libvirt 7.0.0, 9.0.0 and 11.3.0, with what we know about each.
 *
 * - `extractSites` reads libvirt's source trees (one per version) and lists
 *   the sites: file, function, message, versions where that exact message
 *   exists in that function. Only the message text is taken (it is what the
 *   user sees from `virsh define`; matching our diagnostics against it needs
 *   it); no code.
 * - docs/libvirt-inventory/sites.json holds the extraction (generated),
 *   docs/libvirt-inventory/states.json our words per row: condition, whether
 *   it needs host facts, state and the test that covers it.
 * - `renderInventory` makes docs/libvirt-inventory.md from both; a unit test
 *   keeps the page in sync.
 *
 * Regenerate: `node out/test/inventory/generate.js` (after `npx tsc -b`).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export const INVENTORY_FILES = [
  'src/conf/domain_conf.c',
  'src/conf/domain_validate.c',
  'src/conf/domain_addr.c',
  'src/qemu/qemu_domain.c',
  'src/qemu/qemu_domain_address.c',
  'src/qemu/qemu_validate.c',
] as const;

export const INVENTORY_VERSIONS: { version: string; tree: string }[] = [
  { version: '7.0.0', tree: '/work/src/bullseye/libvirt' },
  { version: '9.0.0', tree: '/work/src/bookworm/libvirt' },
  { version: '11.3.0', tree: '/work/src/trixie/libvirt' },
];

export interface Site {
  id: string;
  file: string;
  function: string;
  message: string;
  /** libvirt versions whose source has this message in this function */
  versions: string[];
  /** on the define path (parse, post-parse, validate, address assignment), by the function's name */
  definePath: boolean;
}

export type State = 'modelled' | 'host-facts' | 'not-applicable' | 'not-yet';

export interface RowState {
  /** when libvirt reports it, in our words */
  condition?: string;
  /** needs facts of the host (domcapabilities, qemu.conf, files) */
  hostFacts?: boolean;
  state: State;
  /** the unit test (file: title) that covers a modelled row */
  test?: string;
}

/** functions that only format, or act on running domains, snapshots, jobs: not reached by `virsh define` */
const NOT_DEFINE =
  /Format|^qemuDomainObj|Snapshot|Checkpoint|Migrat|Job|Hotplug|Attach|Detach|Update|Live|Save|Restore|Namespace|Block(?!IO)|Agent|Monitor|Secret|Storage|Cgroup|Log|Chain|Backup|Diff|Equal|Stable|ABI/;

function functionAt(lines: string[], index: number): string {
  // libvirt style: the function name starts a line at column 0, followed by '('
  for (let i = index; i >= 0; i--) {
    const m = /^([A-Za-z_]\w*)\(/.exec(lines[i]);
    if (m) return m[1];
  }
  return '';
}

/** the message of one call: the string literals of its first _( ... ) (or of the call when it has none) */
function messageOf(call: string): string {
  const gettext = /_\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)/.exec(call);
  const literals = gettext ? gettext[1] : call;
  const parts = [...literals.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  // 11.x numbers its format arguments (%1$s); the message is the same
  return parts
    .join('')
    .replace(/\\"/g, '"')
    .replace(/\\n/g, ' ')
    .replace(/%\d+\$/g, '%')
    .trim();
}

function sitesOf(source: string, file: string): { function: string; message: string }[] {
  const lines = source.split('\n');
  const offsets: number[] = [];
  let o = 0;
  for (const l of lines) {
    offsets.push(o);
    o += l.length + 1;
  }
  const out: { function: string; message: string }[] = [];
  const re = /\bvirReportError\s*\(/g;
  let m: RegExpExecArray | null;
  let line = 0;
  while ((m = re.exec(source)) !== null) {
    while (line + 1 < offsets.length && offsets[line + 1] <= m.index) line++;
    const end = source.indexOf(');', m.index);
    const call = source.slice(m.index, end < 0 ? m.index + 400 : end);
    const message = messageOf(call.slice(call.indexOf(',') + 1));
    if (!message) continue;
    out.push({ function: functionAt(lines, line), message });
  }
  void file;
  return out;
}

export function siteId(file: string, fn: string, message: string): string {
  return crypto.createHash('sha1').update(`${file}\u0000${fn}\u0000${message}`).digest('hex').slice(0, 10);
}

/** the sites of every version whose tree exists; undefined when none does */
export function extractSites(versions = INVENTORY_VERSIONS): Site[] | undefined {
  const byId = new Map<string, Site>();
  let any = false;
  for (const { version, tree } of versions) {
    for (const file of INVENTORY_FILES) {
      const p = path.join(tree, file);
      if (!fs.existsSync(p)) continue;
      any = true;
      for (const s of sitesOf(fs.readFileSync(p, 'utf8'), file)) {
        const id = siteId(file, s.function, s.message);
        const row = byId.get(id) ?? {
          id,
          file,
          function: s.function,
          message: s.message,
          versions: [],
          definePath: !NOT_DEFINE.test(s.function),
        };
        if (!row.versions.includes(version)) row.versions.push(version);
        byId.set(id, row);
      }
    }
  }
  if (!any) return undefined;
  return [...byId.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.function.localeCompare(b.function) || a.message.localeCompare(b.message),
  );
}

/** host facts by the message's words, where states.json does not say */
export function hostFactsByMessage(message: string): boolean {
  return /QEMU binary|this QEMU|this version of QEMU|qemu\.conf|not supported by (the )?(host|emulator|QEMU)|emulator|host CPU|domain capabilities|firmware .*(found|available)|No .* found|cannot (open|read|stat|access)|does not exist|hugepage/i.test(
    message,
  );
}

export function stateOf(site: Site, states: Record<string, RowState>): RowState {
  const s = states[site.id];
  if (s) return s;
  if (!site.definePath) return { state: 'not-applicable', condition: 'not reached by define (formatting, running domains, jobs)' };
  if (hostFactsByMessage(site.message)) return { state: 'host-facts', hostFacts: true };
  return { state: 'not-yet' };
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\s+/g, ' ');
const short = (v: string) => v.split('.').slice(0, 2).join('.');

export function renderInventory(sites: Site[], states: Record<string, RowState>): string {
  const rows = sites.map((s) => ({ site: s, st: stateOf(s, states) }));
  const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  const onPath = rows.filter((r) => r.st.state !== 'not-applicable');
  const noHost = onPath.filter((r) => !(r.st.hostFacts ?? r.st.state === 'host-facts'));
  const modelled = noHost.filter((r) => r.st.state === 'modelled').length;
  const out: string[] = [];
  out.push("# Inventory of libvirt's define-time checks");
  out.push('');
  out.push("Generated by `node out/test/inventory/generate.js` from libvirt's source (7.0.0, 9.0.0, 11.3.0) and");
  out.push('`docs/libvirt-inventory/states.json`; do not edit by hand (test/unit/libvirtInventory.test.ts keeps it in sync).');
  out.push('Each row is one `virReportError` site in ' + INVENTORY_FILES.map((f) => `\`${f}\``).join(', ') + ':');
  out.push("the function, libvirt's message (what `virsh define` prints), the versions whose source has it, whether it");
  out.push('needs host facts, and its state here. A message that changed between versions is two rows, each with its versions.');
  out.push('Host facts and "not on the define path" are decided by states.json where a row has an entry, otherwise by the');
  out.push('message\'s words and the function\'s name (marked "by message" / "by name").');
  out.push('');
  out.push('## Summary');
  out.push('');
  out.push(
    `- sites: ${rows.length} (7.0: ${count((r) => r.site.versions.includes('7.0.0'))}, 9.0: ${count((r) => r.site.versions.includes('9.0.0'))}, 11.3: ${count((r) => r.site.versions.includes('11.3.0'))})`,
  );
  out.push(`- not on the define path: ${rows.length - onPath.length}`);
  out.push(`- on the define path: ${onPath.length}; needing host facts: ${onPath.length - noHost.length}; needing none: ${noHost.length}`);
  out.push(
    `- **modelled with a test: ${modelled} of ${noHost.length} rows that need no host facts (${noHost.length ? ((100 * modelled) / noHost.length).toFixed(1) : '0.0'}%)**`,
  );
  out.push(`- host-facts rows checked with domcapabilities: ${count((r) => r.st.state === 'host-facts' && !!r.st.test)}`);
  out.push('');
  out.push('Values that libvirt 7.0 fills differently from 9.0 (mostly serial `<target type>` on ARM and pSeries) are default');
  out.push('fills, not losses: the expander models them per version and they need no warning.');
  out.push('');
  for (const file of INVENTORY_FILES) {
    const inFile = rows.filter((r) => r.site.file === file && r.st.state !== 'not-applicable');
    if (!inFile.length) continue;
    out.push(`## ${file}`);
    out.push('');
    out.push('| function | message | versions | host facts | state | condition / test |');
    out.push('| --- | --- | --- | --- | --- | --- |');
    for (const { site, st } of inFile) {
      const host = st.hostFacts !== undefined ? (st.hostFacts ? 'yes' : 'no') : st.state === 'host-facts' ? 'yes (by message)' : 'no';
      const cond = [st.condition, st.test ? `test: ${st.test}` : ''].filter(Boolean).join('; ');
      out.push(`| ${site.function} | ${md(site.message)} | ${site.versions.map(short).join(', ')} | ${host} | ${st.state} | ${md(cond)} |`);
    }
    out.push('');
  }
  const skipped = rows.filter((r) => r.st.state === 'not-applicable');
  out.push('## Not on the define path (by name)');
  out.push('');
  out.push(
    `${skipped.length} sites in functions that format XML or act on running domains, jobs, snapshots: ` +
      [...new Set(skipped.map((r) => `\`${r.site.function}\``))].length +
      ' functions.',
  );
  out.push('');
  return out.join('\n');
}

export const INVENTORY_DIR = path.resolve(__dirname, '..', '..', '..', 'docs', 'libvirt-inventory');
export const INVENTORY_PAGE = path.resolve(__dirname, '..', '..', '..', 'docs', 'libvirt-inventory.md');

export function loadInventory(): { sites: Site[]; states: Record<string, RowState> } {
  return {
    sites: JSON.parse(fs.readFileSync(path.join(INVENTORY_DIR, 'sites.json'), 'utf8')) as Site[],
    states: JSON.parse(fs.readFileSync(path.join(INVENTORY_DIR, 'states.json'), 'utf8')) as Record<string, RowState>,
  };
}
