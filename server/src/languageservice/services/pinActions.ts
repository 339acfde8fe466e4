/**
 * Code actions that pin what libvirt fills in at define time:
 * - a quick fix per group of fills (one added element, or the values one
 *   rule fills on one element of the document) near the requested range;
 * - "Pin All ABI Defaults" (source.fixAll.domxml) for the whole document;
 * - "Pin All ABI Defaults and Device Addresses" (source.pinAddresses.domxml).
 */
import { RuleCode } from '../../protocol';
import { CodeAction, CodeActionKind, Diagnostic, Range } from 'vscode-languageserver-types';
import { DomainDocument } from '../domainDocument';
import { Expansion } from '../expander/expand';
import { ENode } from '../expander/eTree';
import { Fill } from '../expander/fill';
import { XmlElement } from '../parser/xmlNodes';
import { describeAddress } from './describe';
import { inDocumentUnit, pinEdits, selectPinFills } from './pin';

export const PIN_ALL_KIND = `${CodeActionKind.SourceFixAll}.domxml`;
export const PIN_ADDRESSES_KIND = `${CodeActionKind.Source}.pinAddresses.domxml`;
/** cased like the palette's commands (package.json) */
export const PIN_ALL_TITLE = 'Pin All ABI Defaults';
export const PIN_ADDRESSES_TITLE = 'Pin All ABI Defaults and Device Addresses';
/** the diagnostics the quick fixes answer */
const PIN_DIAGNOSTIC_CODES = new Set<string>(['abi-default', 'abi-address'] satisfies RuleCode[]);

export interface PinGroup {
  title: string;
  category: 'abi' | 'address';
  fills: Fill[];
  /** the element of the document the group belongs to (its start tag is where the fix is offered) */
  anchor: XmlElement;
}

// ---------------------------------------------------------------------------
// titles

const CONTROLLER_TYPES: Record<string, string> = {
  usb: 'USB',
  pci: 'PCI',
  sata: 'SATA',
  ide: 'IDE',
  scsi: 'SCSI',
  fdc: 'floppy',
  'virtio-serial': 'virtio-serial',
  ccid: 'CCID',
  xenbus: 'xenbus',
  isa: 'ISA',
};
const INPUT_BUS: Record<string, string> = { ps2: 'PS/2', usb: 'USB', virtio: 'virtio', xen: 'Xen' };

function controllerName(n: ENode): string {
  const type = n.attr('type') ?? '';
  const model = n.attr('model') ?? '';
  if (type === 'pci' && /-root$/.test(model)) return 'PCI root controller';
  // the index names the controller only when the document wrote it (a filled index is what the fix pins)
  const index = !n.origin || n.origin.getAttribute('index') ? n.attr('index') : undefined;
  return `${CONTROLLER_TYPES[type] ?? type} controller${index && index !== '0' ? ` ${index}` : ''}`;
}

function diskName(n: ENode | undefined): string {
  const dev = n?.child('target')?.attr('dev');
  const what = n?.attr('device') === 'cdrom' ? 'CD-ROM' : n?.attr('device') === 'floppy' ? 'floppy' : 'disk';
  return dev ? `${what} ${dev}` : what;
}

/** what an element is, in a few words: "USB controller", "disk vda", "CPU model" */
export function subjectOf(n: ENode): string {
  const p = n.parent;
  switch (n.name) {
    case 'controller':
      return controllerName(n);
    case 'disk':
      return diskName(n);
    case 'interface':
      return 'NIC';
    case 'input':
      return `${INPUT_BUS[n.attr('bus') ?? ''] ?? n.attr('bus') ?? ''} ${n.attr('type') ?? 'input'}`.trim();
    case 'graphics':
      return `${(n.attr('type') ?? '').toUpperCase()} graphics`.trim();
    case 'video':
      return 'video device';
    case 'sound':
      return 'sound device';
    case 'panic':
      return 'panic device';
    case 'memballoon':
      return 'memballoon';
    case 'audio':
      return 'audio backend';
    case 'serial':
      return 'serial port';
    case 'cpu':
      return 'CPU';
    case 'vcpu':
      return 'vCPU';
    case 'currentMemory':
      return 'current memory';
    case 'features':
      return 'features';
    case 'gic':
      return 'GIC';
    case 'model':
      if (p?.name === 'cpu') return 'CPU model';
      if (p?.name === 'interface') return 'NIC model';
      if (p?.name === 'video') return 'video model';
      if (p && p.name !== 'model') return `${subjectOf(p)} model`;
      return 'model';
    case 'target':
      if (p?.name === 'disk') return diskName(p);
      if (p?.name === 'controller') return `${subjectOf(p)} target`;
      return p ? `${subjectOf(p)} target` : 'target';
    case 'driver':
      return p ? `${subjectOf(p)} driver` : 'driver';
    case 'listen':
      return p ? `${subjectOf(p)} listen` : 'listen';
    case 'address':
      return p ? `address of ${subjectOf(p)}` : 'address';
    case 'type':
      return p?.name === 'os' ? 'OS type' : 'type';
    default:
      return n.name;
  }
}

/** "model piix3-uhci", "check none"; the model of a <model> element is its type */
function attrPhrase(n: ENode, attr: string, value: string): string {
  if (n.name === 'model' && (attr === 'type' || attr === 'name')) return value;
  if (n.name === 'type' && n.parent?.name === 'os') {
    if (attr === 'machine') return `machine type ${value}`;
    if (attr === 'arch') return `guest architecture ${value}`;
  }
  return `${attr} ${value}`;
}

function attrsOf(n: ENode): string {
  return [...n.attrs.entries()].map(([k, v]) => `${k}='${v}'`).join(' ');
}

/** "chassis 1, port 0x10" */
function attrList(n: ENode): string {
  return [...n.attrs.entries()].map(([k, v]) => `${k} ${v}`).join(', ');
}

/** the title of a quick fix that adds an element */
function addTitle(n: ENode): string {
  const p = n.parent;
  const a = (k: string) => n.attr(k);
  const parens = (s: string | undefined) => (s ? ` (${s})` : '');
  switch (n.name) {
    case 'controller': {
      const model = a('model') ?? n.child('model')?.attr('name');
      return `Make implicit ${controllerName(n)} explicit${parens(model)}`;
    }
    case 'input':
      return `Make implicit ${subjectOf(n)} explicit`;
    case 'hub':
      return `Make implicit ${a('type') === 'usb' ? 'USB hub' : 'hub'} explicit`;
    case 'memballoon':
      return a('model') && a('model') !== 'virtio'
        ? `Make implicit memballoon explicit (${a('model')})`
        : 'Make implicit memballoon explicit';
    case 'audio':
      return `Make implicit audio backend explicit${parens(a('type'))}`;
    case 'video':
      return `Make implicit video device explicit${parens(n.child('model')?.attr('type'))}`;
    case 'serial':
    case 'console':
    case 'panic':
      return `Make implicit ${n.name === 'panic' ? 'panic device' : n.name === 'serial' ? 'serial port' : 'console'} explicit${parens(a('model') ?? n.child('target')?.attr('type'))}`;
    case 'currentMemory': {
      const shown = inDocumentUnit(n, [...n.attrs.entries()], n.value);
      return `Pin current memory ${shown.text} ${shown.attrs.find(([k]) => k === 'unit')?.[1] ?? 'KiB'}`;
    }
    case 'vcpu':
      return `Pin vCPU count ${n.value}`;
    case 'boot':
      return p?.name === 'os' ? `Pin boot device ${a('dev')}` : `Pin boot order ${a('order')}`;
    case 'clock':
      return `Pin clock offset ${a('offset')}`;
    case 'on_poweroff':
    case 'on_reboot':
    case 'on_crash':
    case 'on_lockfailure':
      return `Pin ${n.name} action ${n.value}`;
    case 'cpu': {
      const model = n.child('model')?.value;
      return model ? `Pin CPU model ${model}` : `Pin CPU mode ${a('mode')}`;
    }
    case 'os':
      return 'Pin OS type';
    case 'type':
      return `Pin OS type ${n.value}`;
    case 'features':
      return n.child('gic') ? `Pin GIC version ${n.child('gic')!.attr('version')}` : 'Pin features';
    case 'gic':
      return `Pin GIC version ${a('version')}`;
    case 'readonly':
      return `Mark ${p ? subjectOf(p) : 'disk'} read-only`;
    case 'address':
      return `Pin ${p ? `${subjectOf(p)} ` : ''}address (${describeAddress(n)})`;
    case 'driver':
      return `Pin ${p ? subjectOf(p) : ''} driver (${[...n.attrs.values()].join(', ')})`.replace(/\s+/g, ' ');
    case 'model':
      if (p?.name === 'cpu') return `Pin CPU model ${n.value}`;
      return `Pin ${p ? subjectOf(p) : ''} model ${a('type') ?? a('name') ?? ''}`.replace(/\s+/g, ' ').trim();
    case 'target':
      if (p?.name === 'serial' || p?.name === 'console')
        return `Pin ${p.name === 'serial' ? 'serial port' : 'console'} target (${[a('type'), a('port') !== undefined ? `port ${a('port')}` : ''].filter(Boolean).join(', ')})`;
      return `Pin ${p ? subjectOf(p) : ''} target (${attrList(n)})`.replace(/\s+/g, ' ');
    case 'listen':
      return `Pin ${p ? subjectOf(p) : ''} listen type ${a('type')}`.replace(/\s+/g, ' ');
    default: {
      const attrs = attrsOf(n);
      const el = `<${n.name}${attrs ? ' ' + attrs : ''}${n.value ? `>${n.value}</${n.name}>` : '/>'}`;
      return p && p.name !== 'devices' && p.name !== 'domain' ? `Add ${el} to ${subjectOf(p)}` : `Make implicit ${el} explicit`;
    }
  }
}

/** the title of a quick fix that sets attributes or text of an element of the document */
function setTitle(n: ENode, fills: Fill[]): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const f of fills) {
    if (f.kind === 'attribute' && f.attribute !== undefined) {
      if (seen.has(f.attribute)) continue;
      seen.add(f.attribute);
      parts.push(attrPhrase(n, f.attribute, n.attr(f.attribute) ?? f.value ?? ''));
    } else if (f.kind === 'text') {
      if (seen.has('#text')) continue;
      seen.add('#text');
      parts.push(n.name === 'currentMemory' ? `${n.value} ${n.attr('unit') ?? 'KiB'}` : n.value);
    }
  }
  // "Pin machine type pc-i440fx-7.2", not "Pin OS type machine type ..."
  if (n.name === 'type' && n.parent?.name === 'os') return `Pin ${parts.join(', ')}`;
  if (n.name === 'address') return `Pin ${subjectOf(n)} (${parts.join(', ')})`;
  return `Pin ${subjectOf(n)} ${parts.join(', ')}`;
}

// ---------------------------------------------------------------------------
// groups

/** the quick-fix groups of an expansion, in document order */
export function pinGroups(expansion: Expansion): PinGroup[] {
  const fills = selectPinFills(expansion, { addresses: true });
  const elementNodes = new Set(fills.filter((f) => f.kind === 'element').map((f) => f.node));
  const groups = new Map<string, PinGroup & { node: ENode; adds: boolean }>();
  const keys = new Map<ENode, number>();
  const keyOf = (n: ENode) => {
    if (!keys.has(n)) keys.set(n, keys.size);
    return keys.get(n)!;
  };
  for (const f of fills) {
    const category = f.category === 'address' ? 'address' : 'abi';
    let node: ENode;
    let key: string;
    let adds: boolean;
    if (f.node.origin && f.kind !== 'element') {
      // values set on an element of the document: one group per rule, values changed apart from values added
      node = f.node;
      adds = false;
      key = `set:${keyOf(node)}:${f.rule}:${category}:${f.previous !== undefined}`;
    } else {
      // an added element and everything in it; added containers that are themselves pinned hold their children
      node = f.node;
      while (node.parent && !node.parent.origin && elementNodes.has(node.parent)) node = node.parent;
      adds = true;
      key = `add:${keyOf(node)}:${category}`;
    }
    const anchor = (adds ? node.parent?.anchor : node.origin) ?? expansion.root.origin;
    if (!anchor) continue;
    const g = groups.get(key);
    if (g) g.fills.push(f);
    else groups.set(key, { title: '', category, fills: [f], anchor, node, adds });
  }
  const out: PinGroup[] = [];
  for (const g of groups.values()) {
    // an address group of an added device names the address (pinning it writes the device too)
    const address =
      g.category === 'address' && g.adds ? g.fills.find((f) => f.kind === 'element' && f.node.name === 'address')?.node : undefined;
    const title = address ? addTitle(address) : g.adds ? addTitle(g.node) : setTitle(g.node, g.fills);
    out.push({ title, category: g.category, fills: g.fills, anchor: g.anchor });
  }
  return out.sort((a, b) => a.anchor.start - b.anchor.start);
}

// ---------------------------------------------------------------------------
// actions

function kindMatches(kind: string, only: string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function intersects(doc: DomainDocument, range: Range, start: number, end: number): boolean {
  const a = doc.offsetAt(range.start);
  const b = doc.offsetAt(range.end);
  return a <= end && b >= start;
}

function action(
  doc: DomainDocument,
  title: string,
  kind: string,
  edits: ReturnType<typeof pinEdits>,
  diagnostics?: Diagnostic[],
): CodeAction {
  const a: CodeAction = { title, kind, edit: { changes: { [doc.textDocument.uri]: edits } } };
  if (diagnostics?.length) a.diagnostics = diagnostics;
  return a;
}

/**
 * The pin code actions for a range: quick fixes for the groups whose element's
 * start tag the range touches, and the two whole-document source actions.
 * `only` filters by kind as LSP's CodeActionContext.only does; `diagnostics`
 * (the request's) are attached to the quick fixes that resolve them.
 */
export function pinCodeActions(
  doc: DomainDocument,
  expansion: Expansion,
  range: Range,
  only?: string[],
  diagnostics?: Diagnostic[],
): CodeAction[] {
  if (!doc.isDomain || doc.xml.errors.length) return [];
  const out: CodeAction[] = [];
  if (kindMatches(CodeActionKind.QuickFix, only)) {
    for (const g of pinGroups(expansion)) {
      const end = g.anchor.startTagEnd >= 0 ? g.anchor.startTagEnd : g.anchor.nameEnd;
      if (!intersects(doc, range, g.anchor.start, end)) continue;
      const edits = pinEdits(doc, expansion, { fills: g.fills });
      if (!edits.length) continue;
      const resolved = diagnostics?.filter(
        (d) => PIN_DIAGNOSTIC_CODES.has(String(d.code)) && intersects(doc, d.range, g.anchor.start, end),
      );
      out.push(action(doc, g.title, CodeActionKind.QuickFix, edits, resolved));
    }
  }
  if (kindMatches(PIN_ALL_KIND, only)) {
    const edits = pinEdits(doc, expansion, {});
    if (edits.length) out.push(action(doc, PIN_ALL_TITLE, PIN_ALL_KIND, edits));
  }
  // addresses go with the ABI defaults: the address of an implicit device, or one behind an implicit PCIe port,
  // means nothing without the device or the port
  if (kindMatches(PIN_ADDRESSES_KIND, only) && expansion.fills.some((f) => f.category === 'address')) {
    const edits = pinEdits(doc, expansion, { addresses: true });
    if (edits.length) out.push(action(doc, PIN_ADDRESSES_TITLE, PIN_ADDRESSES_KIND, edits));
  }
  return out;
}
