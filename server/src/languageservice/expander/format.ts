/**
 * Writes a working tree the way `virsh dumpxml` does: two-space indentation,
 * single-quoted attributes in libvirt's order, empty elements self-closed.
 */
import { attributeOrder } from '../knowledge/formatOrder';
import { ENode } from './eTree';

function escapeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

function escapeText(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** attributes in libvirt's order: known ones first in their order, then the rest as they were */
export function orderedAttributes(node: ENode): [string, string][] {
  const order = attributeOrder(node.name);
  const entries = [...node.attrs.entries()];
  if (!order) return entries;
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e[0]) - rank(b.e[0]) || a.i - b.i).map((x) => x.e);
}

export function formatENode(node: ENode, indent = ''): string {
  const attrs = orderedAttributes(node).map(([k, v]) => ` ${k}='${escapeAttr(v)}'`).join('');
  const open = `${indent}<${node.name}${attrs}`;
  if (!node.children.length) {
    if (node.text === undefined || node.text === '') return `${open}/>\n`;
    return `${open}>${escapeText(node.text)}</${node.name}>\n`;
  }
  let s = `${open}>\n`;
  if (node.text) s += `${indent}  ${escapeText(node.text)}\n`;
  for (const c of node.children) s += formatENode(c, indent + '  ');
  return s + `${indent}</${node.name}>\n`;
}
