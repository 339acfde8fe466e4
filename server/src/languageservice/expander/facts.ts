/**
 * Facts of an expanded domain: one element's existence, one attribute value
 * or one text value, each keyed by a path in which repeated elements are
 * identified the way libvirt identifies them (controllers by type and index,
 * disks by target dev, ...), so that the order of siblings does not matter.
 * The oracle scores the expander with them (test/oracle/facts.ts), and pin
 * uses them to check that what it writes keeps every address in place.
 */
import { ENode } from './eTree';

function identity(n: ENode, ordinal: number): string {
  const a = (k: string) => n.attr(k) ?? '';
  switch (n.name) {
    case 'controller':
      return `[${a('type')}:${a('index')}]`;
    case 'disk':
      return `[${n.child('target')?.attr('dev') ?? ordinal}]`;
    case 'input':
      return `[${a('type')}:${a('bus')}]`;
    case 'channel':
      return `[${n.child('target')?.attr('name') ?? n.child('target')?.attr('type') ?? ''}#${ordinal}]`;
    case 'feature':
    case 'timer':
      return `[${a('name')}]`;
    case 'boot':
      return n.parent?.name === 'os' ? `[${a('dev')}]` : '';
    case 'graphics':
      return `[${a('type')}]`;
    case 'audio':
      return `[${a('type')}]`;
    default:
      return `[${ordinal}]`;
  }
}

/** calls visit for every node below (and including) node with its fact path */
function walkPaths(node: ENode, path: string, visit: (n: ENode, path: string) => void): void {
  visit(node, path);
  const counts = new Map<string, number>();
  for (const c of node.children) {
    const i = counts.get(c.name) ?? 0;
    counts.set(c.name, i + 1);
    walkPaths(c, `${path}/${c.name}${identity(c, i)}`, visit);
  }
}

function addFacts(out: Set<string>, n: ENode, path: string): void {
  out.add(path);
  for (const [k, v] of n.attrs) out.add(`${path}@${k}=${v}`);
  if (n.value) out.add(`${path}#text=${n.value}`);
}

/** facts of a domain: `path` for existence, `path@attr=value`, `path#text=value` */
export function factsOf(root: ENode): Set<string> {
  const out = new Set<string>();
  walkPaths(root, '/domain', (n, p) => addFacts(out, n, p));
  return out;
}

/** the fact path of every node of a domain */
export function factPaths(root: ENode): Map<ENode, string> {
  const out = new Map<ENode, string>();
  walkPaths(root, '/domain', (n, p) => out.set(n, p));
  return out;
}

/** the facts of one node and its descendants, under the node's path in its domain */
export function subtreeFacts(node: ENode, path: string): Set<string> {
  const out = new Set<string>();
  walkPaths(node, path, (n, p) => addFacts(out, n, p));
  return out;
}

/** facts about device addresses, and the chassis/port of a root port (which the address pin writes too) */
export function isAddressFact(f: string): boolean {
  return /\/address(\[\d+\])?(?=[@/#]|$)/.test(f) || /\/target(\[\d+\])?@(chassis|port)=/.test(f);
}
