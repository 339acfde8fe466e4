/**
 * Diagnostics for what libvirt fills in at define time: one per element the
 * expander adds (on its parent in the document) and one per existing element
 * whose attributes or text it fills or changes. Addresses of existing
 * devices have their own rule, since many users leave them to libvirt.
 */
import { defineRule } from '../diagnosticRules';
import { DomainDocument } from '../domainDocument';
import { Expansion } from '../expander/expand';
import { ENode } from '../expander/eTree';
import { Fill } from '../expander/fill';
import { Finding } from '../findings';
import { shortVersion } from '../knowledge/versions';
import { describeAddress, describeElement } from './describe';

export const ABI_DEFAULT = defineRule({ id: 'abi-default', title: 'Value libvirt fills in at define time', defaultSeverity: 'information', docUrl: 'https://libvirt.org/formatdomain.html' });
export const ABI_ADDRESS = defineRule({ id: 'abi-address', title: 'Device address libvirt assigns at define time', defaultSeverity: 'hint', docUrl: 'https://libvirt.org/formatdomain.html#device-addresses' });
export const ABI_GENERATED = defineRule({ id: 'abi-generated', title: 'Value libvirt generates at define time', defaultSeverity: 'hint', docUrl: 'https://libvirt.org/formatdomain.html#general-metadata' });

/** the topmost added ancestor of an added node (itself when its parent exists in the document) */
function topAdded(n: ENode): ENode {
  let cur = n;
  while (cur.parent && !cur.parent.origin) cur = cur.parent;
  return cur;
}

function addressOf(n: ENode): string {
  const a = n.child('address');
  return a ? ` at ${describeAddress(a)}` : '';
}

export interface FillGroup {
  /** the element in the user's document the finding points at */
  start: number;
  end: number;
  rule: string;
  message: string;
  fills: Fill[];
}

/** groups an expansion's fills into what the user sees, one group per located subject */
export function groupFills(expansion: Expansion): FillGroup[] {
  const v = shortVersion(expansion.profile.libvirt);
  const groups: FillGroup[] = [];
  const added = new Map<ENode, Fill[]>();
  const onExisting = new Map<ENode, Fill[]>();
  for (const f of expansion.fills) {
    if (f.category === 'normalised') continue;
    if (!f.node.origin || f.kind === 'element') {
      const top = topAdded(f.node);
      const list = added.get(top);
      if (list) list.push(f);
      else added.set(top, [f]);
    } else {
      const list = onExisting.get(f.node);
      if (list) list.push(f);
      else onExisting.set(f.node, [f]);
    }
  }
  for (const [top, fills] of added) {
    const parent = top.parent?.origin;
    if (!parent) continue;
    // an address added to an existing device is the device's address, reported on the device
    if (top.name === 'address') {
      groups.push({ start: parent.nameStart, end: parent.nameEnd, rule: ABI_ADDRESS.id, message: `libvirt ${v} will assign ${describeAddress(top)} to this <${parent.name}>`, fills });
      continue;
    }
    const generated = fills.every((f) => f.category === 'generated');
    const inside = parent.name !== 'devices' && parent.name !== 'domain';
    const desc = describeElement(top);
    groups.push({
      start: parent.nameStart,
      end: parent.nameEnd,
      rule: generated ? ABI_GENERATED.id : ABI_DEFAULT.id,
      message: generated
        ? `libvirt ${v} will generate ${desc}${inside ? ` for this <${parent.name}>` : ''}`
        : `libvirt ${v} will add ${desc}${addressOf(top)}${inside ? ` to this <${parent.name}>` : ''}`,
      fills,
    });
  }
  for (const [node, fills] of onExisting) {
    const el = node.origin!;
    const changed = fills.filter((f) => f.previous !== undefined && f.kind === 'attribute');
    for (const f of changed) {
      const attr = el.getAttribute(f.attribute!);
      const start = attr && attr.valueStart >= 0 ? attr.valueStart : el.nameStart;
      const end = attr && attr.valueStart >= 0 ? attr.valueEnd : el.nameEnd;
      groups.push({ start, end, rule: ABI_DEFAULT.id, message: `libvirt ${v} will store ${f.attribute}='${f.value}' instead of '${f.previous}': ${f.reason}`, fills: [f] });
    }
    const rest = fills.filter((f) => !changed.includes(f));
    if (!rest.length) continue;
    const parts = rest.map((f) => (f.kind === 'attribute' ? `${f.attribute}='${f.value}'` : `text '${f.value}'`));
    groups.push({ start: el.nameStart, end: el.nameEnd, rule: ABI_DEFAULT.id, message: `libvirt ${v} will set ${parts.join(', ')} on this <${el.name}>`, fills: rest });
  }
  return groups.sort((a, b) => a.start - b.start);
}

export function abiFindings(_doc: DomainDocument, expansion: Expansion): Finding[] {
  return groupFills(expansion).map((g) => ({ rule: g.rule, start: g.start, end: g.end, message: g.message, data: { fills: g.fills.length } }));
}
