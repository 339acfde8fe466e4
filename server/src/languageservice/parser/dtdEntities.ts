/**
 * General entities declared in a document's internal DTD subset
 * (<!DOCTYPE domain [<!ENTITY name "value">]>), as libvirt's parser
 * (libxml2, without XML_PARSE_NOENT or DTD loading) treats them. Observed on
 * libvirt 9.0.0 / libxml2 2.9.14:
 * - an internal entity is expanded, nested ones too (<name>n&b;</name> with
 *   b = "x&a;&a;", a = "ab" defines as "nxabab");
 * - an external entity (SYSTEM/PUBLIC) is never loaded: the reference is
 *   dropped (<name>ext&x;</name> defines as "ext");
 * - an expansion that explodes (the "billion laughs" chain) or loops fails
 *   the define: "Detected an entity reference loop".
 * Nothing is ever fetched or read here.
 */

export interface DeclaredEntity {
  /** the replacement text of an internal entity */
  value?: string;
  /** the SYSTEM/PUBLIC identifier of an external one */
  external?: string;
}

/** the general entities an internal subset declares (parameter entities are not used in content) */
export function declaredEntities(subset: string): Map<string, DeclaredEntity> {
  const out = new Map<string, DeclaredEntity>();
  const re = /<!ENTITY\s+(%\s+)?([A-Za-z_:][\w.:-]*)\s+(?:"([^"]*)"|'([^']*)'|((?:SYSTEM|PUBLIC)\b[^>]*))\s*>/g;
  for (const m of subset.matchAll(re)) {
    if (m[1] || out.has(m[2])) continue; // the first declaration wins, as in XML
    out.set(m[2], m[5] !== undefined ? { external: m[5].trim() } : { value: m[3] ?? m[4] ?? '' });
  }
  return out;
}

/**
 * how much text references may produce for a document of `length` characters: libxml2 refuses entity
 * expansion that grows the input more than tenfold (its XML_PARSER_NON_LINEAR guard), past a small allowance
 */
export function expansionLimit(length: number): number {
  return 10 * length + 10_000;
}

export class EntityRefused extends Error {}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** the text an internal entity stands for, nested references expanded; EntityRefused where libxml2 refuses it */
export function expandEntity(entities: Map<string, DeclaredEntity>, name: string, limit: number, visiting: string[] = []): string {
  if (visiting.includes(name)) throw new EntityRefused(`'&${name};' refers to itself through ${visiting.map((v) => `&${v};`).join(' ')}`);
  const e = entities.get(name);
  if (!e || e.external !== undefined) return '';
  let out = '';
  const value = e.value ?? '';
  for (let i = 0; i < value.length;) {
    const amp = value.indexOf('&', i);
    if (amp < 0) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, amp);
    const semi = value.indexOf(';', amp);
    if (semi < 0) {
      out += value.slice(amp);
      break;
    }
    const ref = value.slice(amp + 1, semi);
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      out += Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    } else out += PREDEFINED[ref] ?? expandEntity(entities, ref, limit, [...visiting, name]);
    if (out.length > limit)
      throw new EntityRefused(`its expansion grows past ${limit.toLocaleString('en')} characters, ten times the document`);
    i = semi + 1;
  }
  return out;
}
