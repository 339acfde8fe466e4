/**
 * The VS Code client: starts the language server, forwards settings and
 * commands, and shows what the server reports in the status bar. Everything
 * about libvirt lives in the server.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_NODE_OPTIONS } from '../../server/src/serverNodeOptions';
import { registerClientCommands } from './commands';
import { autoCloseTags } from './autoClose';
import { detectDomainDocuments } from './languageDetection';
import { ProfileStatus } from './profileStatus';

let client: LanguageClient | undefined;

/** settings as the server reads them: `floor.libvirt` etc. become nested objects */
function serverSettings(): unknown {
  const c = vscode.workspace.getConfiguration('domxml');
  return {
    profile: c.get('profile') || undefined,
    libvirt: c.get('libvirt') || undefined,
    qemu: c.get('qemu') || undefined,
    floor: { libvirt: c.get('floor.libvirt') || undefined, qemu: c.get('floor.qemu') || undefined },
    severities: c.get('severities') ?? {},
    schemaDirectory: c.get('schemaDirectory') || undefined,
    hideUnsupported: c.get('hideUnsupported') ?? false,
    defaults: c.get('defaults') || undefined,
    caps: c.get('caps') || undefined,
    domcaps: c.get<string[]>('domcaps')?.length ? c.get<string[]>('domcaps') : undefined,
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_OPTIONS } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6019'] },
    },
  };
  const output = vscode.window.createOutputChannel('libvirt Domain XML');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'libvirt-domain-xml' }, { language: 'xml', scheme: 'file' }, { language: 'xml', scheme: 'untitled' }],
    outputChannel: output,
    // read again at each (re)start: granting trust restarts the server, which then may run virsh and git
    initializationOptions: () => ({ settings: serverSettings(), trusted: vscode.workspace.isTrusted }),
    middleware: {
      workspace: {
        // answer the server's workspace/configuration request with the nested shape it expects
        configuration: (params, token, next) =>
          params.items.some((i) => i.section === 'domxml')
            ? params.items.map((i) => (i.section === 'domxml' ? serverSettings() : null))
            : next(params, token),
      },
    },
  };
  client = new LanguageClient('domxml', 'libvirt Domain XML', serverOptions, clientOptions);
  const status = new ProfileStatus(client);

  context.subscriptions.push(
    status,
    detectDomainDocuments(),
    ...registerClientCommands(() => client!),
    autoCloseTags(() => client!),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('domxml'))
        void client?.sendNotification('workspace/didChangeConfiguration', { settings: { domxml: serverSettings() } });
    }),
  );
  await client.start();
  status.listen();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
