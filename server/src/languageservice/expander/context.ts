/**
 * The state rules work on: the working tree, the target profile, facts about
 * the guest that several rules need (arch, machine), and the recorder of
 * fills. Rules change the tree only through this object so that every change
 * is recorded with its reason and source.
 */
import { TargetProfile } from '../profiles/profile';
import { MachineKind } from '../knowledge/deviceDefaults';
import { insertionIndex } from '../knowledge/formatOrder';
import { ENode } from './eTree';
import { Fill, FillMeta } from './fill';

/** a fill from its change and its meta (Object.assign: object spread is several times slower on the hot path) */
function withMeta(change: Omit<Fill, keyof FillMeta>, meta: FillMeta): Fill {
  return Object.assign(change, meta) as Fill;
}

export class ExpandContext {
  readonly fills: Fill[] = [];
  /** the guest arch after the os rule (x86_64 when the document names none) */
  arch: string;
  /** the machine type after canonicalisation */
  machine = '';

  constructor(
    readonly root: ENode,
    readonly profile: TargetProfile,
  ) {
    this.arch = root.path('os', 'type')?.attr('arch') ?? profile.hostArch;
  }

  get domainType(): string {
    return this.root.attr('type') ?? 'qemu';
  }

  /** true when the guest runs with hardware virtualisation (affects CPU defaults) */
  get isKvm(): boolean {
    return this.domainType === 'kvm';
  }

  get isX86(): boolean {
    return this.arch === 'x86_64' || this.arch === 'i686';
  }

  get isQ35(): boolean {
    return this.isX86 && /q35/.test(this.machine);
  }

  get isI440fx(): boolean {
    return this.isX86 && /^pc($|-i440fx|-\d)/.test(this.machine);
  }

  get isArmVirt(): boolean {
    return (this.arch === 'aarch64' || this.arch === 'armv7l') && /^virt/.test(this.machine);
  }

  get isPseries(): boolean {
    return this.arch.startsWith('ppc64') && /^pseries/.test(this.machine);
  }

  /** the machine family, as the device default tables name it */
  get machineKind(): MachineKind {
    if (this.isQ35) return 'q35';
    if (this.isI440fx) return 'i440fx';
    if (this.isArmVirt) return 'virt';
    if (this.isPseries) return 'pseries';
    if (this.isS390) return 's390-ccw';
    return 'other';
  }

  get isS390(): boolean {
    return this.arch === 's390x';
  }

  /** the `<devices>` element, added when the document has none */
  devices(meta?: FillMeta): ENode {
    let d = this.root.child('devices');
    if (!d) {
      d = new ENode('devices');
      this.root.insertAt(insertionIndex('domain', this.root.children.map((c) => c.name), 'devices'), d);
      if (meta) this.record(withMeta({ node: d, kind: 'element' }, meta));
    }
    return d;
  }

  /** which rule added each node the expander added (first element fill wins) */
  private readonly addedByRule = new Map<ENode, string>();

  record(fill: Fill): void {
    this.fills.push(fill);
    if (fill.kind === 'element' && !this.addedByRule.has(fill.node)) this.addedByRule.set(fill.node, fill.rule);
  }

  /** the rule that added a node, or undefined for nodes of the user's document */
  ruleThatAdded(node: ENode): string | undefined {
    return node.origin ? undefined : this.addedByRule.get(node);
  }

  /** sets an attribute that is absent; returns false (and changes nothing) when it is present */
  fillAttr(node: ENode, name: string, value: string, meta: FillMeta): boolean {
    if (node.attrs.has(name)) return false;
    node.attrs.set(name, value);
    this.record(withMeta({ node, kind: 'attribute', attribute: name, value }, meta));
    return true;
  }

  /** replaces an attribute value (e.g. machine 'pc' -> 'pc-i440fx-7.2'); records the previous value */
  changeAttr(node: ENode, name: string, value: string, meta: FillMeta): boolean {
    const previous = node.attrs.get(name);
    if (previous === value) return false;
    node.attrs.set(name, value);
    this.record(withMeta({ node, kind: 'attribute', attribute: name, value, previous }, meta));
    return true;
  }

  /** adds a new element (with its attributes and children) under parent, where libvirt's formatter puts it unless an index is given */
  addElement(parent: ENode, node: ENode, meta: FillMeta, index?: number): ENode {
    parent.insertAt(index ?? insertionIndex(parent.name, parent.children.map((c) => c.name), node.name), node);
    this.record(withMeta({ node, kind: 'element' }, meta));
    return node;
  }

  /** returns the child element, adding an empty one when absent */
  ensureChild(parent: ENode, name: string, meta: FillMeta): ENode {
    return parent.child(name) ?? this.addElement(parent, new ENode(name), meta);
  }

  setText(node: ENode, value: string, meta: FillMeta): boolean {
    const previous = node.text;
    if (previous !== undefined && previous.trim() === value) return false;
    node.text = value;
    this.record(withMeta({ node, kind: 'text', value, previous }, meta));
    return true;
  }
}

/** a rule: one decision libvirt makes at define time */
export interface Rule {
  id: string;
  /** what the rule decides, for documentation and hovers */
  description: string;
  apply(ctx: ExpandContext): void;
}
