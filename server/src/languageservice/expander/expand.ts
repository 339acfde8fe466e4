/**
 * The expander: applies libvirt's define-time behaviour to a domain, in the
 * order libvirt does it (parse-time defaults, driver post-parse, device
 * post-parse, address assignment), and returns the resulting tree with a
 * record of every value it filled in.
 */
import { XmlElement } from '../parser/xmlNodes';
import { TargetProfile } from '../profiles/profile';
import { ExpandContext, Rule } from './context';
import { ENode, fromXml } from './eTree';
import { Fill } from './fill';
import { formatENode } from './format';
import { EXPANDER_RULES } from './rules';

export interface Expansion {
  root: ENode;
  fills: Fill[];
  profile: TargetProfile;
  arch: string;
  machine: string;
  /** rules that threw (a bug of ours, never the user's): the rest still ran */
  failures: { rule: string; error: string }[];
}

export interface ExpandOptions {
  /** rules to run instead of the full set (tests) */
  rules?: Rule[];
}

export function expandDomain(domain: XmlElement, profile: TargetProfile, options: ExpandOptions = {}): Expansion {
  const root = fromXml(domain);
  const ctx = new ExpandContext(root, profile);
  const failures: Expansion['failures'] = [];
  for (const rule of options.rules ?? EXPANDER_RULES) {
    try {
      rule.apply(ctx);
    } catch (e) {
      failures.push({ rule: rule.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { root, fills: ctx.fills, profile, arch: ctx.arch, machine: ctx.machine, failures };
}

/** the predicted `virsh dumpxml --inactive` */
export function formatExpansion(e: Expansion): string {
  return formatENode(e.root);
}
