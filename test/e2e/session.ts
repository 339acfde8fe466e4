/**
 * One code-server + Chromium workbench per `describe` block: started before
 * its tests, screenshots and VS Code's logs kept for a failed test, and
 * everything stopped and removed after the block.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Browser } from 'playwright-core';
import { launchBrowser, Workbench } from './browser';
import { artifactsDir, CodeServer, CodeServerOptions, startCodeServer } from './codeServer';

export interface WorkbenchSession {
  readonly wb: Workbench;
  readonly server: CodeServer;
  /** the workspace folder code-server opened */
  readonly workspace: string;
}

/**
 * Registers the block's hooks. `options` builds the workspace and the server
 * options (it may call `this.skip()`); folders it lists in `alsoRemove` are
 * removed after the block along with the workspace.
 */
export function useWorkbench(
  label: string,
  options: (this: Mocha.Context, alsoRemove: string[]) => Promise<CodeServerOptions> | CodeServerOptions,
): WorkbenchSession {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench | undefined;
  let workspace = '';
  const remove: string[] = [];

  before(async function () {
    const o = await options.call(this, remove);
    workspace = o.workspace;
    remove.push(workspace);
    server = await startCodeServer(o);
    browser = await launchBrowser();
    wb = await Workbench.open(browser, server);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      await wb.saveDebugArtifacts(`FAILED-${label}-${this.currentTest.title}`);
      fs.writeFileSync(path.join(artifactsDir(), `FAILED-${label}-vscode-logs.txt`), server?.vscodeLogs() ?? '');
    }
  });

  after(async function () {
    await wb?.close();
    await browser?.close();
    await server?.stop();
    for (const d of remove) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  const started = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`the ${what} is not started (the block's before hook failed or was skipped)`);
    return x;
  };
  return {
    get wb() {
      return started(wb, 'workbench');
    },
    get server() {
      return started(server, 'code-server');
    },
    get workspace() {
      return workspace;
    },
  };
}
