/**
 * Reconciles schema findings with what `virsh define` on the target does.
 * Plain `virsh define` does not run the RelaxNG schema (only `--validate` and
 * virt-xml-validate do); libvirt's parser decides. So:
 * - a value the version checks already reject (or drop) at the same place is
 *   reported once (theirs says which libvirt rejects it and why);
 * - an element or attribute the schema does not know at all in its parent is
 *   ignored by the parser: a `define-drop` warning says what the guest loses
 *   on that host; except under the parents whose children the parser
 *   enumerates (<features>, <hyperv>, <kvm>, <xen>), where an unknown name
 *   fails the define (domain_conf.c virDomainFeaturesDefParse and friends);
 * - a value outside an enumeration stays an error: the parser converts it
 *   with a FromString table and fails on unknown values;
 * - everything else (patterns such as absolute paths, order of children,
 *   required attributes the parser defaults or checks later) is a warning
 *   that says only the schema objects;
 * - the installed schema is that of the local libvirt; when the target is a
 *   newer libvirt, what this schema rejects may be valid there, so those
 *   findings become warnings that say so;
 * - an element or attribute the target's libvirt silently drops (version-drop)
 *   is one story, not two: `virsh define` does not validate, so the drop is what
 *   happens; the drop's message says that the schema refuses it too.
 */
import { defineRule, docUrlFor } from '../diagnosticRules';
import { DomainDocument } from '../domainDocument';
import { Finding } from '../findings';
import { compareVersions } from '../knowledge/versions';
import { elementAt, XmlElement } from '../parser/xmlNodes';
import { TargetProfile } from '../profiles/profile';
import { allowedChildElements, attributeValues, childNamesByParent, RelaxNgSchema } from '../schema';

const SAID_ALREADY = new Set(['define-reject', 'version-reject', 'version-drop']);

/** the target's parser ignores an element or attribute it does not know: the setting is lost on that host */
export const DEFINE_DROP = defineRule({
  id: 'define-drop',
  title: "The target's libvirt silently drops this at define time",
  defaultSeverity: 'warning',
  docUrl: docUrlFor(),
});

/** parents whose every child element libvirt's parser looks up in a table, failing on unknown names */
const ENUMERATING_PARENTS = new Set(['/domain/features', '/domain/features/hyperv', '/domain/features/kvm', '/domain/features/xen']);

export interface SchemaFindingData {
  subcode?: string;
  /** what a define-drop is about */
  node?: 'element' | 'attribute';
  name?: string;
}

const byParent = new WeakMap<RelaxNgSchema, Map<string, Set<string>>>();

/**
 * names of child elements the schema allows in `parent`: anywhere in it (position by position),
 * or under any definition of an element of its name in a parent of its parent's name
 */
function knownChildren(rng: RelaxNgSchema, parent: XmlElement, memo: Map<XmlElement, Set<string>>): Set<string> {
  let names = memo.get(parent);
  if (!names) {
    names = new Set();
    for (let i = 0; i <= parent.children.length; i++) for (const s of allowedChildElements(rng, parent, i)) names.add(s.local);
    let index = byParent.get(rng);
    if (!index) byParent.set(rng, (index = childNamesByParent(rng.startDef)));
    for (const n of index.get(`${parent.parent?.name ?? ''}/${parent.name}`) ?? []) names.add(n);
    memo.set(parent, names);
  }
  return names;
}

function enumerationOnly(rng: RelaxNgSchema, el: XmlElement, attr: string): boolean {
  const v = attributeValues(rng, el, attr);
  return v.values.length > 0 && v.datatypes.length === 0 && !v.anyText;
}

export function schemaOnTarget(
  doc: DomainDocument,
  rng: RelaxNgSchema,
  schema: Finding[],
  versions: Finding[],
  target: TargetProfile,
  schemaProfile: () => TargetProfile | undefined,
): Finding[] {
  if (!schema.length) return schema;
  // the libvirt the installed schema belongs to: asked only when the schema finds something
  const local = schemaProfile();
  const taken = new Set(versions.filter((f) => SAID_ALREADY.has(f.rule)).map((f) => `${f.start}:${f.end}`));
  const takenStart = new Set(versions.filter((f) => SAID_ALREADY.has(f.rule)).map((f) => f.start));
  const newerTarget = local && compareVersions(target.libvirt, local.libvirt) > 0;
  const libvirt = local?.libvirt ?? target.libvirt;
  const memo = new Map<XmlElement, Set<string>>();
  const out: Finding[] = [];
  // a drop on the target told once: the version check's story, saying that validation would refuse it too
  const drops = new Map(
    versions.filter((f) => f.rule === 'version-drop' && f.data?.scope === 'target').map((f) => [`${f.start}:${f.end}`, f]),
  );
  for (const f of schema) {
    const key = `${f.start}:${f.end}`;
    const drop = drops.get(key);
    if (drop) {
      drop.detail = also(drop.detail, '`virsh define --validate` and virt-xml-validate refuse it.');
      drops.delete(key);
    }
    if (taken.has(key) || takenStart.has(f.start)) continue;
    if (newerTarget) {
      out.push({
        ...f,
        severity: 'warning',
        message: `${f.message} (local libvirt ${local!.libvirt}'s schema)`,
        detail: also(
          f.detail,
          `This is the schema of the local libvirt ${local!.libvirt}; the target's libvirt ${target.libvirt} is newer and may accept it.`,
        ),
      });
      continue;
    }
    const subcode = (f.data as SchemaFindingData | undefined)?.subcode;
    const el = elementAt(doc.xml, f.start);
    if (subcode === 'unexpected-element' && el?.parent && el.nameStart === f.start) {
      const parent = el.parent;
      if (ENUMERATING_PARENTS.has(parent.xpath)) {
        out.push({
          ...f,
          message: `libvirt ${libvirt} does not know <${el.name}> in <${parent.name}>: define fails`,
          detail: also(`The schema says: ${f.message}.`, f.detail),
        });
        continue;
      }
      if (!knownChildren(rng, parent, memo).has(el.name)) {
        out.push({
          rule: DEFINE_DROP.id,
          start: f.start,
          end: f.end,
          message: `libvirt ${libvirt} does not know <${el.name}> in <${parent.name}>: define silently drops it`,
          detail:
            'Define ignores the element and everything inside it, so the guest on that host runs without it and dumpxml does not show it.',
          data: { subcode, node: 'element', name: el.name },
        });
        continue;
      }
    }
    if (subcode === 'unknown-attribute' && el) {
      const a = el.attributes.find((x) => x.nameStart === f.start);
      if (a) {
        out.push({
          rule: DEFINE_DROP.id,
          start: f.start,
          end: f.end,
          message: `libvirt ${libvirt} does not know attribute '${a.name}' on <${el.name}> (here): define silently drops it`,
          detail: 'Define ignores the attribute, so the guest on that host runs without this setting and dumpxml does not show it.',
          data: { subcode, node: 'attribute', name: a.name },
        });
        continue;
      }
    }
    if (subcode === 'invalid-attribute-value' && el) {
      const a = el.attributes.find((x) => x.valueStart === f.start || x.nameStart === f.start);
      if (a && enumerationOnly(rng, el, a.name)) {
        out.push({
          ...f,
          message: `${f.message}: define fails`,
          detail: also(f.detail, "libvirt's parser knows only the schema's values."),
        });
        continue;
      }
    }
    out.push({
      ...f,
      severity: 'warning',
      message: `${f.message} (schema only)`,
      detail: also(f.detail, SCHEMA_ONLY),
    });
  }
  return out;
}

/** the detail of a finding that only the schema makes */
const SCHEMA_ONLY =
  'Only the schema objects: `virsh define --validate` and virt-xml-validate reject this; plain `virsh define` does not check it.';

/** two detail sentences, either of which may be missing */
function also(first: string | undefined, second: string | undefined): string | undefined {
  return first && second ? `${first} ${second}` : (first ?? second);
}
