/**
 * The language service facade: pure functions over text documents. It holds
 * no LSP connection; the server (../server.ts) and the CLI (../cli) are thin
 * layers over it, and tests call it directly.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { DomainDocument, DomainDocumentCache } from './domainDocument';
import { Finding, sortFindings, toDiagnostic } from './findings';
import { SeverityName } from './diagnosticRules';
import { syntaxFindings } from './services/syntaxDiagnostics';

export interface LanguageSettings {
  /** per-rule severity overrides, e.g. `{ "abi-default": "hint" }` */
  severities?: Partial<Record<string, SeverityName>>;
}

export interface LanguageServiceParams {
  /** reads a file from disk (schemas, capabilities); absent in sandboxed hosts */
  readFile?: (path: string) => string | undefined;
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
  forget(uri: string): void;
}

export function getLanguageService(params: LanguageServiceParams = {}): LanguageService {
  void params;
  const cache = new DomainDocumentCache();
  let settings: LanguageSettings = {};

  function findings(document: TextDocument): Finding[] {
    const doc = cache.get(document);
    if (!doc.isDomain) return [];
    return sortFindings(syntaxFindings(doc));
  }

  return {
    configure(s) {
      settings = s ?? {};
    },
    parse: (document) => cache.get(document),
    isDomainDocument: (document) => cache.get(document).isDomain,
    findings,
    doValidation(document) {
      const doc = cache.get(document);
      const out: Diagnostic[] = [];
      for (const f of findings(document)) {
        const d = toDiagnostic(doc, f, settings.severities ?? {});
        if (d) out.push(d);
      }
      return out;
    },
    doHover() {
      return null;
    },
    forget: (uri) => cache.forget(uri),
  };
}
