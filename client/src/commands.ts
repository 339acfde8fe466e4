/** Palette commands: each forwards to the server or edits a setting. */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, ExpandedMode, SERVER_COMMAND, ServerCommand, ServerCommands, SETTINGS_SECTION } from '../../server/src/protocol';

const EXPANDED_SCHEME = 'domxml-expanded';

function activeDomainEditor(): vscode.TextEditor | undefined {
  const e = vscode.window.activeTextEditor;
  if (!e) void vscode.window.showWarningMessage('Open a libvirt domain XML file first.');
  return e;
}

export function registerClientCommands(client: () => LanguageClient): vscode.Disposable[] {
  /** runs a server command with its typed arguments; the result is the server's (protocol.ts ServerCommands) */
  const run = <C extends ServerCommand>(command: C, ...args: ServerCommands[C]['args']): Promise<ServerCommands[C]['result'] | undefined> =>
    client().sendRequest(ExecuteCommandRequest.type, { command, arguments: args });

  const expandedProvider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const q = new URLSearchParams(uri.query);
      const text = await run(SERVER_COMMAND.expandedText, q.get('source') ?? '', q.get('mode') === 'migratable' ? 'migratable' : 'expanded');
      return typeof text === 'string' ? text : '<!-- not a libvirt domain -->\n';
    },
  };

  async function showExpanded(mode: ExpandedMode) {
    const editor = activeDomainEditor();
    if (!editor) return;
    const source = editor.document.uri.toString();
    const right = vscode.Uri.from({ scheme: EXPANDED_SCHEME, path: `/${mode}/${editor.document.uri.path.split('/').pop()}`, query: new URLSearchParams({ source, mode }).toString() });
    const title = `${editor.document.uri.path.split('/').pop()} ↔ ${mode === 'migratable' ? 'dumpxml --migratable' : 'after define'}`;
    await vscode.commands.executeCommand('vscode.diff', editor.document.uri, right, title);
  }

  async function pin(addresses: boolean) {
    const editor = activeDomainEditor();
    if (!editor) return;
    const result = await run(SERVER_COMMAND.pinAll, editor.document.uri.toString(), addresses);
    if (result === 0) void vscode.window.showInformationMessage('Nothing to pin: libvirt fills in nothing here that is not already written.');
  }

  async function selectProfile() {
    const profiles = (await run(SERVER_COMMAND.listProfiles)) ?? [];
    const items: (vscode.QuickPickItem & { id: string })[] = [
      { id: 'local', label: '$(vm) Local host', description: "this machine's libvirt, read with virsh" },
      ...profiles.map((p) => ({ id: p.id, label: p.label, detail: p.source })),
    ];
    const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Target libvirt/QEMU the domain will be defined on' });
    if (pick) await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('profile', pick.id, vscode.ConfigurationTarget.Workspace);
  }

  /** sets the migration floor; quick fixes pass the version and which component ('libvirt' or 'qemu') */
  async function setFloor(version?: string, component: 'libvirt' | 'qemu' = 'libvirt') {
    const key = `floor.${component}`;
    const v = version ?? (await vscode.window.showInputBox({ prompt: `Oldest ${component === 'qemu' ? 'QEMU' : 'libvirt'} the domain must still work on (empty for none)`, placeHolder: '6.0.0', value: vscode.workspace.getConfiguration(SETTINGS_SECTION).get(key) }));
    if (v === undefined) return;
    if (v && !/^\d+\.\d+(\.\d+)?$/.test(v)) return void vscode.window.showErrorMessage(`'${v}' is not a version like 6.0.0`);
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, v, vscode.ConfigurationTarget.Workspace);
  }

  return [
    vscode.workspace.registerTextDocumentContentProvider(EXPANDED_SCHEME, expandedProvider),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showExpanded, () => showExpanded('expanded')),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showMigratable, () => showExpanded('migratable')),
    vscode.commands.registerCommand(CLIENT_COMMANDS.pinAll, () => pin(false)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.pinAddresses, () => pin(true)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.selectProfile, selectProfile),
    vscode.commands.registerCommand(CLIENT_COMMANDS.setFloor, setFloor),
    vscode.commands.registerCommand(CLIENT_COMMANDS.restartServer, () => client().restart()),
  ];
}
