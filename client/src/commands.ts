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
      const text = await run(
        SERVER_COMMAND.expandedText,
        q.get('source') ?? '',
        q.get('mode') === 'migratable' ? 'migratable' : 'expanded',
      );
      return typeof text === 'string' ? text : '<!-- not a libvirt domain -->\n';
    },
  };

  async function showExpanded(mode: ExpandedMode) {
    const editor = activeDomainEditor();
    if (!editor) return;
    const source = editor.document.uri.toString();
    const right = vscode.Uri.from({
      scheme: EXPANDED_SCHEME,
      path: `/${mode}/${editor.document.uri.path.split('/').pop()}`,
      query: new URLSearchParams({ source, mode }).toString(),
    });
    const title = `${editor.document.uri.path.split('/').pop()} ↔ ${mode === 'migratable' ? 'dumpxml --migratable' : 'after define'}`;
    await vscode.commands.executeCommand('vscode.diff', editor.document.uri, right, title);
  }

  async function pin(addresses: boolean) {
    const editor = activeDomainEditor();
    if (!editor) return;
    const result = (await run(SERVER_COMMAND.pinAll, editor.document.uri.toString(), addresses)) as
      { edits: number; left: string[]; addressesLeft?: boolean } | number | null;
    const edits = typeof result === 'number' ? result : (result?.edits ?? 0);
    const left = typeof result === 'object' && result ? result.left : [];
    const rest =
      typeof result === 'object' && result?.addressesLeft
        ? ' Device addresses are left to libvirt: Pin All Device Addresses pins them.'
        : '';
    if (left.length)
      void vscode.window.showInformationMessage(
        `${edits ? 'Pinned.' : 'Nothing more to pin.'} Left to libvirt: ${left.join('; ')}.${rest}`,
      );
    else if (edits === 0)
      void vscode.window.showInformationMessage(`Nothing to pin: libvirt fills in nothing here that is not already written.${rest}`);
  }

  async function selectProfile() {
    const profiles = (await run(SERVER_COMMAND.listProfiles)) ?? [];
    const items: (vscode.QuickPickItem & { id: string })[] = [
      { id: 'local', label: '$(vm) Local host', description: "this machine's libvirt, read with virsh" },
      ...profiles.map((p) => ({ id: p.id, label: p.label, detail: p.source })),
      { id: 'custom', label: '$(edit) Custom versions…', description: 'give the libvirt and QEMU versions' },
    ];
    const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Target libvirt/QEMU the domain will be defined on' });
    if (!pick) return;
    const c = vscode.workspace.getConfiguration('domxml');
    const target = vscode.ConfigurationTarget.Workspace;
    if (pick.id !== 'custom') {
      // explicit versions override the profile: clear them, or the pick would change nothing
      if (c.get('libvirt')) await c.update('libvirt', undefined, target);
      if (c.get('qemu')) await c.update('qemu', undefined, target);
      await c.update('profile', pick.id, target);
      return;
    }
    const ask = (what: string, placeHolder: string) =>
      vscode.window.showInputBox({
        prompt: `Target ${what} version`,
        placeHolder,
        value: c.get<string>(what === 'libvirt' ? 'libvirt' : 'qemu') || undefined,
        validateInput: (v) => (/^\d+\.\d+(\.\d+)?$/.test(v) ? undefined : `'${v}' is not a version like ${placeHolder}`),
      });
    const libvirt = await ask('libvirt', '9.0.0');
    if (!libvirt) return;
    const qemu = await ask('QEMU', '7.2.0');
    if (!qemu) return;
    await c.update('libvirt', libvirt, target);
    await c.update('qemu', qemu, target);
    await c.update('profile', 'custom', target);
  }

  /** sets the migration floor; quick fixes pass the version and which component ('libvirt' or 'qemu') */
  async function setFloor(version?: string, component: 'libvirt' | 'qemu' = 'libvirt') {
    const key = `floor.${component}`;
    const v =
      version ??
      (await vscode.window.showInputBox({
        prompt: `Oldest ${component === 'qemu' ? 'QEMU' : 'libvirt'} the domain must still work on (empty for none)`,
        placeHolder: '6.0.0',
        value: vscode.workspace.getConfiguration(SETTINGS_SECTION).get(key),
      }));
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
    vscode.commands.registerCommand(CLIENT_COMMANDS.abiDiffHead, async () => {
      const editor = activeDomainEditor();
      if (!editor) return;
      const report = await run(SERVER_COMMAND.abiDiffHead, editor.document.uri.toString());
      if (typeof report !== 'string') return void vscode.window.showWarningMessage('Not a libvirt domain XML document.');
      const md = await vscode.workspace.openTextDocument({ language: 'markdown', content: report });
      await vscode.commands.executeCommand('markdown.showPreview', md.uri);
    }),
  ];
}
