/**
 * The pattern algebra of the derivative validator (James Clark's algorithm),
 * hash-consed so that equal patterns are the same object and derivatives can
 * be memoized on the pattern itself.
 *
 * Two patterns beyond the RelaxNG ones reproduce libxml2's validator:
 *
 * - `GuardIn(table, i)` matches the empty sequence, but only when the next
 *   child node (element or non-blank text) is one that libxml2's triage table
 *   for a "triable" `<choice>` maps to branch `i` (or when there is no next
 *   node). libxml2 picks the branch of such a choice from the next child's
 *   name alone, so `choice(group(@a, x?), group(@b, y?))` followed by `<z/>`
 *   fails there even though the spec accepts it.
 * - `GuardNotIn(partition)` matches the empty sequence when the next child is
 *   not one an `<interleave>` claims: libxml2 hands every child that one of
 *   the interleave's groups can start to that interleave, so what follows an
 *   interleave can only start with a node none of its groups names.
 *
 * Nullability therefore depends on the next token (`nullableBefore`); for
 * patterns without guards it is the usual `nullable`.
 */
import { NameClass } from './nameClass';
import { Datatype } from './datatypes';
import type { Def } from './rngDefines';

export const enum K {
  NotAllowed,
  Empty,
  Text,
  Choice,
  Group,
  Interleave,
  OneOrMore,
  After,
  Element,
  Attribute,
  Data,
  Value,
  List,
  GuardIn,
  GuardNotIn,
}

/** the next child node, as far as guards are concerned */
export interface Token {
  /** `ns\0local` for elements, `#text` for non-blank text */
  readonly key: string;
  readonly isText: boolean;
  readonly ns: string;
  readonly local: string;
}

export const TEXT_TOKEN: Token = { key: '#text', isText: true, ns: '', local: '' };

const TOKENS = new Map<string, Map<string, Token>>();

/** the token of an element name; interned (a document has few distinct names), so its key is hashed once */
export function elementToken(ns: string, local: string): Token {
  let byLocal = TOKENS.get(ns);
  if (!byLocal) TOKENS.set(ns, (byLocal = new Map()));
  let t = byLocal.get(local);
  if (!t) {
    t = { key: ns + '\u0000' + local, isText: false, ns, local };
    // arbitrary documents may have any number of names: keep the table bounded
    if (byLocal.size < 5000) byLocal.set(local, t);
  }
  return t;
}

/** maps the next child to a branch index (choice triage) or group index (interleave), -1 for none */
export interface TokenClassifier {
  readonly id: number;
  classify(t: Token): number;
  /** readable names the classifier knows, for messages */
  describe(): string[];
}

/**
 * An interleave of an element's content with groups that run inner
 * interleaves (see InterleaveHazard): `classifier` assigns the element's
 * children to the interleave's groups, `groups` are the hazardous ones.
 */
export interface HazardCheck {
  readonly classifier: TokenClassifier;
  readonly groups: readonly { readonly index: number; readonly selfRisk: boolean }[];
  /** emulate libxml2 whenever the element occurs */
  readonly always?: boolean;
}

export class Pattern {
  /** memo: start-tag-open derivative per element token key */
  sto?: Map<string, Pattern>;
  /** memo: attribute derivative per signature (the ids of the accepting attribute patterns) */
  att?: Map<string, Pattern>;
  /** memo: attribute derivative when one attribute pattern accepts (the common case), keyed by it */
  att1?: Map<Pattern, Pattern>;
  /** memo: attribute candidates per attribute name key */
  attCand?: Map<string, Pattern[]>;
  /** memo: text derivative per signature */
  txt?: Map<string, Pattern>;
  /** memo: text candidates (data, value, list patterns) */
  txtCand?: Pattern[];
  close?: Pattern;
  end?: Pattern;
  /** memo: can an element start here, per element token key */
  cs?: Map<string, boolean>;
  /** memo: interleave hazards of the elements this state can open, per element token key */
  hz?: Map<string, HazardCheck[]>;
  nb?: Map<string, boolean>;
  /** memo: does this value pattern match a string (attribute values) */
  vm?: Map<string, boolean>;
  /** a choice's alternatives in the order the schema (first) listed them, for completion */
  ordered?: readonly Pattern[];

  constructor(
    readonly id: number,
    readonly kind: K,
    readonly a: Pattern | null,
    readonly b: Pattern | null,
    readonly items: readonly Pattern[] | null,
    readonly nullable: boolean,
    /** true when a guard can make nullableBefore differ from nullable */
    readonly guarded: boolean,
    readonly extra: PatternExtra | null,
  ) {}
}

export type PatternExtra =
  | { kind: 'element'; nc: NameClass; name: string; content: () => Pattern; source: string; hazards: () => HazardCheck[] }
  | { kind: 'attribute'; nc: NameClass; name: string; valueDefs: Def | null; matches: Map<string, boolean> }
  | { kind: 'data'; dt: Datatype; except: Pattern | null; checks: Map<string, boolean> }
  | { kind: 'value'; library: string | null; type: string | null; value: string; collapsed?: string }
  | { kind: 'guard'; table: TokenClassifier; index: number };

/** The interning table: one per schema. */
export class PatternFactory {
  private nextId = 0;
  private readonly table = new Map<string, Pattern>();
  readonly notAllowed: Pattern;
  readonly empty: Pattern;
  readonly text: Pattern;

  constructor() {
    this.notAllowed = this.make('NA', K.NotAllowed, null, null, null, false, false, null);
    this.empty = this.make('E', K.Empty, null, null, null, true, false, null);
    this.text = this.make('T', K.Text, null, null, null, true, false, null);
  }

  get size(): number {
    return this.table.size;
  }

  private make(
    key: string,
    kind: K,
    a: Pattern | null,
    b: Pattern | null,
    items: Pattern[] | null,
    nullable: boolean,
    guarded: boolean,
    extra: PatternExtra | null,
  ): Pattern {
    let p = this.table.get(key);
    if (!p) {
      p = new Pattern(this.nextId++, kind, a, b, items, nullable, guarded, extra);
      this.table.set(key, p);
    }
    return p;
  }

  choice(a: Pattern, b: Pattern): Pattern {
    if (a.kind === K.NotAllowed) return b;
    if (b.kind === K.NotAllowed) return a;
    if (a === b) return a;
    const items: Pattern[] = [];
    const add = (p: Pattern) => {
      if (p.kind === K.Choice) for (const i of p.items!) items.push(i);
      else items.push(p);
    };
    add(a);
    add(b);
    return this.choiceOf(items);
  }

  /** a choice of any number of alternatives (flattened, sorted, deduplicated) */
  choiceOf(alts: Pattern[]): Pattern {
    const flat: Pattern[] = [];
    for (const p of alts) {
      if (p.kind === K.NotAllowed) continue;
      if (p.kind === K.Choice) for (const i of p.items!) flat.push(i);
      else flat.push(p);
    }
    if (flat.length === 0) return this.notAllowed;
    flat.sort((x, y) => x.id - y.id);
    const items: Pattern[] = [];
    for (const p of flat) if (items.length === 0 || items[items.length - 1] !== p) items.push(p);
    if (items.length === 1) return items[0];
    let key = 'C';
    let nullable = false;
    let guarded = false;
    for (const i of items) {
      key += i.id + ',';
      nullable ||= i.nullable;
      guarded ||= i.guarded;
    }
    const existing = this.table.get(key);
    if (existing) return existing;
    const p = this.make(key, K.Choice, null, null, items, nullable, guarded, null);
    const ordered: Pattern[] = [];
    const seen = new Set<Pattern>();
    for (const q of alts) {
      for (const i of q.kind === K.Choice ? (q.ordered ?? q.items!) : [q]) {
        if (i.kind !== K.NotAllowed && !seen.has(i)) {
          seen.add(i);
          ordered.push(i);
        }
      }
    }
    p.ordered = ordered;
    return p;
  }

  group(a: Pattern, b: Pattern): Pattern {
    if (a.kind === K.NotAllowed || b.kind === K.NotAllowed) return this.notAllowed;
    if (a.kind === K.Empty) return b;
    if (b.kind === K.Empty) return a;
    return this.make(`G${a.id},${b.id}`, K.Group, a, b, null, a.nullable && b.nullable, a.guarded || b.guarded, null);
  }

  groupOf(list: Pattern[]): Pattern {
    let p = this.empty;
    for (let i = list.length - 1; i >= 0; i--) p = this.group(list[i], p);
    return p;
  }

  interleave(a: Pattern, b: Pattern): Pattern {
    if (a.kind === K.NotAllowed || b.kind === K.NotAllowed) return this.notAllowed;
    if (a.kind === K.Empty) return b;
    if (b.kind === K.Empty) return a;
    if (a.id > b.id) [a, b] = [b, a];
    return this.make(`I${a.id},${b.id}`, K.Interleave, a, b, null, a.nullable && b.nullable, a.guarded || b.guarded, null);
  }

  oneOrMore(p: Pattern): Pattern {
    if (p.kind === K.NotAllowed || p.kind === K.Empty) return p;
    if (p.kind === K.OneOrMore) return p;
    return this.make(`O${p.id}`, K.OneOrMore, p, null, null, p.nullable, p.guarded, null);
  }

  after(a: Pattern, b: Pattern): Pattern {
    if (a.kind === K.NotAllowed || b.kind === K.NotAllowed) return this.notAllowed;
    return this.make(`F${a.id},${b.id}`, K.After, a, b, null, false, false, null);
  }

  /** a unique element pattern (one per schema element definition) */
  element(uid: number, nc: NameClass, name: string, content: () => Pattern, source: string, hazards: () => HazardCheck[]): Pattern {
    return this.make(`L${uid}`, K.Element, null, null, null, false, false, { kind: 'element', nc, name, content, source, hazards });
  }

  /**
   * An attribute; `value` is its value pattern (for messages and completion),
   * `valueDefs` the definitions libxml2 checks values against.
   */
  attribute(uid: number, nc: NameClass, name: string, value: Pattern, valueDefs: Def | null): Pattern {
    return this.make(`A${uid}`, K.Attribute, value, null, null, false, false, {
      kind: 'attribute',
      nc,
      name,
      valueDefs,
      matches: new Map(),
    });
  }

  data(dt: Datatype, except: Pattern | null): Pattern {
    const key = `D${dt.library}|${dt.name}|${dt.params.map((p) => `${p.name}=${p.value}`).join('|')}|${except ? except.id : ''}`;
    return this.make(key, K.Data, null, null, null, false, false, { kind: 'data', dt, except, checks: new Map() });
  }

  value(library: string | null, type: string | null, value: string): Pattern {
    return this.make(`V${library}|${type}|${value}`, K.Value, null, null, null, false, false, { kind: 'value', library, type, value });
  }

  list(p: Pattern): Pattern {
    if (p.kind === K.NotAllowed) return p;
    return this.make(`S${p.id}`, K.List, p, null, null, false, false, null);
  }

  guardIn(table: TokenClassifier, index: number): Pattern {
    return this.make(`Q${table.id}:${index}`, K.GuardIn, null, null, null, true, true, { kind: 'guard', table, index });
  }

  guardNotIn(table: TokenClassifier): Pattern {
    return this.make(`N${table.id}`, K.GuardNotIn, null, null, null, true, true, { kind: 'guard', table, index: -1 });
  }
}

/**
 * Whether `p` matches the empty sequence when the next child is `t`
 * (`null`: there is no next child, or only blank text).
 */
export function nullableBefore(p: Pattern, t: Token | null): boolean {
  if (!p.guarded || t === null) return p.nullable;
  let memo = p.nb;
  if (memo) {
    const r = memo.get(t.key);
    if (r !== undefined) return r;
  } else memo = p.nb = new Map();
  let r: boolean;
  switch (p.kind) {
    case K.GuardIn: {
      const g = p.extra as { table: TokenClassifier; index: number };
      r = g.table.classify(t) === g.index;
      break;
    }
    case K.GuardNotIn: {
      const g = p.extra as { table: TokenClassifier };
      r = g.table.classify(t) < 0;
      break;
    }
    case K.Choice:
      r = false;
      for (const i of p.items!)
        if (nullableBefore(i, t)) {
          r = true;
          break;
        }
      break;
    case K.Group:
    case K.Interleave:
      r = nullableBefore(p.a!, t) && nullableBefore(p.b!, t);
      break;
    case K.OneOrMore:
      r = nullableBefore(p.a!, t);
      break;
    default:
      r = p.nullable;
  }
  memo.set(t.key, r);
  return r;
}
