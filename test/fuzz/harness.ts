import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  HoverRequest,
  LSPErrorCodes,
  ReferencesRequest,
  SemanticTokensRequest,
} from 'vscode-languageserver-protocol';
import { ReloadGlossaryRequest } from '../../server/shared/messages';
import { peakRssMiB } from '../support/bounds';
import { pathToUri, ProtocolClient, TestClient } from '../support/lspClient';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import { MemoryClient } from '../support/memoryServer';
import { hostileDocument, hostileTermFile, Random } from './generators';

const REPO = path.resolve(__dirname, '..', '..', '..');
/** Where the text of each failing case is written, to replay it. */
export const FAILURES_DIR = path.join(os.tmpdir(), 'llm-glossary-fuzz-failures');

export interface FuzzOptions {
  /** How long to run, in milliseconds. */
  budgetMs: number;
  seed: number;
  /** A request slower than this is a failure. */
  requestBoundMs: number;
  /** Where: the server in this process (fast, most cases) or the built server over stdio (process-level failures). */
  target: 'memory' | 'stdio';
  /** Largest generated document, in characters. */
  maxDocumentChars?: number;
  progress?: (line: string) => void;
  /** Told of every request: to see what came before a slow one. */
  trace?: (method: string, ms: number, caseName: string) => void;
}

export interface FuzzReport {
  target: 'memory' | 'stdio';
  seed: number;
  ms: number;
  documents: number;
  termFiles: number;
  requests: number;
  byLanguage: Record<string, number>;
  slowest: { method: string; ms: number; caseName: string; chars: number };
  /** Failed, errored or too slow requests, and server crashes: each with the case that caused it. */
  failures: string[];
  peakRssMiB: number;
}

/** A server under test: how to reach it, where its term files go, and its memory. */
interface Target {
  client: ProtocolClient;
  workspace: string;
  writeTermFile(name: string, text: string): void;
  removeTermFile(name: string): void;
  peakRssMiB(): number;
  alive(): boolean;
  stop(): Promise<void>;
}

async function memoryTarget(): Promise<Target> {
  const fileSystem = new MemoryFileSystem();
  // The real bundled glossary, so the matcher and hovers work at full size.
  for (const folder of ['terms', '_meta'])
    for (const name of fs.readdirSync(path.join(REPO, folder)))
      if (fs.statSync(path.join(REPO, folder, name)).isFile())
        fileSystem.write(`/bundled/${folder}/${name}`, fs.readFileSync(path.join(REPO, folder, name), 'utf8'));
  fileSystem.write('/ws/team/gold-path.md', fs.readFileSync(path.join(REPO, 'terms', 'kv-cache.md'), 'utf8'));
  const client = await MemoryClient.start(fileSystem, {
    folders: ['/ws'],
    initializationOptions: { glossaryPaths: ['team'] },
    capabilities: lazyDocs,
  });
  return {
    client,
    workspace: '/ws',
    writeTermFile: (name, text) => void fileSystem.write(`/ws/team/${name}`, text),
    removeTermFile: (name) => void fileSystem.remove(`/ws/team/${name}`),
    // The peak of this process (VmHWM), which holds the harness and the server: an upper bound of the server's.
    peakRssMiB: () => peakRssMiB(process.pid),
    alive: () => true,
    stop: async () => client.stop(),
  };
}

async function stdioTarget(): Promise<Target> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-fuzz-'));
  fs.mkdirSync(path.join(workspace, 'team'));
  const client = await TestClient.start({
    rootPath: workspace,
    initializationOptions: { glossaryPaths: ['team'] },
    capabilities: lazyDocs,
  });
  let exited = false;
  client.process.on('exit', () => (exited = true));
  let peak = 0;
  return {
    client,
    workspace,
    writeTermFile: (name, text) => fs.writeFileSync(path.join(workspace, 'team', name), text),
    removeTermFile: (name) => fs.rmSync(path.join(workspace, 'team', name), { force: true }),
    peakRssMiB: () => (exited ? peak : (peak = Math.max(peak, peakRssMiB(client.process.pid!)))),
    alive: () => !exited,
    stop: async () => {
      await client.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    },
  };
}

const lazyDocs = {
  textDocument: { completion: { completionItem: { resolveSupport: { properties: ['documentation'] } } } },
};

/**
 * Sends hostile documents and term files to a server for `budgetMs` and checks that every request is answered,
 * without an error and within the bound, that the server does not die, and how much memory it used.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const random = new Random(options.seed);
  const maxChars = options.maxDocumentChars ?? 400_000;
  let target = options.target === 'memory' ? await memoryTarget() : await stdioTarget();
  const report: FuzzReport = {
    target: options.target,
    seed: options.seed,
    ms: 0,
    documents: 0,
    termFiles: 0,
    requests: 0,
    byLanguage: {},
    slowest: { method: '', ms: 0, caseName: '', chars: 0 },
    failures: [],
    peakRssMiB: 0,
  };
  const started = Date.now();
  let caseName = '';
  let caseChars = 0;
  let caseText = '';
  let caseLanguage = '';
  const saved = new Set<string>();
  /** The case that failed, kept in a file to replay it; its path goes into the failure line. */
  const fail = (line: string) => {
    const file = path.join(
      FAILURES_DIR,
      `${options.target}-seed${options.seed}-${caseName.split(' ')[0]}-${caseName.split(' ')[1]}.${caseLanguage}.txt`,
    );
    if (!saved.has(file)) {
      saved.add(file);
      fs.mkdirSync(FAILURES_DIR, { recursive: true });
      fs.writeFileSync(file, caseText);
    }
    report.failures.push(`${line} — case ${caseName}; saved in ${file}`);
  };

  const request = async <R>(method: string, params: unknown): Promise<R | undefined> => {
    const t0 = performance.now();
    try {
      const result = (await withBound(
        target.client.connection.sendRequest(method, params) as Promise<R>,
        Math.max(options.requestBoundMs * 20, 30_000),
      )) as R;
      return result;
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code !== LSPErrorCodes.RequestCancelled) fail(`${method} failed: ${(error as Error).message}`);
      return undefined;
    } finally {
      const ms = performance.now() - t0;
      report.requests++;
      options.trace?.(method, ms, caseName);
      if (ms > report.slowest.ms) report.slowest = { method, ms, caseName, chars: caseChars };
      if (ms > options.requestBoundMs) fail(`${method} took ${Math.round(ms)} ms (bound ${options.requestBoundMs})`);
    }
  };

  let termCount = 0;
  const liveTerms: string[] = [];
  for (let n = 0; Date.now() - started < options.budgetMs; n++) {
    if (!target.alive()) {
      report.failures.push(`the server process died — after case ${caseName}`);
      target = await stdioTarget();
    }
    try {
      await runCase(n);
    } catch (error) {
      // A notification to a server that died mid-case throws here: the crash is reported (above) and fuzzing goes on.
      if (target.alive()) throw error;
    }
    report.peakRssMiB = Math.max(report.peakRssMiB, target.peakRssMiB());
    if (options.progress && n % 50 === 0)
      options.progress(
        `${Math.round((Date.now() - started) / 1000)} s: ${report.documents} documents, ${report.termFiles} term files, ${report.requests} requests, slowest ${Math.round(report.slowest.ms)} ms, peak RSS ${Math.round(report.peakRssMiB)} MiB, ${report.failures.length} failure(s)`,
      );
  }

  async function runCase(n: number): Promise<void> {
    if (random.chance(0.2)) {
      // A hostile term file in the team folder, then a reload and a hover of the term (the sanitiser's path).
      const term = hostileTermFile(random, termCount++, Math.min(maxChars, 600_000));
      caseName = `term file ${term.id}: ${term.name}`;
      caseChars = term.text.length;
      caseText = term.text;
      caseLanguage = 'md';
      report.termFiles++;
      target.writeTermFile(`${term.id}.md`, term.text);
      liveTerms.push(term.id);
      if (liveTerms.length > 10) target.removeTermFile(`${liveTerms.shift()}.md`);
      if (random.chance(0.5)) await request(ReloadGlossaryRequest.method, undefined);
      else {
        await target.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
          changes: [{ uri: pathToUri(path.join(target.workspace, 'team', `${term.id}.md`)), type: 1 }],
        });
        await new Promise((resolve) => setTimeout(resolve, 80)); // past the 50 ms rebuild debounce
      }
      const uri = pathToUri(path.join(target.workspace, 'docs', `uses-${term.id}.md`));
      await target.client.open(uri, 'markdown', `We use ${term.title} here.\n`);
      await request(HoverRequest.method, { textDocument: { uri }, position: { line: 0, character: 8 } });
      await request(CompletionRequest.method, { textDocument: { uri }, position: { line: 0, character: 10 } });
      await target.client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    } else {
      const doc = hostileDocument(random, maxChars);
      caseName = `document ${n} (${doc.name})`;
      caseChars = doc.text.length;
      caseText = doc.text;
      caseLanguage = doc.languageId;
      report.documents++;
      report.byLanguage[doc.languageId] = (report.byLanguage[doc.languageId] ?? 0) + 1;
      const uri = pathToUri(path.join(target.workspace, 'docs', `doc${n}.${doc.extension}`));
      await target.client.open(uri, doc.languageId, doc.text, 1);
      const lines = doc.text.split('\n');
      const position = () => {
        const line = random.int(lines.length + 1);
        return { line, character: random.int((lines[line]?.length ?? 0) + 2) };
      };
      const at = { textDocument: { uri } };
      for (let i = 0; i < 3; i++) await request(HoverRequest.method, { ...at, position: position() });
      await request(CompletionRequest.method, { ...at, position: position() });
      await request(DefinitionRequest.method, { ...at, position: position() });
      if (doc.languageId === 'markdown' || doc.languageId === 'yaml') await request(SemanticTokensRequest.method, at);
      await request(CodeLensRequest.method, at);
      if (random.chance(0.1))
        await request(ReferencesRequest.method, { ...at, position: position(), context: { includeDeclaration: true } });
      // An edit (sometimes out of order or out of range), then requests on the new text.
      const version = random.chance(0.1) ? 0 : 2;
      const range = { start: position(), end: random.chance(0.1) ? { line: 1e9, character: 1e9 } : position() };
      const inserted = random.chance(0.5) ? 'KV cache ' : '<a'.repeat(random.count(1000));
      caseName += ` then version ${version}: ${JSON.stringify(range)} replaced by ${inserted.length} chars`;
      await target.client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range, text: inserted }],
      });
      await request(HoverRequest.method, { ...at, position: position() });
      await request(CompletionRequest.method, { ...at, position: position() });
      await target.client.connection.sendNotification(DidCloseTextDocumentNotification.type, at);
    }
  }
  report.peakRssMiB = Math.max(report.peakRssMiB, target.peakRssMiB());
  if (!target.alive()) report.failures.push(`the server process died — after case ${caseName}`);
  await target.stop();
  report.ms = Date.now() - started;
  return report;
}

function withBound<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** The report as a few lines: what ran, the slowest request, peak RSS, failures. */
export function describeReport(report: FuzzReport): string {
  const languages = Object.entries(report.byLanguage)
    .sort(([, a], [, b]) => b - a)
    .map(([language, count]) => `${language} ${count}`)
    .join(', ');
  return [
    `${report.target === 'memory' ? 'in memory' : 'over stdio (dist/server.js)'}, seed ${report.seed}, ${Math.round(report.ms / 1000)} s: ${report.documents} documents (${languages}), ${report.termFiles} term files, ${report.requests} requests`,
    `  slowest request: ${report.slowest.method} ${Math.round(report.slowest.ms)} ms on ${report.slowest.caseName} (${report.slowest.chars} chars)`,
    `  peak RSS: ${Math.round(report.peakRssMiB)} MiB${report.target === 'memory' ? ' (VmHWM of this process: the harness and the in-memory server)' : ' (VmHWM of the server process alone)'}`,
    `  failures: ${report.failures.length}${report.failures.length > 0 ? `\n    ${[...new Set(report.failures)].slice(0, 20).join('\n    ')}` : ''}`,
  ].join('\n');
}
