/**
 * Commands the server executes for the client (workspace/executeCommand):
 * the expanded XML of a document, the list of target profiles.
 */
import { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatENode } from '../languageservice/expander/format';
import { migratableRoot } from '../languageservice/expander/migratable';
import { LanguageService } from '../languageservice/languageService';
import { BUILTIN_PROFILES } from '../languageservice/profiles/builtinProfiles';
import { SERVER_COMMAND, ServerCommands } from '../protocol';

export const SERVER_COMMANDS: string[] = Object.values(SERVER_COMMAND);

type Guard = <T>(what: string, fallback: T, fn: () => T) => T;

export function registerCommands(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService, guard: Guard): void {
  connection.onExecuteCommand((params) => {
    const args = params.arguments ?? [];
    switch (params.command) {
      case SERVER_COMMAND.expandedText: {
        const doc = documents.get(String(args[0]));
        if (!doc) return null;
        return guard<ServerCommands[typeof SERVER_COMMAND.expandedText]['result']>('expand', null, () => {
          const e = service.expand(doc);
          return e ? formatENode(args[1] === 'migratable' ? migratableRoot(e) : e.root) : null;
        });
      }
      case SERVER_COMMAND.pinAll: {
        // applies the pin edits through the client; answers how many edits were made
        const doc = documents.get(String(args[0]));
        if (!doc) return 0;
        const edits = guard('pin', [], () => service.pinEdits(doc, args[1] === true));
        if (!edits.length) return 0;
        return connection.workspace.applyEdit({ label: 'Pin ABI defaults', edit: { changes: { [doc.uri]: edits } } }).then(() => edits.length);
      }
      case SERVER_COMMAND.listProfiles: {
        const result: ServerCommands[typeof SERVER_COMMAND.listProfiles]['result'] = BUILTIN_PROFILES.map((p) => ({ id: p.id, label: p.label, source: p.source }));
        return result;
      }
      default:
        return null;
    }
  });
}
