// The subset of playwright-core the harness uses (structurally compatible with its real types). playwright-core
// lives in .e2e-cache and is loaded at run time, so the harness compiles with only Node's built-in types.
import type { E2EPaths } from './paths';

export interface PwRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PwLocator {
  first(): PwLocator;
  nth(index: number): PwLocator;
  locator(selector: string): PwLocator;
  count(): Promise<number>;
  click(options?: { timeout?: number; force?: boolean }): Promise<void>;
  dblclick(options?: { timeout?: number }): Promise<void>;
  innerText(options?: { timeout?: number }): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  getAttribute(name: string, options?: { timeout?: number }): Promise<string | null>;
  isVisible(): Promise<boolean>;
  boundingBox(options?: { timeout?: number }): Promise<PwRect | null>;
  scrollIntoViewIfNeeded(options?: { timeout?: number }): Promise<void>;
  filter(options: { hasText?: string | RegExp }): PwLocator;
  getByRole(
    role: 'treeitem' | 'tab' | 'button' | 'dialog' | 'option',
    options?: { name?: string | RegExp; exact?: boolean },
  ): PwLocator;
}

export interface PwConsoleMessage {
  type(): string;
  text(): string;
}

export interface PwPage {
  goto(
    url: string,
    options?: { waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' | 'commit'; timeout?: number },
  ): Promise<unknown>;
  locator(selector: string): PwLocator;
  getByRole(
    role: 'treeitem' | 'tab' | 'button' | 'dialog' | 'option',
    options?: { name?: string | RegExp; exact?: boolean },
  ): PwLocator;
  evaluate(expression: string): Promise<unknown>;
  screenshot(options?: { path?: string; fullPage?: boolean; clip?: PwRect }): Promise<Buffer>;
  setDefaultTimeout(timeout: number): void;
  on(event: 'console', listener: (message: PwConsoleMessage) => void): unknown;
  on(event: 'pageerror', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
  readonly mouse: {
    move(x: number, y: number, options?: { steps?: number }): Promise<void>;
    click(x: number, y: number, options?: { button?: 'left' | 'right' | 'middle'; clickCount?: number }): Promise<void>;
  };
  readonly keyboard: {
    press(key: string, options?: { delay?: number }): Promise<void>;
    type(text: string, options?: { delay?: number }): Promise<void>;
    insertText(text: string): Promise<void>;
  };
}

export interface PwBrowser {
  newPage(options?: { viewport?: { width: number; height: number } | null }): Promise<PwPage>;
  close(): Promise<void>;
}

export interface PlaywrightCore {
  chromium: {
    launch(options: {
      executablePath: string;
      args: string[];
      headless: boolean;
      timeout?: number;
    }): Promise<PwBrowser>;
  };
}

export function loadPlaywright(paths: E2EPaths): PlaywrightCore {
  return require(paths.playwrightCore) as PlaywrightCore;
}
