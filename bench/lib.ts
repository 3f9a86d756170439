// Shared helpers of the benchmark: seeded randomness, statistics, result rows, the table, and a stdio LSP session.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import {
  CompletionList,
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  Hover,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ProtocolConnection,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { LineMap, lineStartsOf } from '../server/src/core/lineMap';
import { SERVER_ENV } from '../server/shared/launch';

/** What of VS Code's client capabilities changes the server's answers: completion documentation is resolved lazily. */
const VSCODE_LIKE_CAPABILITIES = {
  textDocument: { completion: { completionItem: { resolveSupport: { properties: ['documentation', 'detail'] } } } },
};

/** The repository root (the bench is bundled to bench/out/bench.js, sources live in bench/). */
export const ROOT = path.resolve(__dirname, '..', '..');
export const BENCH_DIR = path.join(ROOT, 'bench');
export const SERVER_JS = path.join(ROOT, 'dist', 'server.js');

export const now = (): number => performance.now();

/** Mulberry32: a tiny deterministic PRNG, so every corpus and glossary is the same on every machine. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Runs fn `runs` times (after `warmup` untimed runs) and returns each duration in ms. */
export function timeRuns(runs: number, fn: () => unknown, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    fn();
    times.push(now() - t0);
  }
  return times;
}

export interface Target {
  op: '<=' | '>=';
  limit: number;
}

/** One line of the table (and of results.json). A row without a target is information for the diagnosis. */
export interface Row {
  section: string;
  name: string;
  value: number | null; // null: not measured (skipped)
  unit: string;
  target?: Target;
  note?: string;
}

export function status(row: Row): 'PASS' | 'FAIL' | 'SKIP' | '' {
  if (!row.target) return '';
  if (row.value === null || Number.isNaN(row.value)) return 'SKIP';
  return (row.target.op === '<=' ? row.value <= row.target.limit : row.value >= row.target.limit) ? 'PASS' : 'FAIL';
}

function formatValue(value: number | null, unit: string): string {
  if (value === null || Number.isNaN(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return `${value.toFixed(digits)}${unit ? ' ' + unit : ''}`;
}

export function printTable(rows: readonly Row[]): void {
  const cells = rows.map((r) => [
    r.section,
    r.name,
    formatValue(r.value, r.unit),
    r.target ? `${r.target.op} ${r.target.limit} ${r.unit}`.trim() : '',
    status(r),
    r.note ?? '',
  ]);
  const header = ['section', 'measurement', 'value', 'target', 'result', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (i === 5 ? 0 : c[i].length))));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i === 5 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  let previous = '';
  for (const c of cells) {
    console.log(line([c[0] === previous ? '' : c[0], ...c.slice(1)]));
    previous = c[0];
  }
}

export const mb = (bytes: number): number => bytes / 1e6;

/** Peak and current resident memory of a process from /proc (Linux), in MB (MiB). */
export function memoryOf(pid: number): { peakMiB: number; rssMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { peakMiB: kb('VmHWM') / 1024, rssMiB: kb('VmRSS') / 1024 };
}

/** The path of `rg`, installing the Debian package when it is missing and we are root; undefined with a reason otherwise. */
export function ensureRipgrep(): { rg?: string; reason?: string } {
  const which = () => spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim() || undefined;
  let rg = which();
  if (rg) return { rg };
  if (process.getuid?.() !== 0)
    return { reason: 'rg not found and not root: install ripgrep (apt-get install ripgrep) to compare' };
  console.error('bench: rg not found; running apt-get install -y ripgrep ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', '-q', 'ripgrep'], { encoding: 'utf8', env });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { encoding: 'utf8', env });
    result = spawnSync('apt-get', ['install', '-y', '-q', 'ripgrep'], { encoding: 'utf8', env });
  }
  rg = which();
  return rg
    ? { rg }
    : { reason: `apt-get install ripgrep failed: ${(result.stderr || result.stdout || '').trim().split('\n').pop()}` };
}

export const fileUri = (p: string): string => 'file://' + p.split(path.sep).map(encodeURIComponent).join('/');

/**
 * The built server over stdio, as an editor would run it, with the timings a benchmark needs:
 * `spawnedAt` (just before spawn) and `initializedAt` (initialize result received).
 */
export class LspSession {
  readonly logs: string[] = [];
  spawnedAt = 0;
  initializedAt = 0;
  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  /**
   * Starts the server with the environment changes the VS Code client makes (SERVER_ENV), or others (`{}`: as other
   * editors run `llm-glossary-ls`). BENCH_SERVER_NODE_ARGS adds node options, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
   */
  static async start(
    initializationOptions?: unknown,
    envChanges: Readonly<Record<string, string | undefined>> = SERVER_ENV,
  ): Promise<LspSession> {
    const spawnedAt = now();
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
    const child = spawn(process.execPath, [...nodeArgs, SERVER_JS, '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...envChanges },
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const session = new LspSession(child, connection);
    session.spawnedAt = spawnedAt;
    for (const method of ['window/logMessage', 'window/showMessage'])
      connection.onNotification(method, (p: { message: string }) => void session.logs.push(p.message));
    connection.onNotification('textDocument/publishDiagnostics', () => undefined);
    connection.onNotification('llmGlossary/glossaryChanged', () => undefined);
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: VSCODE_LIKE_CAPABILITIES,
      initializationOptions,
    });
    session.initializedAt = now();
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  get pid(): number {
    return this.child.pid!;
  }

  open(uri: string, text: string, languageId = 'markdown', version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Inserts `insert` at a position, as a one-keystroke incremental edit. */
  insert(uri: string, version: number, line: number, character: number, insert: string): Promise<void> {
    const range = { start: { line, character }, end: { line, character } };
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text: insert }],
    });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  async completion(uri: string, line: number, character: number): Promise<CompletionList | null> {
    const result = await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line, character },
    });
    return Array.isArray(result) ? { isIncomplete: false, items: result } : result;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      this.child.once('exit', () => resolve());
      setTimeout(resolve, 3000).unref();
    });
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    await exited; // a clean exit lets --cpu-prof write its profile
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** The project's own line helpers, for converting offsets of generated documents to LSP positions. */
export { LineMap, lineStartsOf };
