/**
 * Version knowledge for libvirt domain XML: when an element, attribute or
 * enum value first became known to libvirt's domain XML parser.
 *
 * Facts are absolute element paths from `/domain`, with `/@name` for
 * attributes. An enum value fact carries `value` (and optionally a `when`
 * condition on sibling attributes of the same element, e.g. a controller
 * model that only exists for `type='usb'`). `since` is the first libvirt
 * release that accepts it; `driver` narrows a fact to one hypervisor driver
 * and `qemu` records a minimum QEMU version where the docs give one.
 *
 * Why it matters for migration: libvirt rejects unknown enum values at parse
 * time (the whole define fails), while unknown elements and attributes are
 * silently dropped. See docs/version-safety.md.
 *
 * Pure data + lookups: no I/O, safe for the language server and the CLI.
 */
import data from './versionFacts.json';

export type FactKind = 'element' | 'attribute' | 'value';

export interface VersionFact {
  /** absolute element path; attributes end in `/@name` */
  path: string;
  /** enum value (only for kind 'value'; for element text values the path is the element) */
  value?: string;
  kind: FactKind;
  /** first libvirt release that knows it, always `X.Y.Z` */
  since: string;
  /** hypervisor driver the fact is specific to (e.g. 'qemu', 'xen', 'lxc', 'bhyve', 'vbox') */
  driver?: string;
  /** minimum QEMU version, when documented */
  qemu?: string;
  /**
   * the first QEMU release without the device or value (like browser-compat-data's version_removed):
   * libvirt probes QEMU for it at define time, so from this release on define fails
   */
  qemuRemoved?: string;
  /** the libvirt versions whose real daemon confirmed what the fact predicts (see knowledge/source.ts); absent: documentation only */
  verifiedOn?: string[];
  /**
   * condition on attributes of the element (its own, else its nearest
   * ancestor's), e.g. `{ "@type": "usb" }` for a controller model, or for a
   * `<boot>` that a USB `<hostdev>` gained later than other devices
   */
  when?: Record<string, string>;
  /** where the fact comes from: `formatdomain.rst#anchor`, `NEWS.rst vX.Y.Z`, or a source path */
  source: string;
}

/**
 * `/a/{b,c}/d` -> `/a/b/d`, `/a/c/d` (several groups multiply). A row of
 * versionFacts.json may name several parents at once this way: libvirt
 * documents a shared structure once (virtio `<driver>` options, `<acpi
 * index>`, chardev source types) and its parser applies it to every device
 * that embeds it, so the table keeps one row, with one source, for it.
 */
export function expandPath(path: string): string[] {
  const m = /\{([^{}]*)\}/.exec(path);
  if (!m) return [path];
  const head = path.slice(0, m.index);
  const tail = path.slice(m.index + m[0].length);
  return m[1].split(',').flatMap((alt) => expandPath(head + alt + tail));
}

export const VERSION_FACTS: readonly VersionFact[] = (data as VersionFact[]).flatMap((row) =>
  row.path.includes('{') ? expandPath(row.path).map((path) => ({ ...row, path })) : [row],
);

/** [major, minor, micro]; missing parts are 0. Returns null when not a version. */
export function parseVersion(s: string): [number, number, number] | null {
  const m = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(s);
  if (!m) return null;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/** version comparison lives in one place: knowledge/versions.ts */
export { compareVersions } from './versions';
import { compareVersions } from './versions';

const byPath = new Map<string, VersionFact[]>();
for (const f of VERSION_FACTS) {
  const list = byPath.get(f.path);
  if (list) list.push(f);
  else byPath.set(f.path, [f]);
}

/** every path that has facts, for lookups that keep only what can be known (factLookup.ts) */
export function factPaths(): Iterable<string> {
  return byPath.keys();
}

/** All facts recorded for one path (the element/attribute itself and its enum values). */
export function factsFor(path: string): VersionFact[] {
  return byPath.get(path) ?? [];
}

function whenMatches(f: VersionFact, attrs: Record<string, string | undefined> | undefined): boolean {
  if (!f.when) return true;
  if (!attrs) return false;
  for (const [k, v] of Object.entries(f.when)) {
    const key = k.startsWith('@') ? k : '@' + k;
    const actual = attrs[key] ?? attrs[key.slice(1)];
    if (actual !== v) return false;
  }
  return true;
}

/**
 * The earliest libvirt version that knows `path` (or, with `value`, that
 * value of the attribute/element at `path`). `attrs` are the attributes of
 * the element the path points into (keys with or without `@`), used to pick
 * facts that carry a `when` condition; conditional facts whose condition is
 * not met are ignored, unconditional facts always apply. Facts of another
 * driver than `driver` (QEMU unless given) are ignored.
 * Returns undefined when nothing is recorded.
 */
export function sinceOf(
  path: string,
  value?: string,
  attrs?: Record<string, string | undefined>,
  driver = 'qemu',
): VersionFact | undefined {
  let best: VersionFact | undefined;
  for (const f of factsFor(path)) {
    if (value === undefined ? f.kind === 'value' : f.kind !== 'value' || f.value !== value) continue;
    if (f.driver && f.driver !== driver) continue;
    if (!whenMatches(f, attrs)) continue;
    if (fitsBetter(f, best)) best = f;
  }
  return best;
}

/** how closely a fact fits a guest: one for its own driver beats a general one ("Xen since 0.1, QEMU since 0.9.12"), then one with a condition */
const fit = (f: VersionFact) => (f.driver ? 2 : 0) + (f.when ? 1 : 0);

/**
 * Of two facts that both apply to a guest, whether `f` dates it rather than
 * `best`: the closer fitting one, and of equally close ones the earliest.
 */
export function fitsBetter(f: VersionFact, best: VersionFact | undefined): boolean {
  return !best || fit(f) > fit(best) || (fit(f) === fit(best) && compareVersions(f.since, best.since) < 0);
}

/**
 * Containers whose parser walks every child element and maps its name
 * through an enum: an unknown child there fails the define instead of being
 * dropped (probed on libvirt 9.0: "unexpected feature", "unsupported HyperV
 * Enlightenment feature", "unsupported KVM feature").
 */
const STRICT_CHILD_CONTAINERS = new Set(['/domain/features', '/domain/features/hyperv', '/domain/features/kvm', '/domain/features/xen']);

/** Attributes libvirt stores as free strings: an unknown value is not a parse error. */
const FREE_STRING_ATTRIBUTES = new Set(['/domain/devices/interface/model/@type']);

/**
 * What a libvirt that predates `f` does with it:
 * - 'rejected': the define fails (unknown enum value, or an unknown child of
 *   a container that checks its children, such as `<features>`);
 * - 'dropped': the element/attribute is ignored and vanishes on the round trip;
 * - 'unchecked': the parser keeps any string; the hypervisor may fail at start.
 * For a value fact, check the attribute first: if the attribute itself is
 * newer than the floor, the value is dropped together with it.
 */
export function outcomeOnOlder(f: VersionFact): 'rejected' | 'dropped' | 'unchecked' {
  if (f.kind === 'value') return FREE_STRING_ATTRIBUTES.has(f.path) ? 'unchecked' : 'rejected';
  if (f.kind === 'element' && STRICT_CHILD_CONTAINERS.has(f.path.replace(/\/[^/]+$/, ''))) return 'rejected';
  return 'dropped';
}

/**
 * The first fact about `path` (and `value`) that `floor` does not know yet,
 * with what the older libvirt would do. The attribute or element is checked
 * before the value, because a value on an unknown attribute is dropped, not
 * rejected. Returns undefined when the floor knows everything recorded.
 */
export function checkAgainstFloor(
  floor: string,
  path: string,
  value?: string,
  attrs?: Record<string, string | undefined>,
): { fact: VersionFact; outcome: 'rejected' | 'dropped' | 'unchecked' } | undefined {
  const own = sinceOf(path, undefined, attrs);
  if (own && compareVersions(own.since, floor) > 0) return { fact: own, outcome: outcomeOnOlder(own) };
  if (value === undefined) return undefined;
  const v = sinceOf(path, value, attrs);
  if (v && compareVersions(v.since, floor) > 0) return { fact: v, outcome: outcomeOnOlder(v) };
  return undefined;
}

/** Facts newer than `floor` (strictly), optionally limited to one driver (facts without driver always count). */
export function factsNewerThan(floor: string, driver?: string): VersionFact[] {
  return VERSION_FACTS.filter((f) => compareVersions(f.since, floor) > 0 && (!driver || !f.driver || f.driver === driver));
}
