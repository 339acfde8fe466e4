/**
 * Tag auto-closing: after `>` or `/` is typed in a domain document, asks the
 * server (`domxml/autoClose`) for the closing tag and inserts it as a snippet,
 * the cursor staying where it was typed. The server decides; this only types.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';

const LANGUAGES = new Set(['libvirt-domain-xml', 'xml']);

export function autoCloseTags(client: () => LanguageClient): vscode.Disposable {
  let pending: NodeJS.Timeout | undefined;
  return vscode.workspace.onDidChangeTextDocument((e) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== e.document || !LANGUAGES.has(e.document.languageId) || e.contentChanges.length !== 1) return;
    if (!vscode.workspace.getConfiguration('domxml', e.document).get('autoCloseTags', true)) return;
    const change = e.contentChanges[0];
    const typed = change.text;
    if ((typed !== '>' && typed !== '/') || change.rangeLength !== 0) return;
    const position = change.range.start.translate(0, 1);
    const version = e.document.version;
    if (pending) clearTimeout(pending);
    pending = setTimeout(async () => {
      const snippet = await client()
        .sendRequest<string | null>('domxml/autoClose', {
          textDocument: { uri: e.document.uri.toString() },
          position: { line: position.line, character: position.character },
          typed,
        })
        .catch(() => null);
      const now = vscode.window.activeTextEditor;
      if (!snippet || now !== editor || e.document.version !== version || !now.selection.active.isEqual(position)) return;
      await now.insertSnippet(new vscode.SnippetString(snippet), position);
    }, 50);
  });
}
