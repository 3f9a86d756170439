import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { BUNDLED_TERM_SCHEME, SERVED_LANGUAGES, SERVED_SCHEMES } from '../../server/shared/languages';
import { SERVER_ENV } from '../../server/shared/launch';
import { GlossaryChangedNotification } from '../../server/shared/messages';
import { listTerms, openTerm, openTermAtCursor, reloadGlossary, searchTerms, showMentions } from './commands';
import { createTerm } from './newTerm';
import { TermTreeProvider } from './termTree';

let client: LanguageClient | undefined;

/** Starts the glossary language server and registers commands and the tree view; all glossary work is in the server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  const tree = new TermTreeProvider(() => (client ? listTerms(client) : Promise.resolve([])));
  const withClient = (run: (c: LanguageClient) => Promise<void>) => () => (client ? run(client) : Promise.resolve());
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('llmGlossary.terms', tree),
    vscode.commands.registerCommand('llmGlossary.searchTerms', withClient(searchTerms)),
    vscode.commands.registerCommand('llmGlossary.openTermAtCursor', openTermAtCursor),
    vscode.commands.registerCommand('llmGlossary.openTerm', openTerm),
    vscode.commands.registerCommand('llmGlossary.newTerm', () => createTerm(context.extensionUri)),
    vscode.commands.registerCommand('llmGlossary.showMentions', (termId?: string) =>
      client ? showMentions(client, typeof termId === 'string' ? termId : undefined) : undefined,
    ),
    vscode.commands.registerCommand('llmGlossary.reload', withClient(reloadGlossary)),
    // Trust granted: restart so the server reads the workspace's own glossary folders too.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.stop();
      client = createClient(context);
      await startClient(client, tree);
    }),
  );
  await vscode.commands.executeCommand('setContext', 'llmGlossary.languages', SERVED_LANGUAGES);
  await startClient(client, tree);
}

async function startClient(languageClient: LanguageClient, tree: TermTreeProvider): Promise<void> {
  await languageClient.start();
  languageClient.onNotification(GlossaryChangedNotification, () => void tree.refresh());
  await tree.refresh();
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
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
    documentSelector: [
      ...SERVED_LANGUAGES.flatMap((language) => SERVED_SCHEMES.map((scheme) => ({ scheme, language }))),
      { scheme: BUNDLED_TERM_SCHEME, language: 'markdown' },
    ],
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
