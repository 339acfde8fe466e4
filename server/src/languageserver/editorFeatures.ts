/**
 * Protocol wiring of the editor features: inlay hints, code lenses, outline,
 * folding, selection ranges, links, definition/references, formatting and
 * tag auto-closing (`domxml/autoClose`, a request the VS Code client sends
 * after `>` or `/` is typed). Every answer comes from the language service.
 */
import { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position } from 'vscode-languageserver-types';
import { LanguageService } from '../languageservice/languageService';

type Guard = <T>(what: string, fallback: T, fn: () => T) => T;

const AUTO_CLOSE_REQUEST = 'domxml/autoClose';

interface AutoCloseParams {
  textDocument: { uri: string };
  position: Position;
  typed: '>' | '/';
}

export const EDITOR_CAPABILITIES: ServerCapabilities = {
  inlayHintProvider: true,
  codeLensProvider: { resolveProvider: false },
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  selectionRangeProvider: true,
  documentLinkProvider: { resolveProvider: false },
  definitionProvider: true,
  referencesProvider: true,
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
};

export function registerEditorFeatures(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  guard: Guard,
): void {
  const on = <T>(uri: string, what: string, fallback: T, fn: (doc: TextDocument) => T): T => {
    const doc = documents.get(uri);
    return doc ? guard(what, fallback, () => fn(doc)) : fallback;
  };
  connection.languages.inlayHint.on((p) => on(p.textDocument.uri, 'inlay hints', [], (d) => service.doInlayHints(d, p.range)));
  connection.onCodeLens((p) => on(p.textDocument.uri, 'code lens', [], (d) => service.doCodeLens(d)));
  connection.onDocumentSymbol((p) => on(p.textDocument.uri, 'document symbols', [], (d) => service.doDocumentSymbols(d)));
  connection.onFoldingRanges((p) => on(p.textDocument.uri, 'folding ranges', [], (d) => service.doFoldingRanges(d)));
  connection.onSelectionRanges((p) => on(p.textDocument.uri, 'selection ranges', [], (d) => service.doSelectionRanges(d, p.positions)));
  connection.onDocumentLinks((p) => on(p.textDocument.uri, 'document links', [], (d) => service.doDocumentLinks(d)));
  connection.onDefinition((p) => on(p.textDocument.uri, 'definition', [], (d) => service.doDefinition(d, p.position)));
  connection.onReferences((p) =>
    on(p.textDocument.uri, 'references', [], (d) => service.doReferences(d, p.position, p.context.includeDeclaration)),
  );
  connection.onDocumentFormatting((p) => on(p.textDocument.uri, 'formatting', [], (d) => service.doFormat(d, undefined, p.options)));
  connection.onDocumentRangeFormatting((p) =>
    on(p.textDocument.uri, 'range formatting', [], (d) => service.doFormat(d, p.range, p.options)),
  );
  connection.onRequest(AUTO_CLOSE_REQUEST, (p: AutoCloseParams) =>
    on(p.textDocument.uri, 'auto close', null, (d) => service.doAutoClose(d, p.position, p.typed) ?? null),
  );
}

/** asks the client to re-request inlay hints and code lenses (after settings change what they show) */
export function refreshEditorFeatures(connection: Connection, capabilities: { inlayHints: boolean; codeLens: boolean }): void {
  if (capabilities.inlayHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
  if (capabilities.codeLens) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
}
