/**
 * Whether an attribute value matches an attribute's pattern, the way libxml2
 * decides it (xmlRelaxNGValidateValue) rather than the RelaxNG specification:
 * the value is not required to be consumed whole, so `<optional>` and
 * `<zeroOrMore>` accept any value outside a `<list>`, a `<choice>` takes its
 * first matching branch, and unsupported patterns fail.
 */
import { collapseWhitespace, Datatype, isBlank, valueMatches } from './datatypes';
import { Def, listOf, T } from './rngDefines';

export interface ValueState {
  /** the current value (a list token inside a list); null once consumed */
  value: string | null;
  /** the tokens after the current one inside a list, null outside lists */
  tokens: string[] | null;
}

const datatypes = new WeakMap<Def, Datatype>();

export function datatypeOf(def: Def): Datatype {
  let dt = datatypes.get(def);
  if (!dt) {
    dt = new Datatype(def.library!, def.name!, def.params);
    datatypes.set(def, dt);
  }
  return dt;
}

function next(st: ValueState): void {
  if (st.tokens === null || st.value === null) {
    st.value = null;
    st.tokens = null;
    return;
  }
  st.value = st.tokens.length ? st.tokens.shift()! : null;
}

function save(st: ValueState): ValueState {
  return { value: st.value, tokens: st.tokens ? st.tokens.slice() : null };
}

function restore(st: ValueState, s: ValueState): void {
  st.value = s.value;
  st.tokens = s.tokens ? s.tokens.slice() : null;
}

function list(first: Def | null, st: ValueState): boolean {
  for (const d of listOf(first)) if (!one(d, st)) return false;
  return true;
}

function datatype(def: Def, value: string | null): boolean {
  if (value === null) return false;
  if (!datatypeOf(def).check(value)) return false;
  if (def.except) {
    for (const e of listOf(def.except)) if (one(e, { value, tokens: null })) return false;
  }
  return true;
}

/** libxml2's xmlRelaxNGValidateValue for one definition, on the current value of `st` */
export function validateValue(def: Def, st: ValueState): boolean {
  return one(def, st);
}

function one(def: Def, st: ValueState): boolean {
  const value = st.value;
  switch (def.type) {
    case T.EMPTY:
      return value === null || isBlank(value);
    case T.TEXT:
      return true;
    case T.VALUE: {
      let ok = value === def.value;
      if (!ok && value !== null) {
        ok =
          def.name !== null
            ? valueMatches(def.library, def.name, def.value ?? '', value)
            : collapseWhitespace(def.value ?? '') === collapseWhitespace(value);
      }
      if (ok) next(st);
      return ok;
    }
    case T.DATATYPE: {
      const ok = datatype(def, value);
      if (ok) next(st);
      return ok;
    }
    case T.CHOICE: {
      const old = save(st);
      for (const b of listOf(def.content)) {
        if (one(b, st)) return true;
        restore(st, old);
      }
      return false;
    }
    case T.LIST: {
      const old = save(st);
      const toks = collapseWhitespace(value ?? '')
        .split(' ')
        .filter((t) => t !== '');
      st.value = toks.length ? toks.shift()! : null;
      st.tokens = toks;
      let ok = list(def.content, st);
      if (ok && st.value !== null) ok = false;
      restore(st, old);
      return ok;
    }
    case T.ONEORMORE:
    case T.ZEROORMORE: {
      if (def.type === T.ONEORMORE && !list(def.content, st)) return false;
      if (st.value === null || st.value === '') return true;
      while (st.value !== null) {
        const before = save(st);
        if (!list(def.content, st)) {
          restore(st, before);
          break;
        }
        // no progress: the same token is current and as many remain
        if (st.value === before.value && (st.tokens?.length ?? -1) === (before.tokens?.length ?? -1)) break;
      }
      return true;
    }
    case T.OPTIONAL: {
      if (st.value === null || st.value === '') return true;
      const before = save(st);
      if (!one(def.content!, st)) restore(st, before);
      return true;
    }
    case T.EXCEPT:
      for (const c of listOf(def.content)) if (one(c, st)) return false;
      return true;
    case T.DEF:
    case T.GROUP:
      return list(def.content, st);
    case T.REF:
    case T.PARENTREF:
      return def.content ? one(def.content, st) : false;
    default:
      return false;
  }
}

/** libxml2's verdict on `value` for an attribute whose pattern list starts at `first` */
export function libxmlAttributeValueMatches(first: Def | null, value: string): boolean {
  return list(first, { value, tokens: null });
}

/** true when every value matches (no definitions, or only <text/>): callers skip the check and its memo */
export function acceptsAnyValue(first: Def | null): boolean {
  for (const d of listOf(first)) if (d.type !== T.TEXT) return false;
  return true;
}
