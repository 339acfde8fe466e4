/**
 * The VS Code client: starts the language server, forwards settings and
 * commands, and shows what the server reports in the status bar. Everything
 * about libvirt lives in the server.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { detectDomainDocuments } from './languageDetection';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const output = vscode.window.createOutputChannel('libvirt Domain XML');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'libvirt-domain-xml' },
      { language: 'xml', scheme: 'file' },
      { language: 'xml', scheme: 'untitled' },
    ],
    synchronize: { configurationSection: 'domxml' },
    outputChannel: output,
    initializationOptions: { settings: vscode.workspace.getConfiguration('domxml') },
  };
  client = new LanguageClient('domxml', 'libvirt Domain XML', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('domxml.restartServer', async () => {
      await client?.restart();
    }),
    detectDomainDocuments(),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
