/**
 * A minimal LSP client for tests: spawns the built server (dist/server.js)
 * over stdio and collects published diagnostics.
 */
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import {
  createProtocolConnection,
  Diagnostic,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_OPTIONS } from '../server/src/serverNodeOptions';
import { REPO } from './helpers';

export class TestLspClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  /** window/logMessage lines the server sent */
  readonly log: string[] = [];
  private readonly waiters: { uri: string; version?: number; resolve: (d: Diagnostic[]) => void }[] = [];
  stderr = '';

  /** nodeOptions: the node flags the server starts with (default: those the VS Code client uses); env: added variables */
  constructor(args: string[] = ['--stdio'], nodeOptions: string[] = SERVER_NODE_OPTIONS, env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [...nodeOptions, path.join(REPO, 'dist', 'server.js'), ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    this.child.stderr!.on('data', (d) => (this.stderr += d));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      for (const w of this.waiters.filter((x) => x.uri === p.uri && (x.version === undefined || x.version === p.version))) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.log.push(p.message));
    this.connection.listen();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async initialize(initializationOptions?: unknown): Promise<unknown> {
    const r = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return r;
  }

  /** the next diagnostics published for uri (for the given document version, when one is given) */
  nextDiagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: (d) => (clearTimeout(t), resolve(d)) });
    });
  }

  open(uri: string, text: string, languageId = 'xml', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.on('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
