/**
 * The version knowledge table: schema checks on every fact, the lookup
 * helpers, and a cross-check against a real libvirt release installed on
 * this machine (libvirt 9.0.0's RelaxNG schemas in /usr/share/libvirt/schemas).
 *
 * The cross-check is how wrong facts are caught: everything the table says
 * libvirt <= 9.0.0 knows must be accepted by the 9.0 schema where that
 * schema describes the path, and most of what it says arrived after 9.0.0
 * must not be there yet.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  checkAgainstFloor,
  compareVersions,
  factsFor,
  factsNewerThan,
  parseVersion,
  sinceOf,
  VERSION_FACTS,
  VersionFact,
} from '../../server/src/languageservice/knowledge/versionFacts';
import { accepts, loadSchemaPaths, SchemaPaths } from './rngPaths';

const SCHEMA_DIR = process.env.LIBVIRT_SCHEMA_DIR ?? '/usr/share/libvirt/schemas';
/** the libvirt release whose schemas are installed here (Debian 12: 9.0.0) */
const SCHEMA_VERSION = process.env.LIBVIRT_SCHEMA_VERSION ?? '9.0.0';

const VERSION_RE = /^\d+\.\d+\.\d+$/;
const DRIVERS = new Set(['qemu', 'xen', 'lxc', 'bhyve', 'vbox', 'vmware', 'esx', 'hyperv', 'openvz', 'vz', 'ch', 'test']);

function key(f: VersionFact): string {
  return `${f.path} ${f.value ?? ''} ${f.when ? JSON.stringify(f.when) : ''}`;
}

describe('versionFacts: table schema', () => {
  it('has at least 600 facts', () => {
    assert.ok(VERSION_FACTS.length >= 600, `only ${VERSION_FACTS.length} facts`);
  });

  it('every fact is well-formed', () => {
    const problems: string[] = [];
    for (const f of VERSION_FACTS) {
      const where = JSON.stringify(f);
      const allowed = new Set(['path', 'value', 'kind', 'since', 'driver', 'qemu', 'qemuRemoved', 'verifiedOn', 'when', 'source']);
      for (const k of Object.keys(f)) if (!allowed.has(k)) problems.push(`unknown key ${k}: ${where}`);
      if (!/^\/domain(\/[A-Za-z_][\w.:-]*)*(\/@[A-Za-z_][\w.:-]*)?$/.test(f.path)) problems.push(`bad path: ${where}`);
      if (!['element', 'attribute', 'value'].includes(f.kind)) problems.push(`bad kind: ${where}`);
      if (f.kind === 'attribute' && !/\/@[^/]+$/.test(f.path)) problems.push(`attribute path without /@: ${where}`);
      if (f.kind === 'element' && f.path.includes('@')) problems.push(`element path with @: ${where}`);
      if (f.kind === 'value' && (typeof f.value !== 'string' || f.value === '')) problems.push(`value fact without value: ${where}`);
      if (f.kind !== 'value' && f.value !== undefined) problems.push(`non-value fact with value: ${where}`);
      if (!VERSION_RE.test(f.since) || !parseVersion(f.since)) problems.push(`bad since: ${where}`);
      if (f.qemu !== undefined && !VERSION_RE.test(f.qemu)) problems.push(`bad qemu version: ${where}`);
      if (f.qemuRemoved !== undefined && !VERSION_RE.test(f.qemuRemoved)) problems.push(`bad qemuRemoved version: ${where}`);
      if (f.qemuRemoved !== undefined && f.qemu !== undefined && compareVersions(f.qemu, f.qemuRemoved) >= 0)
        problems.push(`removed before it was added (qemu ${f.qemu}, qemuRemoved ${f.qemuRemoved}): ${where}`);
      if (f.driver !== undefined && !DRIVERS.has(f.driver)) problems.push(`unknown driver: ${where}`);
      if (f.when !== undefined) {
        if (f.kind !== 'value' || typeof f.when !== 'object') problems.push(`when only on value facts: ${where}`);
        else
          for (const [k, v] of Object.entries(f.when)) if (!k.startsWith('@') || typeof v !== 'string') problems.push(`bad when: ${where}`);
      }
      if (!/^(formatdomain\.rst#[a-z0-9-]+|NEWS\.rst v\d+\.\d+\.\d+|[\w./-]+\.(c|h|rng|rst|md))$/.test(f.source)) {
        problems.push(`bad source: ${where}`);
      }
    }
    assert.deepStrictEqual(problems, []);
  });

  it('has no duplicate (path, value, when) entries', () => {
    const seen = new Map<string, number>();
    for (const f of VERSION_FACTS) seen.set(key(f), (seen.get(key(f)) ?? 0) + 1);
    const dups = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
    assert.deepStrictEqual(dups, []);
  });

  it('never dates a value, attribute or child before the element that holds it', () => {
    // an attribute/value cannot be older than its element when both are recorded
    const problems: string[] = [];
    for (const f of VERSION_FACTS) {
      const elementPath = f.kind === 'value' && !f.path.includes('/@') ? f.path : f.path.replace(/\/@[^/]+$/, '');
      const container = f.kind === 'element' ? f.path.replace(/\/[^/]+$/, '') : elementPath;
      if (container === f.path) continue;
      const parent = factsFor(container).find((p) => p.kind === 'element');
      if (parent && !parent.driver && !f.driver && compareVersions(f.since, parent.since) < 0) {
        problems.push(`${key(f)} since ${f.since} < ${container} since ${parent.since}`);
      }
      if (f.kind === 'value' && f.path.includes('/@')) {
        const attr = factsFor(f.path).find((p) => p.kind === 'attribute');
        if (attr && !attr.driver && !f.driver && compareVersions(f.since, attr.since) < 0) {
          problems.push(`${key(f)} since ${f.since} < attribute since ${attr.since}`);
        }
      }
    }
    assert.deepStrictEqual(problems, []);
  });
});

describe('versionFacts: lookups', () => {
  it('parses and compares versions', () => {
    assert.deepStrictEqual(parseVersion('9.0.0'), [9, 0, 0]);
    assert.deepStrictEqual(parseVersion('v1.2'), [1, 2, 0]);
    assert.strictEqual(parseVersion('nine'), null);
    assert.ok(compareVersions('5.2.0', '5.10.0') < 0);
    assert.ok(compareVersions('10.0.0', '9.10.0') > 0);
    assert.strictEqual(compareVersions('3.2.0', '3.2'), 0);
  });

  it('answers the seed cases', () => {
    assert.strictEqual(sinceOf('/domain/cpu/@check')?.since, '3.2.0');
    assert.strictEqual(sinceOf('/domain/devices/controller/@model', 'virtio-transitional', { '@type': 'scsi' })?.since, '5.2.0');
    assert.strictEqual(sinceOf('/domain/devices/disk/@model', 'virtio-non-transitional')?.since, '5.2.0');
    assert.strictEqual(sinceOf('/domain/launchSecurity/@type', 'sev')?.since, '4.5.0');
    assert.strictEqual(sinceOf('/domain/launchSecurity/@type', 'sev-snp')?.since, '10.5.0');
    assert.strictEqual(sinceOf('/domain/devices/panic/@model', 'pvpanic')?.since, '9.1.0');
    assert.strictEqual(sinceOf('/domain/os/firmware')?.since, '7.2.0');
    assert.ok(sinceOf('/domain/devices/sound/@model', 'virtio'));
    assert.ok(sinceOf('/domain/devices/video/model/@type', 'virtio'));
  });

  it('uses when-conditions to pick controller models', () => {
    // qemu-xhci is a USB controller model; it does not exist for other types
    const usb = sinceOf('/domain/devices/controller/@model', 'qemu-xhci', { '@type': 'usb' });
    assert.ok(usb, 'qemu-xhci fact');
    assert.strictEqual(sinceOf('/domain/devices/controller/@model', 'qemu-xhci', { '@type': 'pci' }), undefined);
    assert.strictEqual(sinceOf('/domain/devices/controller/@model', 'qemu-xhci', { type: 'usb' })?.since, usb!.since);
  });

  it('tells rejected from dropped against a floor', () => {
    // the attribute is older than the floor, the value is not: the define fails
    const scsi = checkAgainstFloor('5.0.0', '/domain/devices/controller/@model', 'virtio-transitional', { '@type': 'scsi' });
    assert.strictEqual(scsi?.outcome, 'rejected');
    assert.strictEqual(scsi?.fact.since, '5.2.0');
    // disk/@model itself is 5.2.0: on 5.0 the whole attribute is dropped
    const disk = checkAgainstFloor('5.0.0', '/domain/devices/disk/@model', 'virtio-transitional');
    assert.strictEqual(disk?.outcome, 'dropped');
    assert.strictEqual(disk?.fact.kind, 'attribute');
    assert.strictEqual(checkAgainstFloor('3.0.0', '/domain/cpu/@check', 'full')?.outcome, 'dropped');
    // unknown children of <features> fail the define
    assert.strictEqual(checkAgainstFloor('9.0.0', '/domain/features/async-teardown')?.outcome, 'rejected');
    assert.strictEqual(checkAgainstFloor('9.0.0', '/domain/features/hyperv/emsr_bitmap')?.outcome, 'rejected');
    // the NIC model is a free string
    assert.strictEqual(checkAgainstFloor('5.0.0', '/domain/devices/interface/model/@type', 'virtio-transitional')?.outcome, 'unchecked');
    assert.strictEqual(checkAgainstFloor('9.0.0', '/domain/devices/controller/@model', 'qemu-xhci', { '@type': 'usb' }), undefined);
  });

  it('returns nothing for unknown paths and filters by floor', () => {
    assert.strictEqual(sinceOf('/domain/nope'), undefined);
    assert.deepStrictEqual(factsFor('/domain/nope'), []);
    const newer = factsNewerThan('9.0.0', 'qemu');
    assert.ok(newer.length > 0);
    assert.ok(newer.every((f) => compareVersions(f.since, '9.0.0') > 0 && (!f.driver || f.driver === 'qemu')));
  });
});

interface Verdict {
  /** the schema has an element at the fact's element path (so it can judge) */
  describes: boolean;
  /** the schema explicitly has the element / attribute / literal value */
  explicit: boolean;
  /** the value is not listed but matches a <data> pattern of the attribute */
  byPattern: boolean;
  /** the value is only accepted because the attribute takes any text */
  freeformOnly: boolean;
}

function judge(schema: SchemaPaths, f: VersionFact): Verdict {
  if (f.kind === 'element') {
    const parent = f.path.replace(/\/[^/]+$/, '');
    const explicit = schema.hasElement(f.path);
    return { describes: explicit || schema.hasElement(parent), explicit, byPattern: false, freeformOnly: false };
  }
  const m = /^(.*)\/@([^/]+)$/.exec(f.path);
  if (f.kind === 'attribute') {
    const el = m![1];
    return { describes: schema.hasElement(el), explicit: !!schema.attribute(el, m![2]), byPattern: false, freeformOnly: false };
  }
  // value of an attribute, or of the element's own text
  const el = m ? m[1] : f.path;
  if (!schema.hasElement(el)) return { describes: false, explicit: false, byPattern: false, freeformOnly: false };
  const vs = m ? schema.attribute(el, m[2]) : schema.elements.get(el)!.text;
  if (!vs) return { describes: true, explicit: false, byPattern: false, freeformOnly: false };
  const how = accepts(vs, f.value!);
  return { describes: true, explicit: how === 'value', byPattern: how === 'pattern', freeformOnly: how === 'text' };
}

describe(`versionFacts: cross-check against the libvirt ${SCHEMA_VERSION} RelaxNG schemas`, function () {
  this.timeout(60000);
  const entry = path.join(SCHEMA_DIR, 'domain.rng');
  let schema: SchemaPaths;

  before(function () {
    if (!fs.existsSync(entry)) this.skip();
    schema = loadSchemaPaths(entry);
  });

  it('walks the schema into element paths', () => {
    assert.ok(schema.hasElement('/domain/devices/disk/driver'));
    assert.ok(schema.attribute('/domain/devices/controller', 'model')?.values.has('qemu-xhci'));
    assert.ok(schema.attribute('/domain/cpu', 'check')?.values.has('partial'));
    assert.ok(schema.elements.get('/domain/on_crash')?.text.values.has('coredump-restart'));
  });

  it(`accepts every fact dated <= ${SCHEMA_VERSION} wherever the schema describes its path`, () => {
    const old = VERSION_FACTS.filter((f) => compareVersions(f.since, SCHEMA_VERSION) <= 0);
    const rejected: string[] = [];
    const undescribed: string[] = [];
    let verified = 0;
    const freeform: string[] = [];
    const byPattern: string[] = [];
    for (const f of old) {
      const v = judge(schema, f);
      if (!v.describes) undescribed.push(key(f));
      else if (v.explicit) verified++;
      else if (v.byPattern) byPattern.push(key(f));
      else if (v.freeformOnly) freeform.push(key(f));
      else rejected.push(`${key(f)} (since ${f.since}, ${f.source})`);
    }
    console.log(
      `      ${old.length} facts <= ${SCHEMA_VERSION}: ${verified} verified explicitly, ` +
        `${byPattern.length} matched by a pattern, ${freeform.length} accepted as free text, ${undescribed.length} on paths the schema does not describe, ` +
        `${rejected.length} rejected`,
    );
    if (byPattern.length) console.log('      by pattern: ' + byPattern.join('; '));
    if (freeform.length) console.log('      free text: ' + freeform.join('; '));
    if (undescribed.length) console.log('      undescribed: ' + undescribed.join('; '));
    assert.deepStrictEqual(rejected, [], 'facts the 9.0 schema does not accept');
    // the table's paths should overwhelmingly be ones the schema knows
    assert.ok(undescribed.length <= old.length * 0.02, `${undescribed.length} undescribed paths`);
  });

  it('tells made-up facts apart from real ones', () => {
    const fake = (path: string, kind: VersionFact['kind'], value?: string): VersionFact => ({
      path,
      kind,
      value,
      since: '1.0.0',
      source: 'NEWS.rst v1.0.0',
    });
    for (const f of [
      fake('/domain/cpu/@bogus', 'attribute'),
      fake('/domain/devices/disk/bogus', 'element'),
      fake('/domain/devices/disk/@model', 'value', 'virtio-bogus'),
      fake('/domain/devices/controller/@model', 'value', 'qemu-ohci'),
      fake('/domain/on_crash', 'value', 'explode'),
      fake('/domain/launchSecurity/@type', 'value', 'sev-snp'),
    ]) {
      const v = judge(schema, f);
      assert.ok(v.describes && !v.explicit && !v.byPattern && !v.freeformOnly, `${key(f)} should be rejected`);
    }
    assert.ok(judge(schema, fake('/domain/devices/disk/@model', 'value', 'virtio-transitional')).explicit);
  });

  it(`mostly does not find facts dated after ${SCHEMA_VERSION} in its schema`, () => {
    const newer = VERSION_FACTS.filter((f) => compareVersions(f.since, SCHEMA_VERSION) > 0);
    const present = newer.filter((f) => judge(schema, f).explicit).map((f) => `${key(f)} (since ${f.since})`);
    console.log(`      ${newer.length} facts > ${SCHEMA_VERSION}: ${present.length} already in its schema`);
    if (present.length) console.log('      exceptions: ' + present.join('; '));
    assert.ok(newer.length > 0);
    assert.ok(present.length <= newer.length * 0.05, `${present.length}/${newer.length} newer facts already present`);
  });
});
