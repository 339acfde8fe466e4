/**
 * What a define-time rule of libvirt's (services/version/*Checks.ts that take
 * `RuleFacts`) reads: the document, and the expander's prediction of what
 * libvirt has made of it by the time it validates (arch, canonical machine,
 * controllers with their indexes and models, addresses). Reading the guest
 * from the Expansion keeps one source of truth for the machine family and
 * the implicit devices. A rule reports through `reject` only.
 */
import { XmlAttribute, XmlElement } from '../../parser/xmlNodes';
import { Expansion } from '../../expander/expand';
import { ENode } from '../../expander/eTree';
import { MachineKind, machineKind } from '../../knowledge/machineKind';
import { TargetProfile } from '../../profiles/profile';
import { compareVersions } from '../../knowledge/versions';

export type Range = [number, number];

export type Reject = (check: string, range: Range, reason: string) => void;

export class RuleFacts {
  readonly machineKind: MachineKind;

  constructor(
    readonly domain: XmlElement,
    readonly expansion: Expansion,
    readonly profile: TargetProfile,
  ) {
    this.machineKind = machineKind(expansion.arch, expansion.machine);
  }

  get arch(): string {
    return this.expansion.arch;
  }

  get machine(): string {
    return this.expansion.machine;
  }

  /** the expanded <domain> */
  get root(): ENode {
    return this.expansion.root;
  }

  /** children of the expanded <devices>, optionally only those named `name` */
  devices(name?: string): ENode[] {
    const all = this.root.child('devices')?.children ?? [];
    return name === undefined ? all : all.filter((d) => d.name === name);
  }

  /** true when the target's libvirt is in [since, until) */
  targetIn(since?: string, until?: string): boolean {
    return ruleApplies({ since, until }, this.profile.libvirt);
  }
}

export interface LibvirtRule {
  id: string;
  /** libvirt's file and function (and the versions where they differ) */
  source: string;
  /** first libvirt release with the rule */
  since?: string;
  /** first libvirt release without it */
  until?: string;
  run(facts: RuleFacts, reject: Reject): void;
}

/**
 * The `since` of a rule libvirt 11.3.0 applies (its daemon confirmed it) but
 * 9.0.0's source does not have: the release it arrived in is not known here,
 * so it holds from 11.3.0, a miss at worst on the releases between and never
 * a false error on them.
 */
export const SEEN_IN_11_3 = '11.3.0';

/** whether a rule holds for a libvirt version: its [since, until) range */
export function ruleApplies(rule: { since?: string; until?: string }, libvirt: string): boolean {
  return (!rule.since || compareVersions(libvirt, rule.since) >= 0) && (!rule.until || compareVersions(libvirt, rule.until) < 0);
}

export function nameOf(el: XmlElement | XmlAttribute): Range {
  return [el.nameStart, el.nameEnd];
}

/** an attribute's value (its name when it has none), or the element's name when it lacks the attribute */
export function attrRange(el: XmlElement, attr: string): Range {
  const a = el.getAttribute(attr);
  return a ? (a.valueStart >= 0 ? [a.valueStart, a.valueEnd] : [a.nameStart, a.nameEnd]) : nameOf(el);
}

/** where to point for a node of the expansion: its own element, else the nearest written ancestor */
export function nodeRange(n: ENode, attr?: string): Range {
  if (n.origin) return attr && n.origin.hasAttr(attr) ? attrRange(n.origin, attr) : nameOf(n.origin);
  const a = n.anchor;
  return a ? nameOf(a) : [0, 0];
}

/** an unsigned integer in libvirt's notation (decimal, or hex with 0x) */
export function uint(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t, 16);
  if (/^\d+$/.test(t)) return parseInt(t, 10);
  return undefined;
}

/** a signed integer (controller indexes, NUMA node ids) */
export function int(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (/^-?\d+$/.test(t)) return parseInt(t, 10);
  return uint(t);
}

/** the elements below `el`, in document order */
export function* below(el: XmlElement): Generator<XmlElement> {
  for (const c of el.elements()) {
    yield c;
    yield* below(c);
  }
}

/**
 * A libvirt bitmap ("0-3,^2,5"): the set of numbers, or undefined when
 * virBitmapParse refuses it: items "N", "N-M" or "^N" separated by commas,
 * spaces around them, one trailing comma allowed, every number below `size`.
 */
export function parseBitmap(s: string | undefined, size = 65536): Set<number> | undefined {
  if (s === undefined) return undefined;
  const out = new Set<number>();
  const items = s.split(',');
  if (items.length > 1 && !items[items.length - 1].trim()) items.pop();
  for (const item of items) {
    const m = /^\s*(\^)?(\d+)\s*(?:-\s*\+?(\d+)\s*)?$/.exec(item);
    if (!m || (m[1] && m[3] !== undefined)) return undefined;
    const lo = Number(m[2]);
    const hi = m[3] === undefined ? lo : Number(m[3]);
    if (hi < lo || hi >= size) return undefined;
    for (let i = lo; i <= hi; i++) {
      if (m[1]) out.delete(i);
      else out.add(i);
    }
  }
  return out;
}
