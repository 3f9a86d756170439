import {
  CodeActionKind,
  Connection,
  ConnectionOptions,
  DidChangeConfigurationNotification,
  FileChangeType,
  InitializeParams,
  LSPErrorCodes,
  Message,
  NotebookDocuments,
  Range,
  ResponseMessage,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { SERVED_LANGUAGES } from '../shared/languages';
import { ListTermsRequest, ReloadGlossaryRequest, TermMentionsRequest } from '../shared/messages';
import { completeAt } from './core/completion';
import { lineOfKey } from './core/frontMatter';
import { termFileCodeLens } from './features/codeLens';
import { CompletionData, completionList, knobCompletionList, resolveCompletionItem } from './features/completion';
import { completeName } from './core/nameCompletion';
import { definitionForMention } from './features/definition';
import { quickFixes } from './features/documentHints';
import { hoverForMention } from './features/hover';
import { mentionLocations, termOfFile } from './features/references';
import { SEMANTIC_LANGUAGES, SEMANTIC_LEGEND, semanticTokens } from './features/semanticTokens';
import { termSummaries } from './features/termSummaries';
import { workspaceSymbols } from './features/workspaceSymbols';
import { ServerHost, Session } from './session';
import { excludeGlobs, settingsFrom } from './settings';

export type { ServerHost };

/** A request cancelled while still queued (the user moved on, typing went on) is answered without running it. */
export const CONNECTION_OPTIONS: ConnectionOptions = {
  connectionStrategy: {
    cancelUndispatched: (message) => (Message.isRequest(message) ? cancelledResponse(message.id) : undefined),
  },
};
function cancelledResponse(id: number | string | null): ResponseMessage {
  return { jsonrpc: '2.0', id, error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled' } };
}

/**
 * The language server on a connection: lifecycle and settings, then one thin handler per LSP feature (find the
 * document and the mention, ask the feature module). Nothing here is global, so tests run servers in memory.
 */
export function createServer(connection: Connection, host: ServerHost): Session {
  const session = new Session(connection, host);
  const { documents, analyses, glossaries } = session;

  connection.onInitialize((params: InitializeParams) => {
    const folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    session.workspaceFolders = folders.length === 0 && params.rootUri ? [URI.parse(params.rootUri).fsPath] : folders;
    session.trusted =
      (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
    session.abilities = {
      pullConfiguration: params.capabilities.workspace?.configuration === true,
      watchDynamically: params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      lazyCompletionDocs:
        params.capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes(
          'documentation',
        ) === true,
    };
    // The glossary is loaded after initialize has been answered (see onInitialized), so start-up never waits on it;
    // what it needs whatever the settings are is read meanwhile.
    session.settings = settingsFrom(params.initializationOptions);
    setImmediate(() => session.glossaryMeta());
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        // Notebook cells (Jupyter's Markdown cells, code cells' comments) come as cell text documents.
        notebookDocumentSync: {
          notebookSelector: [{ notebook: '*', cells: SERVED_LANGUAGES.map((language) => ({ language })) }],
        },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        completionProvider: { triggerCharacters: [], resolveProvider: session.abilities.lazyCompletionDocs },
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
      },
      serverInfo: { name: 'llm-glossary-ls', version: '0.1.0' },
    };
  });

  const pullSettings = async () => {
    const [pulled, filesExclude, searchExclude]: unknown[] = await Promise.all(
      ['llmGlossary', 'files.exclude', 'search.exclude'].map((section) =>
        connection.workspace.getConfiguration(section).catch(() => undefined),
      ),
    );
    session.applySettings(settingsFrom(pulled, session.settings, excludeGlobs(filesExclude, searchExclude)));
  };
  connection.onInitialized(async () => {
    if (session.abilities.pullConfiguration) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'llmGlossary' })
        .catch(() => undefined);
      await pullSettings();
    } else {
      session.applySettings(session.settings);
    }
    session.markGlossaryReady();
  });
  connection.onDidChangeConfiguration(async (change) => {
    if (session.abilities.pullConfiguration) await pullSettings();
    else
      session.applySettings(
        settingsFrom((change.settings as { llmGlossary?: unknown } | undefined)?.llmGlossary, session.settings),
      );
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let glossaryTouched = false;
    for (const change of changes) {
      if (glossaries.isTermFile(URI.parse(change.uri).fsPath)) glossaryTouched = true;
      else session.folderOf(change.uri).index.update(change.uri, change.type === FileChangeType.Deleted);
    }
    if (glossaryTouched) session.scheduleRebuild();
  });

  documents.onDidChangeContent(({ document }) => {
    glossaries.postponeBackgroundWork();
    session.trackTermBuffer(document, document.getText());
    session.publishDiagnosticsSoon(document.uri);
  });
  documents.onDidClose(({ document }) => {
    analyses.forget(document.uri);
    session.trackTermBuffer(document, undefined);
    session.publishDiagnostics(document.uri);
  });

  connection.onHover(async ({ textDocument, position }, token) => {
    await session.ready(token);
    const found = session.mentionAtPosition(textDocument.uri, position);
    if (!found) return null;
    return hoverForMention(
      found.glossary,
      found.mention,
      Range.create(
        found.document.positionAt(found.mention.extendsFrom ?? found.mention.start),
        found.document.positionAt(found.mention.end),
      ),
    );
  });

  connection.onDefinition(async ({ textDocument, position }, token) => {
    await session.ready(token);
    const found = session.mentionAtPosition(textDocument.uri, position);
    return found ? definitionForMention(found.glossary, found.mention) : null;
  });

  connection.onReferences(async ({ textDocument, position, context }, token) => {
    await session.ready(token);
    const { store, index } = session.folderOf(textDocument.uri);
    const termId =
      session.mentionAtPosition(textDocument.uri, position)?.mention.termIds[0] ??
      termOfFile(store.glossary, textDocument.uri);
    if (!termId) return null;
    await session.ready(token, index.whenReady());
    return mentionLocations(index, store.glossary, termId, context.includeDeclaration);
  });

  connection.onRequest(TermMentionsRequest, async ({ termId }, token) => {
    await session.ready(token);
    const locations = [];
    for (const { store, index } of glossaries.all()) {
      await session.ready(token, index.whenReady());
      locations.push(...mentionLocations(index, store.glossary, termId, false));
    }
    return locations;
  });

  connection.onCodeLens(async ({ textDocument }, token) => {
    await session.ready(token);
    const { store, index } = session.folderOf(textDocument.uri);
    const termId = termOfFile(store.glossary, textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!termId || !document) return [];
    await session.ready(token, index.whenReady());
    return termFileCodeLens(
      store.glossary,
      termId,
      lineOfKey(document.getText(), 'title'),
      index.mentionsOf(termId).length,
    );
  });

  connection.onWorkspaceSymbol(async ({ query }, token) => {
    await session.ready(token);
    // Each folder's terms; a bundled term seen by several folders is listed once.
    const symbols = glossaries.all().flatMap(({ store }) => workspaceSymbols(store.glossary, query));
    return symbols.filter((s, i) => symbols.findIndex((t) => t.location.uri === s.location.uri) === i);
  });

  connection.onCodeAction(({ textDocument, context }) => quickFixes(textDocument.uri, context.diagnostics));

  connection.onCompletion(async ({ textDocument, position }, token) => {
    await session.ready(token);
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    const { glossary } = session.folderOf(textDocument.uri).store;
    // A knob or metric name being typed is completed anywhere, code included; otherwise term names in prose.
    const name = completeName(glossary, document.getText(), document.offsetAt(position));
    if (name) return knobCompletionList(glossary, name, Range.create(document.positionAt(name.replaceStart), position));
    const answer = completeAt(glossary, analyses.regions(document), document.getText(), document.offsetAt(position));
    if (!answer) return null;
    const replace = Range.create(document.positionAt(answer.replaceStart), position);
    return completionList(
      glossary,
      answer,
      replace,
      session.abilities.lazyCompletionDocs ? textDocument.uri : undefined,
      document.getText().slice(answer.replaceStart, document.offsetAt(position)),
    );
  });

  connection.onCompletionResolve(async (item) => {
    await session.glossaryReady;
    const uri = (item.data as Partial<CompletionData> | undefined)?.uri;
    return typeof uri === 'string' ? resolveCompletionItem(session.folderOf(uri).store.glossary, item) : item;
  });

  connection.languages.semanticTokens.on(async ({ textDocument }, token) => {
    await session.ready(token);
    const document = documents.get(textDocument.uri);
    // null (not empty tokens) outside Markdown and YAML, so a language's own semantic highlighting stays in charge.
    if (!document || !session.settings.semanticHighlighting || !SEMANTIC_LANGUAGES.has(document.languageId))
      return null as never;
    const { glossary } = session.folderOf(textDocument.uri).store;
    return semanticTokens(glossary, document, analyses.get(document, glossary).mentions);
  });

  // The tree and quick pick show the first folder's glossary.
  connection.onRequest(ListTermsRequest, async () => {
    await session.glossaryReady;
    return termSummaries(glossaries.primary.store.glossary);
  });
  connection.onRequest(ReloadGlossaryRequest, () => {
    session.rebuildGlossary();
    return glossaries.primary.store.glossary.terms.size;
  });

  documents.listen(connection);
  // Cells of open notebooks join the same document set, so every feature serves them like any document.
  new NotebookDocuments(documents).listen(connection);
  return session;
}
