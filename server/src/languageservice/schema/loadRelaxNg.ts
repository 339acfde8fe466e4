/**
 * Loading a RelaxNG schema: read and clean up the files, build libxml2's
 * definition graph, and translate it into derivative patterns (with the
 * guards that reproduce libxml2's choice triage and interleave partitioning).
 * Load once per schema: the returned object carries the pattern table and the
 * derivative memos, which make later validations fast.
 */
import * as fs from 'fs';
import { Datatype } from './datatypes';
import { Deriver } from './derivatives';
import { nameClassToString } from './nameClass';
import { HazardCheck, K, Pattern, PatternFactory, Token, TokenClassifier } from './patterns';
import { buildDefines, Def, interleaveHazards, InterleavePartition, listOf, T, topMatches, triageKey } from './rngDefines';
import { ReadFile, RngReader, SchemaLoadError } from './rngTree';

export { SchemaLoadError } from './rngTree';

export interface RelaxNgSchema {
  readonly start: Pattern;
  /** libxml2's definition graph, for the emulation of its algorithm */
  readonly startDef: Def;
  readonly factory: PatternFactory;
  readonly deriver: Deriver;
  /** the files read, entry first */
  readonly files: readonly string[];
  /** namespace URI to the prefix used in messages (e.g. qemu) */
  readonly prefixes: ReadonlyMap<string, string>;
  /** milliseconds spent loading */
  readonly loadMs: number;
}

let classifierIds = 0;

/** libxml2's lookup in a triage hash: exact name, then any name in the namespace, then any name */
function triageLookup(table: Map<string, number>, t: Token): number | undefined {
  if (t.isText) return table.get(triageKey('#text', null));
  let r: number | undefined;
  if (t.ns) {
    r = table.get(triageKey(t.local, t.ns));
    if (r === undefined) r = table.get(triageKey('#any', t.ns));
  } else r = table.get(triageKey(t.local, null));
  if (r === undefined) r = table.get(triageKey('#any', null));
  return r;
}

function keyNames(table: Map<string, number>, index?: number): string[] {
  const out: string[] = [];
  for (const [k, v] of table) {
    if (index !== undefined && v !== index) continue;
    const [name] = k.split('\u0000');
    out.push(name === '#any' ? '*' : name === '#text' ? 'text' : name);
  }
  return out;
}

/** a triable choice: the next child's name picks the branch */
class ChoiceTriage implements TokenClassifier {
  readonly id = classifierIds++;
  private readonly memo = new Map<string, number>();
  constructor(private readonly table: Map<string, number>) {}
  classify(t: Token): number {
    let r = this.memo.get(t.key);
    if (r === undefined) {
      r = triageLookup(this.table, t) ?? -1;
      this.memo.set(t.key, r);
    }
    return r;
  }
  describe(): string[] {
    return keyNames(this.table);
  }
}

/** an interleave: which group claims the next child (-1: none, the interleave ends there) */
class InterleaveClaim implements TokenClassifier {
  readonly id = classifierIds++;
  private readonly memo = new Map<string, number>();
  constructor(private readonly part: InterleavePartition) {}
  classify(t: Token): number {
    let r = this.memo.get(t.key);
    if (r === undefined) {
      r = this.compute(t);
      this.memo.set(t.key, r);
    }
    return r;
  }
  private compute(t: Token): number {
    const p = this.part;
    if (p.determinist) {
      const i = triageLookup(p.triage, t);
      if (i === undefined) return -1;
      if (p.needCheck && !p.groups[i].some((d) => topMatches(d, t.isText, t.ns, t.local))) return -1;
      return i;
    }
    for (let i = 0; i < p.groups.length; i++) {
      if (p.groups[i].some((d) => topMatches(d, t.isText, t.ns, t.local))) return i;
    }
    return -1;
  }
  describe(): string[] {
    return keyNames(this.part.triage);
  }
}

class Translator {
  private readonly memo = new Map<Def, Pattern>();
  private readonly dataTypes = new Map<string, Datatype>();
  private readonly claims = new Map<Def, InterleaveClaim>();

  /** one classifier per interleave, shared by its guard and its hazard checks */
  claim(def: Def): InterleaveClaim {
    let c = this.claims.get(def);
    if (!c) {
      c = new InterleaveClaim(def.partition!);
      this.claims.set(def, c);
    }
    return c;
  }

  constructor(readonly f: PatternFactory) {}

  list(first: Def | null): Pattern {
    const items: Pattern[] = [];
    for (const d of listOf(first)) items.push(this.pat(d));
    return this.f.groupOf(items);
  }

  pat(def: Def): Pattern {
    let p = this.memo.get(def);
    if (!p) {
      p = this.translate(def);
      this.memo.set(def, p);
    }
    return p;
  }

  private translate(def: Def): Pattern {
    const f = this.f;
    switch (def.type) {
      case T.NOOP:
      case T.START:
      case T.GROUP:
        return this.list(def.content);
      case T.EMPTY:
        return f.empty;
      case T.NOT_ALLOWED:
      case T.EXCEPT:
      case T.PARAM:
        return f.notAllowed;
      case T.TEXT:
        return f.text;
      case T.ELEMENT: {
        let content: Pattern | undefined;
        let hazards: HazardCheck[] | undefined;
        const name = def.name ?? nameClassToString(def.nc!);
        return f.element(
          def.uid,
          def.nc!,
          name,
          () => (content ??= f.group(this.list(def.attrs), this.list(def.content))),
          def.source,
          () =>
            (hazards ??= interleaveHazards(def).map((h) => ({ classifier: this.claim(h.interleave), groups: h.groups, always: h.always }))),
        );
      }
      case T.ATTRIBUTE: {
        const value = def.content ? this.list(def.content) : f.text;
        return f.attribute(def.uid, def.nc!, def.name ?? nameClassToString(def.nc!), value, def.content);
      }
      case T.DATATYPE: {
        const dt = this.datatype(def);
        const except = def.except ? f.choiceOf([...listOf(def.except)].map((d) => this.pat(d))) : null;
        return f.data(dt, except);
      }
      case T.VALUE:
        return f.value(def.library, def.name, def.value ?? '');
      case T.LIST:
        return f.list(this.list(def.content));
      case T.REF:
      case T.PARENTREF:
      case T.EXTERNALREF:
        return def.content ? this.pat(def.content) : f.notAllowed;
      case T.DEF:
        return this.list(def.content);
      case T.OPTIONAL:
        return f.choice(this.list(def.content), f.empty);
      case T.ZEROORMORE:
        return f.choice(f.oneOrMore(this.list(def.content)), f.empty);
      case T.ONEORMORE:
        return f.oneOrMore(this.list(def.content));
      case T.CHOICE: {
        const branches = [...listOf(def.content)];
        if (!def.triage) return f.choiceOf(branches.map((b) => this.pat(b)));
        const table = new ChoiceTriage(def.triage);
        return f.choiceOf(branches.map((b, i) => f.group(f.guardIn(table, i), this.pat(b))));
      }
      case T.INTERLEAVE: {
        let p = f.empty;
        for (const g of listOf(def.content)) p = f.interleave(p, this.pat(g));
        const part = def.partition;
        if (!part || part.pureMixed) return p;
        return f.group(p, f.guardNotIn(this.claim(def)));
      }
    }
  }

  private datatype(def: Def): Datatype {
    const key = `${def.library}|${def.name}|${def.params.map((p) => `${p.name}=${p.value}`).join('|')}`;
    let dt = this.dataTypes.get(key);
    if (!dt) {
      dt = new Datatype(def.library!, def.name!, def.params);
      if (!dt.known) throw new SchemaLoadError(`${def.source}: unknown datatype ${def.name} in library ${def.library}`);
      this.dataTypes.set(key, dt);
    }
    return dt;
  }
}

/** collects the namespaces element and attribute names use, with their usual prefixes */
function knownPrefixes(): Map<string, string> {
  return new Map([
    ['http://libvirt.org/schemas/domain/qemu/1.0', 'qemu'],
    ['http://libvirt.org/schemas/domain/lxc/1.0', 'lxc'],
    ['http://libvirt.org/schemas/domain/bhyve/1.0', 'bhyve'],
    ['http://libvirt.org/schemas/domain/xen/1.0', 'xen'],
    ['http://libvirt.org/schemas/domain/vmware/1.0', 'vmware'],
    ['http://www.w3.org/XML/1998/namespace', 'xml'],
  ]);
}

/**
 * Translates every element's content now rather than on first use: schema
 * errors (an unknown datatype) surface at load, and first validations are fast.
 */
function forceContents(start: Pattern): void {
  const seen = new Set<Pattern>();
  const stack = [start];
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (p.kind === K.Element) stack.push((p.extra as { content: () => Pattern }).content());
    if (p.a) stack.push(p.a);
    if (p.b) stack.push(p.b);
    if (p.items) for (const i of p.items) stack.push(i);
    if (p.kind === K.Data) {
      const ex = (p.extra as { except: Pattern | null }).except;
      if (ex) stack.push(ex);
    }
  }
}

/**
 * Loads the schema whose entry file is `entryPath`; `readFile` reads any
 * schema file (defaults to the file system).
 */
export function loadRelaxNg(entryPath: string, readFile: ReadFile = (p) => fs.readFileSync(p, 'utf8')): RelaxNgSchema {
  const t0 = performance.now();
  const reader = new RngReader(readFile);
  const root = reader.load(entryPath, null);
  const { start } = buildDefines(root);
  const factory = new PatternFactory();
  const tr = new Translator(factory);
  const startPattern = tr.pat(start);
  forceContents(startPattern);
  const deriver = new Deriver(factory);
  return {
    start: startPattern,
    startDef: start,
    factory,
    deriver,
    files: reader.files,
    prefixes: knownPrefixes(),
    loadMs: performance.now() - t0,
  };
}
