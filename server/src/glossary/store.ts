import { Glossary } from '../core/glossary';
import type { Problem } from '../core/frontMatter';
import type { LintOptions } from '../core/lint';
import { isInside } from '../paths';
import type { GlossaryCache } from './cache';
import type { FileSystem } from './fileSystem';
import type { GlossaryLayer } from './layers';
import { loadGlossary } from './load';
import type { GlossaryMeta } from './meta';
import type { TextCache } from './termFiles';

/**
 * One glossary kept current: its layers, the open editor buffers of its term files, and the caches that make a
 * reload after one edit cheap. `reload` re-reads the layers through `loadGlossary`.
 */
export class GlossaryStore {
  glossary: Glossary = new Glossary([]);
  /** Problems by term-file URI; files without problems are absent. */
  problems = new Map<string, Problem[]>();
  /** What the last reload left out and why. */
  notes: string[] = [];
  /** Whether term files are also checked for substance (sources, review age, stubs): `llmGlossary.lint.quality`. */
  quality = false;
  private layers: GlossaryLayer[] = [];
  private readonly openBuffers = new Map<string, string>();
  private readonly textCache: TextCache = new Map();
  private readonly parseCache: NonNullable<LintOptions['parseCache']> = new Map();

  private saveTimer: NodeJS.Timeout | undefined;
  private save: { run: () => void } | undefined;

  constructor(
    private readonly fileSystem: FileSystem,
    private readonly meta: () => GlossaryMeta,
    private readonly log: (message: string) => void,
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
    private readonly cache?: GlossaryCache,
  ) {}

  /**
   * The cache's entry of a load is written once requests pause this long (it hashes and encodes every file: some
   * 300 ms for 10,000 term files), or when the server shuts down.
   */
  static saveQuietMs = 500;

  setLayers(layers: GlossaryLayer[]): void {
    this.layers = layers;
  }

  folders(): string[] {
    return this.layers.map((l) => l.folder);
  }

  /** True when the file is a term file of one of the layers (directly inside a layer folder or below it). */
  isTermFile(fsPath: string): boolean {
    return fsPath.endsWith('.md') && this.layers.some((l) => isInside(l.folder, fsPath));
  }

  setOpenBuffer(fsPath: string, text: string | undefined): void {
    if (text === undefined) this.openBuffers.delete(fsPath);
    else this.openBuffers.set(fsPath, text);
  }

  /** Term files whose editor buffer is followed (open in the editor). */
  get openBufferCount(): number {
    return this.openBuffers.size;
  }

  reload(): void {
    const started = Date.now();
    const meta = this.meta();
    const options = {
      openBuffers: this.openBuffers,
      textCache: this.textCache,
      parseCache: this.parseCache,
      today: this.today(),
      quality: this.quality,
    };
    const layers = this.layers;
    const cached = this.cache?.load(layers, meta, options);
    const seed = this.cache?.lastRead;
    const loaded =
      cached ?? loadGlossary(this.fileSystem, layers, meta, seed ? { ...options, seeds: [seed] } : options);
    this.cancelSave();
    const { cacheable } = loaded;
    if (this.cache && cacheable) {
      const cache = this.cache;
      this.save = {
        run: () => {
          const content = cacheable();
          if (content) cache.save(layers, meta, content);
        },
      };
      this.armSave();
    }
    this.glossary = loaded.glossary;
    this.problems = loaded.problems;
    this.notes = loaded.notes;
    for (const note of loaded.notes) this.log(note);
    this.log(
      `glossary: ${this.glossary.terms.size} terms from ${this.layers.length} layer(s) in ${Date.now() - started} ms${cached ? ' (cached)' : ''}; ${loaded.problems.size} file(s) with problems`,
    );
  }

  /** A request came in: writing the cache waits for requests to pause. */
  postponeSave(): void {
    if (this.save) this.armSave();
  }

  /** Writes the cache's entry of the last load now, if it is still to be written. */
  saveNow(): void {
    const save = this.save;
    this.cancelSave();
    try {
      save?.run();
    } catch (error) {
      this.log(`glossary cache not written: ${(error as Error).message}`);
    }
  }

  /** Stops a pending write of the cache. */
  dispose(): void {
    this.cancelSave();
  }

  private armSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), GlossaryStore.saveQuietMs);
    this.saveTimer.unref();
  }

  private cancelSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.save = undefined;
  }
}
