import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Problem } from '../core/frontMatter';
import { isInside } from '../paths';
import { WorkspaceIndex } from '../workspaceIndex';
import type { GlossaryCache } from './cache';
import type { FileSystem } from './fileSystem';
import { resolveLayers } from './layers';
import type { GlossaryMeta } from './meta';
import { GlossaryStore } from './store';

/** The glossary one workspace folder sees (its own layers) and the index of mentions in that folder. */
export interface FolderGlossary {
  root: string | undefined; // undefined: no workspace folder is open
  store: GlossaryStore;
  index: WorkspaceIndex;
}

/**
 * One glossary per workspace folder, so that in a multi-root workspace each folder sees its own layers
 * (bundled, its configured folders, its `.glossary/`). Files outside every folder use the first folder's.
 */
export class FolderGlossaries {
  private folders: FolderGlossary[] = [];
  /** Globs of files the workspace index leaves out (VS Code's files.exclude and search.exclude). */
  private exclude: readonly string[] = [];

  constructor(
    private readonly fileSystem: FileSystem,
    private readonly meta: () => GlossaryMeta,
    private readonly log: (message: string) => void,
    private readonly openDocument: (uri: string) => { text: string; languageId: string } | undefined,
    private readonly home?: string,
    private readonly cache?: GlossaryCache,
    /** Limits a workspace listing hit (the file cap, a .gitignore not applied), for the user to see. */
    private readonly showNotes: (notes: readonly string[]) => void = () => undefined,
  ) {}

  configure(
    bundledRoot: string,
    glossaryPaths: readonly string[],
    workspaceFolders: readonly string[],
    trusted: boolean,
    quality = false,
    exclude: readonly string[] = [],
  ): void {
    this.exclude = exclude;
    // A folder keeps its index across reconfigurations: the next rebuild re-reads only what changed.
    const previous = new Map(this.folders.map((f) => [f.root, f.index]));
    const previousStores = this.folders.map((f) => f.store);
    const make = (root: string | undefined): FolderGlossary => {
      const store = new GlossaryStore(this.fileSystem, this.meta, this.log, undefined, this.cache);
      store.quality = quality;
      // Without a folder only absolute glossary paths mean something.
      const paths = root ? glossaryPaths : glossaryPaths.filter((p) => path.isAbsolute(p) || p.startsWith('~'));
      store.setLayers(
        resolveLayers(this.fileSystem, bundledRoot, paths, root ? [root] : [], { trusted, home: this.home }),
      );
      let index = previous.get(root);
      previous.delete(root);
      if (index) index.glossarySource = () => store.glossary;
      else
        index = new WorkspaceIndex(
          this.fileSystem,
          () => store.glossary,
          this.openDocument,
          this.log,
          WorkspaceIndex.workerScriptFor(this.fileSystem),
          () => this.meta().commonWords,
          this.showNotes,
        );
      return { root, store, index };
    };
    // Longest roots first, so a nested folder wins over its parent; without folders, one glossary for everything.
    this.folders =
      workspaceFolders.length > 0
        ? [...workspaceFolders].sort((a, b) => b.length - a.length).map(make)
        : [make(undefined)];
    this.primary = this.folders.find((f) => f.root === workspaceFolders[0]) ?? this.folders[0];
    for (const index of previous.values()) index.dispose();
    for (const store of previousStores) store.dispose();
  }

  /** The first workspace folder's glossary: used for files outside every folder, and for the term list. */
  primary!: FolderGlossary;

  all(): readonly FolderGlossary[] {
    return this.folders;
  }

  forUri(uri: string): FolderGlossary {
    const parsed = URI.parse(uri);
    // A notebook cell's URI carries the notebook's path.
    const fsPath = parsed.scheme === 'file' || parsed.scheme === 'vscode-notebook-cell' ? parsed.fsPath : undefined;
    return (
      this.folders.find(
        (f) => f.root !== undefined && fsPath !== undefined && (fsPath === f.root || isInside(f.root, fsPath)),
      ) ?? this.primary
    );
  }

  /**
   * Reloads every folder's glossary and re-indexes its files in the background, once requests pause (the first
   * hover does not wait for the workspace to be listed; a request that needs the index starts it at once).
   */
  reload(): void {
    for (const folder of this.folders) {
      folder.store.reload();
      if (folder.root) folder.index.rebuildSoon([folder.root], this.exclude);
    }
  }

  /** A request came in: indexing that has not started yet, and writing the cache, wait for requests to pause. */
  postponeBackgroundWork(): void {
    for (const folder of this.folders) {
      folder.index.postpone();
      folder.store.postponeSave();
    }
  }

  /** Writes every cache entry still to be written (the server is shutting down: no request comes any more). */
  saveCaches(): void {
    for (const folder of this.folders) folder.store.saveNow();
  }

  /** Stops what runs in the background: indexing, writing the cache. */
  dispose(): void {
    for (const folder of this.folders) {
      folder.index.dispose();
      folder.store.dispose();
    }
  }

  /** Problems of every term file any folder reads (a bundled file is reported once). */
  problems(): Map<string, Problem[]> {
    const merged = new Map<string, Problem[]>();
    for (const folder of this.folders)
      for (const [uri, problems] of folder.store.problems) if (!merged.has(uri)) merged.set(uri, problems);
    return merged;
  }

  /** What the last reloads left out and why (each note once). */
  notes(): string[] {
    return [...new Set(this.folders.flatMap((f) => f.store.notes))];
  }

  isTermFile(fsPath: string): boolean {
    return this.folders.some((f) => f.store.isTermFile(fsPath));
  }

  setOpenBuffer(fsPath: string, text: string | undefined): void {
    for (const folder of this.folders) if (folder.store.isTermFile(fsPath)) folder.store.setOpenBuffer(fsPath, text);
  }

  /** Every folder whose files matter: glossary folders and workspace roots. */
  watchedFolders(): string[] {
    return [...new Set(this.folders.flatMap((f) => [...f.store.folders(), ...(f.root ? [f.root] : [])]))];
  }
}
