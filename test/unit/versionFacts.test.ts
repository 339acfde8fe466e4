/**
 * The version knowledge table: the shape of every row and the lookup
 * helpers. The cross-check of the dates against the RelaxNG schemas of real
 * libvirt releases is versionFactsReleases.test.ts.
 */
import * as assert from 'assert';
import {
  checkAgainstFloor,
  expandPath,
  compareVersions,
  factsFor,
  factsNewerThan,
  parseVersion,
  sinceOf,
  VERSION_FACTS,
  VersionFact,
} from '../../server/src/languageservice/knowledge/versionFacts';

const VERSION_RE = /^\d+\.\d+\.\d+$/;
const DRIVERS = new Set(['qemu', 'xen', 'lxc', 'bhyve', 'vbox', 'vmware', 'esx', 'hyperv', 'openvz', 'vz', 'ch', 'test']);

function key(f: VersionFact): string {
  return `${f.path} ${f.value ?? ''} ${f.when ? JSON.stringify(f.when) : ''}${f.driver ? ` (${f.driver})` : ''}`;
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
        if (typeof f.when !== 'object' || f.when === null) problems.push(`bad when: ${where}`);
        else
          for (const [k, v] of Object.entries(f.when)) if (!k.startsWith('@') || typeof v !== 'string') problems.push(`bad when: ${where}`);
      }
      if (!/^(formatdomain\.rst#[a-z0-9-]+|NEWS\.rst v\d+\.\d+\.\d+|[\w./-]+\.(c|h|rng|rst|md))$/.test(f.source)) {
        problems.push(`bad source: ${where}`);
      }
    }
    assert.deepStrictEqual(problems, []);
  });

  it('has no duplicate (path, value, when, driver) entries', () => {
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
      // the nearest enclosing element the table dates, for the same driver (or for all): a device
      // that arrived later than an address type it can carry already implies the value
      let container = f.kind === 'element' ? f.path.replace(/\/[^/]+$/, '') : elementPath;
      if (container === f.path) continue;
      let parent: VersionFact | undefined;
      for (; container.lastIndexOf('/') > 0 && !parent; container = parent ? container : container.slice(0, container.lastIndexOf('/')))
        parent = factsFor(container).find(
          (p) => p.kind === 'element' && (!p.driver || p.driver === f.driver || (!f.driver && p.driver === 'qemu')),
        );
      if (parent && compareVersions(f.since, parent.since) < 0) {
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

  it('expands a row naming several parents into one fact per parent', () => {
    assert.deepStrictEqual(expandPath('/domain/devices/disk/driver'), ['/domain/devices/disk/driver']);
    assert.deepStrictEqual(expandPath('/domain/devices/{disk,video}/acpi/@index'), [
      '/domain/devices/disk/acpi/@index',
      '/domain/devices/video/acpi/@index',
    ]);
    assert.deepStrictEqual(expandPath('/a/{b,c}/{d,e}'), ['/a/b/d', '/a/b/e', '/a/c/d', '/a/c/e']);
    // the table is read through it: no fact keeps a brace, and a shared row reaches each parent
    assert.ok(VERSION_FACTS.every((f) => !/[{}]/.test(f.path)));
    assert.strictEqual(sinceOf('/domain/devices/video/acpi/@index')?.since, '7.3.0');
    assert.strictEqual(sinceOf('/domain/devices/disk/acpi/@index')?.since, '7.3.0');
  });

  it("dates a name by the guest driver's own fact before a general one (QEMU unless told)", () => {
    // <transient> is documented since 0.9.5 for VMware/ESX and since 6.9.0 for QEMU
    assert.strictEqual(sinceOf('/domain/devices/disk/transient')?.since, '6.9.0');
    assert.strictEqual(sinceOf('/domain/devices/disk/transient', undefined, undefined, 'vmware')?.since, '0.9.5');
  });

  it('returns nothing for unknown paths and filters by floor', () => {
    assert.strictEqual(sinceOf('/domain/nope'), undefined);
    assert.deepStrictEqual(factsFor('/domain/nope'), []);
    const newer = factsNewerThan('9.0.0', 'qemu');
    assert.ok(newer.length > 0);
    assert.ok(newer.every((f) => compareVersions(f.since, '9.0.0') > 0 && (!f.driver || f.driver === 'qemu')));
  });
});
