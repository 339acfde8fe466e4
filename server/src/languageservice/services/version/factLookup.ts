/** Version-fact look-ups narrowed to the guest's driver (see knowledge/versionFacts.ts). */
import { factsFor, VersionFact } from '../../knowledge/versionFacts';
import { compareVersions } from '../../knowledge/versions';

export type Attrs = Record<string, string | undefined>;

/** attributes, or a function computing them (most facts have no `when`, so most look-ups never need them) */
export type AttrsSource = Attrs | (() => Attrs);

function whenMatches(f: VersionFact, source: AttrsSource): boolean {
  if (!f.when) return true;
  const attrs = typeof source === 'function' ? source() : source;
  for (const k in f.when) if (attrs[k.startsWith('@') ? k : '@' + k] !== f.when[k]) return false;
  return true;
}

const CHILD_PATHS = new Map<string, Map<string, string>>();

/**
 * `parent/name` as one shared string per distinct path: a string built anew
 * is hashed again on every map look-up, an interned one only once.
 */
export function childPath(parent: string, name: string, attribute = false): string {
  let m = CHILD_PATHS.get(parent);
  if (!m) CHILD_PATHS.set(parent, (m = new Map()));
  const key = attribute ? '@' + name : name;
  let p = m.get(key);
  if (p === undefined) {
    p = `${parent}/${key}`;
    if (m.size < 500) m.set(key, p);
  }
  return p;
}

/** the facts of one path split into the element/attribute's own and its values', built once per path */
interface PathIndex {
  own: VersionFact[];
  values: Map<string, VersionFact[]>;
}
const INDEX = new Map<string, PathIndex>();

function indexOf(path: string): PathIndex {
  let ix = INDEX.get(path);
  if (!ix) {
    ix = { own: [], values: new Map() };
    for (const f of factsFor(path)) {
      if (f.kind !== 'value') ix.own.push(f);
      else {
        const list = ix.values.get(f.value ?? '');
        if (list) list.push(f);
        else ix.values.set(f.value ?? '', [f]);
      }
    }
    INDEX.set(path, ix);
  }
  return ix;
}

/** like versionFacts.sinceOf, limited to facts of the guest's driver */
export function sinceFor(path: string, value: string | undefined, attrs: AttrsSource, driver: string): VersionFact | undefined {
  const ix = indexOf(path);
  const candidates = value === undefined ? ix.own : ix.values.get(value);
  if (!candidates) return undefined;
  let best: VersionFact | undefined;
  for (const f of candidates) {
    if (f.driver && f.driver !== driver) continue;
    if (!whenMatches(f, attrs)) continue;
    if (!best || (f.when && !best.when) || (!!f.when === !!best.when && compareVersions(f.since, best.since) < 0)) best = f;
  }
  return best;
}

export function hasValueFacts(path: string): boolean {
  return indexOf(path).values.size > 0;
}
