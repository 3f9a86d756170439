import { URI } from 'vscode-uri';
import type { Glossary } from './core/glossary';
import { languageOfPath } from './core/languages';
import type { FileSystem } from './glossary/fileSystem';
import { IndexPool } from './indexPool';
import { IndexedMention, indexedMentions, MAX_INDEXED_FILE_BYTES, sameMatching } from './indexing';
import { isInside } from './paths';
import { isIndexable, listIndexableFiles, listIndexableFilesInSlices, type ListedFiles } from './workspaceFiles';

export type { IndexedMention };
export { listIndexableFiles };

/** On the main thread, indexing yields to requests after this much work (plus the one file it is in). */
const SLICE_MS = 4;
/** Files handed to the worker pool at a time (the rest wait here, where a glossary change can still drop them). */
const SUBMITTED = 16;
/** Idle workers are stopped after this long; the next file to index starts others. */
const WORKER_IDLE_MS = 5_000;

interface Entry {
  /** Size and modification time the mentions were found at ('' for an open document's text). */
  stamp: string;
  mentions: readonly IndexedMention[];
}

/**
 * Every mention of every glossary term in the workspace's files, built in the background and kept current file by
 * file as files change. A rebuild (the glossary or the settings changed) re-reads only the files whose size or
 * modification time changed, unless the glossary now matches other forms. The work runs in worker threads
 * (indexPool.ts) when the files are on this machine's disk, so no request waits behind it; otherwise on the main
 * thread in slices of a few milliseconds. Comments of code are found by the core's lexer (see indexing.ts).
 */
export class WorkspaceIndex {
  /**
   * A rebuild asked for with rebuildSoon starts once requests pause this long, so the requests that come with the
   * start (didOpen and the first hover) are answered before the listing of the workspace and the worker's start; a
   * request that needs the index starts it at once (whenReady). Tests may lengthen it.
   */
  static startQuietMs = 20;
  /** ... and at the latest this long after it was asked for, however busy requests keep the server. */
  static startMaxDelayMs = 500;
  private readonly entries = new Map<string, Entry>();
  /**
   * Mentions cloned from the worker share one term-id array per set of terms, as the main thread's own do. Emptied
   * with the entries when the glossary matches other forms (its term ids may be gone): it never outgrows the glossary.
   */
  private readonly termIdSets = new Map<string, readonly string[]>();
  /** Files to index, by URI, with their path. */
  private readonly pending = new Map<string, string>();
  /** Files handed to the pool, by URI: an answer counts only while its token is still the file's. */
  private readonly submitted = new Map<string, object>();
  private folders: string[] = [];
  private exclude: readonly string[] = [];
  private indexedWith: Glossary | undefined;
  private slicing = false;
  private pool: IndexPool | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private finishPass: (() => void) | undefined;
  private scheduled: { folders: readonly string[]; exclude: readonly string[]; at: number } | undefined;
  private startTimer: NodeJS.Timeout | undefined;
  /** The listing in progress (a token: a newer rebuild replaces it). */
  private listing: object | undefined;
  /** Resolves when every queued file is indexed (and a rebuild asked for with rebuildSoon is done). */
  ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly fileSystem: FileSystem,
    /** The glossary to match with (a reconfigured folder keeps its index and gives it its new store's). */
    public glossarySource: () => Glossary,
    private readonly openText: (uri: string) => { text: string; languageId: string } | undefined,
    private readonly log: (message: string) => void,
    private readonly workerScript?: string,
    /** The everyday words the glossary was made with: the worker makes its own glossary with them. */
    private readonly commonWords: () => ReadonlySet<string> = () => new Set(),
    /** Limits the listing hit (the file cap, a .gitignore not applied), for the user to see. */
    private readonly showNotes: (notes: readonly string[]) => void = () => undefined,
  ) {}

  /** The worker threads' script (dist/indexWorker.js) when the files are on this machine's disk. */
  static workerScriptFor(fileSystem: FileSystem): string | undefined {
    return fileSystem.local ? IndexPool.scriptNextToThis() : undefined;
  }

  /**
   * Indexes the files below the folders (honouring .gitignore and the `exclude` globs) that changed since they were
   * last indexed, or all of them when the glossary matches other forms now; forgets files no longer listed.
   */
  rebuild(folders: readonly string[], exclude: readonly string[] = this.exclude): void {
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = undefined;
    this.scheduled = undefined;
    this.folders = [...folders];
    this.exclude = exclude;
    const glossary = this.glossarySource();
    if (!sameMatching(this.indexedWith, glossary)) {
      this.entries.clear();
      this.termIdSets.clear();
      this.submitted.clear(); // their answers are for the old forms; the files are listed again below
      this.pool?.dropQueued('the glossary changed');
      this.indexedWith = glossary;
    }
    this.pending.clear();
    // The listing runs a slice at a time (a large workspace or .gitignore never holds up a request); a newer
    // rebuild makes this one's listing stop.
    const listing = {};
    this.listing = listing;
    if (!this.finishPass) this.ready = new Promise((resolve) => (this.finishPass = resolve));
    void this.list(folders, exclude, () => this.listing !== listing).then((listed) => {
      if (!listed) return;
      this.listing = undefined;
      this.queue(listed);
    });
  }

  private async list(folders: readonly string[], exclude: readonly string[], cancelled: () => boolean) {
    const listed: ListedFiles[] = [];
    for (const folder of folders) {
      const one = await listIndexableFilesInSlices(this.fileSystem, folder, exclude, cancelled);
      if (!one || cancelled()) return undefined;
      for (const note of one.notes) this.log(note);
      if (one.limits.length > 0) this.showNotes(one.limits);
      listed.push(one);
    }
    return listed;
  }

  /** Queues the listed files that changed since they were indexed, and forgets those no longer listed. */
  private queue(listedFolders: ListedFiles[]): void {
    const listed = new Set<string>();
    let unchanged = 0;
    for (const { files } of listedFolders) {
      for (const fsPath of files) {
        const uri = URI.file(fsPath).toString();
        listed.add(uri);
        const entry = this.entries.get(uri);
        if (entry && entry.stamp !== '' && entry.stamp === this.stampOf(fsPath)) unchanged++;
        else this.pending.set(uri, fsPath);
      }
    }
    for (const uri of [...this.entries.keys()])
      if (!listed.has(uri) && !this.pending.has(uri) && !this.submitted.has(uri)) this.entries.delete(uri);
    this.log(`workspace index: ${this.pending.size} file(s) queued, ${unchanged} unchanged`);
    this.pump();
  }

  /**
   * A rebuild that starts once requests pause (startQuietMs, see postpone) or a request needs the index
   * (whenReady); `ready` waits for it from now on.
   */
  rebuildSoon(folders: readonly string[], exclude: readonly string[] = this.exclude): void {
    this.scheduled = { folders: [...folders], exclude, at: this.scheduled?.at ?? Date.now() };
    if (!this.finishPass) this.ready = new Promise((resolve) => (this.finishPass = resolve));
    this.armStart();
  }

  /** A request came in: a rebuild asked for with rebuildSoon waits for requests to pause. */
  postpone(): void {
    if (this.scheduled) this.armStart();
  }

  /** Starts a rebuild asked for with rebuildSoon now, and resolves when every file is indexed. */
  whenReady(): Promise<void> {
    this.startNow();
    return this.ready;
  }

  private armStart(): void {
    if (this.startTimer) clearTimeout(this.startTimer);
    const latest = this.scheduled!.at + WorkspaceIndex.startMaxDelayMs - Date.now();
    this.startTimer = setTimeout(() => this.startNow(), Math.max(0, Math.min(WorkspaceIndex.startQuietMs, latest)));
    this.startTimer.unref();
  }

  private startNow(): void {
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = undefined;
    const scheduled = this.scheduled;
    this.scheduled = undefined;
    if (scheduled) this.rebuild(scheduled.folders, scheduled.exclude);
  }

  /** Re-reads one file (created or changed), or forgets it (deleted). */
  update(uri: string, deleted: boolean): void {
    this.submitted.delete(uri);
    this.pending.delete(uri);
    const fsPath = URI.parse(uri).fsPath;
    const folder = this.folders.find((f) => isInside(f, fsPath));
    if (deleted || !folder || !isIndexable(this.fileSystem, folder, fsPath, this.exclude)) {
      this.entries.delete(uri);
      return this.pump();
    }
    this.pending.set(uri, fsPath);
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

  /** Stops the workers and the timers (the index keeps what it has). */
  dispose(): void {
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = undefined;
    this.scheduled = undefined;
    this.listing = undefined;
    this.pending.clear();
    this.submitted.clear();
    this.pool?.dispose();
    this.pool = undefined;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.finish();
  }

  private stampOf(fsPath: string): string {
    const stat = this.fileSystem.stat(fsPath);
    return stat ? `${stat.size}:${stat.mtimeMs}` : 'missing';
  }

  private pump(): void {
    if (this.pending.size === 0 && this.submitted.size === 0) return this.finish();
    if (!this.finishPass) this.ready = new Promise((resolve) => (this.finishPass = resolve));
    if (this.workerScript && (this.pool?.usable ?? true)) this.submit();
    else if (!this.slicing) {
      this.slicing = true;
      setImmediate(() => this.slice());
    }
  }

  private finish(): void {
    if (this.pending.size > 0 || this.submitted.size > 0 || this.scheduled || this.listing) return;
    const finish = this.finishPass;
    this.finishPass = undefined;
    finish?.();
    if (this.pool && !this.idleTimer) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = undefined;
        this.pool?.stopIdle();
      }, WORKER_IDLE_MS);
      this.idleTimer.unref();
    }
  }

  /** What to analyse for a file: its language and, when it is open in the editor, the editor's text. */
  private jobOf(uri: string, fsPath: string) {
    const open = this.openText(uri);
    return {
      languageId: open?.languageId ?? languageOfPath(fsPath),
      text: open?.text,
      stamp: open ? '' : this.stampOf(fsPath),
    };
  }

  /** Main-thread indexing: files until SLICE_MS have passed, then a turn for requests. */
  private slice(): void {
    const started = Date.now();
    while (this.pending.size > 0 && Date.now() - started < SLICE_MS) {
      const [uri, fsPath] = this.pending.entries().next().value!;
      this.pending.delete(uri);
      const job = this.jobOf(uri, fsPath);
      const { languageId, stamp } = job;
      let text = job.text;
      if (languageId && text === undefined) {
        const read = this.fileSystem.readTextFile(fsPath, MAX_INDEXED_FILE_BYTES);
        if ('text' in read) text = read.text;
      }
      if (!languageId || text === undefined) this.entries.delete(uri);
      else this.entries.set(uri, { stamp, mentions: indexedMentions(this.glossarySource(), languageId, text) });
    }
    this.slicing = false;
    if (this.pending.size > 0) this.pump();
    else this.finish();
  }

  private internTermIds(mentions: IndexedMention[]): IndexedMention[] {
    for (const m of mentions) {
      const key = m.termIds.join('\u0000');
      let shared = this.termIdSets.get(key);
      if (!shared) this.termIdSets.set(key, (shared = m.termIds));
      m.termIds = shared;
    }
    return mentions;
  }

  /** Hands files to the worker pool, a few at a time. */
  private submit(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.pool ??= new IndexPool(this.workerScript!, IndexPool.defaultSize(), this.log);
    const glossary = this.glossarySource();
    this.pool.setGlossary(glossary, this.commonWords);
    while (this.submitted.size < SUBMITTED && this.pending.size > 0) {
      const [uri, fsPath] = this.pending.entries().next().value!;
      this.pending.delete(uri);
      const { languageId, text, stamp } = this.jobOf(uri, fsPath);
      if (!languageId) {
        this.entries.delete(uri);
        continue;
      }
      const token = {};
      this.submitted.set(uri, token);
      void this.pool.analyze({ fsPath, languageId, text }).then((answer) => {
        if (this.submitted.get(uri) !== token) return;
        this.submitted.delete(uri);
        if ('mentions' in answer) this.entries.set(uri, { stamp, mentions: this.internTermIds(answer.mentions) });
        else if (answer.retry)
          this.pending.set(uri, fsPath); // no worker ran it: on the main thread instead
        else {
          this.entries.delete(uri);
          this.log(`workspace index: ${fsPath} ${answer.skipped}; not indexed`);
        }
        this.pump();
      });
    }
    if (!this.pool.usable)
      this.pump(); // the main thread takes over
    else if (this.pending.size === 0 && this.submitted.size === 0) this.finish();
  }
}
