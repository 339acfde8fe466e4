/**
 * The protocol between the VS Code client, the language server and the CLI:
 * palette commands, commands the server executes, the status notification,
 * the settings section and the diagnostic codes. One module, imported by
 * client/src and server/src alike (it has no imports, so either bundle can
 * take it), so that a name is written once and its payload is a type.
 */

/** the settings section (`domxml.profile`, `domxml.floor.libvirt`, ...) */
export const SETTINGS_SECTION = 'domxml';

/** the palette commands the client contributes (package.json `contributes.commands`) */
export const CLIENT_COMMANDS = {
  showExpanded: 'domxml.showExpanded',
  showMigratable: 'domxml.showMigratable',
  pinAll: 'domxml.pinAll',
  pinAddresses: 'domxml.pinAddresses',
  selectProfile: 'domxml.selectProfile',
  setFloor: 'domxml.setFloor',
  restartServer: 'domxml.restartServer',
  abiDiffHead: 'domxml.abiDiffHead',
} as const;
/** @public */
export type ClientCommand = (typeof CLIENT_COMMANDS)[keyof typeof CLIENT_COMMANDS];

/** the commands the server executes for the client (workspace/executeCommand) */
export const SERVER_COMMAND = {
  expandedText: 'domxml.server.expandedText',
  listProfiles: 'domxml.server.listProfiles',
  pinAll: 'domxml.server.pinAll',
  abiDiffHead: 'domxml.server.abiDiffHead',
} as const;
export type ServerCommand = (typeof SERVER_COMMAND)[keyof typeof SERVER_COMMAND];

export type ExpandedMode = 'expanded' | 'migratable';

/** a built-in profile as the profile picker shows it */
export interface ProfileSummary {
  id: string;
  label: string;
  source: string;
}

/** each server command's arguments and result */
export interface ServerCommands {
  [SERVER_COMMAND.expandedText]: { args: [uri: string, mode: ExpandedMode]; result: string | null };
  [SERVER_COMMAND.listProfiles]: { args: []; result: ProfileSummary[] };
  /** applies the pin edits through the client; answers how many edits were made */
  [SERVER_COMMAND.pinAll]: { args: [uri: string, addresses: boolean]; result: number };
  /** compares the open document with its git HEAD version (domxml abi-diff --git HEAD); a markdown report, null when not possible */
  [SERVER_COMMAND.abiDiffHead]: { args: [uri: string]; result: string | null };
}

/** the server tells the client which target profile and migration floor are active */
export const STATUS_NOTIFICATION = 'domxml/status';

export interface ServerStatus {
  profileId: string;
  profileLabel: string;
  profileSource: string;
  floor?: { libvirt?: string; qemu?: string };
  /** the schema folder in use, or why validation against the schema is off */
  schema: { directory: string; loaded: boolean; error?: string; loadMs?: number };
}

/** every diagnostic code (the rule registry's ids; test/unit/ruleTable.test.ts keeps them equal) */
export const RULE_CODES = [
  'syntax',
  'schema',
  'define-reject',
  'define-drop',
  'version-reject',
  'version-drop',
  'version-qemu',
  'migration-note',
  'no-effect',
  'not-a-domain',
  'abi-default',
  'abi-address',
  'abi-generated',
  'internal-error',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];
