// The VS Code workbench in Chromium, driven through playwright-core: open files, hover, go to definition,
// suggest, run commands, take screenshots. Every wait polls with a deadline.
import * as fs from 'fs';
import * as path from 'path';
import { CodeServer } from './codeServer';
import { e2ePaths } from './paths';
import { loadPlaywright, PwBrowser, PwPage, PwRect } from './playwright';
import { errorText, poll } from './poll';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface WorkbenchOptions {
  /** Default deadline of each wait, in ms (default 30000). */
  timeoutMs?: number;
  viewport?: { width: number; height: number };
}

export interface WordPosition {
  /** Centre of the word on screen. */
  x: number;
  y: number;
  /** The whole rendered line, with normal spaces. */
  lineText: string;
}

export interface DefinitionResult {
  /** Title of the active editor tab after the jump. */
  title: string;
  /** The status-bar cursor position after the jump, e.g. "Ln 3, Col 1". */
  position: string;
}

/** Matches `text` against a substring or a regular expression. */
function matches(text: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}

// Browser-side scripts. They are strings so that this file compiles without the DOM library.
const FIND_WORD_SCRIPT = `(args) => {
  // Every visible editor of the active group: one for a text file, one per open cell for a notebook.
  const visible = (selector) =>
    Array.from(document.querySelectorAll(selector)).filter((e) => e.getBoundingClientRect().width > 0);
  let editors = visible('.part.editor .editor-group-container.active .monaco-editor');
  if (editors.length === 0) editors = visible('.notebook-editor .monaco-editor');
  if (editors.length === 0) editors = Array.from(document.querySelectorAll('.part.editor .monaco-editor')).slice(0, 1);
  if (editors.length === 0) return null;
  const lines = editors.flatMap((editor) => Array.from(editor.querySelectorAll('.view-lines .view-line')))
    .map((line) => ({ line, top: line.getBoundingClientRect().top }))
    .sort((a, b) => a.top - b.top)
    .map((entry) => entry.line);
  const isWordChar = (c) => c !== undefined && /[\\p{L}\\p{N}_]/u.test(c);
  let seen = 0;
  for (const line of lines) {
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node, start: text.length });
      text += node.nodeValue.replace(/\\u00a0/g, ' ');
    }
    let from = 0;
    for (;;) {
      const at = text.indexOf(args.word, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + args.word.length;
      if (args.wholeWord && (isWordChar(text[at - 1]) || isWordChar(text[end]))) continue;
      if (seen++ < args.occurrence) continue;
      const locate = (offset, isEnd) => {
        for (let i = nodes.length - 1; i >= 0; i--) {
          const n = nodes[i];
          if (offset > n.start || (!isEnd && offset === n.start)) return { node: n.node, offset: offset - n.start };
        }
        return { node: nodes[0].node, offset: 0 };
      };
      const a = locate(at, false);
      const b = locate(end, true);
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      const rect = range.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return null;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, lineText: text };
    }
  }
  return null;
}`;

export interface SuggestionRow {
  label: string;
  /** The item's detail, shown beside its label ('' when it has none). */
  detail: string;
  focused: boolean;
}

export interface HoverBlock {
  /** The element's tag: H3, P, HR, UL, TABLE... */
  tag: string;
  text: string;
  /** The texts of the block's inline code and bold spans, in order. */
  code: string[];
  bold: string[];
}

export interface HoverLayout {
  hover: PwRect;
  /** Height of the hover's content and the height it shows: equal when nothing is hidden behind a scroll bar. */
  contentHeight: number;
  shownHeight: number;
  /** The box of the hover's row of links into the term file (else its last paragraph), and its text. */
  lastRow: PwRect;
  lastRowText: string;
}

const HOVER_LAYOUT_SCRIPT = `(() => {
  const hover = Array.from(document.querySelectorAll('.monaco-editor .monaco-hover:not(.hidden)')).find((h) => h.getBoundingClientRect().height > 0);
  if (!hover) return null;
  const box = (r) => ({ x: r.left, y: r.top, width: r.width, height: r.height });
  const content = hover.querySelector('.monaco-hover-content') || hover;
  const scrollable = hover.querySelector('.monaco-scrollable-element') || hover;
  const rows = Array.from(hover.querySelectorAll('.hover-contents p, .hover-contents li')).filter((p) => p.getBoundingClientRect().height > 0);
  // The row of links into the term file ends a glossary hover; another provider's row may follow it.
  const last = rows.filter((p) => p.innerText.startsWith('Open the ')).pop() || rows[rows.length - 1] || content;
  return {
    hover: box(hover.getBoundingClientRect()),
    contentHeight: content.scrollHeight,
    shownHeight: scrollable.getBoundingClientRect().height,
    lastRow: box(last.getBoundingClientRect()),
    lastRowText: last.innerText,
  };
})()`;

// The blocks of the visible hover's rendered Markdown, in order (one hover part after the other).
const HOVER_BLOCKS_SCRIPT = `(() => {
  const hover = Array.from(document.querySelectorAll('.monaco-editor .monaco-hover:not(.hidden)')).find((h) => h.getBoundingClientRect().height > 0);
  if (!hover) return [];
  const texts = (block, selector) => Array.from(block.querySelectorAll(selector)).map((e) => e.textContent.replace(/\\u00a0/g, ' '));
  return Array.from(hover.querySelectorAll('.hover-contents .rendered-markdown')).flatMap((markdown) =>
    Array.from(markdown.children).map((block) => ({
      tag: block.tagName,
      text: block.innerText.replace(/\\u00a0/g, ' ').trim(),
      code: texts(block, 'code'),
      bold: texts(block, 'strong, b'),
    })));
})()`;

function isWordPosition(value: unknown): value is WordPosition {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Record<string, unknown>;
  return typeof v['x'] === 'number' && typeof v['y'] === 'number' && typeof v['lineText'] === 'string';
}

const EDITOR_HOVER_SELECTOR = '.monaco-editor .monaco-hover:not(.hidden):visible';
const SUGGEST_ROWS = '.editor-widget.suggest-widget.visible .monaco-list-row';
const ACTIVE_TAB = '.part.editor .editor-group-container.active .tabs-container .tab.active';
const CURSOR_STATUS = '[id="status.editor.selection"]';

/** A code-server workbench open in Chromium. Create with {@link Workbench.open}; always {@link Workbench.close}. */
export class Workbench {
  private readonly consoleLines: string[] = [];

  private constructor(
    readonly browser: PwBrowser,
    readonly page: PwPage,
    readonly server: CodeServer,
    readonly timeoutMs: number,
  ) {}

  /** Launches Chromium, loads the workbench of `server`, and waits until the Explorer shows the workspace. */
  static async open(server: CodeServer, options: WorkbenchOptions = {}): Promise<Workbench> {
    const paths = e2ePaths();
    const playwright = loadPlaywright(paths);
    const timeoutMs = options.timeoutMs ?? 30000;
    const browser = await playwright.chromium.launch({
      executablePath: paths.chromium,
      args: [...CHROMIUM_ARGS],
      headless: process.env['E2E_HEADED'] !== '1',
      timeout: 60000,
    });
    try {
      const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
      page.setDefaultTimeout(timeoutMs);
      const workbench = new Workbench(browser, page, server, timeoutMs);
      page.on('console', (message) => workbench.log(`[console.${message.type()}] ${message.text()}`));
      page.on('pageerror', (error) => workbench.log(`[pageerror] ${error.message}`));
      await page.goto(`${server.url}?folder=${encodeURIComponent(server.workspace)}`, {
        waitUntil: 'domcontentloaded',
        timeout: 60000,
      });
      await poll(
        'the workbench to render',
        async () => ((await page.locator('.monaco-workbench').count()) > 0 ? true : undefined),
        {
          timeoutMs: 60000,
        },
      );
      await workbench.waitForExplorer();
      await workbench.dismissStartupUi();
      return workbench;
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw error;
    }
  }

  private log(line: string): void {
    if (this.consoleLines.length >= 5000) {
      this.consoleLines.shift();
    }
    this.consoleLines.push(line);
    if (process.env['E2E_VERBOSE'] === '1') {
      process.stderr.write(`[browser] ${line}\n`);
    }
  }

  /** Browser console lines and page errors seen so far. */
  browserLog(): string {
    return this.consoleLines.join('\n');
  }

  /** Closes the browser (code-server keeps running; stop it separately). */
  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }

  /** Waits until the Explorer lists at least one item of the workspace, opening the Explorer if needed. */
  async waitForExplorer(): Promise<void> {
    const started = Date.now();
    const items = this.page.locator('.explorer-folders-view .monaco-list-row');
    let nudged = false;
    await poll(
      'the Explorer to list the workspace',
      async () => {
        if ((await items.count()) > 0 && (await items.first().isVisible())) {
          return true;
        }
        if (!nudged && Date.now() - started > 15000) {
          nudged = true; // the side bar may start hidden: show the Explorer
          await this.page.keyboard.press('Control+Shift+E');
        }
        return undefined;
      },
      { timeoutMs: 60000 },
    );
  }

  /** Closes dialogs, notification toasts and any Welcome/Walkthrough editor, if present. */
  async dismissStartupUi(): Promise<void> {
    const page = this.page;
    if ((await page.locator('.monaco-dialog-box:visible').count()) > 0) {
      await page.keyboard.press('Escape');
    }
    const clear = page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear:visible');
    for (let i = await clear.count(); i > 0; i--) {
      await clear
        .first()
        .click({ timeout: 2000 })
        .catch(() => undefined);
    }
    for (const title of ['Welcome', 'Walkthrough', 'Release Notes']) {
      const close = page.locator(
        `.tabs-container .tab[aria-label^="${title}"] .tab-actions .action-label[aria-label^="Close"]`,
      );
      for (let i = await close.count(); i > 0; i--) {
        await close
          .first()
          .click({ timeout: 2000, force: true })
          .catch(() => undefined);
      }
    }
  }

  /**
   * Opens a workspace file from the Explorer (`relativePath` may name folders, separated by `/`), and
   * waits until its editor is active and shows text.
   */
  async openFile(relativePath: string): Promise<void> {
    await this.dismissStartupUi();
    const parts = relativePath.split('/').filter((part) => part !== '');
    const name = parts[parts.length - 1];
    if (name === undefined) {
      throw new Error(`openFile: empty path ${JSON.stringify(relativePath)}`);
    }
    for (const [i, part] of parts.entries()) {
      const item = this.page
        .locator('.explorer-folders-view')
        .getByRole('treeitem', { name: part, exact: true })
        .first();
      await poll(`Explorer item "${part}"`, async () => ((await item.isVisible()) ? true : undefined), {
        timeoutMs: this.timeoutMs,
      });
      if (i < parts.length - 1) {
        if ((await item.getAttribute('aria-expanded')) !== 'true') {
          await item.click();
        }
      } else {
        await item.dblclick(); // double-click pins the editor (no preview tab that the next open would replace)
      }
    }
    await poll(
      `the editor of ${relativePath} to show text`,
      async () => {
        const title = await this.activeTabTitle().catch(() => '');
        if (title !== name) {
          return undefined;
        }
        const lines = this.page.locator(
          '.part.editor .editor-group-container.active .monaco-editor .view-lines .view-line',
        );
        if ((await lines.count()) > 0 && (await lines.first().isVisible())) return true;
        // A notebook shows its cells (Markdown cells rendered, without an editor until one is edited).
        // (The notebook editor is an overlay over the editor part, outside the editor group.)
        const notebook = this.page.locator('.notebook-editor');
        return (await notebook.count()) > 0 && (await notebook.first().isVisible()) ? true : undefined;
      },
      { timeoutMs: this.timeoutMs },
    );
  }

  /** The title of the active editor tab, e.g. "design.md". */
  async activeTabTitle(): Promise<string> {
    const tab = this.page.locator(ACTIVE_TAB).first();
    const resource = await tab.getAttribute('data-resource-name', { timeout: 2000 });
    if (resource !== null && resource !== '') {
      return resource;
    }
    // Not a file (e.g. Settings): the label is split into name and suffix elements.
    return (await tab.locator('.monaco-icon-label-container').first().innerText({ timeout: 2000 }))
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** Whether the active editor has unsaved changes. */
  async activeTabIsDirty(): Promise<boolean> {
    const classes = await this.page.locator(ACTIVE_TAB).first().getAttribute('class', { timeout: 2000 });
    return (classes ?? '').split(/\s+/).includes('dirty');
  }

  /** The cursor position shown in the status bar, e.g. "Ln 3, Col 1" (empty when not shown). */
  async cursorPosition(): Promise<string> {
    const item = this.page.locator(CURSOR_STATUS).first();
    return (await item.count()) > 0 ? (await item.innerText({ timeout: 2000 })).trim() : '';
  }

  /** Finds `word` in the visible lines of the active editor; `occurrence` counts from 0. */
  async findWord(
    word: string,
    options: { occurrence?: number; wholeWord?: boolean; timeoutMs?: number } = {},
  ): Promise<WordPosition> {
    const args = JSON.stringify({ word, occurrence: options.occurrence ?? 0, wholeWord: options.wholeWord ?? true });
    return poll(
      `"${word}" on screen in the active editor`,
      async () => {
        const found = await this.page.evaluate(`(${FIND_WORD_SCRIPT})(${args})`);
        return isWordPosition(found) ? found : undefined;
      },
      { timeoutMs: options.timeoutMs ?? this.timeoutMs },
    );
  }

  /** The text of the visible editor hover(s), or '' when none is shown. */
  async hoverText(): Promise<string> {
    const hovers = this.page.locator(EDITOR_HOVER_SELECTOR);
    const texts = await hovers.allInnerTexts();
    return texts
      .map((t) => t.replace(/\u00a0/g, ' ').trim())
      .filter((t) => t !== '')
      .join('\n');
  }

  /**
   * Moves the mouse over `word` in the active editor and returns the hover's text. With `expect`, waits
   * until the hover contains it (the extension may still be activating: the mouse is moved away and back).
   */
  async hover(
    word: string,
    options: { expect?: string | RegExp; occurrence?: number; timeoutMs?: number } = {},
  ): Promise<string> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const target = await this.findWord(word, { occurrence: options.occurrence ?? 0, timeoutMs });
    const away = await this.neutralPoint();
    let lastMove = 0;
    let last = '';
    try {
      return await poll(
        `a hover over "${word}"${options.expect !== undefined ? ` containing ${String(options.expect)}` : ''}`,
        async () => {
          if (Date.now() - lastMove > 2500) {
            await this.page.mouse.move(away.x, away.y);
            await this.page.mouse.move(target.x, target.y, { steps: 3 });
            lastMove = Date.now();
          }
          const text = await this.hoverText();
          last = text;
          if (text === '' || /^Loading\.\.\.$/.test(text)) {
            return undefined;
          }
          return options.expect === undefined || matches(text, options.expect) ? text : undefined;
        },
        { timeoutMs, intervalMs: 100 },
      );
    } catch (error) {
      throw new Error(`${errorText(error)}; hover text seen: ${JSON.stringify(last)}`, { cause: error });
    }
  }

  /** A point inside the editor that holds no text (the line-number gutter), to move the mouse away. */
  private async neutralPoint(): Promise<{ x: number; y: number }> {
    // The gutter of the active text editor, or of a notebook's cell editors.
    const margin = this.page
      .locator(
        '.part.editor .editor-group-container.active .monaco-editor .margin, .notebook-editor .monaco-editor .margin',
      )
      .first();
    const box = await margin.boundingBox({ timeout: 2000 }).catch(() => null);
    if (box !== null) {
      return { x: box.x + 2, y: box.y + box.height - 5 };
    }
    return { x: 5, y: 5 };
  }

  /** Clicks `word` (placing the cursor in it) in the active editor. */
  async clickWord(word: string, options: { occurrence?: number } = {}): Promise<void> {
    const target = await this.findWord(word, options);
    await this.page.mouse.click(target.x, target.y);
  }

  /**
   * Puts the cursor on `word`, presses F12 (Go to Definition) and waits until the active tab or the
   * cursor position changes (or, with `expectTitle`, until the active tab's title matches).
   */
  async goToDefinition(
    word: string,
    options: { occurrence?: number; expectTitle?: string | RegExp; expectPosition?: RegExp; timeoutMs?: number } = {},
  ): Promise<DefinitionResult> {
    await this.clickWord(word, options);
    const beforeTitle = await this.activeTabTitle();
    const beforePosition = await poll(
      'the status bar cursor position',
      async () => (await this.cursorPosition()) || undefined,
      {
        timeoutMs: this.timeoutMs,
      },
    ).catch(() => '');
    await this.page.keyboard.press('F12');
    return poll(
      `go to definition of "${word}"${options.expectTitle !== undefined ? ` to open ${String(options.expectTitle)}` : ''}`,
      async () => {
        const title = await this.activeTabTitle();
        const position = await this.cursorPosition();
        // The tab title changes before the status bar shows the new cursor position: wait for both (after a jump to
        // another file, without an expected position, until the status bar no longer shows the position before it).
        if (options.expectTitle !== undefined || options.expectPosition !== undefined) {
          const titleOk = options.expectTitle === undefined || matches(title, options.expectTitle);
          const positionOk =
            options.expectPosition === undefined
              ? title === beforeTitle || position !== beforePosition
              : options.expectPosition.test(position);
          return titleOk && positionOk ? { title, position } : undefined;
        }
        return title !== beforeTitle || position !== beforePosition ? { title, position } : undefined;
      },
      { timeoutMs: options.timeoutMs ?? this.timeoutMs },
    );
  }

  /**
   * Types `text` on a new line at the end of the active editor (or, with `afterLineWith`, after the line that holds
   * that text, where the new line takes that line's indentation), presses Ctrl+Space, and returns the labels of the
   * suggestions shown. With `expect`, waits until that label is among them.
   * The suggest widget is closed afterwards; the typed text stays (see {@link revertActiveFile}).
   */
  async suggest(
    text: string,
    options: { expect?: string; timeoutMs?: number; keepOpen?: boolean; afterLineWith?: string } = {},
  ): Promise<string[]> {
    if (options.afterLineWith !== undefined) {
      const line = await this.findWord(options.afterLineWith, { wholeWord: false });
      await this.page.mouse.click(line.x, line.y);
      await this.page.keyboard.press('End');
    } else {
      const lines = this.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first();
      await lines.click();
      await this.page.keyboard.press('Control+End');
    }
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Control+Space');
    const rows = this.page.locator(SUGGEST_ROWS);
    let retriggered = Date.now();
    try {
      return await poll(
        `suggestions after typing ${JSON.stringify(text)}${options.expect !== undefined ? ` to include "${options.expect}"` : ''}`,
        async () => {
          const labels = (await rows.locator('.label-name').allInnerTexts()).map((label) => label.trim());
          if (labels.length > 0 && (options.expect === undefined || labels.includes(options.expect))) {
            return labels;
          }
          if (Date.now() - retriggered > 3000) {
            // the provider may not be registered yet (extension still activating): ask again
            await this.page.keyboard.press('Escape');
            await this.page.keyboard.press('Control+Space');
            retriggered = Date.now();
          }
          return undefined;
        },
        { timeoutMs: options.timeoutMs ?? this.timeoutMs },
      );
    } finally {
      if (options.keepOpen !== true) await this.page.keyboard.press('Escape');
    }
  }

  /** The rows of the open suggestion list: each label, its detail (as VS Code shows it beside the label) and focus. */
  async suggestions(): Promise<SuggestionRow[]> {
    const found = await this.page.evaluate(`Array.from(document.querySelectorAll('${SUGGEST_ROWS}')).map((row) => ({
      label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
      detail: (row.querySelector('.details-label')?.textContent ?? '').trim(),
      focused: row.classList.contains('focused'),
    }))`);
    return Array.isArray(found) ? (found as SuggestionRow[]) : [];
  }

  /**
   * Runs a command from the Command Palette by its title, e.g. "File: Revert File", and waits until the
   * palette has closed. A command that asks for input keeps a quick input open: pass its title as
   * `expectInput` to wait for that input instead.
   */
  async runCommand(title: string, options: { expectInput?: string } = {}): Promise<void> {
    const input = this.page.locator('.quick-input-widget:visible input').first();
    const row = this.page.locator('.quick-input-widget:visible .monaco-list-row').first();
    const openPalette = async (): Promise<void> => {
      await this.page.keyboard.press('F1');
      await poll('the Command Palette', async () => ((await input.isVisible()) ? true : undefined), {
        timeoutMs: this.timeoutMs,
      });
      await this.page.keyboard.type(title);
    };
    await openPalette();
    let typedAt = Date.now();
    await poll(
      `command "${title}" in the Command Palette`,
      async () => {
        const label = await row.getAttribute('aria-label', { timeout: 1000 }).catch(() => null);
        if (label !== null && label.toLowerCase().includes(title.toLowerCase())) {
          return true;
        }
        if (Date.now() - typedAt > 3000) {
          // The palette lists the commands known when it opened; an extension's commands that arrive later
          // (extension host still starting) show up only in a new palette.
          await this.page.keyboard.press('Escape');
          await poll('the Command Palette to close', async () => ((await input.isVisible()) ? undefined : true), {
            timeoutMs: this.timeoutMs,
          });
          await openPalette();
          typedAt = Date.now();
        }
        return undefined;
      },
      { timeoutMs: this.timeoutMs },
    );
    await this.page.keyboard.press('Enter');
    const expectInput = options.expectInput;
    if (expectInput !== undefined) {
      const heading = this.page.locator('.quick-input-widget:visible .quick-input-title').first();
      await poll(
        `the "${expectInput}" input`,
        async () =>
          (await heading.innerText({ timeout: 1000 }).catch(() => '')).includes(expectInput) ? true : undefined,
        {
          timeoutMs: this.timeoutMs,
        },
      );
    } else {
      await poll('the Command Palette to close', async () => ((await input.isVisible()) ? undefined : true), {
        timeoutMs: this.timeoutMs,
      });
    }
  }

  /** Undoes unsaved edits in the active editor ("File: Revert File"), and waits until its tab is clean again. */
  async revertActiveFile(): Promise<void> {
    await this.runCommand('File: Revert File');
    await poll(
      'the active tab to lose its unsaved-changes mark',
      async () => ((await this.activeTabIsDirty()) ? undefined : true),
      { timeoutMs: this.timeoutMs },
    );
  }

  /** Saves a screenshot to test/e2e/out/NAME.png and returns its path. */
  async screenshot(name: string, options: { clip?: PwRect } = {}): Promise<string> {
    const dir = e2ePaths().outDir;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file, clip: options.clip });
    return file;
  }

  /**
   * Where the visible hover is and whether all of it shows without scrolling: its box, the height of its content
   * against the height it shows, and the box of its last paragraph (the row of links into the term file).
   */
  async hoverLayout(): Promise<HoverLayout | undefined> {
    const found = await this.page.evaluate(HOVER_LAYOUT_SCRIPT);
    return typeof found === 'object' && found !== null ? (found as HoverLayout) : undefined;
  }

  /** The blocks (headings, paragraphs, rules, lists, tables) of the visible hover's rendered Markdown, in order. */
  async hoverBlocks(): Promise<HoverBlock[]> {
    const found = await this.page.evaluate(HOVER_BLOCKS_SCRIPT);
    return Array.isArray(found) ? (found as HoverBlock[]) : [];
  }

  /** A region around the open suggestion list and the lines above it, inside the editor area. */
  async suggestRegion(padding = 24): Promise<PwRect | undefined> {
    const widget = await this.page.locator('.editor-widget.suggest-widget.visible').first().boundingBox();
    const editor = await this.page.locator('.part.editor').first().boundingBox();
    if (!widget || !editor) return undefined;
    const x = editor.x;
    const y = Math.max(editor.y, widget.y - 160);
    const right = Math.min(editor.x + editor.width, widget.x + widget.width + padding * 8);
    const bottom = Math.min(editor.y + editor.height, widget.y + widget.height + padding);
    return { x, y, width: right - x, height: bottom - y };
  }

  /** The top of the editor area, up to `maxHeight` pixels: enough for a README image of a short file. */
  async editorRegion(maxHeight = 480): Promise<PwRect | undefined> {
    const editor = await this.page.locator('.part.editor').first().boundingBox();
    return editor ? { ...editor, height: Math.min(editor.height, maxHeight) } : undefined;
  }

  /**
   * A region of the page around the visible hover and the editor line it explains (for README images that show
   * what matters at a readable size), padded and kept inside the editor area.
   */
  async hoverRegion(padding = 48): Promise<PwRect | undefined> {
    const layout = await this.hoverLayout();
    const editor = await this.page.locator('.part.editor').first().boundingBox();
    if (!layout || !editor) return undefined;
    const x = Math.max(editor.x, layout.hover.x - padding);
    const y = Math.max(editor.y, layout.hover.y - padding);
    const right = Math.min(editor.x + editor.width, layout.hover.x + layout.hover.width + padding * 4);
    const bottom = Math.min(editor.y + editor.height, layout.hover.y + layout.hover.height + padding * 2);
    return { x, y, width: right - x, height: bottom - y };
  }
}
