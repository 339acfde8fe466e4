/**
 * Ranks what libvirt fills in by risk. The document is expanded for the
 * active target and for every known target (the built-in Debian releases,
 * each with its own libvirt's defaults as the expander models them, and the
 * migration floor when one is set); each group of fills (see groupFills) is
 * compared across them:
 * - an ABI risk when the targets disagree (a different value, or a fill only
 *   some of them make): it stays a diagnostic, saying which targets disagree;
 * - stable when every target fills the same: shown inline (inlay hints, the
 *   code lens) unless `domxml.defaults` asks for diagnostics.
 * Nothing here knows a default: the expander decides every value.
 */
import { DomainDocument } from '../domainDocument';
import { Expansion, expandDomain } from '../expander/expand';
import { ENode } from '../expander/eTree';
import { builtinProfile, BUILTIN_PROFILES, customProfile } from '../profiles/builtinProfiles';
import { TargetProfile } from '../profiles/profile';
import { compareVersions, shortVersion } from '../knowledge/versions';
import { FillGroup, groupFills } from './abiDiagnostics';
import { Finding, ONE_LINE } from '../findings';
import { describeSource } from '../knowledge/source';

/** how fills that are the same on every target are shown (setting `domxml.defaults`) */
export type DefaultsLevel = 'inlay' | 'diagnostics' | 'off';
export const DEFAULTS_LEVELS: readonly DefaultsLevel[] = ['inlay', 'diagnostics', 'off'];
export const DEFAULT_DEFAULTS_LEVEL: DefaultsLevel = 'inlay';

/** the releases every document is compared on, oldest first */
const COMPARED_PROFILE_IDS = ['debian-11', 'debian-12', 'debian-13'];

interface TargetFill {
  profile: TargetProfile;
  /** the group on that target; undefined when that target fills nothing there */
  group: FillGroup | undefined;
}

export interface RankedGroup extends FillGroup {
  /** when the targets disagree: every compared target's group, oldest libvirt first (the active one included) */
  disagree?: TargetFill[];
  /** true for a group only other targets have (the active target fills nothing there) */
  foreign?: boolean;
}

export interface Ranking {
  active: TargetProfile;
  /** every target compared, oldest libvirt first */
  targets: TargetProfile[];
  /** the active target's groups, then the groups only other targets have */
  groups: RankedGroup[];
}

/**
 * The floor as a target: its libvirt with the given QEMU, or else the QEMU of
 * the newest built-in release whose libvirt is not newer than the floor's (a
 * distribution pairing, not a default).
 */
function floorProfile(floor: { libvirt?: string; qemu?: string } | undefined): TargetProfile | undefined {
  if (!floor?.libvirt) return undefined;
  const byVersion = [...BUILTIN_PROFILES].sort((a, b) => compareVersions(a.libvirt, b.libvirt));
  const paired = byVersion.filter((p) => compareVersions(p.libvirt, floor.libvirt!) <= 0).pop() ?? byVersion[0];
  const p = customProfile(floor.libvirt, floor.qemu ?? paired.qemu);
  return { ...p, id: `floor-${p.id}`, label: `migration floor (${p.label})` };
}

/** the targets to compare: the active one, the built-in Debian releases and the floor, oldest first, without repeats */
export function comparedTargets(active: TargetProfile, floor?: { libvirt?: string; qemu?: string }): TargetProfile[] {
  const all = [active, ...COMPARED_PROFILE_IDS.map((id) => builtinProfile(id)!)];
  const f = floorProfile(floor);
  if (f) all.push(f);
  const seen = new Set<string>();
  const out: TargetProfile[] = [];
  for (const p of all) {
    const key = p.id === active.id ? p.id : `${p.libvirt}/${p.qemu}/${p.hostArch}/${JSON.stringify(p.machineNames ?? {})}`;
    if (seen.has(p.id) || seen.has(key)) continue;
    seen.add(p.id);
    seen.add(key);
    out.push(p);
  }
  return out.sort((a, b) => compareVersions(a.libvirt, b.libvirt) || (a === active ? -1 : b === active ? 1 : 0));
}

/** what identifies an added element among its siblings across targets (not the values that may differ) */
function identity(n: ENode): string {
  let s = n.name;
  for (const k of ['type', 'index', 'id', 'name']) {
    const v = n.attr(k);
    if (v !== undefined) s += `[${k}=${v}]`;
  }
  return s;
}

/** the same subject on every target: where it is, which rule kind, and what it is about */
function groupKey(g: FillGroup): string {
  switch (g.kind) {
    case 'added':
      return `${g.start}|${g.rule}|${identity(g.subject)}`;
    case 'address':
      return `${g.start}|address`;
    case 'changed':
      return `${g.start}|changed|${g.fills[0].attribute}`;
    case 'set':
      return `${g.start}|set|${g.fills[0].rule}`;
  }
}

/** the group's values as flat `path@attribute` → value pairs, for comparing and describing differences */
function flatValues(g: FillGroup): Map<string, string> {
  const out = new Map<string, string>();
  if (g.kind === 'added' || g.kind === 'address') {
    const walk = (n: ENode, path: string) => {
      n.attrs.forEach((v, k) => out.set(`${path}@${k}`, v));
      if (n.value) out.set(`${path}#text`, n.value);
      const seen = new Map<string, number>();
      for (const c of n.children) {
        const i = (seen.get(c.name) ?? 0) + 1;
        seen.set(c.name, i);
        walk(c, `${path}/${c.name}${i > 1 ? `[${i}]` : ''}`);
      }
    };
    walk(g.subject, g.subject.name);
  } else {
    for (const f of g.fills) out.set(f.kind === 'attribute' ? `@${f.attribute}` : '#text', f.value ?? '');
  }
  return out;
}

/** a subtree as one comparable string: names, attributes (sorted) and text; no escaping, it is never parsed */
function serialize(n: ENode): string {
  const attrs: string[] = [];
  n.attrs.forEach((v, k) => attrs.push(`${k}\u0001${v}`));
  let s = `<${n.name}\u0002${attrs.sort().join('\u0002')}\u0003${n.value}`;
  for (const c of n.children) s += serialize(c);
  return s + '>';
}

/** the same element, attributes, text and children (attribute order aside); allocates nothing */
function sameNode(a: ENode, b: ENode): boolean {
  if (a.name !== b.name || a.value !== b.value || a.attrs.size !== b.attrs.size || a.children.length !== b.children.length) return false;
  let same = true;
  a.attrs.forEach((v, k) => {
    if (same && b.attrs.get(k) !== v) same = false;
  });
  for (let i = 0; same && i < a.children.length; i++) same = sameNode(a.children[i], b.children[i]);
  return same;
}

/** the same fills on two targets (what groupValue would write the same) */
function sameGroup(a: FillGroup | undefined, b: FillGroup | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'added' || a.kind === 'address') return sameNode(a.subject, b.subject);
  if (a.fills.length !== b.fills.length) return false;
  for (let i = 0; i < a.fills.length; i++) {
    const x = a.fills[i];
    const y = b.fills[i];
    if (x.kind !== y.kind || x.attribute !== y.attribute || (x.value ?? '') !== (y.value ?? '')) return false;
  }
  return true;
}

function groupValue(g: FillGroup): string {
  if (g.kind === 'added' || g.kind === 'address') return serialize(g.subject);
  let v = '';
  for (const f of g.fills) v += `${f.kind === 'attribute' ? f.attribute : '#text'}\u0001${f.value ?? ''}\u0002`;
  return v;
}

function keyed(groups: FillGroup[]): Map<string, FillGroup> {
  const out = new Map<string, FillGroup>();
  for (const g of groups) {
    let k = groupKey(g);
    for (let i = 2; out.has(k); i++) k = `${groupKey(g)}#${i}`;
    out.set(k, g);
  }
  return out;
}

/** ranks the active expansion's groups against the other targets' expansions of the same document */
export function rankGroups(active: Expansion, others: Expansion[]): Ranking {
  const targets = [active, ...others].sort(
    (a, b) => compareVersions(a.profile.libvirt, b.profile.libvirt) || (a === active ? -1 : b === active ? 1 : 0),
  );
  const maps = new Map<Expansion, Map<string, FillGroup>>(targets.map((e) => [e, keyed(groupFills(e))]));
  const mine = maps.get(active)!;
  const groups: RankedGroup[] = [];
  const compare = (key: string): TargetFill[] | undefined => {
    const first = maps.get(targets[0])!.get(key);
    let differs = false;
    for (let i = 1; i < targets.length && !differs; i++) differs = !sameGroup(first, maps.get(targets[i])!.get(key));
    return differs ? targets.map((e) => ({ profile: e.profile, group: maps.get(e)!.get(key) })) : undefined;
  };
  // the groups are this call's own: annotate them in place (a spread would build every lazy message)
  for (const [key, g] of mine) {
    const disagree = compare(key);
    if (disagree) (g as RankedGroup).disagree = disagree;
    groups.push(g);
  }
  // what only other targets fill, once per subject (with the oldest target's group)
  const foreign = new Set<string>();
  for (const e of targets) {
    if (e === active) continue;
    for (const [key, g] of maps.get(e)!) {
      if (mine.has(key) || foreign.has(key)) continue;
      foreign.add(key);
      Object.assign(g, { disagree: compare(key), foreign: true });
      groups.push(g);
    }
  }
  groups.sort((a, b) => a.start - b.start);
  return { active: active.profile, targets: targets.map((t) => t.profile), groups };
}

/** ranks a document's fills; the comparison expansions are kept on the parse, like the active one */
export function rankDocument(doc: DomainDocument, active: Expansion, floor?: { libvirt?: string; qemu?: string }): Ranking {
  const domain = doc.domain!;
  const profiles = comparedTargets(active.profile, floor).filter((p) => p !== active.profile);
  const key = profiles.map((p) => `${p.id}/${p.libvirt}/${p.qemu}`).join(',') + `|${active.profile.id}`;
  const hit = doc.ranking;
  if (hit && hit.key === key && hit.active === active) return hit.ranking;
  const ranking = rankGroups(
    active,
    profiles.map((p) => expandDomain(domain, p)),
  );
  doc.ranking = { key, active, ranking };
  return ranking;
}

// ---------------------------------------------------------------------------
// wording

const leaf = (k: string) =>
  k
    .replace(/^.*[@/]/, '')
    .replace(/^#text$/, 'text')
    .replace(/\[\d+\]$/, '');

/** what one target does where the active one differs: "stores model='piix3-uhci'", "keeps 'q35'", "fills nothing here" */
function describeDifference(mine: FillGroup | undefined, other: FillGroup | undefined): string {
  if (!other) return mine?.kind === 'changed' ? `keeps '${mine.fills[0].previous}'` : 'fills nothing here';
  if (!mine) return other.message.replace(/^libvirt \S+ will (\w+)/, (_m, verb: string) => `${verb}s`);
  const a = flatValues(mine);
  const b = flatValues(other);
  const parts: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(k) === b.get(k)) continue;
    const v = b.get(k);
    parts.push(v === undefined ? `no ${leaf(k)}` : `${leaf(k)}='${v}'`);
  }
  // one value that differs: the value alone ("7.0 stores piix3-uhci")
  const only = parts.length === 1 && /^[^=]+='(.*)'$/.exec(parts[0]);
  if (only) return `stores ${only[1]}`;
  return `stores ${parts.length > 2 ? `${parts.slice(0, 2).join(', ')}, …` : parts.join(', ') || 'the same values in another order'}`;
}

/** "7.0 stores piix3-uhci, 11.3 fills nothing here": the targets whose fill differs from the active one's */
function disagreement(g: RankedGroup, active: TargetProfile): string {
  const mine = g.foreign ? undefined : g.disagree?.find((t) => t.profile === active)?.group;
  const byText = new Map<string, string[]>();
  for (const t of differing(g, active)) {
    const text = describeDifference(mine, t.group);
    byText.set(text, [...(byText.get(text) ?? []), targetName(t.profile)]);
  }
  return [...byText].map(([text, who]) => `${who.join(', ')} ${text}`).join(', ');
}

/** the compared targets whose fill here differs from the active target's */
function differing(g: RankedGroup, active: TargetProfile): TargetFill[] {
  const mine = g.foreign ? undefined : g.disagree?.find((t) => t.profile === active)?.group;
  const mineValue = mine ? groupValue(mine) : '';
  return (g.disagree ?? []).filter((t) => t.profile !== active && (t.group ? groupValue(t.group) : '') !== mineValue);
}

/** how a target is named in messages: its libvirt version, or the floor's */
function targetName(p: TargetProfile): string {
  return p.id.startsWith('floor-') ? `floor ${shortVersion(p.libvirt)}` : shortVersion(p.libvirt);
}

/** the one-line message of a ranked group */
function rankedMessage(g: RankedGroup, active: TargetProfile): string {
  const d = disagreement(g, active);
  const head = g.foreign ? `libvirt ${shortVersion(active.libvirt)} fills nothing here` : g.message;
  if (!d) return head;
  const whole = `${head}; ${d}`;
  if (whole.length <= ONE_LINE) return whole;
  // the long form is in relatedInformation, a line per target: here only who disagrees
  const who = differing(g, active).map((t) => targetName(t.profile));
  return `${head}; ${who.join(', ')} ${who.length === 1 ? 'differs' : 'differ'}`;
}

/** the detail of a group: what each target fills, and why */
function relatedFor(g: RankedGroup): Finding['related'] {
  const at = { start: g.start, end: g.end };
  const out: NonNullable<Finding['related']> = [];
  for (const t of g.disagree ?? [])
    out.push({
      ...at,
      message: `${t.profile.label}: ${t.group ? t.group.message.replace(/^libvirt \S+ will /, 'will ') : 'fills nothing here'}`,
    });
  const f = g.fills[0];
  if (f) out.push({ ...at, message: `why: ${f.reason} (${describeSource(f.source)})` });
  return out;
}

/**
 * The diagnostics of what libvirt fills in: every ABI risk; and, at level
 * `diagnostics`, every stable fill too (else those are inlay hints and code lenses).
 */
export function rankedFindings(ranking: Ranking, level: DefaultsLevel = DEFAULT_DEFAULTS_LEVEL): Finding[] {
  const out: Finding[] = [];
  for (const g of ranking.groups) {
    const risk = g.disagree !== undefined;
    if (!risk && level !== 'diagnostics') continue;
    out.push({
      rule: g.rule,
      start: g.start,
      end: g.end,
      message: rankedMessage(g, ranking.active),
      data: { fills: g.foreign ? 0 : g.fills.length, ...(risk ? { risk: true } : {}) },
      related: relatedFor(g),
    });
  }
  return out;
}

/**
 * What only other releases fill where the active target fills nothing ("11.3 adds <firmware> with 2 <feature>
 * to this <os>"): the pin writes what the target stores, so none of this; the pin commands list it with why.
 */
export function othersOnly(ranking: Ranking): { start: number; text: string }[] {
  return ranking.groups
    .filter((g) => g.foreign && g.disagree)
    .map((g) => ({
      start: g.start,
      text: `${disagreement(g, ranking.active)}: libvirt ${shortVersion(ranking.active.libvirt)} fills nothing there, so nothing is pinned`,
    }));
}

/** for the hover at an offset: what each release fills there, when they disagree (markdown), or undefined */
export function riskHover(ranking: Ranking, offset: number): string | undefined {
  const lines: string[] = [];
  for (const g of ranking.groups) {
    if (!g.disagree || offset < g.start || offset > g.end) continue;
    lines.push(`**Differs between releases** (${rankedMessage(g, ranking.active).replace(/^.*?; /, '')}):`);
    for (const t of g.disagree)
      lines.push(`- ${t.profile.label}: ${t.group ? t.group.message.replace(/^libvirt \S+ will /, 'will ') : 'fills nothing here'}`);
  }
  return lines.length ? lines.join('\n') : undefined;
}
