import * as fs from 'fs';
import * as path from 'path';
import type { Worker as WorkerType } from 'worker_threads';
import { URI } from 'vscode-uri';
import type { Glossary } from './core/glossary';
import { languageOfPath } from './core/languages';
import type { FileSystem } from './glossary/fileSystem';
import {
  FromWorker,
  IndexedMention,
  indexedMentions,
  matchingTermsOf,
  MAX_INDEXED_FILE_BYTES,
  sameMatching,
  ToWorker,
} from './indexing';
import { isInside } from './paths';
import { isIndexable, listIndexableFiles } from './workspaceFiles';

export type { IndexedMention };
export { listIndexableFiles };

/** On the main thread, indexing yields to requests after this much work (plus the one file it is in). */
const SLICE_MS = 4;
/** Files sent to the worker ahead of its answers, so it never waits for the main thread. */
const IN_FLIGHT = 4;
/** A file whose analysis takes longer is skipped (the worker is restarted without it), and said so. */
const FILE_TIME_LIMIT_MS = 10_000;
/** An idle worker is stopped after this long; the next file to index starts another. */
const WORKER_IDLE_MS = 5_000;
/** After this many crashes or time-outs the worker is not started again: files are indexed on the main thread. */
const MAX_WORKER_FAILURES = 10;

interface Entry {
  /** Size and modification time the mentions were found at ('' for an open document's text). */
  stamp: string;
  mentions: readonly IndexedMention[];
}

interface Job {
  uri: string;
  fsPath: string;
}

/**
 * Every mention of every glossary term in the workspace's files, built in the background and kept current file by
 * file as files change. A rebuild (the glossary or the settings changed) re-reads only the files whose size or
 * modification time changed, unless the glossary now matches other forms. The work runs in a worker thread when
 * the files are on this machine's disk (`workerScript`), so no request waits behind it; otherwise on the main
 * thread in slices of a few milliseconds. Comments of code are found by the core's lexer (see indexing.ts).
 */
export class WorkspaceIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Job>();
  private readonly inFlight = new Map<number, Job & { stamp: string; sentAt: number }>();
  private folders: string[] = [];
  private exclude: readonly string[] = [];
  private indexedWith: Glossary | undefined;
  private nextId = 1;
  private slicing = false;
  private worker: WorkerType | undefined;
  private workerGlossary: Glossary | undefined;
  private workerFailures = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private finishPass: (() => void) | undefined;
  /** Resolves when every queued file is indexed. */
  ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly fileSystem: FileSystem,
    /** The glossary to match with (a reconfigured folder keeps its index and gives it its new store's). */
    public glossarySource: () => Glossary,
    private readonly openText: (uri: string) => { text: string; languageId: string } | undefined,
    private readonly log: (message: string) => void,
    private readonly workerScript?: string,
  ) {}

  /** The worker thread's script next to this module (dist/indexWorker.js), when the files are on local disk. */
  static workerScriptFor(fileSystem: FileSystem): string | undefined {
    const script = path.join(__dirname, 'indexWorker.js');
    return fileSystem.local && fs.existsSync(script) ? script : undefined;
  }

  /**
   * Indexes the files below the folders (honouring .gitignore and the `exclude` globs) that changed since they were
   * last indexed, or all of them when the glossary matches other forms now; forgets files no longer listed.
   */
  rebuild(folders: readonly string[], exclude: readonly string[] = this.exclude): void {
    this.folders = [...folders];
    this.exclude = exclude;
    const glossary = this.glossarySource();
    if (!sameMatching(this.indexedWith, glossary)) {
      this.entries.clear();
      this.inFlight.clear(); // their answers are for the old forms; the files are listed again below
      this.indexedWith = glossary;
    }
    const listed = new Set<string>();
    let unchanged = 0;
    this.pending.clear();
    for (const folder of folders) {
      const { files, notes } = listIndexableFiles(this.fileSystem, folder, exclude);
      for (const note of notes) this.log(note);
      for (const fsPath of files) {
        const uri = URI.file(fsPath).toString();
        listed.add(uri);
        const entry = this.entries.get(uri);
        if (entry && entry.stamp !== '' && entry.stamp === this.stampOf(fsPath)) unchanged++;
        else this.pending.set(uri, { uri, fsPath });
      }
    }
    for (const uri of [...this.entries.keys()]) if (!listed.has(uri)) this.entries.delete(uri);
    this.log(`workspace index: ${this.pending.size} file(s) queued, ${unchanged} unchanged`);
    this.pump();
  }

  /** Re-reads one file (created or changed), or forgets it (deleted). */
  update(uri: string, deleted: boolean): void {
    this.pending.delete(uri);
    for (const [id, job] of this.inFlight) if (job.uri === uri) this.inFlight.delete(id);
    const fsPath = URI.parse(uri).fsPath;
    const folder = this.folders.find((f) => isInside(f, fsPath));
    if (deleted || !folder || !isIndexable(this.fileSystem, folder, fsPath, this.exclude)) {
      this.entries.delete(uri);
      return;
    }
    this.pending.set(uri, { uri, fsPath });
    this.pump();
  }

  mentionsOf(termId: string): { uri: string; mention: IndexedMention }[] {
    const found: { uri: string; mention: IndexedMention }[] = [];
    for (const [uri, { mentions }] of this.entries)
      for (const mention of mentions) if (mention.termIds.includes(termId)) found.push({ uri, mention });
    return found;
  }

  countMentions(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { mentions } of this.entries.values())
      for (const m of mentions) for (const id of m.termIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }

  /** Files with at least one mention. */
  get fileCount(): number {
    let count = 0;
    for (const { mentions } of this.entries.values()) if (mentions.length > 0) count++;
    return count;
  }

  /** Stops the worker and the timers (the index keeps what it has). */
  dispose(): void {
    this.pending.clear();
    this.inFlight.clear();
    this.stopWorker();
    this.finish();
  }

  private stampOf(fsPath: string): string {
    const stat = this.fileSystem.stat(fsPath);
    return stat ? `${stat.size}:${stat.mtimeMs}` : 'missing';
  }

  private pump(): void {
    if (this.pending.size === 0 && this.inFlight.size === 0) return this.finish();
    if (!this.finishPass) this.ready = new Promise((resolve) => (this.finishPass = resolve));
    if (this.workerScript && this.workerFailures < MAX_WORKER_FAILURES) this.sendToWorker();
    else if (!this.slicing) {
      this.slicing = true;
      setImmediate(() => this.slice());
    }
  }

  private finish(): void {
    if (this.pending.size > 0 || this.inFlight.size > 0) return;
    const finish = this.finishPass;
    this.finishPass = undefined;
    finish?.();
    if (this.worker && !this.idleTimer) {
      this.idleTimer = setTimeout(() => this.stopWorker(), WORKER_IDLE_MS);
      this.idleTimer.unref();
    }
  }

  /** Main-thread indexing: files until SLICE_MS have passed, then a turn for requests. */
  private slice(): void {
    const started = Date.now();
    while (this.pending.size > 0 && Date.now() - started < SLICE_MS) {
      const [uri, job] = this.pending.entries().next().value!;
      this.pending.delete(uri);
      const stamp = this.stampOf(job.fsPath);
      const open = this.openText(uri);
      const languageId = open?.languageId ?? languageOfPath(job.fsPath);
      let text = open?.text;
      if (languageId && text === undefined) {
        const read = this.fileSystem.readTextFile(job.fsPath, MAX_INDEXED_FILE_BYTES);
        if ('text' in read) text = read.text;
      }
      if (!languageId || text === undefined) this.entries.delete(uri);
      else this.store(uri, open ? '' : stamp, indexedMentions(this.glossarySource(), languageId, text));
    }
    this.slicing = false;
    if (this.pending.size > 0) this.pump();
    else this.finish();
  }

  private store(uri: string, stamp: string, mentions: IndexedMention[]): void {
    this.entries.set(uri, { stamp, mentions });
  }

  private sendToWorker(): void {
    const worker = this.startWorker();
    if (!worker) return this.pump();
    const glossary = this.glossarySource();
    if (this.workerGlossary !== glossary) {
      this.workerGlossary = glossary;
      worker.postMessage({ kind: 'glossary', terms: matchingTermsOf(glossary) } satisfies ToWorker);
    }
    while (this.inFlight.size < IN_FLIGHT && this.pending.size > 0) {
      const [uri, job] = this.pending.entries().next().value!;
      this.pending.delete(uri);
      const open = this.openText(uri);
      const languageId = open?.languageId ?? languageOfPath(job.fsPath);
      if (!languageId) {
        this.entries.delete(uri);
        continue;
      }
      const id = this.nextId++;
      this.inFlight.set(id, { ...job, stamp: open ? '' : this.stampOf(job.fsPath), sentAt: Date.now() });
      worker.postMessage({ kind: 'file', id, fsPath: job.fsPath, languageId, text: open?.text } satisfies ToWorker);
    }
    this.armWatchdog();
    if (this.inFlight.size === 0) this.finish();
  }

  private startWorker(): WorkerType | undefined {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.worker) return this.worker;
    try {
      const { Worker } = require('worker_threads') as typeof import('worker_threads');
      const worker = new Worker(this.workerScript!, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
      worker.unref();
      worker.on('message', (message: FromWorker) => this.onAnswer(worker, message));
      worker.on('error', (error) => this.onWorkerFailure(worker, `failed: ${error.message}`));
      worker.on('exit', (code) => this.onWorkerFailure(worker, `exited with code ${code}`));
      this.worker = worker;
      this.workerGlossary = undefined;
      return worker;
    } catch (error) {
      this.workerFailures = MAX_WORKER_FAILURES;
      this.log(`workspace index: no worker thread (${(error as Error).message}); indexing on the main thread`);
      return undefined;
    }
  }

  private onAnswer(worker: WorkerType, message: FromWorker): void {
    if (worker !== this.worker) return;
    const job = this.inFlight.get(message.id);
    this.inFlight.delete(message.id);
    if (job) {
      if (message.kind === 'indexed') this.store(job.uri, job.stamp, internTermIds(message.mentions));
      else {
        this.entries.delete(job.uri);
        this.log(`workspace index: ${job.fsPath} ${message.reason}; not indexed`);
      }
    }
    this.pump();
  }

  /** A crash or a time-out: the oldest file in flight is the one the worker was on; it is skipped, the rest resent. */
  private onWorkerFailure(worker: WorkerType, what: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    const oldest = Math.min(...this.inFlight.keys());
    const culprit = this.inFlight.get(oldest);
    if (culprit || what !== 'exited with code 0') this.workerFailures++;
    for (const [id, job] of this.inFlight) if (id !== oldest) this.pending.set(job.uri, job);
    this.inFlight.clear();
    if (culprit) {
      this.entries.delete(culprit.uri);
      this.log(`workspace index: the worker ${what} while analysing ${culprit.fsPath}; that file is not indexed`);
    }
    if (this.workerFailures >= MAX_WORKER_FAILURES)
      this.log(`workspace index: the worker failed ${this.workerFailures} times; indexing goes on on the main thread`);
    this.pump();
  }

  private armWatchdog(): void {
    if (this.watchdog || this.inFlight.size === 0) return;
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      const worker = this.worker;
      const oldest = Math.min(...this.inFlight.keys());
      const job = this.inFlight.get(oldest);
      if (worker && job && Date.now() - job.sentAt >= FILE_TIME_LIMIT_MS) {
        this.onWorkerFailure(worker, `took over ${FILE_TIME_LIMIT_MS / 1000} s`);
        void worker.terminate();
      } else this.armWatchdog();
    }, FILE_TIME_LIMIT_MS);
    this.watchdog.unref();
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (this.watchdog) clearTimeout(this.watchdog);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.watchdog = this.idleTimer = undefined;
    void worker?.terminate();
  }
}

/** Mentions cloned from the worker share one term-id array per set of terms, as the main thread's own do. */
const termIdSets = new Map<string, readonly string[]>();
function internTermIds(mentions: IndexedMention[]): IndexedMention[] {
  for (const m of mentions) {
    const key = m.termIds.join('\u0000');
    let shared = termIdSets.get(key);
    if (!shared) termIdSets.set(key, (shared = m.termIds));
    m.termIds = shared;
  }
  return mentions;
}
