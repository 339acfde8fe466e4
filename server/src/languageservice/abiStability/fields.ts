/** Reading `a/b/@attr` style field paths from expanded nodes. */
import { ENode } from '../expander/eTree';

export function readField(node: ENode, field: string): { value: string | undefined; at: ENode | undefined } {
  const parts = field.split('/');
  let cur: ENode | undefined = node;
  for (const p of parts) {
    if (!cur) return { value: undefined, at: undefined };
    if (p.startsWith('@')) return { value: cur.attr(p.slice(1)), at: cur };
    if (p === '.') continue;
    cur = cur.child(p);
  }
  return { value: cur ? cur.value : undefined, at: cur };
}

/** a canonical text of a node's subtree (attributes sorted), for whole-element comparisons */
export function canonical(node: ENode | undefined): string {
  if (!node) return '';
  const attrs = [...node.attrs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `<${node.name}${attrs.map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('')}>${node.value}${node.children.map(canonical).join('')}</${node.name}>`;
}
