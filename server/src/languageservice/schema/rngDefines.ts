/**
 * The schema as libxml2's RelaxNG compiler sees it: a graph of definitions
 * linked by `content`/`next` lists, built and simplified by the same rules
 * (implicit groups, attribute-only content moved to the element's attribute
 * list, `notAllowed`/`empty` pruning, `combine`), and then analysed the way
 * libxml2 analyses it: which `<choice>`s it "triages" on the next child's
 * name, and how each `<interleave>` partitions children among its groups.
 * Those two analyses decide libxml2's verdicts where they differ from the
 * RelaxNG specification, so the validator needs them exactly.
 */
import { NameClass, nameClassContains } from './nameClass';
import { RNode, SchemaLoadError } from './rngTree';
import { BUILTIN_LIBRARY, DatatypeParam } from './datatypes';

export const enum T {
  NOOP = -1,
  EMPTY = 0,
  NOT_ALLOWED,
  EXCEPT,
  TEXT,
  ELEMENT,
  DATATYPE,
  PARAM,
  VALUE,
  LIST,
  ATTRIBUTE,
  DEF,
  REF,
  EXTERNALREF,
  PARENTREF,
  OPTIONAL,
  ZEROORMORE,
  ONEORMORE,
  CHOICE,
  GROUP,
  INTERLEAVE,
  START,
}

const IS_NULLABLE = 1;
const IS_NOT_NULLABLE = 2;
const IS_PROCESSED = 4;

let defUid = 0;

export class Def {
  readonly uid = defUid++;
  name: string | null = null;
  ns: string | null = null;
  value: string | null = null;
  content: Def | null = null;
  next: Def | null = null;
  attrs: Def | null = null;
  parent: Def | null = null;
  nextHash: Def | null = null;
  depth = -1;
  dflags = 0;
  /** element/attribute: the name class as libxml2 matches it */
  nc: NameClass | null = null;
  /** element/attribute: libxml2 has a nameClass (anyName/nsName except, or a choice of names) */
  complexName = false;
  /** data/value: datatype library and parameters */
  library: string | null = null;
  params: DatatypeParam[] = [];
  /** data: the `<except>` patterns */
  except: Def | null = null;
  /** choice: the triage table (name key to branch index) when libxml2 triages it */
  triage: Map<string, number> | null = null;
  /** interleave: how libxml2 assigns children to groups */
  partition: InterleavePartition | null = null;
  /** a start pattern: the combine attribute of its <start> */
  startCombine: string | undefined;

  constructor(
    public type: T,
    readonly node: RNode | null,
  ) {}

  get source(): string {
    return this.node?.source ?? '';
  }
}

export interface InterleavePartition {
  /** the groups' top-level element and text definitions */
  groups: Def[][];
  triage: Map<string, number>;
  determinist: boolean;
  needCheck: boolean;
  /** an interleave of text and one other group: libxml2 validates it without partitioning */
  pureMixed: boolean;
}

interface Grammar {
  parent: Grammar | null;
  defs: Map<string, Def>;
  refs: Map<string, Def>;
  start: Def | null;
}

export function* listOf(first: Def | null): Generator<Def> {
  for (let d = first; d; d = d.next) yield d;
}

/** the triage key of a name: `name\0ns` (ns '' when none), `#any\0ns`, `#text\0` */
export function triageKey(name: string, ns: string | null): string {
  return name + '\u0000' + (ns ?? '');
}

class DefineParser {
  private grammar: Grammar | null = null;
  readonly interleaves: Def[] = [];

  parseDocument(root: RNode, external: boolean): Def | null {
    let start: Def | null;
    if (root.name === 'grammar') {
      start = this.parseGrammar(root.children).start;
    } else {
      const g: Grammar = { parent: this.grammar, defs: new Map(), refs: new Map(), start: null };
      const old = this.grammar;
      this.grammar = g;
      this.parseStart([root], undefined);
      this.grammar = old;
      start = g.start;
    }
    if (start && !external) {
      simplify(start, null);
      // libxml2 quirk: a NOOP start with siblings is replaced by its content
      while (start && start.type === T.NOOP && start.next) start = start.content;
      if (start) checkRules(start);
    }
    return start;
  }

  private parseGrammar(nodes: RNode[]): Grammar {
    const g: Grammar = { parent: this.grammar, defs: new Map(), refs: new Map(), start: null };
    const old = this.grammar;
    this.grammar = g;
    this.parseGrammarContent(nodes);
    if (!g.start) throw new SchemaLoadError('<grammar> has no <start>');
    this.combineStart(g);
    for (const [name, d] of g.defs) this.checkCombine(d, name);
    for (const [name, r] of g.refs) {
      const d = g.defs.get(name);
      if (!d) throw new SchemaLoadError(`${r.source}: reference ${name} has no matching definition`);
      for (let cur: Def | null = r; cur; cur = cur.nextHash) cur.content = d;
    }
    this.grammar = old;
    return g;
  }

  private parseGrammarContent(nodes: RNode[]): void {
    for (const n of nodes) {
      if (n.name === 'start') this.parseStart(n.children, n.attrs.get('combine'));
      else if (n.name === 'define') this.parseDefine(n);
      else if (n.name === 'include') {
        if (n.included) this.parseGrammarContent(n.included.children);
        this.parseGrammarContent(n.children);
      } else throw new SchemaLoadError(`${n.source}: unexpected <${n.name}> in <grammar>`);
    }
  }

  private parseStart(nodes: RNode[], combine: string | undefined): void {
    if (!nodes.length) throw new SchemaLoadError('start has no children');
    const g = this.grammar!;
    let def: Def | null;
    if (nodes[0].name === 'empty') def = new Def(T.EMPTY, nodes[0]);
    else if (nodes[0].name === 'notAllowed') def = new Def(T.NOT_ALLOWED, nodes[0]);
    else def = this.parsePatterns(nodes, true);
    if (def) def.startCombine = combine;
    if (g.start) {
      let last = g.start;
      while (last.next) last = last.next;
      last.next = def;
    } else g.start = def;
  }

  private parseDefine(n: RNode): void {
    const name = (n.attrs.get('name') ?? '').trim();
    if (!name) throw new SchemaLoadError(`${n.source}: define has no name`);
    const def = new Def(T.DEF, n);
    def.name = name;
    def.content = this.parsePatterns(n.children, false);
    const g = this.grammar!;
    const prev = g.defs.get(name);
    if (!prev) g.defs.set(name, def);
    else {
      let p = prev;
      while (p.nextHash) p = p.nextHash;
      p.nextHash = def;
    }
  }

  /** libxml2's 4.17 combine rule for the defines of one name */
  private checkCombine(define: Def, name: string): void {
    if (!define.nextHash) return;
    let kind = -1; // 1 choice, 0 interleave
    let missing = 0;
    for (let cur: Def | null = define; cur; cur = cur.nextHash) {
      const combine = cur.node?.attrs.get('combine');
      if (combine === 'choice') {
        if (kind === 0) throw new SchemaLoadError(`defines for ${name} use both choice and interleave`);
        kind = 1;
      } else if (combine === 'interleave') {
        if (kind === 1) throw new SchemaLoadError(`defines for ${name} use both choice and interleave`);
        kind = 0;
      } else if (combine !== undefined) {
        throw new SchemaLoadError(`defines for ${name} use an unknown combine value ${combine}`);
      } else if (missing++ > 0) {
        throw new SchemaLoadError(`some defines for ${name} need the combine attribute`);
      }
    }
    const cur = new Def(kind === 1 ? T.CHOICE : T.INTERLEAVE, define.node);
    let last: Def | null = null;
    for (let tmp: Def | null = define; tmp; tmp = tmp.nextHash) {
      if (tmp.content) {
        let item = tmp.content;
        if (item.next) {
          const g = new Def(T.GROUP, item.node);
          g.content = item;
          item = g;
        }
        if (!last) cur.content = item;
        else last.next = item;
        last = item;
      }
      tmp.content = cur;
    }
    define.content = cur;
    if (cur.type === T.INTERLEAVE) this.interleaves.push(cur);
  }

  private combineStart(g: Grammar): void {
    const starts = g.start;
    if (!starts || !starts.next) return;
    let kind = -1;
    for (let cur: Def | null = starts; cur; cur = cur.next) {
      const combine = cur.startCombine;
      if (combine === 'choice') kind = 1;
      else if (combine === 'interleave') kind = 0;
    }
    const cur = new Def(kind === 1 ? T.CHOICE : T.INTERLEAVE, starts.node);
    cur.content = starts;
    g.start = cur;
    if (cur.type === T.INTERLEAVE) this.interleaves.push(cur);
  }

  private parsePatterns(nodes: RNode[], group: boolean): Def | null {
    let def: Def | null = null;
    let last: Def | null = null;
    for (const n of nodes) {
      if (n.name === 'element') {
        const cur = this.parseElement(n);
        if (!def) def = last = cur;
        else {
          if (group && def.type === T.ELEMENT && def === last) {
            def = new Def(T.GROUP, n);
            def.content = last;
          }
          last!.next = cur;
          last = cur;
        }
      } else {
        const cur = this.parsePattern(n);
        if (cur) {
          if (!def) def = last = cur;
          else {
            last!.next = cur;
            last = cur;
          }
        }
      }
    }
    return def;
  }

  private parsePattern(n: RNode): Def | null {
    switch (n.name) {
      case 'element':
        return this.parseElement(n);
      case 'attribute':
        return this.parseAttribute(n);
      case 'empty':
        return new Def(T.EMPTY, n);
      case 'text':
        return new Def(T.TEXT, n);
      case 'notAllowed':
        return new Def(T.NOT_ALLOWED, n);
      case 'zeroOrMore':
      case 'oneOrMore':
      case 'optional': {
        const d = new Def(n.name === 'zeroOrMore' ? T.ZEROORMORE : n.name === 'oneOrMore' ? T.ONEORMORE : T.OPTIONAL, n);
        if (!n.children.length) throw new SchemaLoadError(`${n.source}: <${n.name}> is empty`);
        d.content = this.parsePatterns(n.children, true);
        return d;
      }
      case 'choice':
      case 'group': {
        const d = new Def(n.name === 'choice' ? T.CHOICE : T.GROUP, n);
        if (!n.children.length) throw new SchemaLoadError(`${n.source}: <${n.name}> is empty`);
        d.content = this.parsePatterns(n.children, false);
        return d;
      }
      case 'ref': {
        const d = new Def(T.REF, n);
        d.name = (n.attrs.get('name') ?? '').trim();
        this.addRef(this.grammar!, d);
        return d;
      }
      case 'parentRef': {
        const parent = this.grammar?.parent;
        if (!parent) throw new SchemaLoadError(`${n.source}: parentRef without a parent grammar`);
        const d = new Def(T.PARENTREF, n);
        d.name = (n.attrs.get('name') ?? '').trim();
        this.addRef(parent, d);
        return d;
      }
      case 'data':
        return this.parseData(n);
      case 'value': {
        const d = new Def(T.VALUE, n);
        const type = n.attrs.get('type');
        if (type !== undefined) {
          d.name = type.trim();
          d.library = n.datatypeLibrary || BUILTIN_LIBRARY;
        }
        d.value = n.text;
        return d;
      }
      case 'list': {
        const d = new Def(T.LIST, n);
        d.content = this.parsePatterns(n.children, false);
        return d;
      }
      case 'interleave':
        return this.parseInterleave(n);
      case 'mixed': {
        const d = this.parseInterleave(n);
        if (d.content && d.content.next) {
          const g = new Def(T.GROUP, n);
          g.content = d.content;
          d.content = g;
        }
        const t = new Def(T.TEXT, n);
        t.next = d.content;
        d.content = t;
        return d;
      }
      case 'externalRef': {
        if (!n.external) return null;
        const d = new Def(T.EXTERNALREF, n);
        const saved = this.grammar;
        d.content = this.parseDocument(n.external, true);
        this.grammar = saved;
        return d;
      }
      case 'grammar': {
        const g = this.parseGrammar(n.children);
        return g.start;
      }
      default:
        throw new SchemaLoadError(`${n.source}: <${n.name}> is not a pattern`);
    }
  }

  private addRef(g: Grammar, d: Def): void {
    const prev = g.refs.get(d.name!);
    if (!prev) g.refs.set(d.name!, d);
    else {
      d.nextHash = prev.nextHash;
      prev.nextHash = d;
    }
  }

  private parseInterleave(n: RNode): Def {
    const d = new Def(T.INTERLEAVE, n);
    this.interleaves.push(d);
    let last: Def | null = null;
    for (const c of n.children) {
      const cur = c.name === 'element' ? this.parseElement(c) : this.parsePattern(c);
      if (!cur) continue;
      if (!last) d.content = cur;
      else last.next = cur;
      last = cur;
    }
    return d;
  }

  private parseData(n: RNode): Def {
    const d = new Def(T.DATATYPE, n);
    const type = n.attrs.get('type');
    if (!type) throw new SchemaLoadError(`${n.source}: data has no type`);
    d.name = type.trim();
    d.library = n.datatypeLibrary || BUILTIN_LIBRARY;
    for (const c of n.children) {
      if (c.name === 'param') {
        if (d.library === BUILTIN_LIBRARY) throw new SchemaLoadError(`${c.source}: the built-in datatypes take no parameters`);
        d.params.push({ name: (c.attrs.get('name') ?? '').trim(), value: c.text });
      } else if (c.name === 'except') {
        let last: Def | null = null;
        for (const e of c.children) {
          const p = this.parsePattern(e);
          if (!p) continue;
          if (!last) d.except = p;
          else last.next = p;
          last = p;
        }
      } else throw new SchemaLoadError(`${c.source}: unexpected <${c.name}> in <data>`);
    }
    return d;
  }

  private parseElement(n: RNode): Def {
    const d = new Def(T.ELEMENT, n);
    const [first, ...rest] = n.children;
    if (!first) throw new SchemaLoadError(`${n.source}: element has no name`);
    this.parseNameClass(first, d);
    if (!rest.length) throw new SchemaLoadError(`${n.source}: element has no content`);
    let last: Def | null = null;
    for (const c of rest) {
      const cur = this.parsePattern(c);
      if (!cur) continue;
      if (cur.type === T.ATTRIBUTE) {
        cur.next = d.attrs;
        d.attrs = cur;
        continue;
      }
      if (!last) d.content = last = cur;
      else {
        if (last.type === T.ELEMENT && d.content === last) {
          const g = new Def(T.GROUP, n);
          g.content = last;
          d.content = g;
        }
        last.next = cur;
        last = cur;
      }
    }
    return d;
  }

  private parseAttribute(n: RNode): Def {
    const d = new Def(T.ATTRIBUTE, n);
    const [first, second, ...rest] = n.children;
    if (!first) throw new SchemaLoadError(`${n.source}: attribute has no name`);
    this.parseNameClass(first, d);
    if (second) d.content = this.parsePattern(second);
    if (rest.length) throw new SchemaLoadError(`${n.source}: attribute has several patterns`);
    return d;
  }

  /** sets name/ns/nc on an element or attribute definition */
  private parseNameClass(n: RNode, d: Def): void {
    switch (n.name) {
      case 'name':
        d.name = n.text;
        d.ns = n.attrs.get('ns') ?? '';
        d.nc = { kind: 'name', ns: d.ns, local: d.name };
        return;
      case 'anyName':
        d.nc = { kind: 'anyName', except: this.exceptNameClass(n) };
        d.complexName = d.nc.except !== null;
        return;
      case 'nsName':
        d.ns = n.attrs.get('ns') ?? '';
        d.nc = { kind: 'nsName', ns: d.ns, except: this.exceptNameClass(n) };
        d.complexName = d.nc.except !== null;
        return;
      case 'choice':
        d.nc = this.nameClass(n);
        d.complexName = true;
        return;
      default:
        throw new SchemaLoadError(`${n.source}: expected a name class, got <${n.name}>`);
    }
  }

  private exceptNameClass(n: RNode): NameClass | null {
    const ex = n.children.find((c) => c.name === 'except');
    if (!ex) return null;
    const items = ex.children.map((c) => this.nameClass(c));
    return items.length === 1 ? items[0] : { kind: 'choice', items };
  }

  private nameClass(n: RNode): NameClass {
    switch (n.name) {
      case 'name':
        return { kind: 'name', ns: n.attrs.get('ns') ?? '', local: n.text };
      case 'anyName':
        return { kind: 'anyName', except: this.exceptNameClass(n) };
      case 'nsName':
        return { kind: 'nsName', ns: n.attrs.get('ns') ?? '', except: this.exceptNameClass(n) };
      case 'choice':
        return { kind: 'choice', items: n.children.map((c) => this.nameClass(c)) };
      default:
        throw new SchemaLoadError(`${n.source}: <${n.name}> is not a name class`);
    }
  }
}

// ---- simplification (libxml2's xmlRelaxNGSimplify) -------------------------

function tryUnlink(cur: Def, parent: Def | null, prev: Def | null): Def | null {
  if (prev) prev.next = cur.next;
  else if (parent) {
    if (parent.content === cur) parent.content = cur.next;
    else if (parent.attrs === cur) parent.attrs = cur.next;
  } else {
    cur.type = T.NOOP;
    prev = cur;
  }
  return prev;
}

const NOT_ALLOWED_PROPAGATES = new Set([T.ATTRIBUTE, T.LIST, T.GROUP, T.INTERLEAVE, T.ONEORMORE, T.ZEROORMORE]);

/** true when the definition can only produce attributes */
function generatesAttributesOnly(def: Def, seen = new Set<Def>()): boolean {
  switch (def.type) {
    case T.ELEMENT:
    case T.TEXT:
    case T.DATATYPE:
    case T.PARAM:
    case T.LIST:
    case T.VALUE:
    case T.EMPTY:
      return false;
    case T.CHOICE:
    case T.INTERLEAVE:
    case T.GROUP:
    case T.ONEORMORE:
    case T.ZEROORMORE:
    case T.OPTIONAL:
    case T.PARENTREF:
    case T.EXTERNALREF:
    case T.REF:
    case T.DEF:
      if (seen.has(def)) return true;
      seen.add(def);
      for (const c of listOf(def.content)) if (!generatesAttributesOnly(c, seen)) return false;
      return true;
    default:
      return true;
  }
}

function simplify(first: Def | null, parent: Def | null): void {
  let prev: Def | null = null;
  let cur = first;
  while (cur) {
    if (cur.type === T.REF || cur.type === T.PARENTREF) {
      if (cur.depth !== -3) {
        cur.depth = -3;
        simplify(cur.content, cur);
      }
      // libxml2 does not advance `prev` past a ref
    } else if (cur.type === T.NOT_ALLOWED) {
      cur.parent = parent;
      if (parent && NOT_ALLOWED_PROPAGATES.has(parent.type)) {
        parent.type = T.NOT_ALLOWED;
        break;
      }
      if (parent && parent.type === T.CHOICE) prev = tryUnlink(cur, parent, prev);
      else prev = cur;
    } else if (cur.type === T.EMPTY) {
      cur.parent = parent;
      if (parent && (parent.type === T.ONEORMORE || parent.type === T.ZEROORMORE)) {
        parent.type = T.EMPTY;
        break;
      }
      if (parent && (parent.type === T.GROUP || parent.type === T.INTERLEAVE)) prev = tryUnlink(cur, parent, prev);
      else prev = cur;
    } else {
      cur.parent = parent;
      if (cur.content) simplify(cur.content, cur);
      if (cur.type !== T.VALUE && cur.attrs) simplify(cur.attrs, cur);
      if (cur.type === T.ELEMENT) {
        while (cur.content && generatesAttributesOnly(cur.content)) {
          const tmp: Def = cur.content;
          cur.content = tmp.next;
          tmp.next = cur.attrs;
          cur.attrs = tmp;
        }
        let pre = cur.content;
        while (pre && pre.next) {
          const tmp: Def = pre.next;
          if (generatesAttributesOnly(tmp)) {
            pre.next = tmp.next;
            tmp.next = cur.attrs;
            cur.attrs = tmp;
          } else pre = tmp;
        }
      }
      if (cur.type === T.GROUP || cur.type === T.INTERLEAVE) {
        if (!cur.content) cur.type = T.EMPTY;
        else if (!cur.content.next) {
          if (!parent && !prev) cur.type = T.NOOP;
          else if (!prev) {
            parent!.content = cur.content;
            cur.content.next = cur.next;
            cur = cur.content;
          } else {
            cur.content.next = cur.next;
            prev.next = cur.content;
            cur = cur.content;
          }
        }
      }
      if (cur.type === T.NOT_ALLOWED) {
        if (parent && NOT_ALLOWED_PROPAGATES.has(parent.type)) {
          parent.type = T.NOT_ALLOWED;
          break;
        }
        if (parent && parent.type === T.CHOICE) prev = tryUnlink(cur, parent, prev);
        else prev = cur;
      } else if (cur.type === T.EMPTY) {
        if (parent && (parent.type === T.ONEORMORE || parent.type === T.ZEROORMORE)) {
          parent.type = T.EMPTY;
          break;
        }
        if (parent && (parent.type === T.GROUP || parent.type === T.INTERLEAVE || parent.type === T.CHOICE))
          prev = tryUnlink(cur, parent, prev);
        else prev = cur;
      } else prev = cur;
    }
    cur = cur.next;
  }
}

// ---- analyses (libxml2's nullability, element lists, triage) ---------------

/** libxml2's xmlRelaxNGIsNullable: 1, 0, or -1 ("don't know", e.g. optional) */
export function libxmlNullable(def: Def | null): number {
  if (!def) return -1;
  if (def.dflags & IS_NULLABLE) return 1;
  if (def.dflags & IS_NOT_NULLABLE) return 0;
  let ret: number;
  switch (def.type) {
    case T.EMPTY:
    case T.TEXT:
      ret = 1;
      break;
    case T.NOOP:
    case T.DEF:
    case T.REF:
    case T.EXTERNALREF:
    case T.PARENTREF:
    case T.ONEORMORE:
      ret = libxmlNullable(def.content);
      break;
    case T.EXCEPT:
    case T.NOT_ALLOWED:
    case T.ELEMENT:
    case T.DATATYPE:
    case T.PARAM:
    case T.VALUE:
    case T.LIST:
    case T.ATTRIBUTE:
      ret = 0;
      break;
    case T.CHOICE:
      ret = 0;
      for (const c of listOf(def.content)) {
        const r = libxmlNullable(c);
        if (r !== 0) {
          ret = r;
          break;
        }
      }
      break;
    case T.START:
    case T.INTERLEAVE:
    case T.GROUP: {
      for (const c of listOf(def.content)) {
        const r = libxmlNullable(c);
        if (r !== 1) {
          if (r === 0) def.dflags |= IS_NOT_NULLABLE;
          return r;
        }
      }
      return 1;
    }
    default:
      return -1;
  }
  if (ret === 0) def.dflags |= IS_NOT_NULLABLE;
  if (ret === 1) def.dflags |= IS_NULLABLE;
  return ret;
}

const TRAVERSED = new Set([
  T.CHOICE,
  T.INTERLEAVE,
  T.GROUP,
  T.ONEORMORE,
  T.ZEROORMORE,
  T.OPTIONAL,
  T.PARENTREF,
  T.REF,
  T.DEF,
  T.EXTERNALREF,
]);

/**
 * libxml2's xmlRelaxNGGetElements: the element and text definitions a
 * pattern contains at its own level (`withData`: data, value and list too, as
 * libxml2 gathers them for interleave groups).
 */
export function topElements(def: Def, withData = false, out: Def[] = [], seen = new Set<Def>()): Def[] {
  if (
    def.type === T.ELEMENT ||
    def.type === T.TEXT ||
    (withData && (def.type === T.DATATYPE || def.type === T.VALUE || def.type === T.LIST))
  ) {
    out.push(def);
    return out;
  }
  if (TRAVERSED.has(def.type) && def.content) {
    if (seen.has(def)) return out;
    seen.add(def);
    for (const c of listOf(def.content)) topElements(c, withData, out, seen);
  }
  return out;
}

/** the triage key of a top definition; null for data, value and list */
function keyOfTop(d: Def): string | null {
  if (d.type === T.TEXT) return triageKey('#text', null);
  if (d.type !== T.ELEMENT) return null;
  if (d.name !== null) return triageKey(d.name, d.ns);
  return triageKey('#any', d.ns);
}

function checkChoiceDeterminism(def: Def): void {
  if (def.dflags & IS_PROCESSED) return;
  def.dflags |= IS_PROCESSED;
  let triable = libxmlNullable(def) === 0 ? 1 : 0;
  const triage = new Map<string, number>();
  let i = 0;
  for (const branch of listOf(def.content)) {
    const list = topElements(branch);
    if (!list.length) triable = 0;
    else if (triable === 1) {
      for (const d of list) {
        const key = keyOfTop(d)!;
        if (triage.has(key)) {
          triable = -1;
          break;
        }
        triage.set(key, i);
      }
    }
    i++;
  }
  if (triable === 1) def.triage = triage;
}

/** walks what libxml2's xmlRelaxNGCheckRules walks, analysing every choice */
function checkRules(first: Def | null): void {
  for (let cur = first; cur; cur = cur.next) {
    if (cur.type === T.REF || cur.type === T.PARENTREF) {
      if (cur.depth > -4) {
        cur.depth = -4;
        checkRules(cur.content);
        cur.depth = -10;
      }
    } else if (cur.type === T.ELEMENT) {
      checkRules(cur.attrs);
      checkRules(cur.content);
    } else if (cur.type === T.DATATYPE) {
      checkRules(cur.except);
    } else {
      if (cur.type === T.CHOICE) checkChoiceDeterminism(cur);
      checkRules(cur.content);
    }
  }
}

function computeInterleave(def: Def): void {
  const groups: Def[][] = [];
  let mixed = 0;
  for (const g of listOf(def.content)) {
    if (g.type === T.TEXT) mixed++;
    groups.push(topElements(g, true));
  }
  const triage = new Map<string, number>();
  let determinist = 1;
  groups.forEach((defs, i) => {
    if (!defs.length) {
      determinist = 0;
      return;
    }
    for (const d of defs) {
      const key = keyOfTop(d);
      if (key === null) {
        determinist = -1;
        continue;
      }
      if (d.type === T.ELEMENT && d.name === null && d.complexName) determinist = 2;
      if (triage.has(key)) determinist = -1;
      else triage.set(key, i);
    }
  });
  def.partition = {
    groups,
    triage,
    determinist: determinist === 1 || determinist === 2,
    needCheck: determinist === 2,
    pureMixed: mixed > 0 && groups.length === 2,
  };
}

/** libxml2's xmlRelaxNGElementMatch / NodeMatchesList for one top definition of an interleave group */
export function topMatches(d: Def, isText: boolean, ns: string, local: string): boolean {
  if (isText) return d.type === T.TEXT || d.type === T.DATATYPE || d.type === T.VALUE || d.type === T.LIST;
  return d.type === T.ELEMENT && d.nc !== null && nameClassContains(d.nc, ns, local);
}

export interface ParsedSchema {
  start: Def;
}

/** builds and analyses the definition graph of a cleaned-up schema tree */
export function buildDefines(root: RNode): ParsedSchema {
  const p = new DefineParser();
  const start = p.parseDocument(root, false);
  if (!start) throw new SchemaLoadError('the schema has no start pattern');
  for (const i of p.interleaves) computeInterleave(i);
  return { start };
}

// ---- libxml2's interleave link restoration hazard --------------------------

const SAME_LEVEL = new Set([
  T.REF,
  T.DEF,
  T.CHOICE,
  T.GROUP,
  T.OPTIONAL,
  T.ZEROORMORE,
  T.ONEORMORE,
  T.EXTERNALREF,
  T.PARENTREF,
  T.NOOP,
  T.START,
  T.INTERLEAVE,
]);

/** interleaves (that partition children) in `d` or reachable from it without entering an element */
function sameLevelInterleaves(d: Def, out: Def[], seen: Set<Def>): Def[] {
  if (seen.has(d)) return out;
  seen.add(d);
  if (d.type === T.INTERLEAVE && d.partition && !d.partition.pureMixed) out.push(d);
  if (SAME_LEVEL.has(d.type)) for (const c of listOf(d.content)) sameLevelInterleaves(c, out, seen);
  return out;
}

/**
 * An interleave of an element's content some of whose groups run another
 * interleave over the same children: when libxml2 finishes that inner
 * interleave it relinks the children in document order, which can break the
 * outer interleave's chains for the groups it validates afterwards, and the
 * group's own chain when the group walks it again (another branch of a
 * choice, another state).
 */
export interface InterleaveHazard {
  interleave: Def;
  /** the groups containing an inner interleave */
  groups: { index: number; selfRisk: boolean }[];
  /**
   * libxml2 handles this interleave's text in its own way whatever the
   * children: in a mixed interleave of more than two groups it skips all
   * text while validating the groups, and a group with `<data>`/`<value>`
   * checks the group's text nodes without the blank ones.
   */
  always?: boolean;
}

/** data, value or list patterns in `d` at its own level */
function sameLevelData(d: Def, seen = new Set<Def>()): boolean {
  if (seen.has(d)) return false;
  seen.add(d);
  if (d.type === T.DATATYPE || d.type === T.VALUE || d.type === T.LIST) return true;
  if (SAME_LEVEL.has(d.type)) for (const c of listOf(d.content)) if (sameLevelData(c, seen)) return true;
  return false;
}

/** the definition a reference or single-item wrapper stands for */
function unwrap(d: Def): Def {
  for (;;) {
    if ((d.type === T.REF || d.type === T.PARENTREF || d.type === T.EXTERNALREF || d.type === T.START) && d.content) d = d.content;
    else if ((d.type === T.DEF || d.type === T.GROUP || d.type === T.NOOP || d.type === T.CHOICE) && d.content && !d.content.next)
      d = d.content;
    else return d;
  }
}

/** attribute patterns that leave libxml2 with a single state (no optional, choice or repetition) */
function singleStateAttributes(d: Def, seen = new Set<Def>()): boolean {
  if (seen.has(d)) return true;
  seen.add(d);
  switch (d.type) {
    case T.ATTRIBUTE:
      return true;
    case T.REF:
    case T.PARENTREF:
    case T.EXTERNALREF:
    case T.DEF:
    case T.GROUP:
    case T.NOOP:
      for (const c of listOf(d.content)) if (!singleStateAttributes(c, seen)) return false;
      return true;
    default:
      return false;
  }
}

/**
 * Whether a group can walk its children again after an inner interleave ran
 * (and so see them relinked): not when it is the inner interleave itself, or
 * that interleave after attributes that leave a single state; yes when it
 * has other alternatives (a choice), repetitions, or several states in which
 * to run the inner interleave.
 */
function groupSelfRisk(g: Def): boolean {
  const u = unwrap(g);
  if (u.type === T.INTERLEAVE) return false;
  if (u.type !== T.DEF && u.type !== T.GROUP) return true;
  const items = [...listOf(u.content)];
  const last = items[items.length - 1];
  if (!last || unwrap(last).type !== T.INTERLEAVE) return true;
  return !items.slice(0, -1).every((d) => singleStateAttributes(d));
}

export function interleaveHazards(element: Def): InterleaveHazard[] {
  const out: InterleaveHazard[] = [];
  const seen = new Set<Def>();
  const all: Def[] = [];
  for (const c of listOf(element.content)) sameLevelInterleaves(c, all, seen);
  for (const il of all) {
    const groups: { index: number; selfRisk: boolean }[] = [];
    const items = [...listOf(il.content)];
    const always = (items.some((g) => g.type === T.TEXT) && items.length > 2) || items.some((g) => sameLevelData(g));
    items.forEach((g, i) => {
      if (!sameLevelInterleaves(g, [], new Set()).length) return;
      const selfRisk = groupSelfRisk(g);
      // a last group without self risk cannot break anything
      if (selfRisk || i < items.length - 1) groups.push({ index: i, selfRisk });
    });
    if (groups.length || always) out.push({ interleave: il, groups, always });
  }
  return out;
}

/**
 * The child element names the schema allows under an element, keyed by the
 * element's name and its parent's ("disk/source"), over every definition of
 * that pair. libvirt's parser reads a child by name whatever variant of its
 * parent the schema picked (an <auth> in any network disk <source>), so a name
 * this index has is one the parser knows there.
 */
export function childNamesByParent(start: Def): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  // (element definition, its parent's name) pairs still to read
  const todo: [Def, string][] = topElements(start).map((d) => [d, '']);
  const visited = new Set<string>();
  while (todo.length) {
    const [el, parentName] = todo.pop()!;
    if (el.type !== T.ELEMENT || el.name === null) continue;
    const key = `${parentName}/${el.name}`;
    const tag = `${el.uid}:${parentName}`;
    if (visited.has(tag)) continue;
    visited.add(tag);
    let names = index.get(key);
    if (!names) index.set(key, (names = new Set()));
    for (const c of listOf(el.content))
      for (const child of topElements(c)) {
        if (child.type !== T.ELEMENT || child.name === null) continue;
        names.add(child.name);
        todo.push([child, el.name]);
      }
  }
  return index;
}
