/**
 * The version table checked against the RelaxNG schemas of every real
 * libvirt release this machine has: the host's own (Debian 12: 9.0), the
 * daemon roots of scripts/install-libvirt-roots.sh (bullseye 7.0, trixie
 * 11.3) and the schemas-only download of scripts/install-libvirt-schemas.sh
 * (sid: 12.8 when this was written). Like browser-compat-data's lint, it
 * checks the data, not the code that reads it:
 * - nothing the table dates after a release is in that release's schema;
 * - everything it dates up to a release is accepted by that release's schema
 *   wherever the schema describes the path;
 * - what a release's schema added over the previous release has a fact
 *   dated between the two, so an addition cannot be missing from the table.
 * A schema is not the parser (define does not validate), so this catches
 * wrong or missing dates; what a daemon does is the oracle tests' business.
 * A release that is not installed here is skipped, with its name.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { compareVersions, factsFor, VERSION_FACTS, VersionFact } from '../../server/src/languageservice/knowledge/versionFacts';
import { accepts, loadSchemaPaths, SchemaPaths } from './rngPaths';

const ROOTS = process.env.DOMXML_ROOTS ?? '/var/cache/domxml-roots';
const HOST_SCHEMAS = process.env.LIBVIRT_SCHEMA_DIR ?? '/usr/share/libvirt/schemas';

interface Release {
  /** upstream version, X.Y.Z */
  version: string;
  /** where its domain.rng is */
  entry: string;
  /** where it came from, for messages */
  from: string;
}

/** "9.0.0-4+deb12u2" -> "9.0.0" */
function upstream(debian: string): string {
  return debian.replace(/^\d+:/, '').replace(/[-+~].*$/, '');
}

/** the installed version of the package that ships the schemas, from a dpkg status file */
function dpkgLibvirtVersion(statusFile: string): string | undefined {
  if (!fs.existsSync(statusFile)) return undefined;
  const found = new Map<string, string>();
  for (const stanza of fs.readFileSync(statusFile, 'utf8').split(/\n\n+/)) {
    const pkg = /^Package: (\S+)$/m.exec(stanza)?.[1];
    const version = /^Version: (\S+)$/m.exec(stanza)?.[1];
    if (pkg && version && /^Status: .* installed$/m.test(stanza)) found.set(pkg, version);
  }
  const v = found.get('libvirt-common') ?? found.get('libvirt0');
  return v && upstream(v);
}

function findReleases(): Release[] {
  const out: Release[] = [];
  const add = (version: string | undefined, dir: string, from: string) => {
    const entry = path.join(dir, 'domain.rng');
    if (version && fs.existsSync(entry) && !out.some((r) => r.version === version)) out.push({ version, entry, from });
  };
  add(dpkgLibvirtVersion('/var/lib/dpkg/status'), HOST_SCHEMAS, 'this host');
  const roots = fs.existsSync(ROOTS) ? fs.readdirSync(ROOTS).sort() : [];
  for (const name of roots) {
    const root = path.join(ROOTS, name);
    const schemas = path.join(root, 'usr/share/libvirt/schemas');
    if (name.startsWith('schemas-')) {
      const file = path.join(root, 'VERSION');
      add(fs.existsSync(file) ? upstream(fs.readFileSync(file, 'utf8').trim()) : undefined, schemas, `${name} (schemas only)`);
    } else if (!name.endsWith('.tmp')) add(dpkgLibvirtVersion(path.join(root, 'var/lib/dpkg/status')), schemas, `the ${name} root`);
  }
  return out.sort((a, b) => compareVersions(a.version, b.version));
}

function key(f: VersionFact): string {
  return `${f.path}${f.value !== undefined ? ` = ${f.value}` : ''}${f.when ? ` ${JSON.stringify(f.when)}` : ''}`;
}

/** does the schema hold the fact: explicitly, only through a pattern or free text, or not at all (undescribed: not even its element) */
function judge(schema: SchemaPaths, f: VersionFact): 'explicit' | 'pattern' | 'text' | 'absent' | 'undescribed' {
  if (f.kind === 'element') {
    if (schema.hasElement(f.path)) return 'explicit';
    return schema.hasElement(f.path.replace(/\/[^/]+$/, '')) ? 'absent' : 'undescribed';
  }
  const m = /^(.*)\/@([^/]+)$/.exec(f.path);
  const el = m ? m[1] : f.path;
  if (!schema.hasElement(el)) return 'undescribed';
  if (f.kind === 'attribute') return schema.attribute(el, m![2]) ? 'explicit' : 'absent';
  const vs = m ? schema.attribute(el, m[2]) : schema.elements.get(el)!.text;
  if (!vs) return 'absent';
  const how = accepts(vs, f.value!);
  return how === 'value' ? 'explicit' : (how ?? 'absent');
}

/** facts the table keeps for the QEMU driver's view: other drivers' facts are dated for those drivers */
const QEMU_FACTS = VERSION_FACTS.filter((f) => !f.driver || f.driver === 'qemu');

/**
 * One schema serves every hypervisor and every variant of an element, so it
 * cannot date a fact that holds for one driver while another driver (or a
 * general fact) had it by then, nor one with a `when` condition
 * ("display= on a PCI hostdev" when mdev hostdevs had it long before).
 */
function schemaCannotTell(f: VersionFact, version: string): boolean {
  if (f.when) return true;
  return VERSION_FACTS.some(
    (o) =>
      o !== f &&
      o.path === f.path &&
      o.kind === f.kind &&
      o.value === f.value &&
      o.driver !== f.driver &&
      compareVersions(o.since, version) <= 0,
  );
}

/** every element, attribute and listed value of a schema, keyed `E path`, `A path/@name`, `V path = value` */
function schemaItems(schema: SchemaPaths): Map<string, VersionFact> {
  const out = new Map<string, VersionFact>();
  const add = (f: VersionFact) => out.set(`${f.kind === 'element' ? 'E' : f.kind === 'attribute' ? 'A' : 'V'} ${key(f)}`, f);
  for (const [p, info] of schema.elements) {
    if (!p.startsWith('/domain')) continue;
    add({ path: p, kind: 'element', since: '', source: '' });
    for (const v of info.text.values) add({ path: p, kind: 'value', value: v, since: '', source: '' });
    for (const [name, vs] of info.attributes) {
      add({ path: `${p}/@${name}`, kind: 'attribute', since: '', source: '' });
      for (const v of vs.values) add({ path: `${p}/@${name}`, kind: 'value', value: v, since: '', source: '' });
    }
  }
  return out;
}

/** a fact dated in (lo, hi] that explains the schema item: itself, its attribute, or its element or an ancestor */
function datedBetween(item: VersionFact, lo: string, hi: string): boolean {
  const inWindow = (f: VersionFact) => compareVersions(f.since, lo) > 0 && compareVersions(f.since, hi) <= 0;
  const elementPath = item.kind === 'element' ? item.path : item.path.replace(/\/@[^/]+$/, '');
  if (item.kind === 'value' && factsFor(item.path).some((f) => f.kind === 'value' && f.value === item.value && inWindow(f))) return true;
  if (item.kind !== 'element' && factsFor(item.path).some((f) => f.kind === 'attribute' && inWindow(f))) return true;
  for (let p = elementPath; p.lastIndexOf('/') > 0; p = p.slice(0, p.lastIndexOf('/')))
    if (factsFor(p).some((f) => f.kind === 'element' && inWindow(f))) return true;
  return false;
}

/**
 * What a newer schema has that the older one lacks, although the parser
 * gained nothing: each with why. Matched against `E|A|V path[ = value]`.
 */
const NOT_PARSER_ADDITIONS: [RegExp, string][] = [
  [/\/privateData(\/|$)/, 'status XML: libvirt reads it from its own state files, never from a definition'],
  [
    /^. \/domain\/devices\/disk\/(backingStore|mirror)\//,
    'the disk source structure again under <backingStore> and <mirror>: dated once, at /domain/devices/disk/source',
  ],
  [/^. \/domain\/os\/nvram\/source\//, 'the disk source structure again under <nvram>: dated at /domain/devices/disk/source'],
  [/\/dataStore\/source\//, 'the disk source structure again under <dataStore>: dated at /domain/devices/disk/source'],
  [
    /^. \/domain\/(override|deprecation)(\/|$)/,
    '<qemu:override> and <qemu:deprecation>: namespaced elements, which the walker sees without their prefix',
  ],
  [
    /\/(console|parallel|smartcard)\/target\/(@type = isa-debug|model\/@name = isa-debugcon)$/,
    'the schema shares one target define among character devices; isa-debug is a <serial> target',
  ],
  [
    /\/source\/reconnect\/@delay$/,
    'the <reconnect> define is shared with NBD disks, the one place libvirt reads delay= (disk/source/reconnect/@delay)',
  ],
  [/\/os\/nvram\/@type = (vhostvdpa|ctl)$/, 'the disk type list is shared with <nvram>, which takes file, block and network'],
  [/\/cputune\/cachetune\/@id$/, "output only: the resctrl group's id in a running domain's XML"],
];

/**
 * Additions that no "Since" note and no release note dates: the table leaves
 * them out rather than guess a release between two schemas.
 */
const UNDATED: [RegExp, string][] = [
  [
    /\/(console|parallel|serial|channel|smartcard|redirdev)\/@type = dbus$|\/rng\/backend\/@type = dbus$/,
    'the dbus character device (7.0 to 9.0)',
  ],
  [/^. \/domain\/devices\/iommu\/(address|alias)(\/|$)/, "an <iommu>'s own address and alias, for the virtio model (7.0 to 9.0)"],
  [/\/clock\/timer\/@track = realtime$/, 'timer track="realtime" (7.0 to 9.0)'],
  [/\/numa\/interconnects\/bandwidth\/@cache$/, 'a cache level on bandwidth interconnects (7.0 to 9.0)'],
  [/\/disk\/source\/(@protocol = ssh|identity\/@(username|keyfile|agentsock))$/, 'ssh disks through nbdkit (9.0 to 11.3)'],
  [/\/disk\/blockio\/@discard_granularity$/, 'blockio discard_granularity (9.0 to 11.3)'],
  [/\/interface\/backend\/@type = default$/, 'interface backend type="default" (9.0 to 11.3)'],
  [/\/(interface|hostdev)\/source\/address\/@port$/, 'a port on a host device address (11.3 to 12.8)'],
];

/** the newest release whose schema additions the table was audited against */
const AUDITED_THROUGH = '12.8.0';

describe('versionFacts against the schemas of real libvirt releases', function () {
  this.timeout(120000);
  const releases = findReleases();
  const loaded = new Map<string, SchemaPaths>();
  const schemaOf = (r: Release) => {
    let s = loaded.get(r.version);
    if (!s) loaded.set(r.version, (s = loadSchemaPaths(r.entry)));
    return s;
  };

  it('finds the releases it checks against', function () {
    console.log(`      releases: ${releases.map((r) => `${r.version} (${r.from})`).join(', ') || 'none'}`);
    if (releases.length === 0) this.skip();
    assert.ok(releases.every((r) => /^\d+\.\d+\.\d+$/.test(r.version)));
  });

  for (const want of ['7.0.0', '9.0.0', '11.3.0']) {
    it(`has libvirt ${want}'s schema (CI installs it)`, function () {
      if (!releases.some((r) => r.version === want)) {
        if (process.env.CI) assert.fail(`libvirt ${want}'s schema is missing (scripts/install-libvirt-roots.sh)`);
        this.skip();
      }
    });
  }

  describe('per release', () => {
    for (const r of releases) {
      it(`${r.version}: no fact dated after it is in its schema`, () => {
        const early = QEMU_FACTS.filter(
          (f) => compareVersions(f.since, r.version) > 0 && !schemaCannotTell(f, r.version) && judge(schemaOf(r), f) === 'explicit',
        );
        assert.deepStrictEqual(
          early.map((f) => `${key(f)} (since ${f.since}, ${f.source})`),
          [],
        );
      });

      it(`${r.version}: every fact dated up to it is in its schema where the schema describes the path`, () => {
        const known = QEMU_FACTS.filter((f) => compareVersions(f.since, r.version) <= 0);
        const verdicts = known.map((f) => ({ f, v: judge(schemaOf(r), f) }));
        const missing = verdicts.filter(({ v }) => v === 'absent').map(({ f }) => `${key(f)} (since ${f.since})`);
        const explicit = verdicts.filter(({ v }) => v === 'explicit').length;
        const undescribed = verdicts.filter(({ v }) => v === 'undescribed').length;
        console.log(
          `      ${known.length} facts <= ${r.version}: ${explicit} in the schema explicitly, ${undescribed} on paths it does not describe`,
        );
        assert.deepStrictEqual(missing, []);
        assert.ok(undescribed <= known.length * 0.02, `${undescribed} facts on paths the ${r.version} schema does not describe`);
      });
    }
  });

  /** what release i's schema added over release i-1's, sorted into dated, undated (by UNDATED entry) and unexplained; once per window */
  const windows = new Map<number, { added: number; dated: number; undated: Set<RegExp>; unexplained: string[] }>();
  const windowOf = (i: number) => {
    let w = windows.get(i);
    if (w) return w;
    const [lo, hi] = [releases[i - 1], releases[i]];
    const before = schemaItems(schemaOf(lo));
    w = { added: 0, dated: 0, undated: new Set(), unexplained: [] };
    for (const [k, item] of schemaItems(schemaOf(hi))) {
      if (before.has(k) || NOT_PARSER_ADDITIONS.some(([re]) => re.test(k))) continue;
      w.added++;
      const undated = UNDATED.find(([re]) => re.test(k));
      if (datedBetween(item, lo.version, hi.version)) w.dated++;
      else if (undated) w.undated.add(undated[0]);
      else w.unexplained.push(k);
    }
    windows.set(i, w);
    return w;
  };

  describe('what each release added over the previous one', () => {
    for (let i = 1; i < releases.length; i++) {
      const [lo, hi] = [releases[i - 1], releases[i]];
      it(`${hi.version}: every addition over ${lo.version} is dated between them, or listed with why not`, () => {
        const w = windowOf(i);
        console.log(
          `      ${w.added} additions from ${lo.version} to ${hi.version}: ${w.dated} dated, ${w.added - w.dated - w.unexplained.length} listed as undated`,
        );
        // past the audited release (sid moves on), new additions are reported, not failed on
        if (compareVersions(hi.version, AUDITED_THROUGH) > 0) {
          if (w.unexplained.length) console.log(`      not yet audited: ${w.unexplained.join('; ')}`);
          return;
        }
        assert.deepStrictEqual(w.unexplained, []);
      });
    }

    it('lists no undated addition that the table has dated since', function () {
      if (releases.length < 2) this.skip();
      const seen = new Set<RegExp>();
      for (let i = 1; i < releases.length; i++) for (const re of windowOf(i).undated) seen.add(re);
      assert.deepStrictEqual(
        UNDATED.filter(([re]) => !seen.has(re)).map(([, why]) => why),
        [],
      );
    });
  });
});
