/**
 * RelaxNG validation of a positioned XML tree, with libxml2's verdicts
 * (`xmllint --relaxng`): valid exactly when no problem is reported.
 *
 * The walk derives the schema's patterns element by element. When a
 * derivative is `notAllowed` the problem is reported where it is (the
 * unexpected element's name, the bad attribute value, the start tag missing
 * an attribute or a child) and the walk recovers: an unexpected element is
 * skipped, a bad value is taken as a good one, a missing attribute or child as
 * present. Recovery only ever follows a reported problem, so the verdict is
 * that of the derivatives.
 *
 * The derivatives carry libxml2's choice triage and interleave partitioning
 * (see patterns.ts). One behaviour of libxml2 they cannot carry, the
 * relinking of children by nested interleaves, is detected by a cheap check
 * of the children's arrangement; when it fires, the verdict comes from an
 * emulation of libxml2's algorithm (libxmlEmulator.ts).
 */
import { XmlAttribute, XmlDocument, XmlElement, XmlNode, XmlText } from '../parser/xmlNodes';
import { attributeQName, attributeValue, elementQName, isNamespaceDeclaration, NsScope } from './namespaces';
import { isBlank } from './datatypes';
import { RelaxNgSchema } from './loadRelaxNg';
import {
  attributeName,
  formatElementNames,
  limitList,
  missingAttributes,
  nextElements,
  patternNameClass,
  remainingAttributes,
  requiredElements,
  valueSpace,
  ValueSpace,
} from './patternQueries';
import { elementToken, HazardCheck, K, Pattern, TEXT_TOKEN, Token } from './patterns';
import { emulateLibxml, EmulationResult } from './libxmlEmulator';
import { nameClassContains } from './nameClass';

export type SchemaProblemCode =
  | 'unexpected-element'
  | 'unexpected-root'
  | 'unknown-attribute'
  | 'invalid-attribute-value'
  | 'missing-attribute'
  | 'missing-element'
  | 'missing-value'
  | 'unexpected-text'
  | 'invalid-text-value'
  | 'misplaced-element';

export interface SchemaProblem {
  /** offsets into the document text (JS string indices) */
  start: number;
  end: number;
  message: string;
  /** what allowed names or values there are, when listing them would not fit on the message's line */
  detail?: string;
  code: SchemaProblemCode;
}

/**
 * a message longer than this moves its list of alternatives to the detail: findings' ONE_LINE (130) less room
 * for what services/schemaOnTarget.ts appends (" (schema only)", ": define fails", the local schema's name)
 */
const LIST_INLINE_MAX = 100;

/** `head` + `; expected ` + list, or `head` with the list as its detail when the whole would not fit one line */
function listed(head: string, joiner: string, list: string): { message: string; detail?: string } {
  const whole = `${head}${joiner}${list}`;
  if (whole.length <= LIST_INLINE_MAX) return { message: whole };
  const label = joiner.replace(/^[;:,]?\s*/, '').replace(/\s+$/, '');
  return { message: head, detail: `${label.charAt(0).toUpperCase()}${label.slice(1)} ${list}.` };
}

function textRange(nodes: XmlText[], text: string): { start: number; end: number } {
  let start = nodes[0].start;
  let end = nodes[nodes.length - 1].end;
  // point at the non-blank part when there is one
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (start === end) return { start: nodes[0].start, end: nodes[nodes.length - 1].end };
  return { start, end };
}

/** the concatenated text of an element's text children */
function textOf(kids: readonly XmlNode[]): string {
  let s = '';
  for (const k of kids) if (k.kind === 'text') s += k.value;
  return s;
}

export class SchemaWalker {
  readonly problems: SchemaProblem[] = [];
  /** set when the children of some element may trigger libxml2's interleave relinking */
  needsEmulation = false;
  /**
   * When set, child elements are not validated inside: their effect on the
   * parent's state is taken from their names alone (for completion, where
   * approximate is fine and speed matters).
   */
  shallow = false;
  /** the first arrangement that set it: `node` lies between `first` and `last` of another group */
  hazard: { node: XmlElement; first: XmlNode; last: XmlNode } | undefined;

  constructor(
    readonly schema: RelaxNgSchema,
    private readonly text: string,
    /** when false, problems are not collected (recovery still happens) */
    private readonly report = true,
  ) {}

  private problem(start: number, end: number, code: SchemaProblemCode, text: string | { message: string; detail?: string }): void {
    if (!this.report) return;
    const { message, detail } = typeof text === 'string' ? { message: text, detail: undefined } : text;
    this.problems.push(detail ? { start, end, code, message, detail } : { start, end, code, message });
  }

  /** validates the document's root against the start pattern */
  document(doc: XmlDocument): void {
    const root = doc.root;
    if (!root) return;
    this.element(this.schema.start, root, NsScope.root(), true);
  }

  /** the start-tag state of `el` (after its start tag opened), or null when not allowed */
  open(p: Pattern, el: XmlElement, scope: NsScope, token?: Token): Pattern | null {
    if (!token) {
      const n = elementQName(el, scope);
      token = elementToken(n.ns, n.local);
    }
    const r = this.schema.deriver.startTagOpen(p, token);
    return r.kind === K.NotAllowed ? null : r;
  }

  /** derives the attributes of `el` (except `skip`) from a start-tag state */
  attributes(q: Pattern, el: XmlElement, scope: NsScope, skip?: XmlAttribute): Pattern {
    const d = this.schema.deriver;
    for (const a of el.attributes) {
      if (a === skip || isNamespaceDeclaration(a)) continue;
      // unprefixed names (nearly all) are in no namespace: no QName to build
      const n = a.name.indexOf(':') < 0 ? undefined : attributeQName(a, scope);
      const ns = n ? n.ns : '';
      const local = n ? n.local : a.name;
      const value = attributeValue(a, this.text);
      const r = d.attribute(q, ns, local, value);
      if (r.kind !== K.NotAllowed) {
        q = r;
        continue;
      }
      const cands = d.attributeCandidates(q, ns, local);
      if (!cands.length) {
        const allowed = [...new Set(remainingAttributes(q).map(attributeName))].sort();
        this.problem(
          a.nameStart,
          a.nameEnd,
          'unknown-attribute',
          allowed.length
            ? listed(`attribute '${a.name}' is not allowed on <${el.name}>`, '; allowed here: ', limitList(allowed, 20))
            : `attribute '${a.name}' is not allowed on <${el.name}>`,
        );
      } else {
        const space: ValueSpace = { values: [], datatypes: [], anyText: false, empty: false };
        for (const c of cands) valueSpace(c.a!, space);
        const start = a.valueStart >= 0 ? a.valueStart : a.nameStart;
        const end = a.valueStart >= 0 ? a.valueEnd : a.nameEnd;
        this.problem(start, end, 'invalid-attribute-value', this.valueMessage(a.name, value, space));
        q = d.attributeAnyValue(q, ns, local);
      }
    }
    return q;
  }

  private valueMessage(what: string, value: string, space: ValueSpace): string | { message: string; detail?: string } {
    // show surrounding whitespace, which counts for patterns, as escapes
    // eslint-disable-next-line no-control-regex
    const visible = value.trim() === value && !/[\u0000-\u001f]/.test(value) ? value : JSON.stringify(value).slice(1, -1);
    const shown = visible.length > 60 ? visible.slice(0, 57) + '...' : visible;
    const alts: string[] = [];
    if (space.values.length) alts.push(limitList(space.values, 12));
    for (const dt of space.datatypes) alts.push(`a ${dt.describe()}`);
    if (space.values.length && !space.datatypes.length) {
      const whole = `${what} '${shown}' is not one of ${alts.join(', ')}`;
      return whole.length <= LIST_INLINE_MAX
        ? whole
        : { message: `${what} '${shown}' is not an allowed value`, detail: `Allowed: ${alts.join(', ')}.` };
    }
    if (!space.values.length && space.datatypes.length === 1) {
      const why = space.datatypes[0].explain(value);
      if (why)
        return (
          `${what} '${shown}' ${why}` +
          (value.trim() !== value && space.datatypes[0].check(value.trim()) ? ' (remove the surrounding whitespace)' : '')
        );
    }
    if (alts.length) return listed(`${what} '${shown}' is not valid here`, '; expected ', alts.join(', or '));
    return `${what} '${shown}' is not valid here`;
  }

  /**
   * Validates `el` (and its subtree) at state `p` of its parent's content;
   * returns the parent's state after it.
   */
  element(p: Pattern, el: XmlElement, parentScope: NsScope, isRoot = false): Pattern {
    const d = this.schema.deriver;
    const f = this.schema.factory;
    const scope = parentScope.enter(el);
    const qn = elementQName(el, scope);
    const token = elementToken(qn.ns, qn.local);
    const opened = this.open(p, el, scope, token);
    if (!opened) {
      const expected = acceptedNext(this.schema, p);
      if (isRoot) {
        this.problem(
          el.nameStart,
          el.nameEnd,
          'unexpected-root',
          `root element <${el.name}> is not allowed; expected ${formatElementNames(expected, this.schema.prefixes) || 'nothing'}`,
        );
      } else {
        const parent = el.parent ? `<${el.parent.name}>` : 'the document';
        const names = formatElementNames(expected, this.schema.prefixes);
        // allowed by RelaxNG here, but not by the way libxml2 picks alternatives
        const quirk = nextElements(p).some((e) => nameClassContains(patternNameClass(e), qn.ns, qn.local));
        this.problem(
          el.nameStart,
          el.nameEnd,
          'unexpected-element',
          quirk
            ? {
                message: `element <${el.name}> is not accepted at this point by libvirt's validator`,
                detail:
                  "libxml2 picks among the schema's alternatives by the next element's name." +
                  (expected.length ? ` Expected ${expected.length > 1 ? 'one of ' : ''}${names} first.` : ''),
              }
            : expected.length
              ? listed(`element <${el.name}> is not allowed here`, `; expected ${expected.length > 1 ? 'one of ' : ''}`, names)
              : `element <${el.name}> is not allowed here: ${parent} allows no more child elements here`,
        );
      }
      return p;
    }
    if (!this.needsEmulation) this.checkHazards(p, el, scope, token);
    const afterAttrs = this.attributes(opened, el, scope);
    let c = d.startTagClose(afterAttrs);
    if (c.kind === K.NotAllowed) {
      const missing = missingAttributes(afterAttrs, (q) => d.startTagClose(q).kind !== K.NotAllowed);
      this.problem(
        el.nameStart,
        el.nameEnd,
        'missing-attribute',
        missing.length === 1
          ? `missing required attribute '${missing[0]}' on <${el.name}>`
          : missing.length
            ? `missing required attributes on <${el.name}>: ${missing.map((m) => `'${m}'`).join(', ')}`
            : `<${el.name}> is missing required attributes`,
      );
      c = d.startTagCloseLenient(afterAttrs);
    }
    c = this.content(c, el, scope);
    const e = d.endTag(c);
    if (e.kind !== K.NotAllowed) return e;
    this.reportIncomplete(c, el);
    const lenient = d.endTagLenient(c);
    return lenient.kind === K.NotAllowed ? f.empty : lenient;
  }

  /** the interleave hazards of the element definitions `p` can open for `el` */
  private hazardsFor(p: Pattern, t: Token): HazardCheck[] {
    let memo = p.hz;
    if (!memo) memo = p.hz = new Map();
    let r = memo.get(t.key);
    if (!r) {
      r = [];
      for (const e of nextElements(p)) {
        const x = e.extra as { nc: import('./nameClass').NameClass; hazards: () => HazardCheck[] };
        if (nameClassContains(x.nc, t.ns, t.local)) r.push(...x.hazards());
      }
      memo.set(t.key, r);
    }
    return r;
  }

  /**
   * A conservative check for libxml2's interleave relinking. A group that runs
   * an inner interleave has the stretch of children from its first to its
   * last relinked in document order; trouble follows when a child of another
   * group lies in that stretch and either (a) belongs to a group validated
   * later, is not its group's last child and is followed by a child of
   * another group, or (b) the group may walk its children again (see
   * InterleaveHazard). When the check finds such an arrangement the verdict
   * comes from the emulation of libxml2.
   */
  private checkHazards(p: Pattern, el: XmlElement, scope: NsScope, token: Token): void {
    const hazards = this.hazardsFor(p, token);
    if (!hazards.length) return;
    if (hazards.some((h) => h.always)) {
      this.needsEmulation = true;
      return;
    }
    const tokens: Token[] = [];
    const nodes: XmlNode[] = [];
    for (const c of el.children) {
      if (c.kind === 'element') {
        const q = elementQName(c, scope.enter(c));
        tokens.push(elementToken(q.ns, q.local));
        nodes.push(c);
      } else if (c.kind === 'text' && !isBlank(c.value)) {
        tokens.push(TEXT_TOKEN);
        nodes.push(c);
      }
    }
    for (const h of hazards) {
      const cls = tokens.map((t) => h.classifier.classify(t));
      for (const { index: i, selfRisk } of h.groups) {
        const first = cls.indexOf(i);
        const last = cls.lastIndexOf(i);
        for (let at = first + 1; at < last; at++) {
          const k = cls[at];
          if (k === i) continue;
          if (!selfRisk && (k < i || cls.lastIndexOf(k) === at || cls[at + 1] === k)) continue;
          this.needsEmulation = true;
          const n = nodes[at];
          if (n.kind === 'element') this.hazard = { node: n, first: nodes[first], last: nodes[last] };
          return;
        }
      }
    }
  }

  /** the parent's state after `el`, from `el`'s name only */
  private skip(p: Pattern, el: XmlElement, parentScope: NsScope): Pattern {
    const opened = this.open(p, el, parentScope.enter(el));
    if (!opened) return p;
    const r = this.schema.deriver.endTagLenient(opened);
    return r.kind === K.NotAllowed ? p : r;
  }

  /** derives the children of `el` from its content state */
  content(c: Pattern, el: XmlElement, scope: NsScope, upTo = el.children.length): Pattern {
    const d = this.schema.deriver;
    const f = this.schema.factory;
    let hasElements = false;
    for (let i = 0; i < upTo; i++)
      if (el.children[i].kind === 'element') {
        hasElements = true;
        break;
      }
    if (!hasElements && upTo === el.children.length) {
      const kids = el.children;
      // the common leaf: no text, or one text node
      const value = kids.length === 0 ? '' : kids.length === 1 && kids[0].kind === 'text' ? kids[0].value : textOf(kids);
      if (isBlank(value)) return f.choice(c, d.text(c, value, true));
      const r = d.text(c, value, false);
      if (r.kind !== K.NotAllowed) return r;
      const texts = kids.filter((k): k is XmlText => k.kind === 'text');
      this.reportText(c, el, value, textRange(texts, this.text));
      const lenient = d.textAnyValue(c);
      return lenient.kind !== K.NotAllowed ? lenient : c;
    }
    // runs of text between child elements: whitespace (the usual indentation) needs no derivative
    let runStart = -1;
    let runBlank = true;
    for (let i = 0; i <= upTo; i++) {
      const k = i < upTo ? el.children[i] : undefined;
      if (k && k.kind === 'text') {
        if (runStart < 0) runStart = i;
        if (runBlank && !isBlank(k.value)) runBlank = false;
        continue;
      }
      if (k && k.kind !== 'element') continue;
      if (runStart >= 0 && !runBlank)
        c = this.textRun(
          c,
          el,
          el.children.slice(runStart, i).filter((t): t is XmlText => t.kind === 'text'),
        );
      runStart = -1;
      runBlank = true;
      if (k) c = this.shallow ? this.skip(c, k, scope) : this.element(c, k, scope);
    }
    return c;
  }

  /** derives a run of text with something besides whitespace, reporting it when not allowed */
  private textRun(c: Pattern, el: XmlElement, run: XmlText[]): Pattern {
    const d = this.schema.deriver;
    const value = run.map((t) => t.value).join('');
    const r = d.text(c, value, false);
    if (r.kind !== K.NotAllowed) return r;
    this.reportText(c, el, value, textRange(run, this.text));
    const lenient = d.textAnyValue(c);
    return lenient.kind !== K.NotAllowed ? lenient : c;
  }

  private reportText(c: Pattern, el: XmlElement, value: string, range: { start: number; end: number }): void {
    const d = this.schema.deriver;
    const cands = d.textCandidates(c);
    if (cands.length) {
      const space: ValueSpace = { values: [], datatypes: [], anyText: false, empty: false };
      for (const q of cands) valueSpace(q, space);
      this.problem(range.start, range.end, 'invalid-text-value', this.valueMessage(`<${el.name}> value`, value, space));
      return;
    }
    const expected = nextElements(c);
    this.problem(
      range.start,
      range.end,
      'unexpected-text',
      `text is not allowed in <${el.name}>` +
        (expected.length ? `; expected ${expected.length > 1 ? 'one of ' : ''}${formatElementNames(expected, this.schema.prefixes)}` : ''),
    );
  }

  private reportIncomplete(c: Pattern, el: XmlElement): void {
    const required = requiredElements(c);
    if (required.length) {
      const names = formatElementNames(required, this.schema.prefixes);
      this.problem(
        el.nameStart,
        el.nameEnd,
        'missing-element',
        required.length === 1 || !names.includes(',')
          ? `element <${el.name}> is missing required child element ${names}`
          : `element <${el.name}> is missing a required child element: one of ${names}`,
      );
      return;
    }
    const cands = this.schema.deriver.textCandidates(c);
    if (cands.length) {
      const space: ValueSpace = { values: [], datatypes: [], anyText: false, empty: false };
      for (const q of cands) valueSpace(q, space);
      const alts = [...(space.values.length ? [limitList(space.values, 12)] : []), ...space.datatypes.map((t) => `a ${t.describe()}`)];
      this.problem(
        el.nameStart,
        el.nameEnd,
        'missing-value',
        `element <${el.name}> requires a value` + (alts.length ? `: ${alts.join(', or ')}` : ''),
      );
      return;
    }
    this.problem(el.nameStart, el.nameEnd, 'missing-element', `element <${el.name}> is incomplete`);
  }
}

/** the element patterns that can really come next: RelaxNG's candidates that libxml2's guards let through */
export function acceptedNext(schema: RelaxNgSchema, p: Pattern): Pattern[] {
  return nextElements(p).filter((e) => {
    const nc = patternNameClass(e);
    if (nc.kind !== 'name') return true;
    return schema.deriver.canStart(p, elementToken(nc.ns, nc.local));
  });
}

/**
 * Validates a parsed document against a schema. Returns no problems exactly
 * when `xmllint --noout --relaxng` accepts the document (for well-formed text).
 */
export function validate(schema: RelaxNgSchema, doc: XmlDocument): SchemaProblem[] {
  return validateDetailed(schema, doc).problems;
}

export interface ValidationDetails {
  problems: SchemaProblem[];
  /** the verdict came from the emulation of libxml2's algorithm */
  emulated: boolean;
}

export function validateDetailed(schema: RelaxNgSchema, doc: XmlDocument): ValidationDetails {
  const w = new SchemaWalker(schema, doc.text);
  w.document(doc);
  if (!w.needsEmulation) return { problems: w.problems, emulated: false };
  // children in an arrangement where libxml2's own algorithm decides
  const r = emulateLibxml(schema.startDef, doc);
  if (r.valid) return { problems: [], emulated: true };
  return { problems: w.problems.length ? w.problems : [interleaveProblem(r, doc, w.hazard)], emulated: true };
}

/** the problem libxml2's interleave relinking causes, at the element that sits between two related ones */
function interleaveProblem(r: EmulationResult, doc: XmlDocument, hazard: SchemaWalker['hazard']): SchemaProblem {
  const name = (n: XmlNode) => (n.kind === 'element' ? `<${n.name}>` : 'text');
  if (hazard) {
    const el = hazard.node;
    return {
      start: el.nameStart,
      end: el.nameEnd,
      code: 'misplaced-element',
      message:
        `element <${el.name}> is not accepted between ${name(hazard.first)} and ${name(hazard.last)} by libvirt's validator ` +
        `(libxml2 checks these interleaved children in a way that fails here); move <${el.name}> before ${name(hazard.first)} or after ${name(hazard.last)}`,
    };
  }
  const node = r.misplaced ?? r.firstError?.node;
  const el = node && node.kind === 'element' ? node : doc.root!;
  const parent = el.parent ?? el;
  return {
    start: el.nameStart,
    end: el.nameEnd,
    code: 'misplaced-element',
    message: `element <${el.name}> is not accepted at this position in <${parent.name}> by libvirt's validator (libxml2)`,
  };
}

export { XmlElement };
