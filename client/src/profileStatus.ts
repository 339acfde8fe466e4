/** The status bar item: the active target profile and migration floor; click to switch. */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, ServerStatus, STATUS_NOTIFICATION } from '../../server/src/protocol';

export class ProfileStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('domxml.profile', vscode.StatusBarAlignment.Right, 100);

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'libvirt target profile';
    this.item.command = CLIENT_COMMANDS.selectProfile;
    this.item.text = '$(server) libvirt: …';
    this.item.show();
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
    this.item.dispose();
  }
}
