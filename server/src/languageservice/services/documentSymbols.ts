/**
 * The outline: the domain (named by its `<name>`), its top-level sections,
 * and its devices grouped by kind, each named the way people say it:
 * "disk vda", "interface 52:54:00:..", "controller pci 3".
 */
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { DomainDocument } from '../domainDocument';
import { XmlElement } from '../parser/xmlNodes';

/** "disks", "interfaces", "controllers": the outline group of a device kind */
const GROUP_NAMES: Record<string, string> = {
  memballoon: 'memory balloons',
  redirdev: 'USB redirections',
  rng: 'random number generators',
  hostdev: 'host devices',
  iommu: 'IOMMU',
};

function groupName(kind: string): string {
  return GROUP_NAMES[kind] ?? (/(s|sh|x)$/.test(kind) ? `${kind}es` : `${kind}s`);
}

/** what tells a device apart from its siblings */
function deviceName(el: XmlElement): string {
  const a = (k: string) => el.attr(k);
  const join = (...parts: (string | undefined)[]) => [el.name, ...parts.filter((p) => p !== undefined && p !== '')].join(' ');
  switch (el.name) {
    case 'disk':
      return join(el.child('target')?.attr('dev') ?? a('device'));
    case 'interface': {
      const src = el.child('source');
      return join(el.child('mac')?.attr('address') ?? src?.attr('network') ?? src?.attr('bridge') ?? src?.attr('dev') ?? a('type'));
    }
    case 'controller':
      return join(a('type'), a('index'));
    case 'hostdev': {
      const s = el.child('source')?.child('address');
      const pci =
        s && s.attr('bus') !== undefined && s.attr('slot') !== undefined
          ? `${s.attr('bus')}:${s.attr('slot')}.${s.attr('function') ?? '0'}`.replace(/0x/g, '')
          : undefined;
      return join(a('type'), pci ?? el.child('source')?.child('vendor')?.attr('id'));
    }
    case 'serial':
    case 'console':
    case 'channel':
    case 'parallel':
      return join(el.child('target')?.attr('name') ?? el.child('target')?.attr('type') ?? a('type'), el.child('target')?.attr('port'));
    case 'video':
      return join(el.child('model')?.attr('type'));
    case 'filesystem':
      return join(el.child('target')?.attr('dir'));
    case 'input':
      return join(a('type'), a('bus'));
    default:
      return join(a('type') ?? a('model') ?? el.child('model')?.attr('type') ?? el.child('model')?.attr('name'));
  }
}

function kindOf(name: string): SymbolKind {
  switch (name) {
    case 'devices':
      return SymbolKind.Package;
    case 'disk':
    case 'filesystem':
      return SymbolKind.File;
    case 'interface':
      return SymbolKind.Interface;
    case 'controller':
      return SymbolKind.Class;
    case 'os':
    case 'cpu':
    case 'features':
    case 'clock':
      return SymbolKind.Namespace;
    default:
      return SymbolKind.Field;
  }
}

function symbol(doc: DomainDocument, el: XmlElement, name: string, children?: DocumentSymbol[], detail?: string): DocumentSymbol {
  const end = el.end > 0 ? el.end : el.startTagEnd > 0 ? el.startTagEnd : el.nameEnd;
  const s: DocumentSymbol = {
    name,
    kind: kindOf(el.name),
    range: doc.range(el.start, end),
    selectionRange: doc.range(el.nameStart, el.nameEnd),
  };
  if (detail) s.detail = detail;
  if (children) s.children = children;
  return s;
}

function devicesSymbol(doc: DomainDocument, devices: XmlElement): DocumentSymbol {
  const groups = new Map<string, XmlElement[]>();
  for (const d of devices.elements()) groups.set(d.name, [...(groups.get(d.name) ?? []), d]);
  const children: DocumentSymbol[] = [];
  for (const [kind, els] of groups) {
    const items = els.map((e) => symbol(doc, e, deviceName(e)));
    if (els.length === 1) {
      children.push(items[0]);
      continue;
    }
    // a group spans its first to its last member
    children.push({
      name: groupName(kind),
      detail: String(els.length),
      kind: SymbolKind.Array,
      range: { start: items[0].range.start, end: items[items.length - 1].range.end },
      selectionRange: items[0].selectionRange,
      children: items,
    });
  }
  return symbol(doc, devices, 'devices', children, `${devices.elements().length}`);
}

/** a short detail for a top-level section: its text or its main attribute */
function detailOf(el: XmlElement): string | undefined {
  const t = el.trimmedText();
  if (t && !el.elements().length) return `${t}${el.attr('unit') ? ` ${el.attr('unit')}` : ''}`;
  if (el.name === 'os') {
    const type = el.child('type');
    return type ? [type.attr('arch'), type.attr('machine')].filter(Boolean).join(' ') || undefined : undefined;
  }
  return el.attr('mode') ?? el.attr('type') ?? el.attr('offset') ?? undefined;
}

export function documentSymbols(doc: DomainDocument): DocumentSymbol[] {
  const domain = doc.domain;
  if (!domain) return [];
  const children = domain
    .elements()
    .map((el) => (el.name === 'devices' ? devicesSymbol(doc, el) : symbol(doc, el, el.name, undefined, detailOf(el))));
  const name = domain.child('name')?.trimmedText();
  return [{ ...symbol(doc, domain, name ? `domain ${name}` : 'domain', children, domain.attr('type')), kind: SymbolKind.Module }];
}
