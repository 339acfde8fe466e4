/** Tells the client which target profile and migration floor are active (shown in its status bar and log). */
import { Connection } from 'vscode-languageserver';
import { LanguageService } from '../languageservice/languageService';

export const STATUS_NOTIFICATION = 'domxml/status';

export interface ServerStatus {
  profileId: string;
  profileLabel: string;
  profileSource: string;
  floor?: { libvirt?: string; qemu?: string };
}

export function sendStatus(connection: Connection, service: LanguageService): void {
  const p = service.profile();
  const status: ServerStatus = { profileId: p.id, profileLabel: p.label, profileSource: p.source, floor: service.settings().floor };
  void connection.sendNotification(STATUS_NOTIFICATION, status);
  connection.console.log(`domxml: target profile ${p.label} (${p.source})${status.floor?.libvirt ? `; migration floor libvirt ${status.floor.libvirt}` : ''}`);
}
