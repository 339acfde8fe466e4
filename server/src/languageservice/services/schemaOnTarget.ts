/**
 * Reconciles schema findings with the target profile and the version checks:
 * - a value the version checks already reject at the same place is reported
 *   once (theirs says which libvirt rejects it and why);
 * - the installed schema is that of the local libvirt (asked only when the
 *   schema finds something); when the target is a
 *   newer libvirt, what this schema rejects may be valid there, so those
 *   findings become warnings that say so;
 * - an element or attribute the target's libvirt silently drops (version-drop)
 *   is one story, not two: `virsh define` does not validate, so the drop is what
 *   happens; the drop's message says that the schema refuses it too.
 */
import { Finding } from '../findings';
import { compareVersions } from '../knowledge/versions';
import { TargetProfile } from '../profiles/profile';

const REJECTING = new Set(['define-reject', 'version-reject']);

export function schemaOnTarget(schema: Finding[], versions: Finding[], target: TargetProfile, schemaProfile: () => TargetProfile | undefined): Finding[] {
  if (!schema.length) return schema;
  const local = schemaProfile();
  const taken = new Set(versions.filter((f) => REJECTING.has(f.rule)).map((f) => `${f.start}:${f.end}`));
  const drops = new Map(versions.filter((f) => f.rule === 'version-drop' && f.data?.scope === 'target').map((f) => [`${f.start}:${f.end}`, f]));
  for (const f of schema) {
    const drop = drops.get(`${f.start}:${f.end}`);
    if (!drop) continue;
    taken.add(`${f.start}:${f.end}`);
    drop.message += " (virsh define --validate and virt-xml-validate refuse it)";
    drops.delete(`${f.start}:${f.end}`);
  }
  const newerTarget = local && compareVersions(target.libvirt, local.libvirt) > 0;
  return schema
    .filter((f) => !taken.has(`${f.start}:${f.end}`))
    .map((f) =>
      newerTarget
        ? { ...f, severity: 'warning' as const, message: `${f.message} (by the schema of the local libvirt ${local!.libvirt}; the target libvirt ${target.libvirt} may accept it)` }
        : f,
    );
}
