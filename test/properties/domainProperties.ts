/**
 * Properties every document must keep, whatever its bytes: the language
 * service never throws, every range it returns lies inside the document,
 * every edit it offers applies, and pin is a fixed point that changes no
 * fact of the expansion and no byte it does not own (comments, `<metadata>`,
 * foreign-namespace elements).
 *
 * Inputs are real domains (the fixtures and, when present, the shared corpus)
 * with arbitrary mutations: byte flips, deletions, truncation, fragments
 * spliced from another document, odd attribute values, and XML debris.
 * Used by test/unit/properties.test.ts (fixed seed, in `npm test`) and by
 * test/fuzz.ts (`npm run fuzz`, many more cases).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { formatExpansion } from '../../server/src/languageservice/expander/expand';
import { getLanguageService, LanguageService } from '../../server/src/languageservice/languageService';
import { walkElements, XmlElement } from '../../server/src/languageservice/parser/xmlNodes';
import { parseXml } from '../../server/src/languageservice/parser/xmlParser';
import { pinText } from '../../server/src/languageservice/services/pin';
import { FIXTURES, SHARED_CORPUS, xmlFiles } from '../helpers';
import { factsOfXml } from '../oracle/facts';

/** the documents mutations start from: fixtures, earlier fuzz finds, and the shared corpus when present */
export function baseDocuments(): { name: string; text: string }[] {
  const files = [
    ...xmlFiles(path.join(FIXTURES, 'domains')),
    ...xmlFiles(path.join(FIXTURES, 'fuzz')),
    ...xmlFiles(path.join(SHARED_CORPUS, 'virt-install')),
    ...xmlFiles(path.join(SHARED_CORPUS, 'libvirt-tests')),
  ];
  return files.map((f) => ({ name: path.relative(path.dirname(FIXTURES), f), text: fs.readFileSync(f, 'utf8') }));
}

/** values that are odd for almost any attribute */
const ODD_VALUES = [
  '',
  ' ',
  '0',
  '-1',
  '4294967296',
  '99999999999999999999999',
  '0x',
  '0xffffffffffff',
  'NaN',
  '1e309',
  'auto',
  'none',
  'yes',
  'é',
  '日本',
  '../../etc/passwd',
  '&amp;',
  '&lt;x&gt;',
  'a'.repeat(300),
  'pc-q35-99.9',
  'virtio-transitional',
  'host-passthrough',
];

/** debris typed or pasted into a document */
const FRAGMENTS = [
  '<',
  '</',
  '>',
  '/>',
  '"',
  "'",
  '=',
  '&',
  '&#0;',
  '&#xD800;',
  '&unknown;',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<?xml version="1.0"?>',
  '<!DOCTYPE domain [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  '\u0000',
  '\uFEFF',
  '\uFFFF',
  '\uD83D',
  '😀',
  '\r',
  '\t',
  '<disk',
  '<devices>',
  '</devices>',
  "<controller type='usb'/>",
  "<address type='pci' bus='0x00' slot='0x01'/>",
  "<interface type='network'><source network='default'/></interface>",
  "<memory unit='KiB'>",
  "<os><type arch='aarch64' machine='virt'>hvm</type></os>",
  "<cpu mode='custom' match='exact' check='none'><model>qemu64</model></cpu>",
  '<metadata><x:y xmlns:x="urn:x">z</x:y></metadata>',
];

export type Mutation =
  | { kind: 'replace'; at: number; char: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; fragment: string }
  | { kind: 'splice'; from: number; source: number; length: number; at: number }
  | { kind: 'value'; which: number; value: string };

const position = fc.nat({ max: 1_000_000 });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: position, char: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, fragment: fc.constantFrom(...FRAGMENTS) }),
  fc.record({
    kind: fc.constant('splice' as const),
    from: position,
    source: fc.nat(),
    length: fc.integer({ min: 1, max: 400 }),
    at: position,
  }),
  fc.record({
    kind: fc.constant('value' as const),
    which: fc.nat(),
    value: fc.oneof(fc.constantFrom(...ODD_VALUES), fc.string({ maxLength: 12 })),
  }),
);

export interface Case {
  base: number;
  mutations: Mutation[];
  /** where hover, completion and auto-close are asked, as fractions of the length */
  probes: number[];
}

export function caseArb(bases: number): fc.Arbitrary<Case> {
  return fc.record({
    base: fc.nat({ max: bases - 1 }),
    mutations: fc.array(mutationArb, { maxLength: 4 }),
    probes: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
  });
}

const VALUE = /=\s*(['"])([^'"]*)\1/g;

export function mutate(text: string, m: Mutation, others: { text: string }[]): string {
  const at = (n: number) => (text.length ? n % (text.length + 1) : 0);
  switch (m.kind) {
    case 'replace': {
      const i = at(m.at);
      return text.slice(0, i) + m.char + text.slice(i + 1);
    }
    case 'delete': {
      const i = at(m.at);
      return text.slice(0, i) + text.slice(i + m.length);
    }
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'insert': {
      const i = at(m.at);
      return text.slice(0, i) + m.fragment + text.slice(i);
    }
    case 'splice': {
      const source = others[m.source % others.length].text;
      const from = source.length ? m.from % source.length : 0;
      const i = at(m.at);
      return text.slice(0, i) + source.slice(from, from + m.length) + text.slice(i);
    }
    case 'value': {
      const values = [...text.matchAll(VALUE)];
      if (!values.length) return text;
      const v = values[m.which % values.length];
      const start = v.index! + v[0].indexOf(v[1]) + 1;
      return text.slice(0, start) + m.value + text.slice(start + v[2].length);
    }
  }
}

export function caseText(c: Case, bases: { text: string }[]): string {
  return c.mutations.reduce((t, m) => mutate(t, m, bases), bases[c.base].text);
}

export function newService(): LanguageService {
  const service = getLanguageService({
    readFile: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  service.configure({ profile: 'debian-12', floor: { libvirt: '7.0.0', qemu: '5.2.0' } });
  return service;
}

function assertPosition(doc: TextDocument, p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: ${JSON.stringify(p)} is not a position`);
  assert.ok(p.line >= 0 && p.line < doc.lineCount, `${what}: line ${p.line} outside 0..${doc.lineCount - 1}`);
  const lineStart = doc.offsetAt({ line: p.line, character: 0 });
  const next = p.line + 1 < doc.lineCount ? doc.offsetAt({ line: p.line + 1, character: 0 }) : doc.getText().length;
  assert.ok(p.character >= 0 && p.character <= next - lineStart, `${what}: character ${p.character} outside line ${p.line}`);
}

function assertRange(doc: TextDocument, r: Range, what: string): void {
  assertPosition(doc, r.start, what);
  assertPosition(doc, r.end, what);
  assert.ok(doc.offsetAt(r.start) <= doc.offsetAt(r.end), `${what}: range ends before it starts: ${JSON.stringify(r)}`);
}

/** the edits apply: inside the document, not overlapping; returns the edited text */
function applyEdits(doc: TextDocument, edits: TextEdit[], what: string): string {
  for (const e of edits) assertRange(doc, e.range, what);
  const spans = edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // insertions at one offset may follow each other; anything else must not overlap
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i][0] >= spans[i - 1][1], `${what}: edits overlap`);
  return TextDocument.applyEdits(doc, edits);
}

function actionEdits(doc: TextDocument, a: CodeAction): TextEdit[] {
  const changes = a.edit?.changes ?? {};
  for (const uri of Object.keys(changes)) assert.strictEqual(uri, doc.uri, `code action '${a.title}' edits another document: ${uri}`);
  return changes[doc.uri] ?? [];
}

/**
 * the facts of an expansion, without the text of elements that also have child elements (stray text in
 * <domain> or <devices>, which libvirt ignores and a pin may split when it inserts an element into it)
 */
function expansionFacts(xml: string): string[] {
  const facts = [...factsOfXml(xml)];
  const parents = new Set<string>();
  for (const f of facts) {
    const path = f.replace(/[@#].*$/, '');
    const cut = path.lastIndexOf('/');
    if (cut > 0) parents.add(path.slice(0, cut));
  }
  return facts.filter((f) => !(f.includes('#text=') && parents.has(f.slice(0, f.indexOf('#text='))))).sort();
}

const wellFormed = (text: string) => parseXml(text).errors.length === 0;

/** text of every element the pin must leave byte for byte: comments, `<metadata>`, foreign-namespace elements */
function untouchable(text: string): string[] {
  const xml = parseXml(text);
  const out = (text.match(/<!--[\s\S]*?-->/g) ?? []).slice();
  if (xml.root) {
    const keep = (el: XmlElement) => el.name === 'metadata' || el.name.includes(':');
    for (const el of walkElements(xml.root))
      if (keep(el) && !(el.parent && keep(el.parent)) && el.end > el.start) out.push(text.slice(el.start, el.end));
  }
  return out.sort();
}

/** runs every property on one text; throws an AssertionError naming the first one broken */
export function checkText(service: LanguageService, text: string, probes: number[], uri = 'file:///fuzz/vm.xml'): void {
  const doc = TextDocument.create(uri, 'xml', 1, text);
  const diagnostics = service.doValidation(doc);
  for (const d of diagnostics) {
    assertRange(doc, d.range, `diagnostic '${d.message}'`);
    assert.ok(typeof d.message === 'string' && d.message.trim().length > 0, 'a diagnostic without a message');
  }
  const expansion = service.expand(doc);
  assert.deepStrictEqual(expansion?.failures ?? [], [], 'an expander rule threw');

  for (const fraction of probes) {
    const p = doc.positionAt(Math.floor(fraction * text.length));
    const hover = service.doHover(doc, p);
    if (hover?.range) assertRange(doc, hover.range, 'hover');
    for (const item of service.doComplete(doc, p).items) {
      const edit = item.textEdit;
      if (edit && 'range' in edit) assertRange(doc, edit.range, `completion '${item.label}'`);
    }
    service.doAutoClose(doc, p, '>');
    service.doDefinition(doc, p).forEach((l) => assertRange(doc, l.range, 'definition'));
    service.doReferences(doc, p, true).forEach((l) => assertRange(doc, l.range, 'reference'));
    service.doSelectionRanges(doc, [p]).forEach((s) => assertRange(doc, s.range, 'selection range'));
  }

  const formed = wellFormed(text);
  const actions: CodeAction[] = [];
  for (const d of diagnostics.slice(0, 12)) actions.push(...service.doCodeActions(doc, d.range, { diagnostics: [d] }));
  actions.push(...service.doCodeActions(doc, { start: doc.positionAt(0), end: doc.positionAt(text.length) }, { diagnostics: [] }));
  for (const a of actions) {
    const out = applyEdits(doc, actionEdits(doc, a), `code action '${a.title}'`);
    if (formed) assert.ok(wellFormed(out), `code action '${a.title}' breaks well-formedness`);
  }

  for (const f of service.doFoldingRanges(doc)) assert.ok(f.startLine <= f.endLine && f.endLine < doc.lineCount, 'folding range');
  for (const s of service.doDocumentSymbols(doc)) assertRange(doc, s.range, `symbol ${s.name}`);
  for (const h of service.doInlayHints(doc)) assertPosition(doc, h.position, 'inlay hint');
  for (const l of service.doCodeLens(doc)) assertRange(doc, l.range, 'code lens');
  for (const l of service.doDocumentLinks(doc)) assertRange(doc, l.range, 'document link');
  const formatted = applyEdits(doc, service.doFormat(doc, undefined, { tabSize: 2, insertSpaces: true }), 'format');
  if (formed) assert.ok(wellFormed(formatted), 'formatting breaks well-formedness');

  const parsed = service.parse(doc);
  if (!formed || !parsed.domain || !expansion) return;
  for (const addresses of [false, true]) {
    const pinned = pinText(parsed, expansion, { addresses });
    const what = addresses ? 'pin --addresses' : 'pin';
    assert.ok(wellFormed(pinned), `${what} breaks well-formedness`);
    const again = TextDocument.create(uri, 'xml', 2, pinned);
    const second = service.expand(again)!;
    assert.strictEqual(pinText(service.parse(again), second, { addresses }), pinned, `${what} is not idempotent`);
    assert.deepStrictEqual(
      expansionFacts(formatExpansion(second)),
      expansionFacts(formatExpansion(expansion)),
      `expand(${what}(x)) differs from expand(x)`,
    );
    assert.deepStrictEqual(untouchable(pinned), untouchable(text), `${what} changed a comment, <metadata> or a foreign element`);
  }
}
