/** The status bar item: the active target profile and migration floor; click to switch. Shown only while a domain document is active. */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { isDomainDocument } from './languageDetection';
import { CLIENT_COMMANDS, ServerStatus, STATUS_NOTIFICATION } from '../../server/src/protocol';

export class ProfileStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('domxml.profile', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'libvirt target profile';
    this.item.command = CLIENT_COMMANDS.selectProfile;
    this.item.text = '$(server) libvirt: …';
    this.update();
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidOpenTextDocument(() => this.update()),
      // a document becomes a domain as its root element is typed, or its language changes
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.update();
      }),
    );
  }

  /** shows the item for a domain document in the active editor (not for pom.xml, nor a libvirt <network>) */
  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && isDomainDocument(doc)) this.item.show();
    else this.item.hide();
  }

  listen(): void {
    this.client.onNotification(STATUS_NOTIFICATION, (s: ServerStatus) => {
      const floor = s.floor?.libvirt ? ` ≥ ${s.floor.libvirt}` : '';
      this.item.text = `$(server) ${s.profileLabel.replace(/ \(.*$/, '')}${floor}${s.schema.loaded ? '' : ' $(warning)'}`;
      this.item.tooltip = `Target: ${s.profileLabel}\nFrom: ${s.profileSource}${s.floor?.libvirt ? `\nMigration floor: libvirt ${s.floor.libvirt}${s.floor.qemu ? `, QEMU ${s.floor.qemu}` : ''}` : '\nNo migration floor'}\n${s.schema.loaded ? `Schema: ${s.schema.directory}` : `Schema validation off: ${s.schema.error}`}\nClick to switch.`;
      this.client.outputChannel.appendLine(`target profile: ${s.profileLabel} (${s.profileSource})`);
    });
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.item.dispose();
  }
}
