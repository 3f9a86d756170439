import * as path from 'path';
import {
  CancellationToken, CodeActionKind, createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
  FileChangeType, InitializeParams, LSPErrorCodes, Message, MessageType, ProposedFeatures, Range, ResponseError, ResponseMessage,
  ShowMessageNotification, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { AnalysisCache } from './analysisCache';
import { completeAt } from './core/completion';
import { canonicalLanguageId } from './core/languageOfPath';
import { lineOfKey, Problem } from './core/frontMatter';
import { spellingHints } from './core/spelling';
import { termFileCodeLens } from './features/codeLens';
import { CompletionData, completionList, resolveCompletionItem } from './features/completion';
import { definitionForMention } from './features/definition';
import { diagnosticsFor } from './features/diagnostics';
import { hintDiagnostics, quickFixes } from './features/documentHints';
import { hoverForMention } from './features/hover';
import { mentionLocations, termOfFile } from './features/references';
import { SEMANTIC_LANGUAGES, SEMANTIC_LEGEND, semanticTokens } from './features/semanticTokens';
import { termSummaries } from './features/termSummaries';
import { workspaceSymbols } from './features/workspaceSymbols';
import { FolderGlossaries } from './folderGlossaries';
import { isInside } from './glossaryStore';
import { GlossaryChangedNotification, ListTermsRequest, ReloadGlossaryRequest, TermMentionsRequest } from './protocol';
import { findBundledGlossary, ServerSettings, settingsFrom } from './settings';
import { TreeSitterComments } from './treeSitterComments';

// A request cancelled while still queued (the user moved on, typing went on) is answered without running it.
const connection = createConnection(ProposedFeatures.all, {
  connectionStrategy: { cancelUndispatched: (message) => (Message.isRequest(message) ? cancelledResponse(message.id) : undefined) },
});
function cancelledResponse(id: number | string | null): ResponseMessage {
  return { jsonrpc: '2.0', id, error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled' } };
}
/** Waits for what a request needs (the glossary, the workspace index); a request cancelled meanwhile stops there. */
async function ready(token: CancellationToken, ...waits: Promise<unknown>[]): Promise<void> {
  await Promise.all([glossaryReady, ...waits]);
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}
// One failed promise (a client refusing a registration, say) must never take the server down with it.
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`));
// Editors other than VS Code name some languages differently (Neovim's "sh"): documents carry the canonical id.
const documents = new TextDocuments({
  create: (uri: string, languageId: string, version: number, content: string) => TextDocument.create(uri, canonicalLanguageId(languageId), version, content),
  update: TextDocument.update,
});
const log = (message: string) => connection.console.log(message);
const bundled = findBundledGlossary(__dirname);
const wasmDir = TreeSitterComments.findWasmDir(__dirname);
const treeSitter = wasmDir ? new TreeSitterComments(wasmDir, log, () => analyses.clear()) : undefined;
// A notification, not a request: some clients answer showMessageRequest with an error, and nothing waits on it.
const analyses = new AnalysisCache((_uri, message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message }), treeSitter?.parse);
const openDocument = (uri: string) => {
  const document = documents.get(uri);
  return document ? { text: document.getText(), languageId: document.languageId } : undefined;
};
const glossaries = new FolderGlossaries(path.join(bundled, '_meta', 'taxonomy.md'), log, openDocument, treeSitter?.parse);
/** The glossary (and mention index) of the workspace folder a document belongs to. */
const folderOf = (uri: string) => glossaries.forUri(uri);
let workspaceFolders: string[] = [];
let trusted = true;
let settings: ServerSettings = settingsFrom(undefined);
let canPullConfiguration = false;
let canWatchDynamically = false;
let lazyCompletionDocs = false; // the client resolves completion documentation when an item is shown

connection.onInitialize((params: InitializeParams) => {
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [URI.parse(params.rootUri).fsPath];
  trusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  canWatchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  lazyCompletionDocs = params.capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes('documentation') === true;
  // The glossary is loaded after initialize has been answered (see onInitialized), so start-up never waits on it.
  settings = settingsFrom(params.initializationOptions);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      workspaceSymbolProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      completionProvider: { triggerCharacters: [], resolveProvider: lazyCompletionDocs },
      semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
    },
    serverInfo: { name: 'llm-glossary-ls', version: '0.1.0' },
  };
});

let markGlossaryReady: () => void = () => undefined;
/** Resolves once the first glossary load is done; requests that need the glossary wait for it. */
const glossaryReady = new Promise<void>((resolve) => (markGlossaryReady = resolve));

connection.onInitialized(async () => {
  if (canPullConfiguration) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'llmGlossary' }).catch(() => undefined);
    await pullSettings();
  } else {
    applySettings(settings);
  }
  markGlossaryReady();
});

connection.onDidChangeConfiguration(async (change) => {
  if (canPullConfiguration) await pullSettings();
  else applySettings(settingsFrom((change.settings as { llmGlossary?: unknown } | undefined)?.llmGlossary, settings));
});

async function pullSettings(): Promise<void> {
  const pulled: unknown = await connection.workspace.getConfiguration('llmGlossary').catch(() => undefined);
  applySettings(settingsFrom(pulled, settings));
}

let watcherRegistration: Promise<{ dispose(): void }> | undefined;
function applySettings(next: ServerSettings): void {
  settings = next;
  analyses.maxDocumentChars = settings.maxDocumentChars;
  glossaries.configure(bundled, settings.glossaryPaths, workspaceFolders, trusted);
  rebuildGlossary();
  if (canWatchDynamically) {
    void watcherRegistration?.then((r) => r.dispose());
    const folders = glossaries.watchedFolders();
    const watchers = folders.map((folder) => ({ globPattern: { baseUri: URI.file(folder).toString(), pattern: '**/*' } }));
    watcherRegistration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    watcherRegistration.catch((error: Error) => log(`file watchers not registered: ${error.message}`));
  }
}

let rebuildTimer: NodeJS.Timeout | undefined;
function scheduleRebuild(): void {
  if (rebuildTimer) clearTimeout(rebuildTimer);
  rebuildTimer = setTimeout(rebuildGlossary, 50); // a burst of file events costs one rebuild
}

/**
 * Problems users should see: every team term file's, but the bundled glossary's only while such a file is open
 * (they matter to glossary authors, not to everyone who installs the extension).
 */
const bundledTerms = path.join(bundled, 'terms');
function visibleProblems(): Map<string, Problem[]> {
  const problems = glossaries.problems();
  for (const uri of [...problems.keys()]) {
    const parsed = URI.parse(uri);
    if (parsed.scheme === 'file' && isInside(bundledTerms, parsed.fsPath) && !documents.get(uri)) problems.delete(uri);
  }
  return problems;
}

let problemUris = new Set<string>();
function rebuildGlossary(): void {
  rebuildTimer = undefined;
  glossaries.reload();
  const problems = visibleProblems();
  const stale = problemUris;
  problemUris = new Set(problems.keys());
  for (const uri of new Set([...stale, ...problemUris, ...documents.keys()])) publishDiagnostics(uri, problems);
  void connection.sendNotification(GlossaryChangedNotification);
  if (settings.semanticHighlighting) connection.languages.semanticTokens.refresh().catch(() => undefined);
}

/** Term-file problems and (opt-in) spelling hints are one diagnostic list per document. */
function publishDiagnostics(uri: string, problems = visibleProblems()): void {
  const diagnostics = diagnosticsFor(problems.get(uri) ?? []);
  const document = documents.get(uri);
  if (document && (settings.spellingHints || settings.deprecationHints)) {
    const { glossary } = folderOf(uri).store;
    const { mentions } = analyses.get(document, glossary);
    const hints = spellingHints(glossary, document.getText(), mentions, { nonCanonical: settings.spellingHints, deprecated: settings.deprecationHints });
    diagnostics.push(...hintDiagnostics(glossary, document, hints));
  }
  void connection.sendDiagnostics({ uri, diagnostics });
}

connection.onDidChangeWatchedFiles(({ changes }) => {
  let glossaryTouched = false;
  for (const change of changes) {
    const fsPath = URI.parse(change.uri).fsPath;
    if (glossaries.isTermFile(fsPath)) glossaryTouched = true;
    else folderOf(change.uri).index.update(change.uri, change.type === FileChangeType.Deleted);
  }
  if (glossaryTouched) scheduleRebuild();
});

documents.onDidOpen(({ document }) => void treeSitter?.load(document.languageId));
// Unsaved edits of a term file count: the glossary follows the editor buffer, and falls back to disk on close.
documents.onDidChangeContent(({ document }) => {
  trackTermBuffer(document, document.getText());
  publishDiagnostics(document.uri);
});
documents.onDidClose(({ document }) => {
  analyses.forget(document.uri);
  trackTermBuffer(document, undefined);
  publishDiagnostics(document.uri);
});
function trackTermBuffer(document: TextDocument, text: string | undefined): void {
  const uri = URI.parse(document.uri);
  if (uri.scheme !== 'file' || !glossaries.isTermFile(uri.fsPath)) return;
  glossaries.setOpenBuffer(uri.fsPath, text);
  scheduleRebuild();
}

/** The open document and the mention at a position, the starting point of most requests. */
function mentionAtPosition(uri: string, position: { line: number; character: number }) {
  const document = documents.get(uri);
  if (!document) return undefined;
  const { glossary } = folderOf(uri).store;
  const mention = analyses.mentionAt(document, glossary, document.offsetAt(position));
  if (!analyses.analyzed(document)) analyzeWhenIdle(uri);
  return mention ? { document, mention, glossary } : undefined;
}

/**
 * A request in a just-opened large document is answered from its first part; the rest is analysed soon after the
 * answer is out (a request that needs it sooner analyses it itself).
 */
const idleAnalyses = new Map<string, NodeJS.Timeout>();
function analyzeWhenIdle(uri: string): void {
  if (idleAnalyses.has(uri)) return;
  idleAnalyses.set(uri, setTimeout(() => {
    idleAnalyses.delete(uri);
    const document = documents.get(uri);
    if (document) analyses.regions(document);
  }, 50));
}

connection.onHover(async ({ textDocument, position }, token) => {
  await ready(token);
  const found = mentionAtPosition(textDocument.uri, position);
  if (!found) return null;
  const range = Range.create(found.document.positionAt(found.mention.start), found.document.positionAt(found.mention.end));
  return hoverForMention(found.glossary, found.mention, range);
});

connection.onDefinition(async ({ textDocument, position }, token) => {
  await ready(token);
  const found = mentionAtPosition(textDocument.uri, position);
  return found ? definitionForMention(found.glossary, found.mention) : null;
});

connection.onReferences(async ({ textDocument, position, context }, token) => {
  await ready(token);
  const { store, index } = folderOf(textDocument.uri);
  const termId = mentionAtPosition(textDocument.uri, position)?.mention.termIds[0] ?? termOfFile(store.glossary, textDocument.uri);
  if (!termId) return null;
  await ready(token, index.ready);
  return mentionLocations(index, store.glossary, termId, context.includeDeclaration);
});

connection.onRequest(TermMentionsRequest, async ({ termId }: { termId: string }, token) => {
  await ready(token);
  const locations = [];
  for (const { store, index } of glossaries.all()) {
    await ready(token, index.ready);
    locations.push(...mentionLocations(index, store.glossary, termId, false));
  }
  return locations;
});

connection.onCodeLens(async ({ textDocument }, token) => {
  await ready(token);
  const { store, index } = folderOf(textDocument.uri);
  const termId = termOfFile(store.glossary, textDocument.uri);
  const document = documents.get(textDocument.uri);
  if (!termId || !document) return [];
  await ready(token, index.ready);
  return termFileCodeLens(store.glossary, termId, lineOfKey(document.getText(), 'title'), index.mentionsOf(termId).length);
});

connection.onWorkspaceSymbol(async ({ query }, token) => {
  await ready(token);
  // Each folder's terms; a bundled term seen by several folders is listed once.
  const symbols = glossaries.all().flatMap(({ store }) => workspaceSymbols(store.glossary, query));
  return symbols.filter((s, i) => symbols.findIndex((t) => t.location.uri === s.location.uri) === i);
});

connection.onCodeAction(({ textDocument, context }) => quickFixes(textDocument.uri, context.diagnostics));

connection.onCompletion(async ({ textDocument, position }, token) => {
  await ready(token);
  const document = documents.get(textDocument.uri);
  if (!document) return null;
  const { glossary } = folderOf(textDocument.uri).store;
  const answer = completeAt(glossary, analyses.regions(document), document.getText(), document.offsetAt(position));
  if (!answer) return null;
  const replace = Range.create(document.positionAt(answer.replaceStart), position);
  return completionList(glossary, answer, replace, lazyCompletionDocs ? textDocument.uri : undefined);
});

connection.onCompletionResolve(async (item) => {
  await glossaryReady;
  const uri = (item.data as Partial<CompletionData> | undefined)?.uri;
  return typeof uri === 'string' ? resolveCompletionItem(folderOf(uri).store.glossary, item) : item;
});

connection.languages.semanticTokens.on(async ({ textDocument }, token) => {
  await ready(token);
  const document = documents.get(textDocument.uri);
  // null (not empty tokens) outside Markdown and YAML, so a language's own semantic highlighting stays in charge.
  if (!document || !settings.semanticHighlighting || !SEMANTIC_LANGUAGES.has(document.languageId)) return null as never;
  const { glossary } = folderOf(textDocument.uri).store;
  return semanticTokens(glossary, document, analyses.get(document, glossary).mentions);
});

connection.onRequest(ListTermsRequest, async () => {
  await glossaryReady;
  // The tree and quick pick show the first folder's glossary.
  return termSummaries(glossaries.primary.store.glossary);
});
connection.onRequest(ReloadGlossaryRequest, () => {
  rebuildGlossary();
  return glossaries.primary.store.glossary.terms.size;
});

documents.listen(connection);
connection.listen();
