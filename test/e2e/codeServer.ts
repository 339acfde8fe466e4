/**
 * Starts and stops a real VS Code (code-server, VS Code 1.99 in the browser)
 * for end-to-end tests.
 *
 * code-server is installed by scripts/e2e/setup-code-server.sh into
 * ${DOMXML_E2E_CACHE:-~/.cache/domxml-e2e}; point DOMXML_E2E_CODE_SERVER at
 * another `out/node/entry.js` to use a different install.
 *
 * Every server gets a fresh user-data-dir, extensions-dir and config file in a
 * temporary folder, binds to 127.0.0.1 on a port the OS picks (port 0, read
 * back from the server's log, so there is no race for a "free" port), and runs
 * in its own process group so that stop() also ends the extension host and the
 * language servers it spawned.
 */
import { ChildProcess, execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';

export const CODE_SERVER_VERSION = '4.99.4';

/** User settings every test server starts with: no welcome page, tips, trust prompt, update or telemetry traffic. */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'editor.hover.delay': 300,
  // Keep the editor predictable for keyboard-driven tests.
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.parameterHints.enabled': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'workbench.editor.enablePreview': false,
};

export interface CodeServerOptions {
  /** Folder opened as the workspace (must exist). */
  workspace: string;
  /** .vsix files installed into the fresh extensions-dir before the server starts. */
  vsix?: string[];
  /** User settings, merged over DEFAULT_SETTINGS. */
  settings?: Record<string, unknown>;
  /** code-server's `out/node/entry.js`; default: $DOMXML_E2E_CODE_SERVER or the setup script's cache. */
  entry?: string;
  /** How long to wait for the server to answer (default 60 s). */
  startTimeoutMs?: number;
  /** Keep the temporary user-data/extensions dirs after stop() (default: $DOMXML_E2E_KEEP === '1'). */
  keepTempDirs?: boolean;
  /** Extra environment for the server (and so for the extension host). */
  env?: NodeJS.ProcessEnv;
}

/** Where scripts/e2e/setup-code-server.sh puts code-server's entry point. */
export function codeServerEntry(): string {
  if (process.env.DOMXML_E2E_CODE_SERVER) {
    return process.env.DOMXML_E2E_CODE_SERVER;
  }
  const cache = process.env.DOMXML_E2E_CACHE || path.join(os.homedir(), '.cache', 'domxml-e2e');
  return path.join(cache, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** The repository root (the folder holding this project's package.json). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'libvirt-domain-xml') {
          return dir;
        }
      } catch {
        /* keep looking */
      }
    }
    const up = path.dirname(dir);
    if (up === dir) {
      return process.cwd();
    }
    dir = up;
  }
}

/** test-artifacts/e2e/ under the repository root (created on demand). */
export function artifactsDir(): string {
  const dir = process.env.DOMXML_E2E_ARTIFACTS || path.join(repoRoot(), 'test-artifacts', 'e2e');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function runNode(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`;
      if (err) {
        reject(new Error(`${path.basename(args[0])} ${args.slice(1).join(' ')} failed: ${err.message}\n${out}`));
      } else {
        resolve(out);
      }
    });
  });
}

function serverEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  // A code-server started from inside another one (or from a VS Code
  // terminal) would otherwise try to talk to the parent over its IPC socket.
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.VSCODE_PROXY_URI;
  delete env.CODE_SERVER_PARENT_PID;
  delete env.ELECTRON_RUN_AS_NODE;
  // code-server lets $PORT override --bind-addr's port.
  delete env.PORT;
  return env;
}

/**
 * Installs .vsix files with `code-server --install-extension` into the given
 * dirs. Works offline (no marketplace lookup for a vsix without dependencies).
 */
export async function installExtensions(
  vsix: string[],
  dirs: { userDataDir: string; extensionsDir: string; configFile: string },
  entry = codeServerEntry(),
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  if (vsix.length === 0) {
    return '';
  }
  const args = [entry, '--config', dirs.configFile, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
  for (const v of vsix) {
    const abs = path.resolve(v);
    if (!fs.existsSync(abs)) {
      throw new Error(`vsix not found: ${abs}`);
    }
    args.push('--install-extension', abs);
  }
  args.push('--force');
  const out = await runNode(args, serverEnv(env), 120_000);
  const installed = (out.match(/successfully installed/gi) || []).length;
  if (installed < vsix.length) {
    throw new Error(`installing ${vsix.join(', ')}: only ${installed} reported installed:\n${out}`);
  }
  return out;
}

function httpGet(url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout GET ${url}`)));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Every live server, so a crashing test run still kills them on exit. */
const live = new Set<CodeServer>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) {
    return;
  }
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of live) {
      s.killNow();
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const s of live) {
        s.killNow();
      }
      process.exit(130);
    });
  }
}

export class CodeServer {
  private output = '';
  private exited = false;
  private readonly exitPromise: Promise<void>;

  private constructor(
    private readonly proc: ChildProcess,
    readonly tempDir: string,
    readonly userDataDir: string,
    readonly extensionsDir: string,
    readonly workspace: string,
    private readonly keepTempDirs: boolean,
  ) {
    this.exitPromise = new Promise((resolve) => proc.once('exit', () => resolve()));
    proc.once('exit', () => (this.exited = true));
    const collect = (b: Buffer) => {
      this.output += b.toString('utf8');
      if (this.output.length > 2_000_000) {
        this.output = this.output.slice(-1_000_000);
      }
    };
    proc.stdout?.on('data', collect);
    proc.stderr?.on('data', collect);
  }

  /** Port the server listens on (127.0.0.1). */
  port = 0;

  /** http://127.0.0.1:PORT */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** URL of the workbench for a folder (default: the workspace). */
  folderUrl(folder: string = this.workspace): string {
    return `${this.url}/?folder=${encodeURIComponent(path.resolve(folder)).replace(/%2F/g, '/')}`;
  }

  /** Everything the server printed so far. */
  logs(): string {
    return this.output;
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  /** Log files VS Code wrote (exthost, remote agent, ...) concatenated, for debugging failures. */
  vscodeLogs(): string {
    const root = path.join(this.userDataDir, 'logs');
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) {
          walk(p);
        } else if (e.name.endsWith('.log')) {
          out.push(`==== ${path.relative(root, p)}\n${fs.readFileSync(p, 'utf8')}`);
        }
      }
    };
    walk(root);
    return out.join('\n');
  }

  static async start(options: CodeServerOptions): Promise<CodeServer> {
    const entry = options.entry ?? codeServerEntry();
    if (!fs.existsSync(entry)) {
      throw new Error(`code-server not found at ${entry}: run scripts/e2e/setup-code-server.sh first`);
    }
    const workspace = path.resolve(options.workspace);
    if (!fs.statSync(workspace).isDirectory()) {
      throw new Error(`workspace is not a folder: ${workspace}`);
    }
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-e2e-'));
    const userDataDir = path.join(tempDir, 'user-data');
    const extensionsDir = path.join(tempDir, 'extensions');
    const configFile = path.join(tempDir, 'config.yaml');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    // An explicit (empty) config file: otherwise code-server creates and reads ~/.config/code-server/config.yaml.
    fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2),
    );
    const keep = options.keepTempDirs ?? process.env.DOMXML_E2E_KEEP === '1';

    try {
      await installExtensions(options.vsix ?? [], { userDataDir, extensionsDir, configFile }, entry, options.env);
    } catch (e) {
      if (!keep) {
        fs.rmSync(tempDir, { recursive: true, force: true });
      }
      throw e;
    }

    const args = [
      entry,
      '--config',
      configFile,
      '--auth',
      'none',
      '--bind-addr',
      '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-proxy',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      workspace,
    ];
    const proc = spawn(process.execPath, args, {
      env: serverEnv(options.env),
      cwd: workspace,
      detached: true, // own process group: stop() kills the extension host and language servers too
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new CodeServer(proc, tempDir, userDataDir, extensionsDir, workspace, keep);
    installExitHook();
    live.add(server);
    try {
      await server.waitUntilServing(options.startTimeoutMs ?? 60_000);
    } catch (e) {
      await server.stop();
      throw e;
    }
    return server;
  }

  private async waitUntilServing(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // 1. the port, from "HTTP server listening on http://127.0.0.1:PORT/"
    while (!this.port) {
      const m = /HTTP server listening on https?:\/\/[^\s:]+:(\d+)/.exec(this.output);
      if (m) {
        this.port = Number(m[1]);
        break;
      }
      if (this.exited) {
        throw new Error(`code-server exited before listening:\n${this.output}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`code-server did not start listening within ${timeoutMs} ms:\n${this.output}`);
      }
      await sleep(100);
    }
    // 2. it answers: /healthz, then the workbench page itself.
    let last = '';
    while (Date.now() < deadline) {
      if (this.exited) {
        throw new Error(`code-server exited:\n${this.output}`);
      }
      try {
        const health = await httpGet(`${this.url}/healthz`, 5000);
        if (health.status === 200) {
          const page = await httpGet(this.folderUrl(), 10_000);
          if (page.status === 200 && page.body.includes('workbench')) {
            return;
          }
          last = `GET / -> ${page.status}`;
        } else {
          last = `GET /healthz -> ${health.status}`;
        }
      } catch (e) {
        last = String(e);
      }
      await sleep(200);
    }
    throw new Error(`code-server on port ${this.port} not serving within ${timeoutMs} ms (${last}):\n${this.output}`);
  }

  private groupAlive(): boolean {
    try {
      process.kill(-this.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  private signalGroup(sig: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, sig);
    } catch {
      /* already gone */
    }
  }

  /** Synchronous last-resort kill (used from process 'exit'). */
  killNow(): void {
    if (this.pid > 0) {
      this.signalGroup('SIGKILL');
    }
    live.delete(this);
  }

  /**
   * Stops the server and everything it started (SIGTERM to the process
   * group, SIGKILL after 5 s), then removes the temporary dirs.
   */
  async stop(): Promise<void> {
    if (this.pid > 0 && this.groupAlive()) {
      this.signalGroup('SIGTERM');
      const deadline = Date.now() + 5000;
      while (this.groupAlive() && Date.now() < deadline) {
        await sleep(100);
      }
      if (this.groupAlive()) {
        this.signalGroup('SIGKILL');
        const hard = Date.now() + 5000;
        while (this.groupAlive() && Date.now() < hard) {
          await sleep(100);
        }
      }
    }
    await Promise.race([this.exitPromise, sleep(2000)]);
    live.delete(this);
    if (!this.keepTempDirs) {
      fs.rmSync(this.tempDir, { recursive: true, force: true, maxRetries: 3 });
    }
  }
}

/**
 * Creates a temporary workspace folder with the given files (relative path ->
 * content) and, if `fixture` is given, a copy of that folder first. Tests edit
 * the copy, never the repository's fixtures.
 */
export function makeWorkspace(files: Record<string, string> = {}, fixture?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-e2e-ws-'));
  if (fixture) {
    fs.cpSync(fixture, dir, { recursive: true });
  }
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dir;
}

/** Starts code-server for `options.workspace`; see CodeServer.start. */
export function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  return CodeServer.start(options);
}
