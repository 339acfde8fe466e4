/**
 * Quick fixes for the version findings (versionDiagnostics.ts), driven by
 * the VersionFindingData each diagnostic carries:
 * - use the safe alternative (a value the floor/target knows with the same
 *   guest ABI, e.g. virtio-non-transitional -> virtio on q35);
 * - remove what the older libvirt drops (or an unknown <features> child);
 * - add a device that resolves it (a panic device for <on_crash>, a USB controller);
 * - raise the migration floor: the command `domxml.setFloor` with
 *   arguments `[version, 'libvirt' | 'qemu']`, which the client stores in
 *   the `floor` setting.
 * A fix finds its node again at the diagnostic's range in the current parse.
 */
import { RuleCode } from '../../protocol';
import { CodeAction, CodeActionKind, Command, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { DomainDocument } from '../domainDocument';
import { Finding } from '../findings';
import { XmlAttribute, XmlElement, walkElements } from '../parser/xmlNodes';
import { VersionFindingData } from './version/findingData';
import { textRange } from './version/guest';

export const SET_FLOOR_COMMAND = 'domxml.setFloor';

const VERSION_CODES = new Set<string>([
  'version-reject',
  'version-drop',
  'version-qemu',
  'define-reject',
  'migration-note',
  'no-effect',
] satisfies RuleCode[]);

type Located = { start: number; end: number; code: string; data: VersionFindingData; diagnostic?: Diagnostic };

function locate(doc: DomainDocument, item: Diagnostic | Finding): Located | undefined {
  const code = 'rule' in item ? item.rule : String(item.code ?? '');
  const data = item.data as VersionFindingData | undefined;
  if (!VERSION_CODES.has(code) || !data || typeof data !== 'object' || !data.scope) return undefined;
  if ('rule' in item) return { start: item.start, end: item.end, code, data };
  return { start: doc.offsetAt(item.range.start), end: doc.offsetAt(item.range.end), code, data, diagnostic: item };
}

interface Target {
  el: XmlElement;
  attr?: XmlAttribute;
}

/** the element/attribute the finding points at, in the current parse */
function nodeAt(doc: DomainDocument, l: Located): Target | undefined {
  const root = doc.xml.root;
  if (!root) return undefined;
  for (const el of walkElements(root)) {
    if (l.data.node === 'element' && el.nameStart === l.start) return { el };
    if (l.data.node === 'text' && el.start < l.start && l.start <= el.end && textRange(el)[0] === l.start) return { el };
    for (const a of el.attributes) {
      if (l.data.node === 'attribute' && a.nameStart === l.start) return { el, attr: a };
      if (l.data.node === 'value' && a.valueStart === l.start) return { el, attr: a };
    }
  }
  return undefined;
}

function edit(doc: DomainDocument, start: number, end: number, newText: string): TextEdit {
  return { range: doc.range(start, end), newText };
}

/** the attribute with the whitespace before it */
function attributeRemoval(doc: DomainDocument, a: XmlAttribute): TextEdit {
  let start = a.nameStart;
  while (start > 0 && /[ \t\r\n]/.test(doc.text[start - 1])) start--;
  return edit(doc, start, a.end, '');
}

/** the element, and its line when it is alone on it */
function elementRemoval(doc: DomainDocument, el: XmlElement): TextEdit {
  const t = doc.text;
  let start = el.start;
  let end = el.end;
  let s = start;
  while (s > 0 && (t[s - 1] === ' ' || t[s - 1] === '\t')) s--;
  let e = end;
  while (e < t.length && (t[e] === ' ' || t[e] === '\t')) e++;
  if ((s === 0 || t[s - 1] === '\n') && (e === t.length || t[e] === '\n' || t[e] === '\r')) {
    start = s;
    end = t[e] === '\r' ? e + 2 : e < t.length ? e + 1 : e;
  }
  return edit(doc, start, end, '');
}

/** inserts a line before </devices>, indented like its children */
function deviceInsertion(doc: DomainDocument, snippet: string): TextEdit | undefined {
  const devices = doc.domain?.child('devices');
  if (!devices || devices.endTagStart < 0) return undefined;
  const t = doc.text;
  let lineStart = devices.endTagStart;
  while (lineStart > 0 && (t[lineStart - 1] === ' ' || t[lineStart - 1] === '\t')) lineStart--;
  const closeIndent = t.slice(lineStart, devices.endTagStart);
  const child = devices.elements()[0];
  let indent = closeIndent + '  ';
  if (child) {
    let cs = child.start;
    while (cs > 0 && (t[cs - 1] === ' ' || t[cs - 1] === '\t')) cs--;
    if (cs === 0 || t[cs - 1] === '\n') indent = t.slice(cs, child.start);
  }
  if (lineStart > 0 && t[lineStart - 1] === '\n') return edit(doc, lineStart, lineStart, `${indent}${snippet}\n`);
  return edit(doc, devices.endTagStart, devices.endTagStart, snippet);
}

function action(title: string, l: Located, doc: DomainDocument, edits: TextEdit[], preferred = false): CodeAction {
  const a: CodeAction = { title, kind: CodeActionKind.QuickFix, edit: { changes: { [doc.textDocument.uri]: edits } } };
  if (l.diagnostic) a.diagnostics = [l.diagnostic];
  if (preferred) a.isPreferred = true;
  return a;
}

function describe(t: Target): string {
  if (t.attr) return t.attr.value !== null ? `${t.attr.name}='${t.attr.value}'` : t.attr.name;
  return `<${t.el.name}>`;
}

function fixesFor(doc: DomainDocument, l: Located): CodeAction[] {
  const out: CodeAction[] = [];
  const d = l.data;
  const t = nodeAt(doc, l);
  const where = d.scope === 'floor' ? `libvirt ${d.floor ?? ''} (migration floor)` : `the target host`;
  if (t && d.safeAlternative !== undefined) {
    if (d.node === 'value' && t.attr && t.attr.valueStart >= 0) {
      out.push(
        action(
          `Use '${d.safeAlternative}' (${where} accepts it)`,
          l,
          doc,
          [edit(doc, t.attr.valueStart, t.attr.valueEnd, d.safeAlternative)],
          true,
        ),
      );
    } else if (d.node === 'text') {
      const [s, e] = textRange(t.el);
      out.push(action(`Use '${d.safeAlternative}'`, l, doc, [edit(doc, s, e, d.safeAlternative)], true));
    }
  }
  if (
    t &&
    (d.outcome === 'dropped' || (d.outcome === 'rejected' && d.node === 'element' && !d.check) || d.check === 'usb-implicit-controller')
  ) {
    const removal = t.attr ? attributeRemoval(doc, t.attr) : elementRemoval(doc, t.el);
    const why =
      d.outcome === 'dropped' ? `${where} drops it` : d.outcome === 'rejected' ? `${where} rejects it` : 'the floor adds it itself';
    out.push(action(`Remove ${describe(t)} (${why})`, l, doc, [removal], d.check === 'usb-implicit-controller'));
  }
  if (d.addDevice) {
    const ins = deviceInsertion(doc, d.addDevice);
    if (ins) out.push(action(`Add ${d.addDevice}`, l, doc, [ins], true));
  }
  if (d.scope === 'floor') {
    const raise = d.outcome === 'qemu' ? d.qemuSince && ([d.qemuSince, 'qemu'] as const) : d.since && ([d.since, 'libvirt'] as const);
    if (raise) {
      const title = `Raise the migration floor to ${raise[1] === 'qemu' ? 'QEMU' : 'libvirt'} ${raise[0]}`;
      const a: CodeAction = { title, kind: CodeActionKind.QuickFix, command: Command.create(title, SET_FLOOR_COMMAND, raise[0], raise[1]) };
      if (l.diagnostic) a.diagnostics = [l.diagnostic];
      out.push(a);
    }
  }
  return out;
}

/** quick fixes for the version diagnostics (or findings) among `items` */
export function versionCodeActions(doc: DomainDocument, items: (Diagnostic | Finding)[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const item of items) {
    const l = locate(doc, item);
    if (l) out.push(...fixesFor(doc, l));
  }
  return out;
}
