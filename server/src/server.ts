import * as path from 'path';
import {
  createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, InitializeParams,
  ProposedFeatures, Range, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { AnalysisCache } from './analysisCache';
import { completeAt } from './core/completion';
import { mentionAt } from './core/mentions';
import { completionList } from './features/completion';
import { definitionForMention } from './features/definition';
import { diagnosticsFor } from './features/diagnostics';
import { hoverForMention } from './features/hover';
import { GlossaryStore } from './glossaryStore';
import { TreeSitterComments } from './treeSitterComments';
import { findBundledGlossary, resolveLayers, ServerSettings, settingsFrom } from './settings';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.log(message);
const bundled = findBundledGlossary(__dirname);
const store = new GlossaryStore(path.join(bundled, '_meta', 'taxonomy.md'), log);
const wasmDir = TreeSitterComments.findWasmDir(__dirname);
const treeSitter = wasmDir ? new TreeSitterComments(wasmDir, log, () => analyses.clear()) : undefined;
const analyses = new AnalysisCache((_uri, reason) => connection.window.showInformationMessage(reason), treeSitter?.parse);
let workspaceFolders: string[] = [];
let initSettings: ServerSettings = settingsFrom(undefined);
let canPullConfiguration = false;
let canWatchDynamically = false;
let publishedProblemUris = new Set<string>();

connection.onInitialize((params: InitializeParams) => {
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [URI.parse(params.rootUri).fsPath];
  initSettings = settingsFrom(params.initializationOptions);
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  canWatchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  applySettings(initSettings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      completionProvider: { triggerCharacters: [] },
    },
    serverInfo: { name: 'llm-glossary-ls', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (canPullConfiguration) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'llmGlossary' }).catch(() => undefined);
    await pullSettings();
  }
});

connection.onDidChangeConfiguration(async (change) => {
  if (canPullConfiguration) await pullSettings();
  else applySettings(settingsFrom((change.settings as { llmGlossary?: unknown } | undefined)?.llmGlossary ?? initSettings));
});

async function pullSettings(): Promise<void> {
  const pulled: unknown = await connection.workspace.getConfiguration('llmGlossary').catch(() => undefined);
  applySettings(settingsFrom(pulled, initSettings));
}

let watcherRegistration: Promise<{ dispose(): void }> | undefined;
function applySettings(settings: ServerSettings): void {
  analyses.maxDocumentChars = settings.maxDocumentChars;
  store.setLayers(resolveLayers(bundled, settings.glossaryPaths, workspaceFolders));
  rebuildGlossary();
  if (canWatchDynamically) {
    void watcherRegistration?.then((r) => r.dispose());
    const watchers = store.folders().map((folder) => ({ globPattern: { baseUri: URI.file(folder).toString(), pattern: '**/*.md' } }));
    watcherRegistration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  }
}

let rebuildTimer: NodeJS.Timeout | undefined;
function scheduleRebuild(): void {
  if (rebuildTimer) clearTimeout(rebuildTimer);
  rebuildTimer = setTimeout(rebuildGlossary, 50); // a burst of file events costs one rebuild
}

function rebuildGlossary(): void {
  rebuildTimer = undefined;
  store.reload();
  const now = new Set(store.problems.keys());
  for (const [uri, problems] of store.problems) void connection.sendDiagnostics({ uri, diagnostics: diagnosticsFor(problems) });
  for (const uri of publishedProblemUris) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  publishedProblemUris = now;
}

connection.onDidChangeWatchedFiles(() => scheduleRebuild());

documents.onDidOpen(({ document }) => void treeSitter?.load(document.languageId));

// Unsaved edits of a term file count: the glossary follows the editor buffer, and falls back to disk on close.
documents.onDidChangeContent(({ document }) => trackTermBuffer(document, document.getText()));
documents.onDidClose(({ document }) => {
  analyses.forget(document.uri);
  trackTermBuffer(document, undefined);
});
function trackTermBuffer(document: TextDocument, text: string | undefined): void {
  const uri = URI.parse(document.uri);
  if (uri.scheme !== 'file' || !store.isTermFile(uri.fsPath)) return;
  store.setOpenBuffer(uri.fsPath, text);
  scheduleRebuild();
}

connection.onHover(({ textDocument, position }) => {
  const document = documents.get(textDocument.uri);
  if (!document) return null;
  const mention = mentionAt(analyses.get(document, store.glossary).mentions, document.offsetAt(position));
  return mention ? hoverForMention(store.glossary, mention, Range.create(document.positionAt(mention.start), document.positionAt(mention.end))) : null;
});

connection.onDefinition(({ textDocument, position }) => {
  const document = documents.get(textDocument.uri);
  if (!document) return null;
  const mention = mentionAt(analyses.get(document, store.glossary).mentions, document.offsetAt(position));
  return mention ? definitionForMention(store.glossary, mention) : null;
});

connection.onCompletion(({ textDocument, position }) => {
  const document = documents.get(textDocument.uri);
  if (!document) return null;
  const offset = document.offsetAt(position);
  const answer = completeAt(store.glossary, analyses.get(document, store.glossary).regions, document.getText(), offset);
  return answer ? completionList(store.glossary, answer, Range.create(document.positionAt(answer.replaceStart), position)) : null;
});

documents.listen(connection);
connection.listen();
