/**
 * Read-only questions about a derivative state, for messages and completion:
 * which elements may come next, which attributes remain, which values an
 * attribute or a text may take.
 */
import { Datatype } from './datatypes';
import { NameClass, nameClassIsWildcard, nameClassNames } from './nameClass';
import { K, Pattern } from './patterns';

/** element patterns that can match the next child (optional ones included) */
export function nextElements(p: Pattern): Pattern[] {
  const out: Pattern[] = [];
  const seen = new Set<Pattern>();
  const walk = (q: Pattern) => {
    if (seen.has(q)) return;
    seen.add(q);
    switch (q.kind) {
      case K.Choice:
        for (const i of q.ordered ?? q.items!) walk(i);
        return;
      case K.Group:
        walk(q.a!);
        if (q.a!.nullable) walk(q.b!);
        return;
      case K.Interleave:
        walk(q.a!);
        walk(q.b!);
        return;
      case K.OneOrMore:
      case K.After:
        walk(q.a!);
        return;
      case K.Element:
        out.push(q);
        return;
      default:
        return;
    }
  };
  walk(p);
  return out;
}

/** element patterns one of which must come next for the content to be complete */
export function requiredElements(p: Pattern): Pattern[] {
  const out: Pattern[] = [];
  const seen = new Set<Pattern>();
  const walk = (q: Pattern) => {
    if (seen.has(q) || q.nullable) return;
    seen.add(q);
    switch (q.kind) {
      case K.Choice:
        for (const i of q.ordered ?? q.items!) walk(i);
        return;
      case K.Group:
        if (q.a!.nullable) walk(q.b!);
        else walk(q.a!);
        return;
      case K.Interleave:
        walk(q.a!);
        walk(q.b!);
        return;
      case K.OneOrMore:
      case K.After:
        walk(q.a!);
        return;
      case K.Element:
        out.push(q);
        return;
      default:
        return;
    }
  };
  walk(p);
  return out;
}

/** attribute patterns still available at a start-tag state */
export function remainingAttributes(p: Pattern): Pattern[] {
  const out: Pattern[] = [];
  const seen = new Set<Pattern>();
  const walk = (q: Pattern) => {
    if (seen.has(q)) return;
    seen.add(q);
    switch (q.kind) {
      case K.Choice:
        for (const i of q.ordered ?? q.items!) walk(i);
        return;
      case K.Group:
      case K.Interleave:
        walk(q.a!);
        walk(q.b!);
        return;
      case K.OneOrMore:
      case K.After:
        walk(q.a!);
        return;
      case K.Attribute:
        out.push(q);
        return;
      default:
        return;
    }
  };
  walk(p);
  return out;
}

/**
 * Names of attributes missing at the end of a start tag whose close derivative
 * is not allowed: for a choice, the alternative needing the fewest.
 */
export function missingAttributes(p: Pattern, closes: (q: Pattern) => boolean): string[] {
  const memo = new Map<Pattern, string[]>();
  const walk = (q: Pattern): string[] => {
    const m = memo.get(q);
    if (m) return m;
    memo.set(q, []);
    let r: string[];
    switch (q.kind) {
      case K.Attribute:
        r = [attributeName(q)];
        break;
      case K.Group:
      case K.Interleave:
        r = [...(closes(q.a!) ? [] : walk(q.a!)), ...(closes(q.b!) ? [] : walk(q.b!))];
        break;
      case K.OneOrMore:
      case K.After:
        r = walk(q.a!);
        break;
      case K.Choice: {
        let best: string[] | null = null;
        for (const i of q.items!) {
          const w = walk(i);
          if (w.length && (!best || w.length < best.length)) best = w;
        }
        r = best ?? [];
        break;
      }
      default:
        r = [];
    }
    r = [...new Set(r)];
    memo.set(q, r);
    return r;
  };
  return walk(p);
}

export function attributeName(p: Pattern): string {
  return (p.extra as { name: string }).name;
}

export function patternNameClass(p: Pattern): NameClass {
  return (p.extra as { nc: NameClass }).nc;
}

/** what a value pattern accepts: literal values, datatypes, free text */
export interface ValueSpace {
  values: string[];
  datatypes: Datatype[];
  /** any text (`<text/>`, or a datatype that accepts everything) */
  anyText: boolean;
  empty: boolean;
}

export function valueSpace(
  p: Pattern,
  into: ValueSpace = { values: [], datatypes: [], anyText: false, empty: false },
  seen = new Set<Pattern>(),
): ValueSpace {
  if (seen.has(p)) return into;
  seen.add(p);
  switch (p.kind) {
    case K.Choice:
      for (const i of p.ordered ?? p.items!) valueSpace(i, into, seen);
      break;
    case K.Group:
    case K.Interleave:
      valueSpace(p.a!, into, seen);
      if (p.a!.nullable) valueSpace(p.b!, into, seen);
      break;
    case K.OneOrMore:
    case K.After:
    case K.List:
      valueSpace(p.a!, into, seen);
      break;
    case K.Value: {
      const v = (p.extra as { value: string }).value;
      if (!into.values.includes(v)) into.values.push(v);
      break;
    }
    case K.Data: {
      const dt = (p.extra as { dt: Datatype }).dt;
      if (!into.datatypes.some((d) => d.describe() === dt.describe())) into.datatypes.push(dt);
      break;
    }
    case K.Text:
      into.anyText = true;
      break;
    case K.Empty:
      into.empty = true;
      break;
    default:
      break;
  }
  return into;
}

/** `<a>, <b>` from element patterns, wildcards as `<*>` / `<qemu:*>` */
export function formatElementNames(ps: Pattern[], prefixes: ReadonlyMap<string, string>, limit = 16): string {
  const names = new Set<string>();
  for (const p of ps) {
    const nc = patternNameClass(p);
    for (const n of nameClassNames(nc)) names.add(qualified(n.ns, n.local, prefixes));
    if (nameClassIsWildcard(nc)) names.add(wildcardName(nc, prefixes));
  }
  return limitList(
    [...names].sort().map((n) => `<${n}>`),
    limit,
  );
}

export function qualified(ns: string, local: string, prefixes: ReadonlyMap<string, string>): string {
  if (!ns) return local;
  const p = prefixes.get(ns);
  return p ? `${p}:${local}` : `{${ns}}${local}`;
}

function wildcardName(nc: NameClass, prefixes: ReadonlyMap<string, string>): string {
  if (nc.kind === 'nsName') return qualified(nc.ns, '*', prefixes);
  if (nc.kind === 'choice')
    return nc.items
      .filter(nameClassIsWildcard)
      .map((i) => wildcardName(i, prefixes))
      .join(', ');
  return 'any element';
}

export function limitList(items: string[], limit: number): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')}, ... (${items.length - limit} more)`;
}
