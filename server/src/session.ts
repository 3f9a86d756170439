import * as path from 'path';
import {
  CancellationToken,
  Connection,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { GlossaryChangedNotification } from '../shared/messages';
import { AnalysisCache } from './analysisCache';
import { codeCacheDue, saveCodeCache } from './codeCache';
import type { Problem } from './core/frontMatter';
import { languageOfDocument } from './core/languages';
import { knobHints } from './core/knobHints';
import { findNames } from './core/mentions';
import { spellingHints } from './core/spelling';
import { diagnosticsFor } from './features/diagnostics';
import { hintDiagnostics, knobDiagnostics } from './features/documentHints';
import { GlossaryCache } from './glossary/cache';
import type { FileSystem } from './glossary/fileSystem';
import { FolderGlossaries } from './glossary/folders';
import { GlossaryMeta, readGlossaryMeta } from './glossary/meta';
import { isInside } from './paths';
import { ServerSettings, settingsFrom } from './settings';

/** How long an open document's diagnostics wait for its edits to pause. */
const DIAGNOSTICS_DELAY_MS = 50;
/**
 * A large document's analysis when idle goes on in slices of about this long: a request waits at most one slice,
 * and few requests meet one (a 1 MB Markdown document takes two). Smaller slices delay more requests, each less:
 * with 20 ms slices the first six of 500 back-to-back hovers waited, and hover p99 went from 4 to 7 ms.
 */
const IDLE_SLICE_MS = 50;
/** How long requests pause before the code cache is written (see postponeCodeCache). */
const CODE_CACHE_QUIET_MS = 1000;

/** What the server runs on: the file system, where the bundled glossary is, the user's home. */
export interface ServerHost {
  fileSystem: FileSystem;
  /** The folder holding the bundled glossary's terms/ and _meta/. */
  bundledRoot: string;
  /** For `~` in glossary paths. */
  home?: string;
  /** The server's own cache folder (see cache.ts); without it glossaries always load from their files. */
  cacheFolder?: string;
}

/** What the client said it can do, read once at initialize. */
export interface ClientAbilities {
  pullConfiguration: boolean;
  watchDynamically: boolean;
  /** The client resolves completion documentation when an item is shown. */
  lazyCompletionDocs: boolean;
}

/**
 * The state of one server: open documents and their analyses, the glossary and mention index of each workspace
 * folder, the settings in force, and the operations requests share (find a mention, publish diagnostics, reload).
 */
export class Session {
  readonly documents: TextDocuments<TextDocument>;
  readonly analyses: AnalysisCache;
  readonly glossaries: FolderGlossaries;
  settings: ServerSettings = settingsFrom(undefined);
  workspaceFolders: string[] = [];
  trusted = true;
  abilities: ClientAbilities = { pullConfiguration: false, watchDynamically: false, lazyCompletionDocs: false };
  /** Resolves once the first glossary load is done; requests that need the glossary wait for it. */
  readonly glossaryReady: Promise<void>;
  markGlossaryReady: () => void = () => undefined;
  private meta?: GlossaryMeta;
  private readonly bundledTerms: string;
  private problemUris = new Set<string>();
  private rebuildTimer: NodeJS.Timeout | undefined;
  private watcherRegistration: Promise<{ dispose(): void }> | undefined;
  private readonly idleAnalyses = new Map<string, NodeJS.Timeout>();
  private readonly diagnosticTimers = new Map<string, NodeJS.Timeout>();
  private readonly shownNotes = new Set<string>();
  private codeCacheTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly connection: Connection,
    readonly host: ServerHost,
  ) {
    // Editors other than VS Code name some languages differently (Neovim's "sh"): documents carry the canonical id
    // (and a YAML file in a Helm chart's templates/ is read as a Helm template). Versions only increase (LSP): a change that does not raise the version arrived out of order or twice, and
    // applying it would replace newer text with older, so it is ignored and logged.
    this.documents = new TextDocuments({
      create: (uri: string, languageId: string, version: number, content: string) =>
        TextDocument.create(uri, languageOfDocument(URI.parse(uri).path, languageId), version, content),
      update: (document, changes, version) => {
        if (version > document.version) return TextDocument.update(document, changes, version);
        this.log(
          `ignored a change to ${document.uri} with version ${version}: the document is already at version ${document.version}`,
        );
        return document;
      },
    });
    this.glossaryReady = new Promise<void>((resolve) => (this.markGlossaryReady = resolve));
    // A notification, not a request: some clients answer showMessageRequest with an error, and nothing waits on it.
    this.analyses = new AnalysisCache(
      (_uri, message) =>
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message }),
    );
    const openDocument = (uri: string) => {
      const document = this.documents.get(uri);
      return document ? { text: document.getText(), languageId: document.languageId } : undefined;
    };
    const cache = host.cacheFolder ? new GlossaryCache(host.fileSystem, host.cacheFolder, this.log) : undefined;
    // An entry found damaged while in use (a term decoded on first use): its glossary is loaded again from the files.
    if (cache) cache.onDamaged = () => this.scheduleRebuild();
    this.glossaries = new FolderGlossaries(
      host.fileSystem,
      () => this.glossaryMeta(),
      this.log,
      openDocument,
      host.home,
      cache,
      (notes) => this.showNewNotes(notes),
    );
    this.bundledTerms = path.join(host.bundledRoot, 'terms');
  }

  readonly log = (message: string): void => this.connection.console.log(message);

  /**
   * The bundled glossary's _meta/ and the build's snapshot, read once. Every glossary needs them: they are read as soon
   * as initialize is answered, while the client sends the settings the glossary waits for.
   */
  glossaryMeta(): GlossaryMeta {
    return (this.meta ??= readGlossaryMeta(this.host.fileSystem, this.host.bundledRoot));
  }

  /** The glossary (and mention index) of the workspace folder a document belongs to. */
  folderOf(uri: string) {
    return this.glossaries.forUri(uri);
  }

  /** Waits for what a request needs (the glossary, the workspace index); a request cancelled meanwhile stops there. */
  async ready(token: CancellationToken, ...waits: Promise<unknown>[]): Promise<void> {
    this.glossaries.postponeBackgroundWork();
    this.postponeCodeCache();
    await Promise.all([this.glossaryReady, ...waits]);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  }

  applySettings(next: ServerSettings): void {
    this.settings = next;
    this.analyses.maxDocumentChars = next.maxDocumentChars;
    this.glossaries.configure(
      this.host.bundledRoot,
      next.glossaryPaths,
      this.workspaceFolders,
      this.trusted,
      next.lintQuality,
      next.exclude,
    );
    this.rebuildGlossary();
    if (this.abilities.watchDynamically) {
      void this.watcherRegistration?.then((r) => r.dispose());
      const watchers = this.glossaries
        .watchedFolders()
        .map((folder) => ({ globPattern: { baseUri: URI.file(folder).toString(), pattern: '**/*' } }));
      this.watcherRegistration = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      this.watcherRegistration.catch((error: Error) => this.log(`file watchers not registered: ${error.message}`));
    }
  }

  /** A burst of file events costs one rebuild. */
  scheduleRebuild(): void {
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = setTimeout(() => this.rebuildGlossary(), 50);
  }

  rebuildGlossary(): void {
    this.rebuildTimer = undefined;
    this.glossaries.reload();
    this.showNewNotes(this.glossaries.notes());
    const problems = this.visibleProblems();
    const stale = this.problemUris;
    this.problemUris = new Set(problems.keys());
    for (const uri of new Set([...stale, ...this.problemUris, ...this.documents.keys()]))
      this.publishDiagnostics(uri, problems);
    void this.connection.sendNotification(GlossaryChangedNotification);
    if (this.settings.semanticHighlighting) this.connection.languages.semanticTokens.refresh().catch(() => undefined);
  }

  /**
   * What the loader left out (folders too deep, the term cap, skipped files, unreadable _meta/) and the limits the
   * workspace index hit (its file cap, a .gitignore not applied) are logged on every reload; a window message says
   * it once per kind of note (numbers aside) in the life of the server, so a cap that stays hit is not announced
   * again after every edit.
   */
  private showNewNotes(notes: readonly string[]): void {
    const fresh = notes.filter((note) => !this.shownNotes.has(note.replace(/\d+/g, '#')));
    if (fresh.length === 0) return;
    for (const note of fresh) this.shownNotes.add(note.replace(/\d+/g, '#'));
    const message =
      fresh.length === 1
        ? `LLM Glossary: ${fresh[0]}.`
        : `LLM Glossary: ${fresh.length} things were left out: ${fresh.slice(0, 3).join('; ')}${fresh.length > 3 ? '; …' : ''}. See the output for all of them.`;
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  }

  /**
   * Problems users should see: every team term file's, but the bundled glossary's only while such a file is open
   * (they matter to glossary authors, not to everyone who installs the extension).
   */
  private visibleProblems(): Map<string, Problem[]> {
    const problems = this.glossaries.problems();
    for (const uri of [...problems.keys()]) {
      const parsed = URI.parse(uri);
      if (parsed.scheme === 'file' && isInside(this.bundledTerms, parsed.fsPath) && !this.documents.get(uri))
        problems.delete(uri);
    }
    return problems;
  }

  /**
   * An open document's diagnostics once its edits pause (DIAGNOSTICS_DELAY_MS), so the requests that follow an edit
   * are answered first; a large document just opened is analysed a slice at a time before (its hints need all of it).
   */
  publishDiagnosticsSoon(uri: string, delay = DIAGNOSTICS_DELAY_MS): void {
    clearTimeout(this.diagnosticTimers.get(uri));
    this.diagnosticTimers.set(
      uri,
      setTimeout(() => {
        this.diagnosticTimers.delete(uri);
        const document = this.documents.get(uri);
        if (document && !this.analyses.analyzeSome(document, IDLE_SLICE_MS)) return this.publishDiagnosticsSoon(uri, 0);
        this.publishDiagnostics(uri);
      }, delay),
    );
  }

  /** Term-file problems and (opt-in) spelling hints are one diagnostic list per document. */
  publishDiagnostics(uri: string, problems = this.visibleProblems()): void {
    const diagnostics = diagnosticsFor(problems.get(uri) ?? []);
    const document = this.documents.get(uri);
    // A document opened before the settings arrived (before initialized) gets its hints once the glossary loads.
    const configured = this.glossaries.all().length > 0;
    if (document && configured && this.settings.knobHints) {
      const { glossary } = this.folderOf(uri).store;
      const names = findNames(glossary, document.languageId, document.getText(), this.analyses.regions(document));
      diagnostics.push(
        ...knobDiagnostics(
          document,
          knobHints(document.getText(), names, this.settings.engineVersions, (e) => glossary.engineTitle(e)),
        ),
      );
    }
    if (document && configured && (this.settings.spellingHints || this.settings.deprecationHints)) {
      const { glossary } = this.folderOf(uri).store;
      const { mentions } = this.analyses.get(document, glossary);
      const hints = spellingHints(glossary, document.getText(), mentions, {
        nonCanonical: this.settings.spellingHints,
        deprecated: this.settings.deprecationHints,
      });
      diagnostics.push(...hintDiagnostics(glossary, document, hints));
    }
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  /** Unsaved edits of a term file count: the glossary follows the editor buffer, and falls back to disk on close. */
  trackTermBuffer(document: TextDocument, text: string | undefined): void {
    const uri = URI.parse(document.uri);
    if (uri.scheme !== 'file' || !this.glossaries.isTermFile(uri.fsPath)) return;
    this.glossaries.setOpenBuffer(uri.fsPath, text);
    this.scheduleRebuild();
  }

  /** The open document and the mention at a position, the starting point of most requests. */
  mentionAtPosition(uri: string, position: { line: number; character: number }) {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const { glossary } = this.folderOf(uri).store;
    const mention = this.analyses.mentionAt(document, glossary, document.offsetAt(position));
    if (!this.analyses.analyzed(document)) this.analyzeWhenIdle(uri);
    return mention ? { document, mention, glossary } : undefined;
  }

  /**
   * A request in a just-opened large document is answered from its first part; the rest is analysed soon after the
   * answer is out (a request that needs it sooner analyses it itself).
   */
  private analyzeWhenIdle(uri: string, delay = 50): void {
    clearTimeout(this.idleAnalyses.get(uri)); // each request puts it off: requests go first
    this.idleAnalyses.set(
      uri,
      setTimeout(() => {
        this.idleAnalyses.delete(uri);
        const document = this.documents.get(uri);
        // A slice at a time (IDLE_SLICE_MS), so that requests are answered in between.
        if (document && !this.analyses.analyzeSome(document, IDLE_SLICE_MS)) this.analyzeWhenIdle(uri, 0);
      }, delay),
    );
  }

  /**
   * V8's code cache of the server's bundles, when one is still to be written (codeCache.ts), is written once requests
   * pause after the first ones: by then it holds the code of start-up and of the first answers.
   */
  private postponeCodeCache(): void {
    if (this.codeCacheTimer) clearTimeout(this.codeCacheTimer);
    this.codeCacheTimer = undefined;
    if (!codeCacheDue()) return;
    this.codeCacheTimer = setTimeout(() => saveCodeCache(this.log), CODE_CACHE_QUIET_MS);
    this.codeCacheTimer.unref();
  }

  /** Timers still to run for documents (idle analysis, diagnostics): each ends by itself, a closed document's too. */
  get pendingDocumentTimers(): number {
    return this.idleAnalyses.size + this.diagnosticTimers.size;
  }

  /** Stops timers so a server made in a test can be dropped. */
  dispose(): void {
    if (this.codeCacheTimer) clearTimeout(this.codeCacheTimer);
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.glossaries.dispose();
    for (const timer of this.idleAnalyses.values()) clearTimeout(timer);
    for (const timer of this.diagnosticTimers.values()) clearTimeout(timer);
  }
}
