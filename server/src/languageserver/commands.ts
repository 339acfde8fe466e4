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
import { describeLeftovers, describeOthersOnly, detectStyle, pinLeftovers } from '../languageservice/services/pin';
import { SERVER_COMMAND, ServerCommands } from '../protocol';
import { abiDiffWithHead } from './abiDiffHead';

export const SERVER_COMMANDS: string[] = Object.values(SERVER_COMMAND);

export const RESTRICTED_ABI_DIFF =
  '# ABI comparison\n\nThis workspace is not trusted (Restricted Mode), so domxml does not run git in it: git would read the ' +
  "repository's own configuration. Trust the workspace to compare with HEAD, or run `domxml abi-diff --git HEAD FILE` yourself.\n";

type Guard = <T>(what: string, fallback: T, fn: () => T) => T;

export function registerCommands(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  guard: Guard,
  trusted: () => boolean,
): void {
  connection.onExecuteCommand((params) => {
    const args = params.arguments ?? [];
    switch (params.command) {
      case SERVER_COMMAND.expandedText: {
        const doc = documents.get(String(args[0]));
        if (!doc) return null;
        return guard<ServerCommands[typeof SERVER_COMMAND.expandedText]['result']>('expand', null, () => {
          const e = service.expand(doc);
          // in the document's own quotes, indentation and attribute order, so the diff shows only what libvirt changes
          return e
            ? formatENode(args[1] === 'migratable' ? migratableRoot(e) : e.root, '', { style: detectStyle(service.parse(doc)) })
            : null;
        });
      }
      case SERVER_COMMAND.pinAll: {
        // applies the pin edits through the client; answers how many edits were made
        // and what the pin leaves to libvirt, with why ({ edits, left, addressesLeft })
        const doc = documents.get(String(args[0]));
        if (!doc) return { edits: 0, left: [] };
        const addresses = args[1] === true;
        const edits = guard('pin', [], () => service.pinEdits(doc, addresses));
        const e = guard('expand', undefined, () => service.expand(doc));
        const left = guard('pin', [] as string[], () =>
          e ? [...describeLeftovers(pinLeftovers(e, { addresses })), ...describeOthersOnly(service.parse(doc), service.rank(doc))] : [],
        );
        const addressesLeft = !addresses && !!e?.fills.some((f) => f.category === 'address');
        if (!edits.length) return { edits: 0, left, addressesLeft };
        return connection.workspace
          .applyEdit({ label: 'Pin ABI defaults', edit: { changes: { [doc.uri]: edits } } })
          .then(() => ({ edits: edits.length, left, addressesLeft }));
      }
      case SERVER_COMMAND.abiDiffHead: {
        const doc = documents.get(String(args[0]));
        if (!doc) return null;
        // git reads the repository's own configuration (hooks, fsmonitor): not run in an untrusted workspace
        if (!trusted()) return RESTRICTED_ABI_DIFF;
        return guard<string | null>('abi-diff', null, () => abiDiffWithHead(doc, service.profile()));
      }
      case SERVER_COMMAND.listProfiles: {
        const result: ServerCommands[typeof SERVER_COMMAND.listProfiles]['result'] = BUILTIN_PROFILES.map((p) => ({
          id: p.id,
          label: p.label,
          source: p.source,
        }));
        return result;
      }
      default:
        return null;
    }
  });
}
