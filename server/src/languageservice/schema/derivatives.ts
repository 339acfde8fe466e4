/**
 * Derivatives of patterns with respect to the events of an element: start
 * tag, attributes, end of the start tag, text, end tag (James Clark's
 * algorithm, with `After` for element content), memoized on the patterns.
 *
 * Attribute and text derivatives depend on the value only through which
 * attribute/data/value patterns accept it, so they are memoized on that set
 * (a "signature") rather than on the value: a new UUID or disk path costs one
 * datatype check, not a new derivative.
 */
import { collapseWhitespace, isBlank, valueMatches } from './datatypes';
import { nameClassContains } from './nameClass';
import { K, nullableBefore, Pattern, PatternFactory, TEXT_TOKEN, Token } from './patterns';
import { acceptsAnyValue, libxmlAttributeValueMatches } from './libxmlValues';
import type { Def } from './rngDefines';

const CHECK_CACHE_LIMIT = 4096;

export class Deriver {
  constructor(readonly f: PatternFactory) {}

  private applyAfter(p: Pattern, fn: (x: Pattern) => Pattern): Pattern {
    switch (p.kind) {
      case K.After:
        return this.f.after(p.a!, fn(p.b!));
      case K.Choice:
        return this.f.choiceOf(p.items!.map((i) => this.applyAfter(i, fn)));
      default:
        return this.f.notAllowed;
    }
  }

  // ---- start tag -------------------------------------------------------------

  startTagOpen(p: Pattern, t: Token): Pattern {
    let memo = p.sto;
    if (memo) {
      const r = memo.get(t.key);
      if (r) return r;
    } else memo = p.sto = new Map();
    const r = this.computeSto(p, t);
    memo.set(t.key, r);
    return r;
  }

  private computeSto(p: Pattern, t: Token): Pattern {
    const f = this.f;
    switch (p.kind) {
      case K.Choice:
        return f.choiceOf(p.items!.map((i) => this.startTagOpen(i, t)));
      case K.Element: {
        const e = p.extra as { nc: import('./nameClass').NameClass; content: () => Pattern };
        return nameClassContains(e.nc, t.ns, t.local) ? f.after(e.content(), f.empty) : f.notAllowed;
      }
      case K.Interleave: {
        const a = p.a!;
        const b = p.b!;
        return f.choice(
          this.applyAfter(this.startTagOpen(a, t), (x) => f.interleave(x, b)),
          this.applyAfter(this.startTagOpen(b, t), (x) => f.interleave(a, x)),
        );
      }
      case K.OneOrMore: {
        const rest = f.choice(p, f.empty);
        return this.applyAfter(this.startTagOpen(p.a!, t), (x) => f.group(x, rest));
      }
      case K.Group: {
        const b = p.b!;
        const first = this.applyAfter(this.startTagOpen(p.a!, t), (x) => f.group(x, b));
        return nullableBefore(p.a!, t) ? f.choice(first, this.startTagOpen(b, t)) : first;
      }
      case K.After: {
        const b = p.b!;
        return this.applyAfter(this.startTagOpen(p.a!, t), (x) => f.after(x, b));
      }
      default:
        return f.notAllowed;
    }
  }

  /** whether the element `t` can come next (startTagOpen is not notAllowed), without building patterns */
  canStart(p: Pattern, t: Token): boolean {
    let memo = p.cs;
    if (memo) {
      const r = memo.get(t.key);
      if (r !== undefined) return r;
    } else memo = p.cs = new Map();
    memo.set(t.key, false); // guards against cycles through shared subpatterns
    let r: boolean;
    switch (p.kind) {
      case K.Choice:
        r = p.items!.some((i) => this.canStart(i, t));
        break;
      case K.Element:
        r = nameClassContains((p.extra as { nc: import('./nameClass').NameClass }).nc, t.ns, t.local);
        break;
      case K.Interleave:
        r = this.canStart(p.a!, t) || this.canStart(p.b!, t);
        break;
      case K.OneOrMore:
      case K.After:
        r = this.canStart(p.a!, t);
        break;
      case K.Group:
        r = this.canStart(p.a!, t) || (nullableBefore(p.a!, t) && this.canStart(p.b!, t));
        break;
      default:
        r = false;
    }
    memo.set(t.key, r);
    return r;
  }

  // ---- attributes ------------------------------------------------------------

  /** the attribute patterns of `p` (at the current element) that accept the name */
  attributeCandidates(p: Pattern, ns: string, local: string): Pattern[] {
    // unqualified names (nearly all) are looked up without building a key
    const key = ns === '' ? local : ns + '\u0000' + local;
    let memo = p.attCand;
    if (memo) {
      const r = memo.get(key);
      if (r) return r;
    } else memo = p.attCand = new Map();
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
        case K.Attribute: {
          const e = q.extra as { nc: import('./nameClass').NameClass };
          if (nameClassContains(e.nc, ns, local)) out.push(q);
          return;
        }
        default:
          return;
      }
    };
    walk(p);
    memo.set(key, out);
    return out;
  }

  /** the derivative for an attribute `{ns}local="value"` */
  attribute(p: Pattern, ns: string, local: string, value: string): Pattern {
    const cands = this.attributeCandidates(p, ns, local);
    if (!cands.length) return this.f.notAllowed;
    if (cands.length === 1) return this.attributeValueMatches(cands[0], value) ? this.attributeWithOne(p, cands[0]) : this.f.notAllowed;
    const accepted = cands.filter((c) => this.attributeValueMatches(c, value));
    return this.attributeWith(p, accepted);
  }

  /** does an attribute pattern accept a value (libxml2's rules, memoized) */
  attributeValueMatches(attr: Pattern, value: string): boolean {
    const e = attr.extra as { valueDefs: Def | null; matches: Map<string, boolean>; any?: boolean };
    // free text (names, paths, descriptions): no check, and no memo entry per value
    if ((e.any ??= acceptsAnyValue(e.valueDefs))) return true;
    let r = e.matches.get(value);
    if (r === undefined) {
      r = libxmlAttributeValueMatches(e.valueDefs, value);
      if (e.matches.size > CHECK_CACHE_LIMIT) e.matches.clear();
      e.matches.set(value, r);
    }
    return r;
  }

  /** recovery after a bad value: as if the attribute had a value every candidate accepts */
  attributeAnyValue(p: Pattern, ns: string, local: string): Pattern {
    return this.attributeWith(p, this.attributeCandidates(p, ns, local));
  }

  /** attributeWith for a single accepting attribute pattern, memoized on it without building a key */
  private attributeWithOne(p: Pattern, accepted: Pattern): Pattern {
    let memo = p.att1;
    if (memo) {
      const r = memo.get(accepted);
      if (r) return r;
    } else memo = p.att1 = new Map();
    const r = this.attributeWith(p, [accepted]);
    memo.set(accepted, r);
    return r;
  }

  /** the derivative when exactly the `accepted` attribute patterns match (it depends on nothing else) */
  private attributeWith(p: Pattern, accepted: Pattern[]): Pattern {
    if (!accepted.length) return this.f.notAllowed;
    const key = accepted.map((c) => c.id).join(',');
    let memo = p.att;
    if (memo) {
      const r = memo.get(key);
      if (r) return r;
    } else memo = p.att = new Map();
    const set = new Set(accepted);
    const local_ = new Map<Pattern, Pattern>();
    const f = this.f;
    const d = (q: Pattern): Pattern => {
      let r = local_.get(q);
      if (r) return r;
      switch (q.kind) {
        case K.Choice:
          r = f.choiceOf(q.items!.map(d));
          break;
        case K.Group:
          r = f.choice(f.group(d(q.a!), q.b!), f.group(q.a!, d(q.b!)));
          break;
        case K.Interleave:
          r = f.choice(f.interleave(d(q.a!), q.b!), f.interleave(q.a!, d(q.b!)));
          break;
        case K.OneOrMore:
          r = f.group(d(q.a!), f.choice(q, f.empty));
          break;
        case K.After:
          r = f.after(d(q.a!), q.b!);
          break;
        case K.Attribute:
          r = set.has(q) ? f.empty : f.notAllowed;
          break;
        default:
          r = f.notAllowed;
      }
      local_.set(q, r);
      return r;
    };
    const r = d(p);
    memo.set(key, r);
    return r;
  }

  startTagClose(p: Pattern): Pattern {
    if (p.close) return p.close;
    const f = this.f;
    let r: Pattern;
    switch (p.kind) {
      case K.After:
        r = f.after(this.startTagClose(p.a!), p.b!);
        break;
      case K.Choice:
        r = f.choiceOf(p.items!.map((i) => this.startTagClose(i)));
        break;
      case K.Group:
        r = f.group(this.startTagClose(p.a!), this.startTagClose(p.b!));
        break;
      case K.Interleave:
        r = f.interleave(this.startTagClose(p.a!), this.startTagClose(p.b!));
        break;
      case K.OneOrMore:
        r = f.oneOrMore(this.startTagClose(p.a!));
        break;
      case K.Attribute:
        r = f.notAllowed;
        break;
      default:
        r = p;
    }
    p.close = r;
    return r;
  }

  /** recovery after missing attributes: as if they were present */
  startTagCloseLenient(p: Pattern): Pattern {
    const f = this.f;
    switch (p.kind) {
      case K.After:
        return f.after(this.startTagCloseLenient(p.a!), p.b!);
      case K.Choice:
        return f.choiceOf(p.items!.map((i) => this.startTagCloseLenient(i)));
      case K.Group:
        return f.group(this.startTagCloseLenient(p.a!), this.startTagCloseLenient(p.b!));
      case K.Interleave:
        return f.interleave(this.startTagCloseLenient(p.a!), this.startTagCloseLenient(p.b!));
      case K.OneOrMore:
        return f.oneOrMore(this.startTagCloseLenient(p.a!));
      case K.Attribute:
        return f.empty;
      default:
        return p;
    }
  }

  // ---- text ------------------------------------------------------------------

  /** the data, value and list patterns that could take a text at this point */
  textCandidates(p: Pattern): Pattern[] {
    if (p.txtCand) return p.txtCand;
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
        case K.Data:
        case K.Value:
        case K.List:
          out.push(q);
          return;
        default:
          return;
      }
    };
    walk(p);
    p.txtCand = out;
    return out;
  }

  /** does a data, value or list pattern accept the string */
  accepts(q: Pattern, s: string, collapsed?: { v?: string }): boolean {
    switch (q.kind) {
      case K.Value: {
        const e = q.extra as { library: string | null; type: string | null; value: string; collapsed?: string };
        if (e.type === null) {
          // token comparison: both sides whitespace-collapsed
          if (s === e.value) return true;
          e.collapsed ??= collapseWhitespace(e.value);
          const c = collapsed ? (collapsed.v ??= collapseWhitespace(s)) : collapseWhitespace(s);
          return c === e.collapsed;
        }
        return valueMatches(e.library, e.type, e.value, s);
      }
      case K.Data: {
        const e = q.extra as { dt: import('./datatypes').Datatype; except: Pattern | null; checks: Map<string, boolean> };
        let r = e.checks.get(s);
        if (r === undefined) {
          r = e.dt.check(s) && !(e.except && this.valueMatch(e.except, s));
          if (e.checks.size > CHECK_CACHE_LIMIT) e.checks.clear();
          e.checks.set(s, r);
        }
        return r;
      }
      case K.List: {
        let c = q.a!;
        for (const tok of collapseWhitespace(s).split(' ')) {
          if (!tok) continue;
          c = this.text(c, tok, false);
          if (c.kind === K.NotAllowed) return false;
        }
        return c.nullable;
      }
      default:
        return false;
    }
  }

  /**
   * The derivative for a text. `blank` marks the whitespace-only content of an
   * element without element children, which libxml2's triage does not see.
   */
  text(p: Pattern, s: string, blank: boolean): Pattern {
    const collapsed: { v?: string } = {};
    return this.textWith(p, blank, (c) => this.accepts(c, s, collapsed));
  }

  /** recovery after a bad value: as if the text were one every data/value pattern accepts */
  textAnyValue(p: Pattern): Pattern {
    return this.textWith(p, false, () => true);
  }

  private textWith(p: Pattern, blank: boolean, accepts: (c: Pattern) => boolean): Pattern {
    const cands = this.textCandidates(p);
    let key = blank ? 'b' : 't';
    let acceptedList: Pattern[] | undefined;
    for (const c of cands) {
      if (accepts(c)) {
        (acceptedList ??= []).push(c);
        key += c.id + ',';
      }
    }
    let memo = p.txt;
    if (memo) {
      const r = memo.get(key);
      if (r) return r;
    } else memo = p.txt = new Map();
    const accepted = new Set<Pattern>(acceptedList);
    const tok: Token | null = blank ? null : TEXT_TOKEN;
    const f = this.f;
    const local_ = new Map<Pattern, Pattern>();
    const d = (q: Pattern): Pattern => {
      let r = local_.get(q);
      if (r) return r;
      switch (q.kind) {
        case K.Choice:
          r = f.choiceOf(q.items!.map(d));
          break;
        case K.Interleave:
          r = f.choice(f.interleave(d(q.a!), q.b!), f.interleave(q.a!, d(q.b!)));
          break;
        case K.Group: {
          const first = f.group(d(q.a!), q.b!);
          r = nullableBefore(q.a!, tok) ? f.choice(first, d(q.b!)) : first;
          break;
        }
        case K.After:
          r = f.after(d(q.a!), q.b!);
          break;
        case K.OneOrMore:
          r = f.group(d(q.a!), f.choice(q, f.empty));
          break;
        case K.Text:
          r = q;
          break;
        case K.Data:
        case K.Value:
        case K.List:
          r = accepted.has(q) ? f.empty : f.notAllowed;
          break;
        default:
          r = f.notAllowed;
      }
      local_.set(q, r);
      return r;
    };
    const r = d(p);
    memo.set(key, r);
    return r;
  }

  /** does an attribute value (or a whole text) match a value pattern */
  valueMatch(p: Pattern, s: string): boolean {
    let memo = p.vm;
    if (memo) {
      const r = memo.get(s);
      if (r !== undefined) return r;
    } else memo = p.vm = new Map();
    const r = (p.nullable && isBlank(s)) || this.text(p, s, false).nullable;
    if (memo.size > CHECK_CACHE_LIMIT) memo.clear();
    memo.set(s, r);
    return r;
  }

  // ---- end tag ---------------------------------------------------------------

  endTag(p: Pattern): Pattern {
    if (p.end) return p.end;
    let r: Pattern;
    switch (p.kind) {
      case K.Choice:
        r = this.f.choiceOf(p.items!.map((i) => this.endTag(i)));
        break;
      case K.After:
        r = p.a!.nullable ? p.b! : this.f.notAllowed;
        break;
      default:
        r = this.f.notAllowed;
    }
    p.end = r;
    return r;
  }

  /** recovery after missing content: close the element anyway */
  endTagLenient(p: Pattern): Pattern {
    switch (p.kind) {
      case K.Choice:
        return this.f.choiceOf(p.items!.map((i) => this.endTagLenient(i)));
      case K.After:
        return p.b!;
      default:
        return this.f.notAllowed;
    }
  }
}
