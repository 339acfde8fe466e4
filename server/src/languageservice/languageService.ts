/**
 * The language service facade: pure functions over text documents. It holds
 * no LSP connection; the server (../server.ts) and the CLI (../cli) are thin
 * layers over it, and tests call it directly.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  Position,
  Range,
  SelectionRange,
  TextEdit,
} from 'vscode-languageserver-types';
import { DomainDocument, DomainDocumentCache } from './domainDocument';
import { Finding, findingDetails, sortFindings, toDiagnostic } from './findings';
import { SeverityName } from './diagnosticRules';
import { syntaxFindings } from './services/syntaxDiagnostics';
import { DEFAULT_DEFAULTS_LEVEL, DefaultsLevel, rankDocument, rankedFindings, Ranking, riskHover } from './services/abiRisk';
import { inlayHints } from './services/inlayHints';
import { codeLenses } from './services/codeLens';
import { documentSymbols } from './services/documentSymbols';
import { foldingRanges } from './services/foldingRanges';
import { selectionRanges } from './services/selectionRanges';
import { documentLinks } from './services/documentLinks';
import { findDefinition, findReferences } from './services/navigation';
import { formatDocument, FormatOptions, formatRange } from './services/formatting';
import { autoCloseTag } from './services/autoClose';
import { versionFindings } from './services/versionDiagnostics';
import { versionCodeActions } from './services/versionFixes';
import { doHover } from './services/hover';
import { docFor, FORMAT_DOMAIN_URL } from './knowledge/elementDocs';
import { elementAt } from './parser/xmlNodes';
import { pinCodeActions } from './services/pinActions';
import { pinEdits } from './services/pin';
import { schemaFindings } from './services/schemaDiagnostics';
import { doComplete } from './services/completion';
import { SchemaState, SchemaStore } from './services/schemaStore';
import { schemaOnTarget } from './services/schemaOnTarget';
import { expandDomain, Expansion } from './expander/expand';
import { TargetProfile } from './profiles/profile';
import { ProfileSettings, resolveProfile } from './profiles/resolveProfile';
import { withHostFacts } from './profiles/capabilities';

export interface LanguageSettings extends ProfileSettings {
  /** per-rule severity overrides, e.g. `{ "abi-default": "hint" }` */
  severities?: Partial<Record<string, SeverityName>>;
  /** leave completion items out when the target or the floor lacks them (default: show them, marked) */
  hideUnsupported?: boolean;
  /** folder with libvirt's RelaxNG schemas (default /usr/share/libvirt/schemas) */
  schemaDirectory?: string;
  /** the oldest libvirt/QEMU the domain must still work on (migration, restore, downgrade) */
  floor?: { libvirt?: string; qemu?: string };
  /**
   * how fills that are the same on every known target are shown: `inlay` (default: inlay hints and a code
   * lens, only ABI risks are diagnostics), `diagnostics` (every fill a diagnostic), `off` (risks only)
   */
  defaults?: DefaultsLevel;
  /** a captured `virsh capabilities` file of the target host */
  caps?: string;
  /** captured `virsh domcapabilities` files or folders of the target host; each domain uses the set of its arch, virt type and machine */
  domcaps?: string[];
}

export interface LanguageServiceParams {
  /** reads a file from disk (schemas, capabilities); absent in sandboxed hosts */
  readFile?: (path: string) => string | undefined;
  /** the local host's profile (read from virsh by the server or CLI), used when settings say 'local' or name none */
  localProfile?: () => TargetProfile | undefined;
  /** the `virsh domcapabilities` documents a path names (a file, or a folder of them); throws when it cannot */
  readDomcaps?: (path: string) => string[];
  /** the libvirt whose RelaxNG schemas the schema directory holds; the local host's when absent */
  schemaProfile?: () => TargetProfile | undefined;
}

export interface LanguageService {
  configure(settings: LanguageSettings): void;
  /** the parse of a document (cached by uri and version) */
  parse(document: TextDocument): DomainDocument;
  /** true when the document's root element is `<domain>` */
  isDomainDocument(document: TextDocument): boolean;
  /** findings before severities are applied (for the CLI and tests) */
  findings(document: TextDocument): Finding[];
  doValidation(document: TextDocument): Diagnostic[];
  doHover(document: TextDocument, position: Position): Hover | null;
  /** elements, attributes and values allowed at the position, from libvirt's schema */
  doComplete(document: TextDocument, position: Position): CompletionList;
  /** quick fixes and source actions for a range (pinning ABI defaults, version fixes) */
  doCodeActions(document: TextDocument, range: Range, context: { diagnostics: Diagnostic[]; only?: string[] }): CodeAction[];
  /** the edits that write every ABI default (and, when asked, every address) into the document */
  pinEdits(document: TextDocument, addresses: boolean): TextEdit[];
  /** the fills ranked by risk against every known target (undefined for non-domains) */
  rank(document: TextDocument): Ranking | undefined;
  /** what libvirt fills in the same way on every target, inline (level `inlay` only) */
  doInlayHints(document: TextDocument, range?: Range): InlayHint[];
  /** "libvirt 9.0 will add 9 devices, 14 addresses: Pin all" on `<devices>` and `<domain>` (not at level `off`) */
  doCodeLens(document: TextDocument): CodeLens[];
  doDocumentSymbols(document: TextDocument): DocumentSymbol[];
  doFoldingRanges(document: TextDocument): FoldingRange[];
  doSelectionRanges(document: TextDocument, positions: Position[]): SelectionRange[];
  doDocumentLinks(document: TextDocument): DocumentLink[];
  /** from an `<address>` to the controller it names */
  doDefinition(document: TextDocument, position: Position): Location[];
  /** from a controller (or an address) to every address on that controller */
  doReferences(document: TextDocument, position: Position, includeDeclaration: boolean): Location[];
  /** formatting edits for the whole document, or the nodes a range touches */
  doFormat(document: TextDocument, range: Range | undefined, options: FormatOptions): TextEdit[];
  /** the snippet that closes a tag after the user typed `>` or `/` at the position */
  doAutoClose(document: TextDocument, position: Position, typed: '>' | '/'): string | undefined;
  /** what libvirt will make of the domain at define time, for the active profile (undefined for non-domains) */
  expand(document: TextDocument): Expansion | undefined;
  /** the active target profile */
  profile(): TargetProfile;
  settings(): LanguageSettings;
  /** the schema in use, or why there is none */
  schema(): SchemaState;
  forget(uri: string): void;
}

/** the formatdomain section about the innermost documented element at an offset */
function sectionUrl(doc: DomainDocument, offset: number): string | undefined {
  for (let el = elementAt(doc.xml, offset); el; el = el.parent ?? undefined) {
    const d = docFor(el.xpath);
    if (d) return `${FORMAT_DOMAIN_URL}#${d.anchor}`;
  }
  return undefined;
}

export function getLanguageService(params: LanguageServiceParams = {}): LanguageService {
  const cache = new DomainDocumentCache();
  let settings: LanguageSettings = {};
  let activeProfile: TargetProfile | undefined;
  const schemas = new SchemaStore(params.readFile);
  const schema = () => schemas.get(settings.schemaDirectory || undefined);

  function profile(): TargetProfile {
    return (activeProfile ??= withHostFiles(resolveProfile(settings, params.localProfile?.())));
  }

  /** the profile with the host files the settings name (a file that cannot be read adds nothing) */
  function withHostFiles(p: TargetProfile): TargetProfile {
    if (!settings.caps && !settings.domcaps?.length) return p;
    const caps = settings.caps ? params.readFile?.(settings.caps) : undefined;
    const domcaps = (settings.domcaps ?? []).flatMap((path) => {
      try {
        return params.readDomcaps?.(path) ?? [];
      } catch {
        return [];
      }
    });
    return withHostFacts(p, caps, domcaps);
  }

  function expansionOf(doc: DomainDocument): Expansion | undefined {
    const domain = doc.domain;
    if (!domain) return undefined;
    const p = profile();
    // kept on the document (a WeakMap keyed by documents kept every analysis alive through young-generation GCs)
    const hit = doc.expansion;
    if (hit && hit.profile === p) return hit.expansion;
    const expansion = expandDomain(domain, p);
    doc.expansion = { profile: p, expansion };
    return expansion;
  }

  function rankingOf(doc: DomainDocument): Ranking | undefined {
    const expansion = expansionOf(doc);
    return expansion ? rankDocument(doc, expansion, settings.floor) : undefined;
  }

  // the findings of a document version under the current settings, for hovers after validation
  const findingsMemo = new WeakMap<DomainDocument, { settings: LanguageSettings; findings: Finding[] }>();

  function findings(document: TextDocument): Finding[] {
    const doc = cache.get(document);
    if (!doc.isDomain) return [];
    const memo = findingsMemo.get(doc);
    if (memo?.settings === settings) return memo.findings;
    const found = computeFindings(doc);
    findingsMemo.set(doc, { settings, findings: found });
    return found;
  }

  function computeFindings(doc: DomainDocument): Finding[] {
    const out = syntaxFindings(doc);
    const versions = versionFindings(doc, { floor: settings.floor, profile: profile() });
    const rng = schema().schema;
    if (rng)
      out.push(
        ...schemaOnTarget(doc, rng, schemaFindings(doc, rng), versions, profile(), () => (params.schemaProfile ?? params.localProfile)?.()),
      );
    const ranking = rankingOf(doc);
    if (ranking) out.push(...rankedFindings(ranking, settings.defaults));
    out.push(...versions);
    // where the XML is broken, the syntax error is the one story: a value cut short by a missing quote is no value to check
    const broken = out.filter((f) => f.rule === 'syntax' && f.severity !== 'warning');
    if (!broken.length) return sortFindings(out);
    return sortFindings(
      out.filter(
        (f) => f.rule === 'syntax' || !broken.some((b) => f.start < Math.max(b.end, b.start + 1) && b.start < Math.max(f.end, f.start + 1)),
      ),
    );
  }

  return {
    configure(s) {
      settings = s ?? {};
      activeProfile = undefined;
    },
    parse: (document) => cache.get(document),
    isDomainDocument: (document) => cache.get(document).isDomain,
    findings,
    doValidation(document) {
      const doc = cache.get(document);
      const out: Diagnostic[] = [];
      // many findings sit on the same element: look its section up once
      const urls = new Map<number, string | undefined>();
      const urlAt = (offset: number) => {
        if (!urls.has(offset)) urls.set(offset, sectionUrl(doc, offset));
        return urls.get(offset);
      };
      for (const f of findings(document)) {
        const d = toDiagnostic(doc, f, settings.severities ?? {}, urlAt);
        if (d) out.push(d);
      }
      return out;
    },
    doHover(document, position) {
      const doc = cache.get(document);
      if (!doc.isDomain) return null;
      const offset = doc.offsetAt(position);
      const hover = doHover(doc, expansionOf(doc), offset, docFor);
      // what the releases disagree on here (the diagnostic's message names them; the hover lists each)
      const ranking = rankingOf(doc);
      const shown = findings(document).filter((f) => settings.severities?.[f.rule] !== 'off');
      const risk = [ranking && riskHover(ranking, offset), findingDetails(shown, offset)].filter(Boolean).join('\n\n') || undefined;
      if (!risk) return hover;
      if (!hover) return { contents: { kind: 'markdown', value: risk }, range: doc.range(offset, offset) };
      const c = hover.contents;
      if (typeof c === 'object' && 'kind' in c) return { ...hover, contents: { kind: c.kind, value: `${c.value}\n\n---\n\n${risk}` } };
      return hover;
    },
    doCodeActions(document, range, context) {
      const doc = cache.get(document);
      const expansion = expansionOf(doc);
      if (!expansion) return [];
      const quickfix = !context.only || context.only.some((k) => k === 'quickfix' || k === '');
      const version = quickfix ? versionCodeActions(doc, context.diagnostics) : [];
      return [...version, ...pinCodeActions(doc, expansion, range, context.only, context.diagnostics)];
    },
    pinEdits(document, addresses) {
      const doc = cache.get(document);
      const expansion = expansionOf(doc);
      return expansion ? pinEdits(doc, expansion, { addresses }) : [];
    },
    doComplete(document, position) {
      const doc = cache.get(document);
      const rng = schema().schema;
      if (!doc.isDomain || !rng) return { isIncomplete: false, items: [] };
      return doComplete(doc, doc.offsetAt(position), rng, {
        profile: profile(),
        floor: settings.floor,
        hideUnsupported: settings.hideUnsupported,
      });
    },
    expand: (document) => expansionOf(cache.get(document)),
    rank: (document) => rankingOf(cache.get(document)),
    doInlayHints(document, range) {
      if ((settings.defaults ?? DEFAULT_DEFAULTS_LEVEL) !== 'inlay') return [];
      const doc = cache.get(document);
      const ranking = rankingOf(doc);
      return ranking ? inlayHints(doc, ranking, range && { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) }) : [];
    },
    doCodeLens(document) {
      if (settings.defaults === 'off') return [];
      const doc = cache.get(document);
      const ranking = rankingOf(doc);
      return ranking ? codeLenses(doc, ranking) : [];
    },
    doDocumentSymbols: (document) => documentSymbols(cache.get(document)),
    doFoldingRanges: (document) => foldingRanges(cache.get(document)),
    doSelectionRanges(document, positions) {
      const doc = cache.get(document);
      return selectionRanges(
        doc,
        positions.map((p) => doc.offsetAt(p)),
      );
    },
    doDocumentLinks: (document) => documentLinks(cache.get(document)),
    doDefinition(document, position) {
      const doc = cache.get(document);
      return doc.isDomain ? findDefinition(doc, doc.offsetAt(position)) : [];
    },
    doReferences(document, position, includeDeclaration) {
      const doc = cache.get(document);
      return doc.isDomain ? findReferences(doc, doc.offsetAt(position), includeDeclaration) : [];
    },
    doFormat(document, range, options) {
      const doc = cache.get(document);
      if (!doc.isDomain) return [];
      return range ? formatRange(doc, doc.offsetAt(range.start), doc.offsetAt(range.end), options) : formatDocument(doc, options);
    },
    doAutoClose(document, position, typed) {
      const doc = cache.get(document);
      return doc.isDomain ? autoCloseTag(doc, doc.offsetAt(position), typed) : undefined;
    },
    profile,
    settings: () => settings,
    schema,
    forget: (uri) => cache.forget(uri),
  };
}
