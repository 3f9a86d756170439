import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { BUNDLED_TERM_SCHEME, SERVED_LANGUAGES, SERVED_SCHEMES } from '../../server/shared/languages';
import { SERVER_ENV } from '../../server/shared/launch';
import { GlossaryChangedNotification } from '../../server/shared/messages';
import { BundledTerms } from './bundledTerms';
import { listTerms, openTerm, openTermAtCursor, pickTerm, reloadGlossary, searchTerms, showMentions } from './commands';
import { copyTermToTeamGlossary } from './copyTerm';
import { readOnlyTermsMiddleware, registerEarlyProviders } from './earlyProviders';
import { createTerm } from './newTerm';
import { TermTreeProvider } from './termTree';

let client: LanguageClient | undefined;
/** Resolves with the client once it has started (its own providers are registered by then). */
let clientStarted: Promise<LanguageClient | undefined> = Promise.resolve(undefined);

/** The documents the client serves: every served language in every served scheme, and bundled terms read-only. */
const DOCUMENT_SELECTOR = [
  ...SERVED_LANGUAGES.flatMap((language) => SERVED_SCHEMES.map((scheme) => ({ scheme, language }))),
  { scheme: BUNDLED_TERM_SCHEME, language: 'markdown' },
];

/** Starts the glossary language server and registers commands and the tree view; all glossary work is in the server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const bundled = new BundledTerms(context.extensionUri);
  // First of all, so an F12 or hover while the server starts waits for it instead of doing nothing.
  const early = registerEarlyProviders(
    DOCUMENT_SELECTOR,
    () => clientStarted,
    () => client?.isRunning() === true,
    bundled,
  );
  context.subscriptions.push(early, bundled.register());
  client = createClient(context, bundled);
  const tree = new TermTreeProvider(() => (client ? listTerms(client) : Promise.resolve([])));
  const withClient = (run: (c: LanguageClient) => Promise<void>) => () => (client ? run(client) : Promise.resolve());
  const toReadOnly = (uri: vscode.Uri) => bundled.toReadOnly(uri);
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('llmGlossary.terms', tree),
    vscode.commands.registerCommand(
      'llmGlossary.searchTerms',
      withClient((c) => searchTerms(c, toReadOnly)),
    ),
    vscode.commands.registerCommand('llmGlossary.openTermAtCursor', openTermAtCursor),
    vscode.commands.registerCommand('llmGlossary.openTerm', (term: Parameters<typeof openTerm>[0]) =>
      openTerm(term, toReadOnly),
    ),
    vscode.commands.registerCommand('llmGlossary.copyTermToTeamGlossary', (from?: unknown) =>
      copyTermToTeamGlossary(
        bundled,
        () => (client ? pickTerm(client, vscode.l10n.t('Copy Term to Team Glossary')) : Promise.resolve(undefined)),
        from instanceof vscode.Uri
          ? from
          : typeof (from as { term?: { uri?: unknown } } | undefined)?.term?.uri === 'string'
            ? vscode.Uri.parse((from as { term: { uri: string } }).term.uri)
            : undefined,
      ),
    ),
    vscode.commands.registerCommand('llmGlossary.newTerm', () => createTerm(context.extensionUri)),
    vscode.commands.registerCommand('llmGlossary.showMentions', (termId?: string) =>
      client ? showMentions(client, typeof termId === 'string' ? termId : undefined) : undefined,
    ),
    vscode.commands.registerCommand('llmGlossary.reload', withClient(reloadGlossary)),
    // Trust granted: restart so the server reads the workspace's own glossary folders too.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.stop();
      client = createClient(context, bundled);
      await startClient(client, tree);
    }),
  );
  await vscode.commands.executeCommand('setContext', 'llmGlossary.languages', SERVED_LANGUAGES);
  await startClient(client, tree);
  early.dispose();
}

async function startClient(languageClient: LanguageClient, tree: TermTreeProvider): Promise<void> {
  const starting = languageClient.start();
  clientStarted = starting.then(
    () => languageClient,
    () => undefined,
  );
  await starting;
  languageClient.onNotification(GlossaryChangedNotification, () => void tree.refresh());
  await tree.refresh();
}

function createClient(context: vscode.ExtensionContext, bundled: BundledTerms): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env: { ...SERVER_ENV } } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'], env: { ...SERVER_ENV } },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    middleware: readOnlyTermsMiddleware(bundled),
    synchronize: { configurationSection: 'llmGlossary' },
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    // Glossary text is untrusted: no HTML and no command links in hovers.
    markdown: { isTrusted: false, supportHtml: false },
  };
  return new LanguageClient('llmGlossary', 'LLM Deployment Glossary', serverOptions, clientOptions);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
