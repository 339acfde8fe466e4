/** Tells the client which target profile and migration floor are active (shown in its status bar and log). */
import { Connection } from 'vscode-languageserver';
import { LanguageService } from '../languageservice/languageService';
import { ServerStatus, STATUS_NOTIFICATION } from '../protocol';

let lastSchemaError: string | undefined;

export function sendStatus(connection: Connection, service: LanguageService): void {
  const p = service.profile();
  const sc = service.schema();
  const status: ServerStatus = {
    profileId: p.id,
    profileLabel: p.label,
    profileSource: p.source,
    floor: service.settings().floor,
    schema: { directory: sc.directory, loaded: !!sc.schema, error: sc.error, loadMs: sc.loadMs },
  };
  void connection.sendNotification(STATUS_NOTIFICATION, status);
  connection.console.log(
    `domxml: target profile ${p.label} (${p.source})${status.floor?.libvirt ? `; migration floor libvirt ${status.floor.libvirt}` : ''}`,
  );
  if (sc.schema) connection.console.log(`domxml: schema ${sc.directory}/domain.rng loaded in ${sc.loadMs} ms`);
  else if (sc.error !== lastSchemaError) {
    // said once per distinct problem; every other feature keeps working
    connection.console.warn(`domxml: schema validation is off: ${sc.error}`);
    void connection.window.showWarningMessage(`libvirt Domain XML: schema validation is off: ${sc.error}`);
  }
  lastSchemaError = sc.error;
}
