/**
 * Diagnostics for what libvirt fills in at define time: one per element the
 * expander adds (on its parent in the document) and one per existing element
 * whose attributes or text it fills or changes. Addresses of existing
 * devices have their own rule, since many users leave them to libvirt.
 */
import { defineRule } from '../diagnosticRules';
import { Expansion } from '../expander/expand';
import { ENode } from '../expander/eTree';
import { Fill } from '../expander/fill';
import { shortVersion } from '../knowledge/versions';
import { describeAddress, describeElement } from './describe';

export const ABI_DEFAULT = defineRule({
  id: 'abi-default',
  title: 'Value libvirt fills in at define time',
  defaultSeverity: 'information',
  docUrl: 'https://libvirt.org/formatdomain.html',
});
export const ABI_ADDRESS = defineRule({
  id: 'abi-address',
  title: 'Device address libvirt assigns at define time',
  defaultSeverity: 'hint',
  docUrl: 'https://libvirt.org/formatdomain.html#device-addresses',
});
export const ABI_GENERATED = defineRule({
  id: 'abi-generated',
  title: 'Value libvirt generates at define time',
  defaultSeverity: 'hint',
  docUrl: 'https://libvirt.org/formatdomain.html#general-metadata',
});

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
  readonly message: string;
  fills: Fill[];
  /** what the group is about: an added element, an added address, or a changed/filled element */
  kind: 'added' | 'address' | 'changed' | 'set';
  /** the expander node the group describes (the added element, or the document element's copy) */
  subject: ENode;
}

/** a group whose message is built on first read (the ranking groups every target's fills, and words few of them) */
class LazyGroup implements FillGroup {
  private text: string | undefined = undefined;
  readonly start: number;
  readonly end: number;
  readonly rule: string;
  readonly fills: Fill[];
  readonly kind: FillGroup['kind'];
  readonly subject: ENode;
  constructor(
    g: Omit<FillGroup, 'message'>,
    private readonly build: () => string,
  ) {
    this.start = g.start;
    this.end = g.end;
    this.rule = g.rule;
    this.fills = g.fills;
    this.kind = g.kind;
    this.subject = g.subject;
  }
  get message(): string {
    return (this.text ??= this.build());
  }
}

function group(g: Omit<FillGroup, 'message'>, message: () => string): FillGroup {
  return new LazyGroup(g, message);
}

/**
 * The code of a finding names the pin action that clears it: abi-address when
 * only "Pin All Device Addresses" writes its fills (the chassis and port of a
 * root port follow its address), abi-generated for values libvirt generates,
 * else abi-default ("Pin All ABI Defaults").
 */
function ruleOf(fills: Fill[]): string {
  const kept = fills.filter((f) => f.category !== 'generated');
  if (!kept.length) return ABI_GENERATED.id;
  return kept.every((f) => f.category === 'address') ? ABI_ADDRESS.id : ABI_DEFAULT.id;
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
      groups.push(
        group(
          { start: parent.nameStart, end: parent.nameEnd, rule: ABI_ADDRESS.id, fills, kind: 'address', subject: top },
          () => `libvirt ${v} will assign ${describeAddress(top)} to this <${parent.name}>`,
        ),
      );
      continue;
    }
    const generated = fills.every((f) => f.category === 'generated');
    const inside = parent.name !== 'devices' && parent.name !== 'domain';
    groups.push(
      group(
        {
          start: parent.nameStart,
          end: parent.nameEnd,
          rule: generated ? ABI_GENERATED.id : ruleOf(fills),
          fills,
          kind: 'added',
          subject: top,
        },
        () => {
          const desc = describeElement(top);
          return generated
            ? `libvirt ${v} will generate ${desc}${inside ? ` for this <${parent.name}>` : ''}`
            : `libvirt ${v} will add ${desc}${addressOf(top)}${inside ? ` to this <${parent.name}>` : ''}`;
        },
      ),
    );
  }
  for (const [node, fills] of onExisting) {
    const el = node.origin!;
    const changed = fills.filter((f) => f.previous !== undefined && f.kind === 'attribute');
    for (const f of changed) {
      const attr = el.getAttribute(f.attribute!);
      const start = attr && attr.valueStart >= 0 ? attr.valueStart : el.nameStart;
      const end = attr && attr.valueStart >= 0 ? attr.valueEnd : el.nameEnd;
      // the reason is the hover's and the diagnostic's related information: the message stays one line
      groups.push(
        group(
          { start, end, rule: ruleOf([f]), fills: [f], kind: 'changed', subject: node },
          () => `libvirt ${v} will store ${f.attribute}='${f.value}' instead of '${f.previous}'`,
        ),
      );
    }
    // one finding per pin action: what Pin All ABI Defaults writes apart from what only the address pin writes
    const rest = fills.filter((f) => !changed.includes(f));
    for (const part of [
      rest.filter((f) => ruleOf([f]) === ABI_DEFAULT.id),
      rest.filter((f) => ruleOf([f]) === ABI_ADDRESS.id),
      rest.filter((f) => ruleOf([f]) === ABI_GENERATED.id),
    ]) {
      if (!part.length) continue;
      const parts = () => part.map((f) => (f.kind === 'attribute' ? `${f.attribute}='${f.value}'` : `text '${f.value}'`)).join(', ');
      groups.push(
        group(
          { start: el.nameStart, end: el.nameEnd, rule: ruleOf(part), fills: part, kind: 'set', subject: node },
          () => `libvirt ${v} will set ${parts()} on this <${el.name}>`,
        ),
      );
    }
  }
  return groups.sort((a, b) => a.start - b.start);
}
