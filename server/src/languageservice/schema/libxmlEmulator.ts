/**
 * An emulation of libxml2's RelaxNG validation algorithm (relaxng.c, as in
 * libxml2 2.9), used for the verdict where the derivative validator cannot
 * express libxml2's behaviour.
 *
 * The case that needs it: libxml2 validates an `<interleave>` by relinking
 * the children into one chain per group (it rewrites their `next` pointers),
 * and when it is done it restores the links *in document order* over the
 * range it walked. A nested interleave, run while an outer interleave
 * validates one of its groups, therefore undoes the outer interleave's chains
 * for the groups validated after it: a group whose children are interleaved
 * with the inner group's then sees foreign elements and fails ("Extra element
 * uuid in interleave" for `<name/><memory/><uuid/>` in a domain). This module
 * replays libxml2's algorithm on a mutable copy of the child lists — state
 * sets, choice triage, interleave partitions and link mutation included — so
 * its verdict is libxml2's.
 *
 * It is slower than the derivative validator and keeps no memos; the
 * validator calls it only when a cheap check finds such an arrangement.
 */
import { XmlAttribute, XmlDocument, XmlElement, XmlNode } from '../parser/xmlNodes';
import { datatypeOf, validateValue } from './libxmlValues';
import { nameClassContains } from './nameClass';
import { Def, listOf, T, topMatches, triageKey } from './rngDefines';
import { attributeQName, attributeValue, elementQName, isNamespaceDeclaration, NsScope } from './namespaces';

const FLAGS_IGNORABLE = 1;
const FLAGS_MIXED_CONTENT = 4;

/** a child node with libxml2's mutable `next` link */
class LNode {
  next: LNode | null = null;
  prev: LNode | null = null;
  psvi: Def | null = null;
  ns = '';
  local = '';
  scope: NsScope | null = null;
  constructor(
    readonly node: XmlNode,
    /** element, text (incl. CDATA), or ignorable (comment, PI) */
    readonly type: 'element' | 'text' | 'other',
    readonly content: string,
  ) {}
  get isBlank(): boolean {
    return /^[ \t\r\n]*$/.test(this.content);
  }
}

interface LAttr {
  name: string;
  ns: string;
  value: string;
  attr: XmlAttribute;
}

class State {
  constructor(
    public node: XmlElement | null,
    public seq: LNode | null,
    public attrs: (LAttr | null)[],
    public nbAttrLeft: number,
    public value: string | null = null,
    /** for <list> values: the remaining tokens (null outside lists) */
    public tokens: string[] | null = null,
  ) {}
  copy(): State {
    return new State(this.node, this.seq, this.attrs.slice(), this.nbAttrLeft, this.value, this.tokens ? this.tokens.slice() : null);
  }
  equals(o: State): boolean {
    if (this === o) return true;
    if (this.node !== o.node || this.seq !== o.seq || this.nbAttrLeft !== o.nbAttrLeft || this.attrs.length !== o.attrs.length)
      return false;
    if (this.value !== o.value) return false;
    if ((this.tokens === null) !== (o.tokens === null)) return false;
    if (this.tokens && o.tokens && this.tokens.join('\u0000') !== o.tokens.join('\u0000')) return false;
    for (let i = 0; i < this.attrs.length; i++) if (this.attrs[i] !== o.attrs[i]) return false;
    return true;
  }
}

function addStates(states: State[], s: State): number {
  for (const x of states) if (x.equals(s)) return 0;
  states.push(s);
  return 1;
}

interface StackedError {
  code: string;
  arg1: string;
  arg2: string;
  node: XmlElement | null;
}

export interface EmulationResult {
  valid: boolean;
  /** the first error libxml2 would report, when there is one */
  firstError?: { code: string; arg1: string; arg2: string; node: XmlNode | null };
  /** the child an interleave found out of place ("Extra element X in interleave") */
  misplaced?: XmlNode;
}

export class LibxmlEmulator {
  private state: State | null = null;
  private states: State[] | null = null;
  /** reads `states` without TypeScript's narrowing (the calls in between change it) */
  private current(): State[] | null {
    return this.states;
  }
  private flags = 0;
  private errNo = false;
  private errs: StackedError[] = [];
  private firstError: EmulationResult['firstError'];
  private misplaced: { node: XmlNode; shown: boolean } | undefined;
  private readonly children = new Map<XmlElement, LNode | null>();

  private text = '';

  constructor(private readonly start: Def) {}

  // ---- errors -----------------------------------------------------------------

  private addError(code: string, arg1 = '', arg2 = '', at: XmlNode | null = null): void {
    if (code === 'INTEREXTRA' && at) {
      const shown = (this.flags & FLAGS_IGNORABLE) === 0;
      if (!this.misplaced || (shown && !this.misplaced.shown)) this.misplaced = { node: at, shown };
    }
    if ((this.flags & FLAGS_IGNORABLE) === 0) {
      if (this.errs.length) this.dumpErrors();
      this.errNo = true;
      this.firstError ??= { code, arg1, arg2, node: at ?? this.state?.seq?.node ?? this.state?.node ?? null };
    } else {
      const top = this.errs[this.errs.length - 1];
      const node = this.state?.node ?? null;
      if (top && this.state && top.node === node && top.code === code) return;
      this.errs.push({ code, arg1, arg2, node });
    }
  }

  private dumpErrors(): void {
    if (this.errs.length) {
      this.errNo = true;
      const e = this.errs[0];
      this.firstError ??= { code: e.code, arg1: e.arg1, arg2: e.arg2, node: e.node };
    }
    this.errs = [];
  }

  private popErrors(level: number): void {
    if (this.errs.length > level) this.errs.length = level;
  }

  // ---- the node lists ---------------------------------------------------------

  /** the child list of `el`; `scope` is the namespace scope inside `el` */
  private childList(el: XmlElement, scope: NsScope): LNode | null {
    if (this.children.has(el)) return this.children.get(el)!;
    let first: LNode | null = null;
    let prev: LNode | null = null;
    for (const c of el.children) {
      let n: LNode;
      if (c.kind === 'element') {
        n = new LNode(c, 'element', '');
        const inner = scope.enter(c);
        const q = elementQName(c, inner);
        n.ns = q.ns;
        n.local = q.local;
        n.scope = inner;
      } else if (c.kind === 'text') n = new LNode(c, 'text', c.value);
      else n = new LNode(c, 'other', '');
      n.prev = prev;
      if (prev) prev.next = n;
      else first = n;
      prev = n;
    }
    this.children.set(el, first);
    return first;
  }

  private newState(el: XmlElement, ln: LNode): State {
    const attrs: LAttr[] = [];
    for (const a of el.attributes) {
      if (isNamespaceDeclaration(a)) continue;
      const q = attributeQName(a, ln.scope!);
      attrs.push({ name: q.local, ns: q.ns, value: attributeValue(a, this.text), attr: a });
    }
    return new State(el, this.childList(el, ln.scope!), attrs, attrs.length);
  }

  private skipIgnored(node: LNode | null): LNode | null {
    while (node && (node.type === 'other' || (node.type === 'text' && ((this.flags & FLAGS_MIXED_CONTENT) !== 0 || node.isBlank))))
      node = node.next;
    return node;
  }

  // ---- entry point ------------------------------------------------------------

  validateDocument(doc: XmlDocument): EmulationResult {
    this.text = doc.text;
    const root = doc.root;
    if (!root) return { valid: false };
    const scope = NsScope.root().enter(root);
    const rn = new LNode(root, 'element', '');
    const q = elementQName(root, scope);
    rn.ns = q.ns;
    rn.local = q.local;
    rn.scope = scope;
    this.state = new State(null, rn, [], 0);
    let ret = this.validateDefinition(this.start);
    if (this.state && this.state.seq) {
      if (this.skipIgnored(this.state.seq) && ret !== -1) {
        this.addError('EXTRADATA');
        ret = -1;
      }
    } else if (this.states) {
      let tmp = -1;
      for (const s of this.states) if (!this.skipIgnored(s.seq)) tmp = 0;
      if (tmp === -1 && ret !== -1) {
        this.addError('EXTRADATA');
        ret = -1;
      }
    }
    if (ret !== 0) this.dumpErrors();
    return { valid: ret === 0 && !this.errNo, firstError: this.firstError, misplaced: this.misplaced?.node };
  }

  // ---- definitions ------------------------------------------------------------

  private validateDefinition(def: Def): number {
    if (this.state && this.states) this.state = null;
    if (!this.states || this.states.length === 1) {
      if (this.states) {
        this.state = this.states[0];
        this.states = null;
      }
      const ret = this.validateState(def);
      if (this.state && this.current()) this.state = null;
      const after = this.current();
      if (after && after.length === 1) {
        this.state = after[0];
        this.states = null;
      }
      return ret;
    }
    const input = this.states;
    this.states = null;
    let res: State[] | null = null;
    let j = 0;
    const oldflags = this.flags;
    this.flags |= FLAGS_IGNORABLE;
    for (let i = 0; i < input.length; i++) {
      this.state = input[i];
      this.states = null;
      const ret = this.validateState(def);
      if (this.state && this.states) this.state = null;
      if (ret === 0) {
        if (!this.states) {
          if (res) addStates(res, this.state!);
          else input[j++] = this.state!;
          this.state = null;
        } else if (!res) {
          res = this.states;
          this.states = null;
          for (let k = 0; k < j; k++) addStates(res, input[k]);
        } else {
          for (const s of this.current()!) addStates(res, s);
          this.states = null;
        }
      } else {
        this.state = null;
        this.states = null;
      }
    }
    this.flags = oldflags;
    let ret: number;
    if (res) {
      this.states = res;
      ret = 0;
    } else if (j > 1) {
      this.states = input.slice(0, j);
      ret = 0;
    } else if (j === 1) {
      this.state = input[0];
      ret = 0;
    } else {
      ret = -1;
      this.states = null;
    }
    if (this.state && this.states) this.state = null;
    return ret;
  }

  private validateDefinitionList(first: Def | null): number {
    if (!first) {
      this.addError('INTERNAL');
      return -1;
    }
    return this.validateEach(first, false);
  }

  /** validates the definitions of a list in turn (skipping attributes if asked); -1 when one fails */
  private validateEach(first: Def, skipAttributes: boolean): number {
    let ret = 0;
    for (const d of listOf(first)) {
      if (skipAttributes && d.type === T.ATTRIBUTE) continue;
      if (!this.state && !this.states) {
        this.addError('NOSTATE');
        return -1;
      }
      const res = this.validateDefinition(d);
      if (res < 0) ret = -1;
      if (res === -1) break;
    }
    return ret;
  }

  private validateState(def: Def): number {
    let node = this.state ? this.state.seq : null;
    let ret = 0;
    switch (def.type) {
      case T.EMPTY:
        return 0;
      case T.NOT_ALLOWED:
        return -1;
      case T.TEXT:
        while (node && node.type !== 'element') node = node.next;
        this.state!.seq = node;
        return 0;
      case T.ELEMENT:
        return this.validateElement(def, node);
      case T.OPTIONAL: {
        const errNr = this.errs.length;
        const oldflags = this.flags;
        this.flags |= FLAGS_IGNORABLE;
        const oldstate = this.state!.copy();
        ret = this.validateDefinitionList(def.content);
        if (ret !== 0) {
          this.state = oldstate;
          this.flags = oldflags;
          this.popErrors(errNr);
          return 0;
        }
        if (this.states) addStates(this.states, oldstate);
        else {
          this.states = [];
          addStates(this.states, oldstate);
          addStates(this.states, this.state!);
          this.state = null;
        }
        this.flags = oldflags;
        this.popErrors(errNr);
        return 0;
      }
      case T.ONEORMORE: {
        const errNr = this.errs.length;
        ret = this.validateDefinitionList(def.content);
        if (ret !== 0) return ret;
        this.popErrors(errNr);
        return this.validateZeroOrMore(def);
      }
      case T.ZEROORMORE:
        return this.validateZeroOrMore(def);
      case T.CHOICE:
        return this.validateChoice(def, node);
      case T.DEF:
      case T.GROUP:
        return this.validateDefinitionList(def.content);
      case T.INTERLEAVE:
        return this.validateInterleave(def);
      case T.ATTRIBUTE:
        return this.validateAttribute(def);
      case T.START:
      case T.NOOP:
      case T.REF:
      case T.EXTERNALREF:
      case T.PARENTREF:
        if (!def.content) return -1;
        return this.validateDefinition(def.content);
      case T.DATATYPE:
      case T.VALUE:
      case T.LIST: {
        let content = '';
        for (let c = node; c; c = c.next) {
          if (c.type === 'element') {
            this.addError(def.type === T.DATATYPE ? 'DATAELEM' : def.type === T.VALUE ? 'VALELEM' : 'LISTELEM');
            return -1;
          }
          if (c.type === 'text') content += c.content;
        }
        if (def.type === T.DATATYPE) {
          ret = this.validateDatatype(content, def);
          if (ret === -1) this.addError('DATATYPE', def.name ?? '');
          else if (ret === 0) this.state!.seq = null;
          return ret;
        }
        const oldvalue = this.state!.value;
        const oldtokens = this.state!.tokens;
        this.state!.value = content;
        if (def.type === T.LIST) this.state!.tokens = null;
        ret = this.validateValue(def);
        this.state!.value = oldvalue;
        this.state!.tokens = oldtokens;
        if (ret === -1) this.addError(def.type === T.VALUE ? 'VALUE' : 'LIST');
        else if (ret === 0) this.state!.seq = def.type === T.LIST ? (node ? node.next : null) : null;
        return ret;
      }
      default:
        return -1;
    }
  }

  private validateZeroOrMore(def: Def): number {
    const res: State[] = [];
    if (this.state) addStates(res, this.state.copy());
    else for (const s of this.states!) addStates(res, s.copy());
    const oldflags = this.flags;
    this.flags |= FLAGS_IGNORABLE;
    let states: State[] | null = null;
    let progress: number;
    do {
      progress = 0;
      let base = res.length;
      if (this.states) {
        states = this.states;
        for (let i = 0; i < states.length; i++) {
          this.state = states[i];
          this.states = null;
          const ret = this.validateDefinitionList(def.content);
          if (ret === 0) {
            if (this.state) {
              if (addStates(res, this.state) === 1) progress = 1;
              this.state = null;
            } else if (this.states) {
              for (const s of this.current()!) if (addStates(res, s) === 1) progress = 1;
              this.states = null;
            }
          } else {
            this.state = null;
          }
        }
      } else {
        const ret = this.validateDefinitionList(def.content);
        if (ret !== 0) this.state = null;
        else {
          base = res.length;
          if (this.state) {
            if (addStates(res, this.state) === 1) progress = 1;
            this.state = null;
          } else if (this.states) {
            for (const s of this.current()!) if (addStates(res, s) === 1) progress = 1;
            if (!states) states = this.states;
            this.states = null;
          }
        }
      }
      if (progress) {
        if (res.length - base === 1) this.state = res[base].copy();
        else {
          if (!states) {
            progress = 0;
            break;
          }
          states = [];
          for (let i = base; i < res.length; i++) addStates(states, res[i].copy());
          this.states = states;
        }
      }
    } while (progress === 1);
    this.state = null;
    this.states = res;
    this.flags = oldflags;
    return 0;
  }

  private triageLookup(table: Map<string, number>, node: LNode): number | undefined {
    if (node.type === 'text') return table.get(triageKey('#text', null));
    if (node.type !== 'element') return undefined;
    let r: number | undefined;
    if (node.ns) {
      r = table.get(triageKey(node.local, node.ns));
      if (r === undefined) r = table.get(triageKey('#any', node.ns));
    } else r = table.get(triageKey(node.local, null));
    if (r === undefined) r = table.get(triageKey('#any', null));
    return r;
  }

  private validateChoice(def: Def, node0: LNode | null): number {
    const node = this.skipIgnored(node0);
    const errNr = this.errs.length;
    const branches = [...listOf(def.content)];
    if (def.triage && node) {
      const i = this.triageLookup(def.triage, node);
      if (i === undefined) {
        this.addError('ELEMWRONG', node.local);
        return -1;
      }
      return this.validateDefinition(branches[i]);
    }
    const oldflags = this.flags;
    this.flags |= FLAGS_IGNORABLE;
    let states: State[] | null = null;
    let ret = 0;
    let oldstate: State | null = null;
    for (const b of branches) {
      oldstate = this.state!.copy();
      ret = this.validateDefinition(b);
      if (ret === 0) {
        states ??= [];
        if (this.state) addStates(states, this.state);
        else if (this.states) {
          for (const s of this.states) addStates(states, s);
          this.states = null;
        }
      }
      this.state = oldstate;
    }
    if (states) {
      this.states = states;
      this.state = null;
      ret = 0;
    } else this.states = null;
    this.flags = oldflags;
    if (ret !== 0) {
      if ((this.flags & FLAGS_IGNORABLE) === 0) this.dumpErrors();
    } else this.popErrors(errNr);
    return ret;
  }

  private elementMatch(def: Def, node: LNode): boolean {
    if (def.name !== null && node.local !== def.name) {
      this.addError('ELEMNAME', def.name, node.local);
      return false;
    }
    if (def.ns !== null && def.ns !== '') {
      if (node.ns !== def.ns) {
        this.addError(node.ns ? 'ELEMWRONGNS' : 'ELEMNONS', node.local);
        return false;
      }
    } else if (node.ns && def.ns !== null && def.name === null) {
      this.addError('ELEMEXTRANS', node.local);
      return false;
    } else if (node.ns && def.name !== null) {
      this.addError('ELEMEXTRANS', def.name);
      return false;
    }
    if (!def.complexName) return true;
    return nameClassContains(def.nc!, node.ns, node.local);
  }

  private popElementErrors(node: LNode): void {
    for (;;) {
      const e = this.errs[this.errs.length - 1];
      if (!e) return;
      if (
        (e.code === 'ELEMNAME' && e.arg2 === node.local) ||
        (e.code === 'ELEMEXTRANS' && e.arg1 === node.local) ||
        e.code === 'NOELEM' ||
        e.code === 'NOTELEM'
      )
        this.errs.pop();
      else return;
    }
  }

  private validateElement(def: Def, node0: LNode | null): number {
    let errNr = this.errs.length;
    const node = this.skipIgnored(node0);
    if (!node) {
      this.addError('NOELEM', def.name ?? '');
      if ((this.flags & FLAGS_IGNORABLE) === 0) this.dumpErrors();
      return -1;
    }
    if (node.type !== 'element') {
      this.addError('NOTELEM', '', '', node.node);
      if ((this.flags & FLAGS_IGNORABLE) === 0) this.dumpErrors();
      return -1;
    }
    if (node.psvi === def) {
      this.state!.seq = this.skipIgnored(node.next);
      this.popErrors(errNr);
      if (this.errs.length) this.popElementErrors(node);
      return 0;
    }
    if (!this.elementMatch(def, node)) {
      if ((this.flags & FLAGS_IGNORABLE) === 0) this.dumpErrors();
      return -1;
    }
    let ret = 0;
    if (this.errs.length) {
      this.popErrors(errNr);
      this.popElementErrors(node);
    }
    errNr = this.errs.length;
    const oldflags = this.flags;
    this.flags &= ~FLAGS_MIXED_CONTENT;
    const el = node.node as XmlElement;
    const oldstate = this.state;
    this.state = this.newState(el, node);
    if (def.attrs) {
      if (this.validateAttributeList(def.attrs) !== 0) {
        ret = -1;
        this.addError('ATTRVALID', el.name, '', el);
      }
    }
    if (def.content) {
      if (this.validateDefinitionList(def.content) !== 0) {
        ret = -1;
        if (!this.state) {
          this.state = oldstate;
          this.addError('CONTENTVALID', el.name, '', el);
          this.state = null;
        } else this.addError('CONTENTVALID', el.name, '', el);
      }
    }
    if (this.states) {
      let tmp = -1;
      for (const s of this.states) {
        this.state = s;
        if (this.validateElementEnd(false) === 0) {
          tmp = 0;
          break;
        }
      }
      if (tmp !== 0) {
        this.flags |= FLAGS_IGNORABLE;
        this.logBestError();
      }
      this.flags = oldflags;
      this.states = null;
      if (ret === 0 && tmp === -1) ret = -1;
    } else if (ret === 0 && this.state) ret = this.validateElementEnd(true);
    if (ret === 0) node.psvi = def;
    this.flags = oldflags;
    this.state = oldstate;
    if (oldstate) oldstate.seq = this.skipIgnored(node.next);
    if (ret !== 0) {
      if ((this.flags & FLAGS_IGNORABLE) === 0) {
        this.dumpErrors();
        ret = 0;
      } else ret = -2;
    } else this.popErrors(errNr);
    return ret;
  }

  private logBestError(): void {
    if (!this.states || !this.states.length) return;
    let best = -1;
    let value = 1000000;
    this.states.forEach((s, i) => {
      if (s.seq) {
        if (best === -1 || value > 100000) {
          value = 100000;
          best = i;
        }
      } else if (best === -1 || value > s.nbAttrLeft) {
        value = s.nbAttrLeft;
        best = i;
      }
    });
    if (best >= 0) {
      this.state = this.states[best];
      this.validateElementEnd(true);
    }
  }

  private validateElementEnd(log: boolean): number {
    const s = this.state!;
    if (s.seq) {
      s.seq = this.skipIgnored(s.seq);
      if (s.seq) {
        if (log) this.addError('EXTRACONTENT', s.node?.name ?? '', s.seq.local, s.seq.node);
        return -1;
      }
    }
    for (let i = 0; i < s.attrs.length; i++) {
      const a = s.attrs[i];
      if (a) {
        if (log) this.addError('INVALIDATTR', a.attr.name, s.node?.name ?? '', s.node);
        return -1 - i;
      }
    }
    return 0;
  }

  // ---- attributes and values ------------------------------------------------------

  private validateAttributeList(first: Def): number {
    let ret = 0;
    let needmore = false;
    for (const d of listOf(first)) {
      if (d.type === T.ATTRIBUTE) {
        if (this.validateAttribute(d) !== 0) ret = -1;
      } else needmore = true;
    }
    if (!needmore) return ret;
    return this.validateEach(first, true) < 0 ? -1 : ret;
  }

  private validateAttribute(def: Def): number {
    const s = this.state!;
    if (s.nbAttrLeft <= 0) return -1;
    let i = -1;
    if (def.name !== null) {
      i = s.attrs.findIndex(
        (a) =>
          a !== null && a.name === def.name && (((def.ns === null || def.ns === '') && a.ns === '') || (a.ns !== '' && a.ns === def.ns)),
      );
    } else {
      i = s.attrs.findIndex((a) => a !== null && nameClassContains(def.nc!, a.ns, a.name));
    }
    if (i < 0) return -1;
    const a = s.attrs[i]!;
    const oldvalue = s.value;
    const oldtokens = s.tokens;
    s.value = a.value;
    s.tokens = null;
    const ret = this.validateValueContent(def.content);
    s.value = oldvalue;
    s.tokens = oldtokens;
    if (ret === 0) {
      s.attrs[i] = null;
      s.nbAttrLeft--;
    }
    return ret;
  }

  private validateValueContent(first: Def | null): number {
    for (const d of listOf(first)) if (this.validateValue(d) !== 0) return -1;
    return 0;
  }

  private validateDatatype(value: string | null, def: Def): number {
    if (value === null) {
      this.addError('TYPE', def.name ?? '');
      return -1;
    }
    if (!datatypeOf(def).check(value)) {
      this.addError('TYPEVAL', def.name ?? '', value);
      return -1;
    }
    if (def.except) {
      for (const e of listOf(def.except)) if (validateValue(e, { value, tokens: null })) return -1;
    }
    return 0;
  }

  /** xmlRelaxNGValidateValue (the value errors it may stack never decide a verdict) */
  private validateValue(def: Def): number {
    return validateValue(def, this.state!) ? 0 : -1;
  }

  // ---- interleave -------------------------------------------------------------

  private validateInterleave(def: Def): number {
    const part = def.partition;
    if (!part) {
      this.addError('INTERNODATA');
      return -1;
    }
    const groups = [...listOf(def.content)];
    const nbgroups = groups.length;
    const oldflags = this.flags;
    const mixed = groups.some((g) => g.type === T.TEXT);
    let ret = 0;
    if (mixed) {
      this.flags |= FLAGS_MIXED_CONTENT;
      if (nbgroups === 2) {
        if (this.state) this.state.seq = this.skipIgnored(this.state.seq);
        ret = this.validateDefinition(groups[0].type === T.TEXT ? groups[1] : groups[0]);
        if (ret === 0 && this.state) this.state.seq = this.skipIgnored(this.state.seq);
        this.flags = oldflags;
        return ret;
      }
    }
    const errNr = this.errs.length;
    const list: (LNode | null)[] = new Array(nbgroups).fill(null);
    const lasts: (LNode | null)[] = new Array(nbgroups).fill(null);
    let cur = this.skipIgnored(this.state!.seq);
    const start = cur;
    let lastchg: LNode | null = null;
    while (cur) {
      this.state!.seq = cur;
      let i: number;
      if (part.determinist) {
        const t = this.triageLookup(part.triage, cur);
        if (t === undefined) i = nbgroups;
        else {
          i = t;
          if (part.needCheck && !part.groups[i].some((d) => topMatches(d, cur!.type === 'text', cur!.ns, cur!.local))) i = nbgroups;
        }
      } else {
        for (i = 0; i < nbgroups; i++) {
          if (part.groups[i].some((d) => topMatches(d, cur!.type === 'text', cur!.ns, cur!.local))) break;
        }
      }
      if (i >= nbgroups) break;
      if (lasts[i]) {
        lasts[i]!.next = cur;
        lasts[i] = cur;
      } else {
        list[i] = cur;
        lasts[i] = cur;
      }
      lastchg = cur.next ?? cur;
      cur = this.skipIgnored(cur.next);
    }
    const lastelem = cur;
    let oldstate = this.state!;
    let last: LNode | null = null;
    let failed = false;
    for (let i = 0; i < nbgroups; i++) {
      this.state = oldstate.copy();
      if (lasts[i]) {
        last = lasts[i]!.next;
        lasts[i]!.next = null;
      }
      this.state.seq = list[i];
      ret = this.validateDefinition(groups[i]);
      if (ret !== 0) break;
      if (this.state) {
        const rest = this.skipIgnored(this.state.seq);
        oldstate = this.state;
        this.state = null;
        if (rest) {
          this.addError('INTEREXTRA', rest.local, '', rest.node);
          ret = -1;
          this.state = oldstate;
          failed = true;
          break;
        }
      } else if (this.states) {
        let found = false;
        let best = -1;
        let lowattr = -1;
        let rest: LNode | null = null;
        for (let j = 0; j < this.states.length; j++) {
          rest = this.skipIgnored(this.states[j].seq);
          const left = this.states[j].nbAttrLeft;
          if (!rest) {
            if (!found) {
              lowattr = left;
              best = j;
            }
            found = true;
            if (left <= lowattr) {
              lowattr = left;
              best = j;
            }
            if (lowattr === 0) break;
          } else if (!found) {
            if (lowattr === -1 || left <= lowattr) {
              lowattr = left;
              best = j;
            }
          }
        }
        if (this.states.length) oldstate = best !== -1 ? this.states[best] : this.states[this.states.length - 1];
        this.states = null;
        if (!found) {
          this.addError('INTEREXTRA', rest ? rest.local : 'noname', '', rest ? rest.node : null);
          ret = -1;
          this.state = oldstate;
          failed = true;
          break;
        }
      } else {
        ret = -1;
        break;
      }
      if (lasts[i]) lasts[i]!.next = last;
    }
    if (!failed) {
      this.state = oldstate;
      this.state.seq = lastelem;
      if (ret !== 0) {
        this.addError('INTERSEQ');
        ret = -1;
      }
    }
    this.flags = oldflags;
    // libxml2 rebuilds the links from the previous-sibling pointers, in document order
    for (let c = lastchg; c; c = c.prev) {
      if (c === start || !c.prev) break;
      c.prev.next = c;
    }
    if (ret === 0) this.popErrors(errNr);
    return ret;
  }
}

/** libxml2's verdict on a document */
export function emulateLibxml(start: Def, doc: XmlDocument): EmulationResult {
  return new LibxmlEmulator(start).validateDocument(doc);
}

export { T };
