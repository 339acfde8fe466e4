/**
 * The ABI-stability service: parses two domain texts, expands both for the
 * same target profile (so implicit defaults count as libvirt sees them after
 * define), compares them and locates each difference in both texts.
 */
import { expandDomain } from '../expander/expand';
import { ENode } from '../expander/eTree';
import { parseXml } from '../parser/xmlParser';
import { TargetProfile } from '../profiles/profile';
import { compareDomains } from './compare';

export interface Position {
  line: number;
  character: number;
}

export interface LocatedDifference {
  rule: string;
  abi: boolean;
  message: string;
  source: string;
  /** 0-based positions (LSP style) of the element in the old and the new text */
  old: Position;
  new: Position;
}

export interface AbiDiffResult {
  differences: LocatedDifference[];
  /** problems that stop the comparison (not a domain, unreadable) */
  problems: string[];
}

function positionAt(text: string, offset: number): Position {
  let line = 0;
  let last = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i + 1;
    }
  return { line, character: Math.max(0, offset - last) };
}

function locate(text: string, node: ENode | undefined): Position {
  const el = node?.anchor;
  return el ? positionAt(text, el.start) : { line: 0, character: 0 };
}

export function abiDiff(oldText: string, newText: string, profile: TargetProfile): AbiDiffResult {
  const problems: string[] = [];
  const roots = [oldText, newText].map((t, i) => {
    const xml = parseXml(t);
    const root = xml.root;
    if (!root || root.name !== 'domain') problems.push(`${i ? 'new' : 'old'} document is not a libvirt domain`);
    else if (xml.errors.length) problems.push(`${i ? 'new' : 'old'} document has ${xml.errors.length} well-formedness error(s)`);
    return root && root.name === 'domain' ? expandDomain(root, profile).root : undefined;
  });
  if (!roots[0] || !roots[1]) return { differences: [], problems };
  const differences = compareDomains(roots[0], roots[1]).map((d) => ({
    rule: d.rule,
    abi: d.abi,
    message: d.message,
    source: d.source,
    old: locate(oldText, d.old),
    new: locate(newText, d.new),
  }));
  return { differences, problems };
}
