/**
 * RelaxNG name classes: which (namespace URI, local name) pairs an element or
 * attribute pattern accepts. The empty string is "no namespace".
 */

export type NameClass =
  | { readonly kind: 'name'; readonly ns: string; readonly local: string }
  | { readonly kind: 'anyName'; readonly except: NameClass | null }
  | { readonly kind: 'nsName'; readonly ns: string; readonly except: NameClass | null }
  | { readonly kind: 'choice'; readonly items: readonly NameClass[] };

export function nameClassContains(nc: NameClass, ns: string, local: string): boolean {
  switch (nc.kind) {
    case 'name':
      return nc.local === local && nc.ns === ns;
    case 'anyName':
      return !nc.except || !nameClassContains(nc.except, ns, local);
    case 'nsName':
      return nc.ns === ns && (!nc.except || !nameClassContains(nc.except, ns, local));
    case 'choice':
      for (const i of nc.items) if (nameClassContains(i, ns, local)) return true;
      return false;
  }
}

/** the explicit names of a name class (wildcards contribute nothing) */
export function nameClassNames(nc: NameClass, out: { ns: string; local: string }[] = []): { ns: string; local: string }[] {
  if (nc.kind === 'name') out.push({ ns: nc.ns, local: nc.local });
  else if (nc.kind === 'choice') for (const i of nc.items) nameClassNames(i, out);
  return out;
}

/** true when the name class accepts names it does not list (anyName, nsName) */
export function nameClassIsWildcard(nc: NameClass): boolean {
  if (nc.kind === 'anyName' || nc.kind === 'nsName') return true;
  if (nc.kind === 'choice') return nc.items.some(nameClassIsWildcard);
  return false;
}

/** a readable form: `name`, `{ns}name`, `*`, `ns:*` */
export function nameClassToString(nc: NameClass, prefixes?: Map<string, string>): string {
  const q = (ns: string, local: string) => {
    if (!ns) return local;
    const p = prefixes?.get(ns);
    return p ? `${p}:${local}` : `{${ns}}${local}`;
  };
  switch (nc.kind) {
    case 'name':
      return q(nc.ns, nc.local);
    case 'anyName':
      return '*';
    case 'nsName':
      return q(nc.ns, '*');
    case 'choice':
      return nc.items.map((i) => nameClassToString(i, prefixes)).join(' | ');
  }
}
