/**
 * Go to definition and find references between device addresses and the
 * controllers they name: `<address type='drive' controller='0' bus='1'/>` on
 * a SCSI disk → `<controller type='scsi' index='0'>`; a PCI `bus='0x03'` →
 * the PCI controller with index 3 (a pcie-root-port); and from a controller to
 * every address on it. Controllers libvirt adds (not in the document) have
 * no definition to go to.
 */
import { Location } from 'vscode-languageserver-types';
import { DomainDocument } from '../domainDocument';
import { ADDRESS_CONTROLLERS } from '../knowledge/addressControllers';
import { diskBus } from '../knowledge/diskDefaults';
import { elementAt, walkElements, XmlElement } from '../parser/xmlNodes';

function num(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = /^0x[0-9a-f]+$/i.test(v) ? parseInt(v, 16) : /^\d+$/.test(v) ? parseInt(v, 10) : NaN;
  return Number.isNaN(n) ? undefined : n;
}

/** the controller type an address points at, for the device that holds it */
function controllerTypeOf(address: XmlElement): string | undefined {
  const t = ADDRESS_CONTROLLERS[address.attr('type') ?? ''];
  if (!t) return undefined;
  if (t.controllerType !== 'disk-bus') return t.controllerType;
  const device = address.parent;
  if (device?.name === 'hostdev') return 'scsi';
  const target = device?.child('target');
  // a disk without a bus gets one from its target name (knowledge/diskDefaults.ts)
  return diskBus(target?.attr('bus'), target?.attr('dev') ?? '');
}

/** the controller an address names, when the document has it */
function controllerOf(doc: DomainDocument, address: XmlElement): XmlElement | undefined {
  const spec = ADDRESS_CONTROLLERS[address.attr('type') ?? ''];
  const type = controllerTypeOf(address);
  const index = num(address.attr(spec?.indexAttribute ?? '') ?? (spec ? '0' : undefined));
  if (!spec || !type || index === undefined) return undefined;
  // a controller is not on itself: a root port's own PCI address names its parent bus
  for (const c of doc.domain?.child('devices')?.elements('controller') ?? []) {
    if (c === address.parent) continue;
    if (c.attr('type') === type && num(c.attr('index') ?? '0') === index) return c;
  }
  return undefined;
}

/** every address in the document that names this controller */
function addressesOn(doc: DomainDocument, controller: XmlElement): XmlElement[] {
  const devices = doc.domain?.child('devices');
  if (!devices) return [];
  const out: XmlElement[] = [];
  for (const el of walkElements(devices))
    if (el.name === 'address' && el.parent !== controller && controllerOf(doc, el) === controller) out.push(el);
  return out;
}

function location(doc: DomainDocument, el: XmlElement): Location {
  return { uri: doc.textDocument.uri, range: doc.range(el.start, el.end > 0 ? el.end : el.startTagEnd) };
}

/** the `<address>` or `<controller>` at the offset */
function subjectAt(doc: DomainDocument, offset: number): XmlElement | undefined {
  const el = elementAt(doc.xml, offset);
  if (!el) return undefined;
  if (el.name === 'address' || (el.name === 'controller' && el.parent?.name === 'devices')) return el;
  // on a device's start tag, outside its address: nothing; inside a controller's children (model, target): the controller
  if (el.parent?.name === 'controller' && el.name !== 'address') return el.parent;
  return undefined;
}

export function findDefinition(doc: DomainDocument, offset: number): Location[] {
  const el = subjectAt(doc, offset);
  if (!el || el.name !== 'address') return [];
  const c = controllerOf(doc, el);
  return c ? [location(doc, c)] : [];
}

export function findReferences(doc: DomainDocument, offset: number, includeDeclaration: boolean): Location[] {
  const el = subjectAt(doc, offset);
  if (!el) return [];
  const controller = el.name === 'controller' ? el : controllerOf(doc, el);
  if (!controller) return [];
  const refs = addressesOn(doc, controller).map((a) => location(doc, a));
  return includeDeclaration ? [location(doc, controller), ...refs] : refs;
}
