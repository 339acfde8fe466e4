/**
 * Drives the VS Code workbench served by code-server in Debian's headless
 * Chromium through playwright-core (no browser download: /usr/bin/chromium).
 *
 * Everything is done the way a person would do it — keyboard shortcuts, the
 * command palette, Quick Open, the Problems panel — and read back from the
 * DOM of VS Code 1.99. The selectors used are collected in SELECTORS below.
 *
 * Page callbacks (page.evaluate / $$eval) run in the browser; the repo's
 * tsconfig has no DOM lib, so they reach `document` through `globalThis`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { artifactsDir, CodeServer } from './codeServer';

/** Chromium flags: no sandbox (root), no GPU, no traffic to Google services (the network is closed). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

/** DOM selectors that work in VS Code 1.99 (code-server 4.99.4). */
export const SELECTORS = {
  workbench: '.monaco-workbench',
  statusBar: '.monaco-workbench .part.statusbar',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  /** rows; aria-label "settings.json .vscode, file results" / "Problems: Focus on Problems View, Ctrl+..." */
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  /** the row's main label: a file name, or "Category: Command Title" */
  quickInputRowLabel: '.label-name',
  activeTabLabel: '.editor-group-container.active .tabs-container .tab.active .label-name',
  /** aria-label = absolute path of the active editor's file (+ " • N problems in this file" when it has errors/warnings) */
  activeTabPath: '.editor-group-container.active .tabs-container .tab.active .monaco-icon-label',
  activeEditor: '.editor-group-container.active .editor-instance .monaco-editor',
  editorLines: '.view-lines',
  problemsPanel: '.markers-panel',
  /** file rows have aria-level=1, marker rows aria-level=2, related information aria-level=3 */
  problemsRow: '.markers-panel .monaco-list-row',
  problemIcon: '.marker-icon', // + class error | warning | info
  problemMessage: '.marker-message',
  problemSource: '.marker-source',
  problemCode: '.marker-code',
  problemLine: '.marker-line', // "[Ln 1, Col 9]"
  hover: '.monaco-editor .monaco-hover:not(.hidden)',
  hoverRow: '.monaco-hover-content .hover-row', // .status-bar row holds "View Problem" / "Quick Fix..."
  actionWidget: '.action-widget',
  /** quick fix rows; aria-label is the code action title */
  actionWidgetRow: '.action-widget .monaco-list-row.action',
  cursorStatus: '#status\\.editor\\.selection', // "Ln 2, Col 8" or "Ln 4, Col 1 (28 selected)"
  languageStatus: '#status\\.editor\\.mode', // "JSON with Comments"
  problemsStatus: '#status\\.problems',
  notificationToast: '.notifications-toasts .notification-toast',
  notificationMessage: '.notifications-toasts .notification-toast .notification-list-item-message',
  /** every status bar entry; extension items have id "publisher.extension.itemId" */
  statusBarItem: '.part.statusbar .statusbar-item',
  /** the active group's diff editor: .editor.original (left) and .editor.modified (right) */
  diffEditor: '.editor-group-container.active .editor-instance .monaco-diff-editor',
} as const;

export interface LaunchOptions {
  headless?: boolean;
  executablePath?: string;
  args?: string[];
}

/** Chromium used for the tests: $DOMXML_E2E_CHROMIUM or Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.DOMXML_E2E_CHROMIUM || '/usr/bin/chromium';
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? chromiumPath();
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run scripts/e2e/setup-code-server.sh (installs Debian's chromium)`);
  }
  return chromium.launch({
    executablePath,
    headless: options.headless ?? process.env.DOMXML_E2E_HEADED !== '1',
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    timeout: 60_000,
  });
}

export interface Problem {
  /** absolute path of the file the problem is in */
  file: string;
  /** 'error' | 'warning' | 'info' (VS Code does not list hints in the Problems panel) */
  severity: 'error' | 'warning' | 'info' | string;
  message: string;
  source: string;
  code: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  /** the row's visible text, one space between parts: "Property expected json 513 [Ln 1, Col 9]" */
  text: string;
  /** "Error: Property expected at line 1 and character 9. generated by json" */
  ariaLabel: string;
  /** the row's icon is the light bulb: VS Code knows a quick fix for it (shown for the selected row only) */
  quickFix: boolean;
}

/** Where to put the cursor: a column (1-based), or the first occurrence of `text` on the line (+ offset chars). */
export type LinePosition = number | string | { text: string; offset?: number; occurrence?: number };

export interface WorkbenchOptions {
  viewport?: { width: number; height: number };
  /** Time allowed for the workbench to come up (default 90 s). */
  readyTimeoutMs?: number;
}

interface QuickInputRow {
  index: number;
  focused: boolean;
  /** file name, or "Category: Command Title" */
  label: string;
  aria: string;
  /** a file's folder relative to the workspace ('' at its root) */
  description: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export class Workbench {
  /** console errors and uncaught page errors, for failure reports */
  readonly consoleErrors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly folder: string,
  ) {}

  /**
   * Opens the workbench for `folder` (default: the server's workspace) in a
   * new browser context and waits until it is ready.
   */
  static async open(browser: Browser, server: CodeServer | string, folder?: string, options: WorkbenchOptions = {}): Promise<Workbench> {
    const url = typeof server === 'string' ? server : folder ? server.folderUrl(folder) : server.folderUrl();
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1400, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const wb = new Workbench(context, page, folder ?? (typeof server === 'string' ? '' : server.workspace));
    page.on('console', (m) => {
      if (m.type() === 'error') {
        wb.consoleErrors.push(m.text());
      }
    });
    page.on('pageerror', (e) => wb.consoleErrors.push(`pageerror: ${e.message}`));
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await wb.waitReady(options.readyTimeoutMs ?? 90_000);
    return wb;
  }

  /**
   * Ready = workbench parts rendered and the remote file system connected
   * (the Explorer lists the folder's files; skipped for an empty folder).
   */
  async waitReady(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const left = () => Math.max(1000, deadline - Date.now());
    await this.page.waitForSelector(SELECTORS.workbench, { timeout: left() });
    await this.page.waitForSelector(SELECTORS.statusBar, { timeout: left() });
    await this.page.waitForSelector('.monaco-workbench .part.editor', { timeout: left() });
    const hasFiles = this.folder !== '' && fs.existsSync(this.folder) && fs.readdirSync(this.folder).length > 0;
    if (hasFiles) {
      await this.page.waitForSelector(SELECTORS.explorerRow, { timeout: left() });
    }
    // Let the layout settle (the first keystrokes can otherwise be lost while
    // the workbench restores its views).
    await sleep(500);
  }

  // ------------------------------------------------------------ quick input

  private async closeQuickInput(): Promise<void> {
    for (let i = 0; i < 3 && (await this.page.isVisible(SELECTORS.quickInput)); i++) {
      await this.page.keyboard.press('Escape');
      await sleep(100);
    }
  }

  /** Opens Quick Open (Ctrl+P) or the command palette (F1) and sets its text. */
  private async openQuickInput(key: 'Control+P' | 'F1', value: string): Promise<void> {
    await this.closeQuickInput();
    for (let attempt = 0; ; attempt++) {
      await this.page.keyboard.press(key);
      try {
        await this.page.waitForSelector(SELECTORS.quickInputBox, { state: 'visible', timeout: 5000 });
        break;
      } catch (e) {
        if (attempt >= 2) {
          throw e;
        }
        // The key went to a not-yet-focused page: focus it and retry.
        await this.page.bringToFront();
        await this.page.evaluate(() => (globalThis as Any).window.focus());
      }
    }
    await this.page.fill(SELECTORS.quickInputBox, value);
  }

  private async quickInputRows(): Promise<QuickInputRow[]> {
    const rows: QuickInputRow[] = await this.page.$$eval(
      SELECTORS.quickInputRow,
      (els: Any[], labelSel: string) =>
        els.map((r: Any) => ({
          index: Number(r.getAttribute('data-index')),
          focused: r.classList.contains('focused') as boolean,
          label: (r.querySelector(labelSel)?.textContent ?? '').trim(),
          aria: (r.getAttribute('aria-label') ?? '') as string,
          description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
        })),
      SELECTORS.quickInputRowLabel,
    );
    return rows.sort((a, b) => a.index - b.index);
  }

  private async quickInputLabels(): Promise<string[]> {
    return (await this.quickInputRows()).map((r) => r.aria);
  }

  /**
   * Accepts the first quick input row that matches, with the keyboard (arrow
   * keys to it, then Enter). The rows are re-read after every key press, since
   * Quick Open keeps adding and reordering results while the file search runs.
   * (Clicking would also leave the mouse over whatever is under the closed
   * quick input — often an editor tab, whose tooltip then covers the editor.)
   * Returns false when no row matches (yet).
   */
  private async acceptQuickInputMatch(match: (row: QuickInputRow) => boolean): Promise<boolean> {
    for (let i = 0; i < 60; i++) {
      const rows = await this.quickInputRows();
      const target = rows.find(match);
      if (!target) {
        return false;
      }
      const focused = rows.find((r) => r.focused);
      if (focused?.index === target.index) {
        // Only press Enter on a list that has settled: the same rows, the
        // same focus, a moment later (the filter is applied asynchronously).
        await sleep(120);
        const again = await this.quickInputRows();
        if (JSON.stringify(again) !== JSON.stringify(rows)) {
          continue;
        }
        await this.page.keyboard.press('Enter');
        return true;
      }
      await this.page.keyboard.press(focused && focused.index > target.index ? 'ArrowUp' : 'ArrowDown');
    }
    return false;
  }

  // ----------------------------------------------------------------- files

  /** Absolute path of the file in the active editor tab. */
  async activeFile(): Promise<string> {
    return this.page.evaluate(
      // "/ws/vm.xml • 1 problem in this file" when the file has errors or warnings
      (sel: string) => ((globalThis as Any).document.querySelector(sel)?.getAttribute('aria-label') ?? '').replace(/ • .*$/, ''),
      SELECTORS.activeTabPath,
    );
  }

  /**
   * Opens a workspace file through Quick Open (Ctrl+P), the way a person
   * would. `name` is a path relative to the workspace folder ("vm.xml",
   * "sub/vm.xml") or absolute. Checks that the active tab then shows exactly
   * that file.
   */
  async openFile(name: string, timeoutMs = 30_000): Promise<void> {
    const rel = name.replace(/\\/g, '/');
    const base = path.posix.basename(rel);
    const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
    const want = path.isAbsolute(name) ? name : this.folder ? path.join(this.folder, name) : '';
    const isWanted = (p: string) => (want ? p === want : p === rel || p.endsWith(`/${rel}`));
    const deadline = Date.now() + timeoutMs;
    let seen: string[] = [];
    let opened = '';
    while (Date.now() < deadline) {
      await this.openQuickInput('Control+P', name);
      // File search (ripgrep) needs a moment, longer for the first search.
      // A file result's description is its folder relative to the workspace
      // ('' at the root), so "dup.json" is the root one, "sub/dup.json" the other.
      const searchUntil = Math.min(deadline, Date.now() + 10_000);
      let accepted = false;
      while (!accepted && Date.now() < searchUntil) {
        accepted = await this.acceptQuickInputMatch(
          (r) => r.label === base && (path.isAbsolute(name) ? r.description === '' || name.includes(r.description) : r.description === dir),
        );
        if (!accepted) {
          await sleep(200);
        }
      }
      if (accepted) {
        try {
          await this.page.waitForFunction(
            ({ sel, want, rel }: { sel: string; want: string; rel: string }) => {
              const p = ((globalThis as Any).document.querySelector(sel)?.getAttribute('aria-label') ?? '').replace(/ • .*$/, '');
              return want ? p === want : p === rel || p.endsWith(`/${rel}`);
            },
            { sel: SELECTORS.activeTabPath, want, rel },
            { timeout: 10_000 },
          );
          await this.page.waitForSelector(`${SELECTORS.activeEditor} ${SELECTORS.editorLines}`, { state: 'visible' });
          await this.page.waitForSelector(SELECTORS.quickInput, { state: 'hidden' });
          return;
        } catch {
          opened = await this.activeFile();
          if (isWanted(opened)) {
            return;
          }
          // The list changed under the Enter and another file opened: try again.
        }
      } else {
        seen = await this.quickInputLabels();
      }
      await this.closeQuickInput();
      await sleep(300);
    }
    throw new Error(
      `openFile(${name}): not opened within ${timeoutMs} ms; active tab: ${opened || '-'}; Quick Open rows: ${JSON.stringify(seen)}`,
    );
  }

  // -------------------------------------------------------------- commands

  /**
   * Runs a command from the command palette (F1) by its full title as the
   * palette shows it, e.g. "Problems: Focus on Problems View" or
   * "Format Document". Exact title match; retried until the command shows up
   * (commands of an extension that is still starting may appear late).
   */
  async runCommand(title: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      await this.openQuickInput('F1', `>${title}`);
      const until = Math.min(deadline, Date.now() + 5000);
      while (Date.now() < until) {
        const accepted = await this.acceptQuickInputMatch((r) => r.label === title || r.aria === title || r.aria.startsWith(`${title},`));
        if (accepted) {
          // The palette closes, or turns into the command's own quick pick.
          await this.page
            .waitForFunction(
              ({ sel, value }: { sel: string; value: string }) => {
                const input = (globalThis as Any).document.querySelector(sel);
                return !input || input.offsetParent === null || input.value !== value;
              },
              { sel: SELECTORS.quickInputBox, value: `>${title}` },
              { timeout: 5000 },
            )
            .catch(() => undefined);
          return;
        }
        await sleep(150);
      }
      seen = await this.quickInputLabels();
      await this.closeQuickInput();
      await sleep(300);
    }
    throw new Error(`runCommand(${title}): no such command in the palette; rows: ${JSON.stringify(seen)}`);
  }

  // ---------------------------------------------------------- quick picks

  /** The rows of the open quick input (e.g. a command's own quick pick): label (codicons left out), description, aria-label. */
  async quickPickItems(): Promise<{ label: string; description: string; aria: string }[]> {
    if (!(await this.page.isVisible(SELECTORS.quickInput))) {
      return [];
    }
    return (await this.quickInputRows()).map((r) => ({ label: r.label, description: r.description, aria: r.aria }));
  }

  /** Waits until the open quick input lists a row whose label matches (exact, or a RegExp); returns all rows then. */
  async waitForQuickPickItem(label: string | RegExp, timeoutMs = 10_000): Promise<{ label: string; description: string; aria: string }[]> {
    const matches = (l: string) => (typeof label === 'string' ? l === label : label.test(l));
    const deadline = Date.now() + timeoutMs;
    let rows: { label: string; description: string; aria: string }[] = [];
    while (Date.now() < deadline) {
      rows = await this.quickPickItems();
      if (rows.some((r) => matches(r.label))) {
        return rows;
      }
      await sleep(150);
    }
    throw new Error(`no quick pick row ${String(label)} within ${timeoutMs} ms; rows: ${JSON.stringify(rows.map((r) => r.label))}`);
  }

  /**
   * Picks the row of the open quick input whose label matches (exact, or a
   * RegExp), with the keyboard (arrow keys, Enter), and waits for the quick
   * input to close. Returns the picked label.
   */
  async pickQuickInput(label: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const matches = (l: string) => (typeof label === 'string' ? l === label : label.test(l));
    const rows = await this.waitForQuickPickItem(label, timeoutMs);
    const picked = rows.find((r) => matches(r.label))!.label;
    if (!(await this.acceptQuickInputMatch((r) => r.label === picked))) {
      throw new Error(
        `pickQuickInput(${String(label)}): the row went away; rows: ${JSON.stringify((await this.quickPickItems()).map((r) => r.label))}`,
      );
    }
    await this.page.waitForSelector(SELECTORS.quickInput, { state: 'hidden', timeout: 5000 }).catch(() => undefined);
    return picked;
  }

  // -------------------------------------------------------------- problems

  /** Opens the Problems panel (if not visible) and returns its rows. */
  async readProblems(): Promise<Problem[]> {
    if (!(await this.page.isVisible(SELECTORS.problemsPanel))) {
      await this.runCommand('Problems: Focus on Problems View');
      await this.page.waitForSelector(SELECTORS.problemsPanel, { state: 'visible' });
      await sleep(300);
    }
    type Row = {
      index: number;
      level: number;
      file: string;
      severity: string;
      message: string;
      source: string;
      code: string;
      lineText: string;
      text: string;
      aria: string;
      quickFix: boolean;
    };
    // One round trip: read the rendered rows; the list is virtualised (only
    // rows in view exist in the DOM), so when it is taller than its viewport
    // scroll it from top to bottom with synthetic wheel events on the list
    // itself, collecting rows by index, then scroll back to the top. Real
    // mouse wheeling is flaky here: a mouse resting on a row opens the row's
    // hover, which then swallows the wheel. The scroll position is read back
    // from the rows container (style.top = -scrollTop), so neither the wheel
    // direction convention nor its pixel scale is assumed.
    const rows: Row[] = await this.page.evaluate(async () => {
      const d = (globalThis as Any).document;
      const g = globalThis as Any;
      const frame = () => new Promise<void>((r) => g.requestAnimationFrame(() => g.requestAnimationFrame(() => r())));
      const list = d.querySelector('.markers-panel .monaco-list');
      const rowsEl = list?.querySelector('.monaco-list-rows');
      const target = list?.querySelector('.monaco-scrollable-element');
      const byIndex = new Map<number, Any>();
      const collect = () => {
        // Rows of the list proper, not the sticky-scroll copies of file rows.
        for (const r of d.querySelectorAll('.markers-panel .monaco-list-rows > .monaco-list-row')) {
          const index = Number(r.getAttribute('data-index'));
          if (byIndex.has(index)) {
            continue;
          }
          const q = (sel: string) => (r.querySelector(sel)?.textContent ?? '').trim();
          const icon = r.querySelector('.marker-icon');
          const parts = [...r.querySelectorAll('.marker-message-details-container > *')].map((e: Any) =>
            (e.innerText ?? '').replace(/\s+/g, ' ').trim(),
          );
          byIndex.set(index, {
            index,
            level: Number(r.getAttribute('aria-level') ?? 0),
            file: r.querySelector('.resource-label-container .monaco-icon-label')?.getAttribute('aria-label') ?? '',
            // class list: "marker-icon info" or "marker-icon info quickFix" (a fix is offered)
            severity: icon ? ([...icon.classList].find((c: string) => /^(error|warning|info|hint)$/.test(c)) ?? '') : '',
            quickFix: icon ? icon.classList.contains('quickFix') : false,
            message: [...r.querySelectorAll('.marker-message')].map((e: Any) => (e.textContent ?? '').trim()).join('\n'),
            source: q('.marker-source'),
            code: q('.marker-code'),
            lineText: q('.marker-line'),
            text: parts.filter((p: string) => p !== '').join(' ') || (r.innerText ?? '').replace(/\s+/g, ' ').trim(),
            aria: r.getAttribute('aria-label') ?? '',
          });
        }
      };
      collect();
      if (!list || !rowsEl || !target) {
        return [...byIndex.values()];
      }
      const total = parseFloat(rowsEl.style.height || '0');
      const visible = list.clientHeight as number;
      if (total <= visible + 1 || visible <= 0) {
        return [...byIndex.values()];
      }
      const scrollTop = () => -parseFloat(rowsEl.style.top || '0');
      let sign = 1; // deltaY sign that scrolls down; flipped if the list moves the other way
      const dispatch = async (deltaY: number) => {
        target.dispatchEvent(new g.WheelEvent('wheel', { deltaY, deltaMode: 0, bubbles: true, cancelable: true }));
        await frame();
      };
      const wheel = async (down: boolean, px: number) => {
        const before = scrollTop();
        await dispatch((down ? sign : -sign) * px);
        return scrollTop() !== before;
      };
      const toTop = async () => {
        for (let i = 0; i < 200 && scrollTop() > 0; i++) {
          await wheel(false, total * 3);
        }
      };
      // Which deltaY sign scrolls down? Try from wherever the list is.
      {
        const before = scrollTop();
        await dispatch(1000);
        const after = scrollTop();
        if (after < before) {
          sign = -1;
        } else if (after === before) {
          await dispatch(-1000);
          if (scrollTop() > before) {
            sign = -1;
          }
        }
      }
      await toTop();
      collect();
      for (let i = 0; i < 2000; i++) {
        const moved = await wheel(true, Math.max(22, visible - 44));
        collect();
        if (!moved) {
          break;
        }
      }
      await toTop();
      return [...byIndex.values()];
    });

    const problems: Problem[] = [];
    let file = '';
    for (const r of rows.sort((a, b) => a.index - b.index)) {
      if (r.level === 1) {
        file = r.file;
        continue;
      }
      if (r.level !== 2) {
        continue; // related information
      }
      const m = /Ln\s+(\d+),\s*Col\s+(\d+)/.exec(r.lineText);
      problems.push({
        file,
        severity: r.severity,
        message: r.message,
        source: r.source,
        code: r.code,
        line: m ? Number(m[1]) : 0,
        column: m ? Number(m[2]) : 0,
        text: r.text,
        ariaLabel: r.aria,
        quickFix: r.quickFix,
      });
    }
    return problems;
  }

  /** Polls readProblems() until `predicate` holds; returns the last rows (throws on timeout). */
  async waitForProblems(predicate: (problems: Problem[]) => boolean, timeoutMs = 60_000): Promise<Problem[]> {
    const deadline = Date.now() + timeoutMs;
    let last: Problem[];
    for (;;) {
      last = await this.readProblems();
      if (predicate(last)) {
        return last;
      }
      if (Date.now() > deadline) {
        throw new Error(`waitForProblems: condition not met within ${timeoutMs} ms; problems: ${JSON.stringify(last, null, 1)}`);
      }
      await sleep(500);
    }
  }

  // ---------------------------------------------------------------- editor

  /** True when keyboard focus is in the active text editor. */
  async editorHasFocus(): Promise<boolean> {
    return this.page.evaluate(() => {
      const a = (globalThis as Any).document.activeElement;
      return !!a && !!a.closest('.editor-instance .monaco-editor') && !a.closest('.overlayWidgets, .contentWidgets, .find-widget');
    });
  }

  /** Moves keyboard focus to the active editor. */
  async focusEditor(): Promise<void> {
    await this.closeQuickInput();
    if (await this.editorHasFocus()) {
      return;
    }
    await this.runCommand('View: Focus Active Editor Group');
    await this.page.waitForFunction(
      () => !!(globalThis as Any).document.activeElement?.closest('.editor-instance .monaco-editor'),
      undefined,
      { timeout: 5000 },
    );
  }

  /** Cursor position from the status bar ("Ln 2, Col 8"); Col is the visual column (tabs expanded). */
  async cursorPosition(): Promise<{ line: number; column: number }> {
    // The status bar follows the cursor asynchronously: read until two reads agree.
    let text = (await this.page.textContent(SELECTORS.cursorStatus, { timeout: 5000 })) ?? '';
    for (let i = 0; i < 20; i++) {
      await sleep(150);
      const again = (await this.page.textContent(SELECTORS.cursorStatus, { timeout: 5000 })) ?? '';
      if (again === text) {
        break;
      }
      text = again;
    }
    const m = /Ln\s+(\d+),\s*Col\s+(\d+)/.exec(text);
    if (!m) {
      throw new Error(`cursor position not shown in the status bar: "${text}"`);
    }
    return { line: Number(m[1]), column: Number(m[2]) };
  }

  /** The active editor's language as the status bar names it ("JSON", "XML", "libvirt Domain XML"). */
  async languageMode(): Promise<string> {
    return ((await this.page.textContent(SELECTORS.languageStatus, { timeout: 5000 })) ?? '').trim();
  }

  /** Puts the cursor at line:column (1-based) with Quick Open's ":line:column". */
  async goTo(line: number, column = 1): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.openQuickInput('Control+P', `:${line}:${column}`);
      await sleep(150); // the go-to-line provider reacts to the typed value
      await this.page.keyboard.press('Enter');
      await this.page.waitForSelector(SELECTORS.quickInput, { state: 'hidden', timeout: 5000 }).catch(() => undefined);
      try {
        await this.page.waitForFunction(
          ({ sel, line }: { sel: string; line: number }) =>
            new RegExp(`Ln\\s+${line},`).test((globalThis as Any).document.querySelector(sel)?.textContent ?? ''),
          { sel: SELECTORS.cursorStatus, line },
          { timeout: 3000 },
        );
        return;
      } catch {
        /* retry */
      }
    }
    throw new Error(`goTo(${line}, ${column}) failed; status bar says ${await this.page.textContent(SELECTORS.cursorStatus)}`);
  }

  private async resolveColumn(line: number, at: LinePosition): Promise<number> {
    if (typeof at === 'number') {
      return at;
    }
    const spec = typeof at === 'string' ? { text: at } : at;
    const lines = (await this.getEditorText()).split(/\r?\n/);
    const lineText = lines[line - 1];
    if (lineText === undefined) {
      throw new Error(`line ${line} does not exist (document has ${lines.length} lines)`);
    }
    let idx = -1;
    for (let n = 0; n <= (spec.occurrence ?? 0); n++) {
      idx = lineText.indexOf(spec.text, idx + 1);
      if (idx < 0) {
        throw new Error(`"${spec.text}" not found on line ${line}: ${JSON.stringify(lineText)}`);
      }
    }
    return idx + 1 + (spec.offset ?? 0);
  }

  /**
   * Shows the editor hover at line:column (or at a text on that line) with
   * "Show or Focus Hover" (Ctrl+K Ctrl+I, so no mouse geometry is involved)
   * and returns its text once it stopped changing. Hover parts (e.g. a
   * diagnostic and the language server's hover) are separated by newlines;
   * the "View Problem / Quick Fix" status row is left out. Returns '' if no
   * hover appeared within `timeoutMs`.
   */
  async hoverAt(line: number, at: LinePosition, timeoutMs = 15_000): Promise<string> {
    const column = await this.resolveColumn(line, at);
    await this.goTo(line, column);
    const deadline = Date.now() + timeoutMs;
    const read = () =>
      this.page.evaluate(
        ({ hoverSel, rowSel }: { hoverSel: string; rowSel: string }) => {
          const d = (globalThis as Any).document;
          const hovers = [...d.querySelectorAll(hoverSel)].filter((h: Any) => h.offsetParent !== null || h.getClientRects().length > 0);
          if (hovers.length === 0) {
            return null;
          }
          const rows = [...hovers[0].querySelectorAll(rowSel)].filter((r: Any) => !r.classList.contains('status-bar'));
          return rows
            .map((r: Any) => (r.innerText ?? '').trim())
            .filter((t: string) => t !== '')
            .join('\n');
        },
        { hoverSel: SELECTORS.hover, rowSel: SELECTORS.hoverRow },
      );
    while (Date.now() < deadline) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      // Wait for a hover whose content has settled (providers answer one by one; "Loading..." first).
      const tryUntil = Math.min(deadline, Date.now() + 5000);
      let prev: string | null = null;
      let stableSince = 0;
      while (Date.now() < tryUntil) {
        const text = await read();
        if (text !== null && text !== '' && !/^Loading\.\.\.$/m.test(text)) {
          if (text === prev) {
            if (Date.now() - stableSince >= 400) {
              return text;
            }
          } else {
            prev = text;
            stableSince = Date.now();
          }
        }
        await sleep(100);
      }
      if (prev) {
        return prev;
      }
    }
    return '';
  }

  /**
   * The full text of the active editor's model: Select All + Copy into the
   * (headless browser's own) clipboard, read back with
   * navigator.clipboard.readText(), then Cursor Undo (Ctrl+U) to restore the
   * cursor/selection. Unlike the DOM (.view-lines renders only the visible
   * lines) this sees the whole document, exactly as the model holds it.
   */
  async getEditorText(): Promise<string> {
    await this.focusEditor();
    for (let attempt = 0; attempt < 3; attempt++) {
      const sentinel = `__domxml_e2e_sentinel_${Date.now()}_${Math.random()}__`;
      await this.page.evaluate((s: string) => (globalThis as Any).navigator.clipboard.writeText(s), sentinel);
      await this.page.keyboard.press('Control+A');
      await this.page.keyboard.press('Control+C');
      await this.page.keyboard.press('Control+U'); // cursorUndo: back to the previous cursor/selection
      const until = Date.now() + 3000;
      while (Date.now() < until) {
        const text: string = await this.page.evaluate(() => (globalThis as Any).navigator.clipboard.readText());
        if (text !== sentinel) {
          return text;
        }
        await sleep(50);
      }
      // Nothing copied: an empty document copies nothing.
      const visible = await this.page.textContent(`${SELECTORS.activeEditor} ${SELECTORS.editorLines}`);
      if ((visible ?? '').replace(/\u00a0/g, ' ').trim() === '') {
        return '';
      }
      await this.focusEditor();
    }
    throw new Error('getEditorText: copying the editor content did not reach the clipboard');
  }

  /** Replaces the whole document (Select All + paste, so no auto-closing or auto-indent interferes). */
  async setEditorText(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.evaluate((s: string) => (globalThis as Any).navigator.clipboard.writeText(s), text);
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Control+V');
    const until = Date.now() + 5000;
    while (Date.now() < until) {
      if ((await this.getEditorText()) === text) {
        return;
      }
      await sleep(100);
    }
    throw new Error('setEditorText: the editor did not take the new text');
  }

  /** Types at the cursor like a person (auto-closing pairs and tags apply). */
  async typeText(text: string, delayMs = 10): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.type(text, { delay: delayMs });
  }

  /** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
  async save(): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+S');
    await this.page
      .waitForSelector('.editor-group-container.active .tabs-container .tab.active.dirty', { state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
  }

  /**
   * Applies the code action titled `title` (exact, or a RegExp) at the cursor,
   * or at `at` = { line, column | text }. Opens the Quick Fix menu (Ctrl+.)
   * and retries until the action is offered (the language server may still be
   * computing diagnostics). Then waits (up to 10 s) until the active
   * document's text changed — pass waitForEdit: false for an action that does
   * not edit it. Returns the applied action's title.
   */
  async applyQuickFix(
    title: string | RegExp,
    at?: { line: number; at?: LinePosition },
    options: { timeoutMs?: number; waitForEdit?: boolean } = {},
  ): Promise<string> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    if (at) {
      await this.goTo(at.line, await this.resolveColumn(at.line, at.at ?? 1));
    } else {
      await this.focusEditor();
    }
    // Code action edits are applied asynchronously after the menu closes:
    // remember the text to wait for the edit (unless told not to).
    const before = options.waitForEdit === false ? undefined : await this.getEditorText();
    const matches = (label: string) => (typeof title === 'string' ? label === title : title.test(label));
    const deadline = Date.now() + timeoutMs;
    let offered: string[] = [];
    while (Date.now() < deadline) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+.');
      try {
        await this.page.waitForSelector(SELECTORS.actionWidgetRow, { state: 'visible', timeout: 3000 });
      } catch {
        await sleep(500);
        continue;
      }
      const rows: { id: string; label: string }[] = await this.page.$$eval(SELECTORS.actionWidgetRow, (els: Any[]) =>
        els.map((r: Any) => ({ id: r.id as string, label: (r.getAttribute('aria-label') ?? '') as string })),
      );
      offered = rows.map((r) => r.label);
      const hit = rows.find((r) => matches(r.label));
      if (hit) {
        // Keyboard: move the focus to the row, then Enter (no mouse geometry).
        for (let i = 0; i < rows.length + 2; i++) {
          const focused = await this.page.$eval(`${SELECTORS.actionWidget} .monaco-list`, (l: Any) =>
            l.getAttribute('aria-activedescendant'),
          );
          if (focused === hit.id) {
            break;
          }
          await this.page.keyboard.press('ArrowDown');
        }
        await this.page.keyboard.press('Enter');
        await this.page.waitForSelector(SELECTORS.actionWidget, { state: 'hidden', timeout: 5000 }).catch(() => undefined);
        if (before !== undefined) {
          const until = Date.now() + 10_000;
          while (Date.now() < until && (await this.getEditorText()) === before) {
            await sleep(100);
          }
        }
        return hit.label;
      }
      await this.page.keyboard.press('Escape');
      await sleep(500);
    }
    throw new Error(`applyQuickFix(${String(title)}): not offered within ${timeoutMs} ms; offered: ${JSON.stringify(offered)}`);
  }

  /**
   * Opens the Quick Fix menu (Ctrl+.) at the cursor, or at `at`, and leaves it
   * open (for a screenshot; Escape closes it). Retries until `until` holds
   * for the offered titles (default: at least one). Returns the titles.
   */
  async openQuickFixMenu(
    at?: { line: number; at?: LinePosition },
    until: (titles: string[]) => boolean = (t) => t.length > 0,
    timeoutMs = 30_000,
  ): Promise<string[]> {
    if (at) {
      await this.goTo(at.line, await this.resolveColumn(at.line, at.at ?? 1));
    } else {
      await this.focusEditor();
    }
    const deadline = Date.now() + timeoutMs;
    let offered: string[] = [];
    while (Date.now() < deadline) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+.');
      try {
        await this.page.waitForSelector(SELECTORS.actionWidgetRow, { state: 'visible', timeout: 3000 });
        offered = await this.page.$$eval(SELECTORS.actionWidgetRow, (els: Any[]) =>
          els.map((r: Any) => (r.getAttribute('aria-label') ?? '') as string),
        );
        if (until(offered)) {
          return offered;
        }
      } catch {
        /* not offered yet */
      }
      await sleep(500);
    }
    await this.page.keyboard.press('Escape');
    throw new Error(`openQuickFixMenu: condition not met within ${timeoutMs} ms; offered: ${JSON.stringify(offered)}`);
  }

  // ---------------------------------------------------------------- misc

  /**
   * The status bar's entries, left to right: `id` (an extension's item is
   * "publisher.extension.itemId", e.g. "domxml.libvirt-domain-xml.domxml.profile"),
   * the visible `text` (codicons left out) and `aria` (for extension items
   * the text followed by the tooltip).
   */
  async statusBarItems(): Promise<{ id: string; text: string; aria: string }[]> {
    return this.page.$$eval(SELECTORS.statusBarItem, (els: Any[]) =>
      els.map((e: Any) => ({
        id: (e.id ?? '') as string,
        text: ((e.innerText ?? '') as string).replace(/\s+/g, ' ').trim(),
        aria: (e.getAttribute('aria-label') ?? '') as string,
      })),
    );
  }

  /**
   * Polls the status bar entry whose id is `id` or ends with ".id" until
   * `predicate` holds for its text (default: it exists); returns it (throws on timeout).
   */
  async waitForStatusBarItem(
    id: string,
    predicate: (text: string) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<{ id: string; text: string; aria: string }> {
    const deadline = Date.now() + timeoutMs;
    let last: { id: string; text: string; aria: string } | undefined;
    for (;;) {
      last = (await this.statusBarItems()).find((i) => i.id === id || i.id.endsWith(`.${id}`));
      if (last && predicate(last.text)) {
        return last;
      }
      if (Date.now() > deadline) {
        throw new Error(`status bar item ${id}: condition not met within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
      }
      await sleep(200);
    }
  }

  /** The messages of the notification toasts on screen. */
  async notificationMessages(): Promise<string[]> {
    return this.page.$$eval(SELECTORS.notificationMessage, (els: Any[]) =>
      els.map((e: Any) => ((e.innerText ?? e.textContent ?? '') as string).replace(/\s+/g, ' ').trim()),
    );
  }

  /** Polls the notification toasts until one matches; returns its message (throws on timeout). */
  async waitForNotification(message: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const matches = (m: string) => (typeof message === 'string' ? m.includes(message) : message.test(m));
    const deadline = Date.now() + timeoutMs;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      seen = await this.notificationMessages();
      const hit = seen.find(matches);
      if (hit !== undefined) {
        return hit;
      }
      await sleep(200);
    }
    throw new Error(`no notification ${String(message)} within ${timeoutMs} ms; shown: ${JSON.stringify(seen)}`);
  }

  /**
   * The active editor group's diff editor, or undefined when it shows none:
   * the rendered lines of each side (only the lines in view: .view-lines is
   * virtualised), whether it is side by side, and which side has the focus.
   * For a side's whole text, getEditorText() reads the focused side.
   */
  async diffEditor(): Promise<
    { original: string; modified: string; sideBySide: boolean; focused: 'original' | 'modified' | '' } | undefined
  > {
    return this.page.evaluate((sel: string) => {
      const d = (globalThis as Any).document;
      const de = d.querySelector(sel);
      if (!de) {
        return undefined;
      }
      const lines = (side: string) =>
        ((de.querySelector(`.editor.${side} .view-lines`)?.innerText ?? '') as string).replace(/\u00a0/g, ' ');
      const inSide = d.activeElement?.closest('.monaco-diff-editor .editor');
      const focused = inSide?.classList.contains('modified') ? 'modified' : inSide?.classList.contains('original') ? 'original' : '';
      return {
        original: lines('original'),
        modified: lines('modified'),
        sideBySide: de.classList.contains('side-by-side') as boolean,
        focused,
      };
    }, SELECTORS.diffEditor);
  }

  /** Waits until the active group shows a diff editor for which `predicate` holds; returns it (throws on timeout). */
  async waitForDiffEditor(
    predicate: (d: { original: string; modified: string; sideBySide: boolean; focused: string }) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<{ original: string; modified: string; sideBySide: boolean; focused: 'original' | 'modified' | '' }> {
    const deadline = Date.now() + timeoutMs;
    let last: Awaited<ReturnType<Workbench['diffEditor']>>;
    for (;;) {
      last = await this.diffEditor();
      if (last && predicate(last)) {
        return last;
      }
      if (Date.now() > deadline) {
        throw new Error(`waitForDiffEditor: condition not met within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
      }
      await sleep(200);
    }
  }

  /** The active editor tab's label as shown ("web01.xml ↔ after define"). */
  async activeTabTitle(): Promise<string> {
    return ((await this.page.textContent(SELECTORS.activeTabLabel, { timeout: 5000 })) ?? '').trim();
  }

  /** Dismisses notification toasts so they don't cover what a screenshot should show. */
  async clearNotifications(): Promise<void> {
    if ((await this.page.$$(SELECTORS.notificationToast)).length > 0) {
      await this.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
    }
  }

  /**
   * Saves a PNG; a relative path is taken relative to test-artifacts/e2e/.
   * Returns the absolute path. `clipTo`: only the smallest rectangle holding
   * the first visible element of each selector (e.g. ['.part.editor',
   * '.part.panel'] for the editor and the Problems panel without the side bar).
   */
  async screenshot(file: string, options: { clipTo?: string[] } = {}): Promise<string> {
    const abs = path.isAbsolute(file) ? file : path.join(artifactsDir(), file);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    let clip: { x: number; y: number; width: number; height: number } | undefined;
    if (options.clipTo?.length) {
      const boxes: { x: number; y: number; width: number; height: number }[] = [];
      for (const sel of options.clipTo) {
        const box = await this.page.locator(sel).filter({ visible: true }).first().boundingBox();
        if (box) {
          boxes.push(box);
        }
      }
      if (boxes.length > 0) {
        const x = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.x))));
        const y = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.y))));
        clip = {
          x,
          y,
          width: Math.ceil(Math.max(...boxes.map((b) => b.x + b.width))) - x,
          height: Math.ceil(Math.max(...boxes.map((b) => b.y + b.height))) - y,
        };
      }
    }
    await this.page.screenshot({ path: abs, clip });
    return abs;
  }

  /** Screenshot + console errors under test-artifacts/e2e/<name>.*, for a failed test. */
  async saveDebugArtifacts(name: string): Promise<void> {
    const safe = name.replace(/[^\w.-]+/g, '_').slice(0, 120);
    await this.screenshot(`${safe}.png`).catch(() => undefined);
    fs.writeFileSync(path.join(artifactsDir(), `${safe}.console.txt`), this.consoleErrors.join('\n'));
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}
