/**
 * Protocol wiring: connects an LSP connection to the language service. No
 * language knowledge lives here; every request is answered by the service,
 * and any exception it throws is logged and answered with an empty result so
 * that one bad document can never take the server down.
 */
import * as fs from 'fs';
import { Connection, Diagnostic, DiagnosticSeverity, InitializeResult, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, LanguageSettings } from '../languageservice/languageService';
import { readHostProfile } from '../host/virshProfile';
import { domcapsTexts } from '../host/domcapsFiles';
import { TargetProfile } from '../languageservice/profiles/profile';
import { RULES } from '../languageservice/diagnosticRules';
import { injectFault } from '../faultInjection';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { IdleCollector } from './idleCollector';
import { registerCommands, SERVER_COMMANDS } from './commands';
import { sendStatus } from './status';
import { CODE_ACTION_KINDS } from './codeActionKinds';
import { EDITOR_CAPABILITIES, refreshEditorFeatures, registerEditorFeatures } from './editorFeatures';

/**
 * what the document shows when analysing it threw (a bug of ours): one located diagnostic, so that an
 * empty Problems panel never pretends the document is fine
 */
function analysisFailed(): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: 'domxml',
    code: RULES['internal-error'].id,
    message:
      'domxml could not analyse this document (a bug in domxml, not in the document); the "libvirt Domain XML" output log has the details.',
  };
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  // false when the client says the workspace is untrusted (VS Code's Restricted Mode): then no program runs,
  // neither virsh for the local host's profile nor git for the ABI comparison with HEAD
  let trusted = true;
  // the local host's libvirt, read once through virsh when a setting first needs it
  let local: { profile?: TargetProfile } | undefined;
  const localProfile = () =>
    (local ??= { profile: process.env.DOMXML_NO_LOCAL_PROFILE || !trusted ? undefined : readHostProfile() }).profile;
  const service = getLanguageService({
    localProfile,
    readDomcaps: (p) => domcapsTexts(p),
    readFile: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  let hasConfigurationCapability = false;
  const refresh = { inlayHints: false, codeLens: false };

  function guard<T>(what: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      connection.console.error(`domxml: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  }

  const idle = new IdleCollector();
  const diagnostics = new DiagnosticsScheduler((uri) => {
    const doc = documents.get(uri);
    if (!doc) return;
    const started = process.hrtime.bigint();
    const result = guard('validation', undefined, () => {
      injectFault(uri);
      return service.doValidation(doc);
    }) ?? [analysisFailed()];
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (ms > 200) connection.console.log(`domxml: validated ${uri} in ${ms.toFixed(1)} ms`);
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: result });
    idle.touch();
  });

  connection.onInitialize((params): InitializeResult => {
    hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
    refresh.inlayHints = !!params.capabilities.workspace?.inlayHint?.refreshSupport;
    refresh.codeLens = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    const init = params.initializationOptions as { settings?: LanguageSettings; trusted?: boolean } | undefined;
    trusted = init?.trusted !== false;
    if (init?.settings) service.configure(init.settings);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['<', ' ', '"', "'"] },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        executeCommandProvider: { commands: SERVER_COMMANDS },
        ...EDITOR_CAPABILITIES,
      },
      serverInfo: { name: 'domxml-language-server', version: '0.1.0' },
    };
  });

  async function pullSettings(): Promise<void> {
    if (!hasConfigurationCapability) return;
    const s = (await connection.workspace.getConfiguration('domxml')) as LanguageSettings | null;
    if (s) service.configure(s);
  }

  connection.onInitialized(() => {
    void pullSettings().then(() => {
      sendStatus(connection, service);
      documents.all().forEach((d) => diagnostics.schedule(d.uri));
    });
  });

  connection.onDidChangeConfiguration(async (change) => {
    const s = (change.settings as { domxml?: LanguageSettings } | undefined)?.domxml;
    if (s) service.configure(s);
    else await pullSettings();
    sendStatus(connection, service);
    refreshEditorFeatures(connection, refresh);
    documents.all().forEach((d) => diagnostics.schedule(d.uri));
  });

  registerEditorFeatures(connection, documents, service, guard);
  registerCommands(connection, documents, service, guard, () => trusted);

  documents.onDidChangeContent((e) => diagnostics.schedule(e.document.uri));
  documents.onDidClose((e) => {
    diagnostics.cancel(e.document.uri);
    service.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    return guard('hover', null, () => service.doHover(doc, params.position));
  });

  connection.onCompletion((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    return guard('completion', null, () => service.doComplete(doc, params.position));
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return guard('code actions', [], () =>
      service.doCodeActions(doc, params.range, { diagnostics: params.context.diagnostics, only: params.context.only }),
    );
  });

  documents.listen(connection);
  connection.listen();
}
