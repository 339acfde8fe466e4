/**
 * The state rules work on: the working tree, the target profile, facts about
 * the guest that several rules need (arch, machine), and the recorder of
 * fills. Rules change the tree only through this object so that every change
 * is recorded with its reason and source.
 */
import { TargetProfile } from '../profiles/profile';
import { isX86Arch, MachineKind, machineKind } from '../knowledge/machineKind';
import { Guest, Versions } from '../knowledge/rows';
import { insertionIndex } from '../knowledge/formatOrder';
import { ENode } from './eTree';
import { Fill, FillMeta } from './fill';

/**
 * A recorded fill: the change plus a reference to its rule's meta (shared by
 * many fills). One class keeps every fill the same shape, which is cheaper
 * than copying the meta into each (an expansion records ~130 fills).
 */
class RecordedFill implements Fill {
  constructor(
    readonly node: ENode,
    readonly kind: Fill['kind'],
    private readonly meta: FillMeta,
    readonly attribute?: string,
    readonly value?: string,
    readonly previous?: string,
  ) {}
  get rule(): string {
    return this.meta.rule;
  }
  get category(): FillMeta['category'] {
    return this.meta.category;
  }
  get reason(): string {
    return this.meta.reason;
  }
  get source(): FillMeta['source'] {
    return this.meta.source;
  }
  get unpinnable(): string | undefined {
    return this.meta.unpinnable;
  }
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
    return isX86Arch(this.arch);
  }

  /** the machine family (knowledge/machineKind.ts), as the default tables and version rows name it */
  get machineKind(): MachineKind {
    return machineKind(this.arch, this.machine);
  }

  get isQ35(): boolean {
    return this.machineKind === 'q35';
  }

  get isI440fx(): boolean {
    return this.machineKind === 'i440fx';
  }

  get isArmVirt(): boolean {
    return this.machineKind === 'virt' && (this.arch === 'aarch64' || this.arch === 'armv7l');
  }

  /** RISC-V's virt machine: a PCI Express root like ARM's, without ARM's GIC and CPU defaults */
  get isRiscvVirt(): boolean {
    return this.machineKind === 'virt' && this.arch.startsWith('riscv');
  }

  get isPseries(): boolean {
    return this.machineKind === 'pseries';
  }

  get isS390(): boolean {
    return this.arch === 's390x';
  }

  /** the libvirt/QEMU versions the expansion is for: versioned rows are picked for these */
  get versions(): Versions {
    return this.profile;
  }

  /** the guest versioned rows are picked for */
  get guest(): Guest {
    return { arch: this.arch, machine: this.machineKind };
  }

  /** the `<devices>` element, added when the document has none */
  devices(meta?: FillMeta): ENode {
    let d = this.root.child('devices');
    if (!d) {
      d = new ENode('devices');
      this.root.insertAt(insertionIndex('domain', this.root.children, 'devices'), d);
      if (meta) this.record(new RecordedFill(d, 'element', meta));
    }
    return d;
  }

  record(fill: Fill): void {
    this.fills.push(fill);
    if (fill.node.name === 'controller' || fill.node.name === 'console' || fill.node.parent?.name === 'console') this.listFills++;
    if (fill.kind === 'element') {
      if (fill.node.name === 'devices' || fill.node.parent?.name === 'devices') this.devicesAdded++;
      // which rule added the node (the first element fill wins)
      if (fill.node.addedBy === undefined) fill.node.addedBy = fill.rule;
    }
  }

  /** how many devices (children of <devices>, or <devices> itself) the rules have added so far: stamps the lists of devices */
  devicesAdded = 0;
  /** how many fills changed what the device lists read besides which devices exist: a <controller> (type, index) or a <console> (its target type) */
  listFills = 0;

  /** the rule that added a node, or undefined for nodes of the user's document */
  ruleThatAdded(node: ENode): string | undefined {
    return node.origin ? undefined : node.addedBy;
  }

  /** lists derived from the tree (expander/deviceOrder.ts), with the number of fills when each was built */
  readonly derived = new Map<string, { stamp: number; value: unknown }>();

  /** sets an attribute that is absent; returns false (and changes nothing) when it is present */
  fillAttr(node: ENode, name: string, value: string, meta: FillMeta): boolean {
    if (node.attrs.has(name)) return false;
    node.attrs.set(name, value);
    this.record(new RecordedFill(node, 'attribute', meta, name, value));
    return true;
  }

  /** replaces an attribute value (e.g. machine 'pc' -> 'pc-i440fx-7.2'); records the previous value */
  changeAttr(node: ENode, name: string, value: string, meta: FillMeta): boolean {
    const previous = node.attrs.get(name);
    if (previous === value) return false;
    node.attrs.set(name, value);
    this.record(new RecordedFill(node, 'attribute', meta, name, value, previous));
    return true;
  }

  /** adds a new element (with its attributes and children) under parent, where libvirt's formatter puts it unless an index is given */
  addElement(parent: ENode, node: ENode, meta: FillMeta, index?: number): ENode {
    parent.insertAt(index ?? insertionIndex(parent.name, parent.children, node.name), node);
    this.record(new RecordedFill(node, 'element', meta));
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
    this.record(new RecordedFill(node, 'text', meta, undefined, value, previous));
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
