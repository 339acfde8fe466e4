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

/** like versionFacts.sinceOf, limited to facts of the guest's driver */
export function sinceFor(path: string, value: string | undefined, attrs: AttrsSource, driver: string): VersionFact | undefined {
  let best: VersionFact | undefined;
  for (const f of factsFor(path)) {
    if (value === undefined ? f.kind === 'value' : f.kind !== 'value' || f.value !== value) continue;
    if (f.driver && f.driver !== driver) continue;
    if (!whenMatches(f, attrs)) continue;
    if (!best || (f.when && !best.when) || (!!f.when === !!best.when && compareVersions(f.since, best.since) < 0)) best = f;
  }
  return best;
}

export function hasValueFacts(path: string): boolean {
  return factsFor(path).some((f) => f.kind === 'value');
}
