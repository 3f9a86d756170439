// code-server (VS Code in the browser) on 127.0.0.1: user settings, a free port, launch with the extensions
// staged, and the cleanup of its whole process group and temporary folders, whatever happens to the test.
import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import { makeTempDir, StagedExtension, stageExtension } from './packaging';
import { assertSetupDone, E2EPaths, e2ePaths } from './paths';
import { delay, errorText, poll } from './poll';

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
    const staged: StagedExtension[] = [];
    for (const source of options.extensions ?? []) staged.push(await stageExtension(source, extensionsDir));
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
