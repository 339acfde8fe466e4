/** Version-fact look-ups narrowed to the guest's driver (see knowledge/versionFacts.ts). */
import { factPaths, factsFor, fitsBetter, VersionFact } from '../../knowledge/versionFacts';
import { XmlElement } from '../../parser/xmlNodes';
import { KNOWN_CHILDREN, KNOWN_VALUES } from '../../knowledge/knownNames';

export type Attrs = Record<string, string | undefined>;

/**
 * Where `when` conditions read attributes: a record keyed `@name`, a function
 * computing one, or an element (its own attribute, else the nearest
 * ancestor's, e.g. interface type='direct' for its <source>).
 */
export type AttrsSource = Attrs | (() => Attrs) | XmlElement;

function attrFrom(source: AttrsSource, key: string): string | undefined {
  if (source instanceof XmlElement) {
    const name = key.startsWith('@') ? key.slice(1) : key;
    for (let e: XmlElement | null = source; e; e = e.parent) {
      const v = e.attr(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  const attrs = typeof source === 'function' ? source() : source;
  return attrs[key.startsWith('@') ? key : '@' + key];
}

function whenMatches(f: VersionFact, source: AttrsSource): boolean {
  if (!f.when) return true;
  for (const k in f.when) if (attrFrom(source, k) !== f.when[k]) return false;
  return true;
}

/**
 * What the version table knows about one element or attribute path, built
 * once per path and linked to its children, so walking a document costs one
 * small map look-up per element and attribute instead of building and
 * hashing path strings.
 */
export class PathInfo {
  /** facts about the element or attribute itself */
  readonly own: VersionFact[] = [];
  /** facts about values (enum values, text), by value */
  readonly values = new Map<string, VersionFact[]>();
  private readonly children = new Map<string, PathInfo>();
  private readonly attributes = new Map<string, PathInfo>();
  /** for containers whose every child name libvirt maps through an enum: the names libvirt 9.0 knows */
  readonly knownChildren: Set<string> | undefined;
  /** for closed enum attributes: the values libvirt 9.0 knows */
  readonly knownValues: Set<string> | undefined;

  constructor(readonly path: string) {
    this.knownChildren = Object.prototype.hasOwnProperty.call(KNOWN_CHILDREN, path) ? KNOWN_CHILDREN[path] : undefined;
    this.knownValues = Object.prototype.hasOwnProperty.call(KNOWN_VALUES, path) ? KNOWN_VALUES[path] : undefined;
    for (const f of factsFor(path)) {
      if (f.kind !== 'value') this.own.push(f);
      else {
        const list = this.values.get(f.value ?? '');
        if (list) list.push(f);
        else this.values.set(f.value ?? '', [f]);
      }
    }
  }

  /** the info of a child element (`name`) or attribute (`@name`) */
  child(key: string): PathInfo {
    if (key.startsWith('@')) return this.attribute(key.slice(1));
    return PathInfo.lookup(this.children, `${this.path}/`, key);
  }

  /** the info of an attribute, by its plain name */
  attribute(name: string): PathInfo {
    return PathInfo.lookup(this.attributes, `${this.path}/@`, name);
  }

  private static lookup(table: Map<string, PathInfo>, prefix: string, name: string): PathInfo {
    let c = table.get(name);
    if (!c) {
      c = new PathInfo(prefix + name);
      // arbitrary documents have any names (a name half typed, a typo): keep only paths something is known
      // about, so that the tree stays as large as the knowledge however long the editing session
      if (isKnownPath(c.path)) table.set(name, c);
    }
    return c;
  }
}

let knownPaths: Set<string> | undefined;

/** true when the path, or a path below it, has facts or known names */
function isKnownPath(path: string): boolean {
  if (!knownPaths) {
    knownPaths = new Set();
    for (const p of [...factPaths(), ...Object.keys(KNOWN_CHILDREN), ...Object.keys(KNOWN_VALUES)])
      for (let cut = p.length; cut > 0; cut = p.lastIndexOf('/', cut - 1)) {
        const prefix = p.slice(0, cut);
        if (knownPaths.has(prefix)) break;
        knownPaths.add(prefix);
      }
  }
  return knownPaths.has(path);
}

const ROOTS = new Map<string, PathInfo>();

/** the info of a path (children of it are reached with PathInfo.child) */
export function pathInfo(path: string): PathInfo {
  const cut = path.lastIndexOf('/');
  if (cut <= 0) {
    let r = ROOTS.get(path);
    if (!r) {
      r = new PathInfo(path);
      if (isKnownPath(path)) ROOTS.set(path, r);
    }
    return r;
  }
  const last = path.slice(cut + 1);
  return pathInfo(path.slice(0, cut)).child(last);
}

/**
 * The fact dating a path (value undefined) or one of its values, limited to
 * facts of the guest's driver: the closest fitting one, and of those the
 * earliest.
 */
export function sinceIn(info: PathInfo, value: string | undefined, attrs: AttrsSource, driver: string): VersionFact | undefined {
  const candidates = value === undefined ? info.own : info.values.get(value);
  if (!candidates || !candidates.length) return undefined;
  let best: VersionFact | undefined;
  for (const f of candidates) {
    if (f.driver && f.driver !== driver) continue;
    if (!whenMatches(f, attrs)) continue;
    if (fitsBetter(f, best)) best = f;
  }
  return best;
}

/** like versionFacts.sinceOf, limited to facts of the guest's driver */
export function sinceFor(path: string, value: string | undefined, attrs: AttrsSource, driver: string): VersionFact | undefined {
  return sinceIn(pathInfo(path), value, attrs, driver);
}
