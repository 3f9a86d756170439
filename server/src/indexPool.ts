import * as fs from 'fs';
import * as path from 'path';
import type { Worker as WorkerType } from 'worker_threads';
import type { Glossary } from './core/glossary';
import { prebuiltSourceOf } from './glossary/snapshot';
import { FromWorker, IndexedMention, matchingTermsOf, ToWorker } from './indexing';

/** Files sent to a worker ahead of its answers, so it never waits for the main thread. */
const IN_FLIGHT = 4;
/** A file whose analysis takes longer is skipped (its worker is replaced), and said so. */
const FILE_TIME_LIMIT_MS = 10_000;
/** After this many crashes or time-outs, no worker is started again: `usable` turns false. */
const MAX_FAILURES = 10;

export interface FileJob {
  fsPath: string;
  languageId: string;
  /** The text to analyse (an open document's); without it the worker reads the file. */
  text?: string;
}

/** `retry`: the job was never run (no worker, or stopped): it can be run elsewhere. */
export type JobAnswer = { mentions: IndexedMention[] } | { skipped: string; retry?: boolean };

interface Pending extends FileJob {
  id: number;
  resolve: (answer: JobAnswer) => void;
}

interface Thread {
  worker: WorkerType;
  inFlight: Map<number, Pending & { sentAt: number }>;
  glossary?: Glossary;
}

/**
 * Worker threads (indexWorker.ts) that read and analyse files for the workspace index, so the main
 * thread stays free for requests. Jobs are answered in any order; a job whose file crashes its worker, or takes over
 * FILE_TIME_LIMIT_MS, is answered `skipped` and the worker replaced. Each worker matches with a glossary made from
 * the terms of the last `setGlossary`; a job submitted after it is analysed with it.
 */
export class IndexPool {
  private readonly threads: (Thread | undefined)[];
  private readonly queue: Pending[] = [];
  private glossary: Glossary | undefined;
  private commonWords: () => ReadonlySet<string> = () => new Set();
  private nextId = 1;
  private failures = 0;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly script: string,
    size: number,
    private readonly log: (message: string) => void,
    private readonly keepAlive = false,
  ) {
    this.threads = new Array<Thread | undefined>(Math.max(1, size)).fill(undefined);
  }

  /** The worker script next to this module (dist/indexWorker.js), when there is one. */
  static scriptNextToThis(): string | undefined {
    const script = path.join(__dirname, 'indexWorker.js');
    return fs.existsSync(script) ? script : undefined;
  }

  /**
   * One worker: a second one halves the wall time only on an idle machine, and costs a second cold start (module
   * load, glossary, JIT warm-up: about half of the single worker's time on a 5 MB repository) on a busy one.
   */
  static defaultSize(): number {
    return 1;
  }

  /** False after repeated failures (or when no worker can be started): callers index on the main thread. */
  get usable(): boolean {
    return this.failures < MAX_FAILURES;
  }

  /** Jobs submitted but not answered yet. */
  get busy(): boolean {
    return this.queue.length > 0 || this.threads.some((t) => t && t.inFlight.size > 0);
  }

  /**
   * The glossary jobs match with, and the everyday words it was made with (see Glossary's generated forms), read
   * only when a worker makes the glossary from its terms.
   */
  setGlossary(glossary: Glossary, commonWords: () => ReadonlySet<string> = () => new Set()): void {
    if (this.glossary !== glossary) this.commonWords = commonWords;
    this.glossary = glossary;
  }

  analyze(job: FileJob): Promise<JobAnswer> {
    return new Promise((resolve) => {
      this.queue.push({ ...job, id: this.nextId++, resolve });
      this.dispatch();
    });
  }

  /** Answers every job not sent to a worker yet with `skipped` (e.g. when the glossary changed). */
  dropQueued(reason: string): void {
    for (const job of this.queue.splice(0)) job.resolve({ skipped: reason, retry: true });
  }

  /** Stops every worker (queued and running jobs are answered `skipped`). */
  dispose(): void {
    this.dropQueued('the index was stopped');
    for (let i = 0; i < this.threads.length; i++) {
      const thread = this.threads[i];
      this.threads[i] = undefined;
      if (!thread) continue;
      for (const job of thread.inFlight.values()) job.resolve({ skipped: 'the index was stopped', retry: true });
      void thread.worker.terminate();
    }
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private dispatch(): void {
    if (!this.usable) return this.dropQueued('no worker thread');
    for (let i = 0; i < this.threads.length && this.queue.length > 0; i++) {
      const thread = this.threads[i] ?? this.start(i);
      if (!thread) return this.dropQueued('no worker thread');
      if (thread.glossary !== this.glossary && this.glossary) {
        thread.glossary = this.glossary;
        // The bundled glossary as the build compiled it: the worker makes it from the snapshot's bytes in a few
        // milliseconds, where decoding, sending and compiling every term took some 100 ms of both threads.
        const prebuilt = prebuiltSourceOf(this.glossary);
        thread.worker.postMessage(
          (prebuilt
            ? { kind: 'prebuilt', ...prebuilt }
            : {
                kind: 'glossary',
                terms: matchingTermsOf(this.glossary),
                commonWords: [...this.commonWords()],
              }) satisfies ToWorker,
        );
      }
      while (thread.inFlight.size < IN_FLIGHT && this.queue.length > 0) {
        const job = this.queue.shift()!;
        thread.inFlight.set(job.id, { ...job, sentAt: Date.now() });
        const { id, fsPath, languageId, text } = job;
        thread.worker.postMessage({ kind: 'file', id, fsPath, languageId, text } satisfies ToWorker);
      }
    }
    this.armWatchdog();
  }

  private start(slot: number): Thread | undefined {
    try {
      const { Worker } = require('worker_threads') as typeof import('worker_threads');
      const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
      if (!this.keepAlive) worker.unref();
      const thread: Thread = { worker, inFlight: new Map() };
      worker.on('message', (message: FromWorker) => this.onAnswer(thread, message));
      worker.on('error', (error) => this.onFailure(slot, thread, `failed (${error.message})`));
      worker.on('exit', (code) => this.onFailure(slot, thread, `exited with code ${code}`));
      this.threads[slot] = thread;
      return thread;
    } catch (error) {
      this.failures = MAX_FAILURES;
      this.log(`workspace index: no worker thread (${(error as Error).message}); indexing on the main thread`);
      return undefined;
    }
  }

  private onAnswer(thread: Thread, message: FromWorker): void {
    const job = thread.inFlight.get(message.id);
    thread.inFlight.delete(message.id);
    job?.resolve(message.kind === 'indexed' ? { mentions: message.mentions } : { skipped: message.reason });
    this.dispatch();
  }

  /** A crash or a time-out: the oldest job in flight is the one the worker was on; it is skipped, the rest resent. */
  private onFailure(slot: number, thread: Thread, what: string): void {
    if (this.threads[slot] !== thread) return;
    this.threads[slot] = undefined;
    const [culprit, ...others] = [...thread.inFlight.values()].sort((a, b) => a.id - b.id);
    this.queue.unshift(...others);
    if (culprit) {
      this.failures++;
      this.log(`workspace index: the worker ${what} while analysing ${culprit.fsPath}; that file is not indexed`);
      culprit.resolve({ skipped: `the worker ${what}` });
      if (!this.usable)
        this.log(`workspace index: the worker failed ${this.failures} times; files are indexed on the main thread`);
    }
    this.dispatch();
  }

  private armWatchdog(): void {
    if (this.watchdog || !this.threads.some((t) => t && t.inFlight.size > 0)) return;
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      this.threads.forEach((thread, slot) => {
        const oldest = thread && Math.min(...[...thread.inFlight.values()].map((j) => j.sentAt));
        if (thread && oldest !== undefined && Date.now() - oldest >= FILE_TIME_LIMIT_MS) {
          this.onFailure(slot, thread, `took over ${FILE_TIME_LIMIT_MS / 1000} s`);
          void thread.worker.terminate();
        }
      });
      this.armWatchdog();
    }, FILE_TIME_LIMIT_MS / 4);
    if (!this.keepAlive) this.watchdog.unref();
  }

  /** Stops idle workers (their memory is returned); the next job starts new ones. */
  stopIdle(): void {
    this.threads.forEach((thread, slot) => {
      if (thread && thread.inFlight.size === 0) {
        this.threads[slot] = undefined;
        void thread.worker.terminate();
      }
    });
  }
}
