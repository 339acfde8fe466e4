/**
 * Entry point of the language server. The transport comes from the command
 * line (`--stdio`, `--node-ipc`, `--socket=N`), as vscode-languageserver reads it.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './languageserver/startServer';

startServer(createConnection(ProposedFeatures.all));
