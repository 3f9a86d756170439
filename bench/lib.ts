// Shared helpers of the benchmark: seeded randomness, statistics, result rows, the table, and a stdio LSP session.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
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
/** The floor of start-up and first hover: bench/floor/helloServer.ts, bundled and minified like dist/server.js. */
/**
 * Sent with a request to the hello-world server (an extra `floor` field of the params): answer with a hover of `chars`
 * characters or a list of `items` items, as long as our server's answer to the same request, so that a latency floor
 * includes the cost of sending, receiving and parsing an answer of that size and the ratio shows what our server adds.
 */
export interface FloorAnswerSize {
  chars?: number;
  items?: number;
}

export const HELLO_SERVER_JS = path.join(BENCH_DIR, 'out', 'hello-server.js');

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

/** What a figure is compared with: the same measurement, in the same unit and the same run, of the floor. */
export interface Floor {
  value: number | null;
  /** What the floor is: "hello-world LSP server", "rg -j1 -c -i -F -f FORMS", `node -e ""`. */
  what: string;
}

/**
 * One line of the table (and of results.json). A row without a target is information for the diagnosis. With a
 * floor, the target applies to the ratio value / floor (times: at most; throughputs: at least).
 */
export interface Row {
  section: string;
  name: string;
  value: number | null; // null: not measured (skipped)
  unit: string;
  floor?: Floor;
  target?: Target;
  note?: string;
}

/** value / floor, or null when either is missing. */
export function ratioOf(row: Row): number | null {
  if (!row.floor || row.value === null || row.floor.value === null || !(row.floor.value > 0)) return null;
  return row.value / row.floor.value;
}

export function status(row: Row): 'PASS' | 'FAIL' | 'SKIP' | '' {
  if (!row.target) return '';
  const value = row.floor ? ratioOf(row) : row.value;
  if (value === null || Number.isNaN(value)) return 'SKIP';
  return (row.target.op === '<=' ? value <= row.target.limit : value >= row.target.limit) ? 'PASS' : 'FAIL';
}

function formatValue(value: number | null, unit: string): string {
  if (value === null || Number.isNaN(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return `${value.toFixed(digits)}${unit ? ' ' + unit : ''}`;
}

export function printTable(rows: readonly Row[]): void {
  const cells = rows.map((r) => {
    const ratio = ratioOf(r);
    return [
      r.section,
      r.name,
      formatValue(r.value, r.unit),
      r.floor ? formatValue(r.floor.value, r.unit) : '',
      ratio === null ? '' : `${ratio.toFixed(2)}×`,
      r.target
        ? r.floor
          ? `${r.target.op} ${r.target.limit}×`
          : `${r.target.op} ${r.target.limit} ${r.unit}`.trim()
        : '',
      status(r),
      [r.floor ? `floor: ${r.floor.what}` : '', r.note ?? ''].filter((n) => n !== '').join('; '),
    ];
  });
  const header = ['section', 'measurement', 'value', 'floor', 'ratio', 'target', 'result', 'note'];
  const last = header.length - 1;
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (i === last ? 0 : c[i].length))));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i === last ? cell : cell.padEnd(widths[i])))
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
   * `server` runs another server (the hello-world floor); `folder` opens a workspace folder.
   */
  static async start(
    initializationOptions?: unknown,
    envChanges: Readonly<Record<string, string | undefined>> = SERVER_ENV,
    { server = SERVER_JS, folder }: { server?: string; folder?: string } = {},
  ): Promise<LspSession> {
    const spawnedAt = now();
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
    const child = spawn(process.execPath, [...nodeArgs, server, '--stdio'], {
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
      rootUri: folder ? fileUri(folder) : null,
      workspaceFolders: folder ? [{ uri: fileUri(folder), name: path.basename(folder) }] : null,
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

  /** `floor`: for the hello-world server only, the answer to match in size (see FloorAnswerSize). */
  hover(uri: string, line: number, character: number, floor?: FloorAnswerSize): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line, character },
      ...(floor && { floor }),
    });
  }

  async completion(
    uri: string,
    line: number,
    character: number,
    floor?: FloorAnswerSize,
  ): Promise<CompletionList | null> {
    const result = await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line, character },
      ...(floor && { floor }),
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

/** Median wall time of `rg ARGS`, after one untimed run that warms the page cache; throws when rg fails. */
export function timeRipgrep(rg: string, args: readonly string[], runs: number): { ms: number; runs: number[] } {
  const once = () => {
    const t0 = now();
    const result = spawnSync(rg, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
    const ms = now() - t0;
    if (result.status !== 0 && result.status !== 1) throw new Error(`rg failed: ${result.stderr}`);
    return ms;
  };
  once();
  const times = Array.from({ length: runs }, once);
  return { ms: median(times), runs: times };
}

/** Writes the surface forms one per line for `rg -f`, in a fresh temporary folder; returns the file. */
export function formsFile(forms: readonly string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-bench-forms-'));
  const file = path.join(dir, 'forms.txt');
  fs.writeFileSync(file, [...new Set(forms)].join('\n') + '\n');
  return file;
}

/** The project's own line helpers, for converting offsets of generated documents to LSP positions. */
export { LineMap, lineStartsOf };
