import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  ErrorHandler,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { BUNDLED_TERM_SCHEME, SERVED_LANGUAGES, SERVED_SCHEMES } from '../../server/shared/languages';
import { CACHE_DIR_VARIABLE, SERVER_ENV } from '../../server/shared/launch';
import { GlossaryChangedNotification } from '../../server/shared/messages';
import { BundledTerms } from './bundledTerms';
import { listTerms, openTerm, openTermAtCursor, pickTerm, reloadGlossary, searchTerms, showMentions } from './commands';
import { copyTermToTeamGlossary } from './copyTerm';
import { CrashPolicy, LastLines } from './crashPolicy';
import { clientMiddleware, Handover, HANDOVER_MS, registerEarlyProviders } from './earlyProviders';
import { createTerm } from './newTerm';
import { TermTreeProvider } from './termTree';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
/** The same channel without the recording: the client's own crash lines are not "the last error". */
let ownLog: vscode.LogOutputChannel | undefined;
const recentOutput = new LastLines();
const crashes = new CrashPolicy();
/** Resolves with the client once it has started (its own providers are registered by then). */
let clientStarted: Promise<LanguageClient | undefined> = Promise.resolve(undefined);
/** Who answers hovers and F12 while the client starts (see earlyProviders.ts). */
const handover = new Handover();
let bundled: BundledTerms | undefined;

/** The documents the client serves: every served language in every served scheme, and bundled terms read-only. */
const DOCUMENT_SELECTOR = [
  ...SERVED_LANGUAGES.flatMap((language) => SERVED_SCHEMES.map((scheme) => ({ scheme, language }))),
  { scheme: BUNDLED_TERM_SCHEME, language: 'markdown' },
];

/** Starts the glossary language server and registers commands and the tree view; all glossary work is in the server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const terms = (bundled = new BundledTerms(context.extensionUri));
  // First of all, so an F12 or hover while the server starts waits for it instead of doing nothing.
  const early = registerEarlyProviders(DOCUMENT_SELECTOR, () => clientStarted, handover, terms);
  context.subscriptions.push(early, terms.register());
  ownLog = vscode.window.createOutputChannel('LLM Deployment Glossary', { log: true });
  output = recordingChannel(ownLog);
  context.subscriptions.push(ownLog);
  client = createClient(context);
  // A server that is not running lists no terms (the tree stays usable and empty) rather than failing.
  const tree = new TermTreeProvider(() =>
    client?.isRunning() ? listTerms(client).catch(() => []) : Promise.resolve([]),
  );
  const withClient = (run: (c: LanguageClient) => Promise<void>) => () => (client ? run(client) : Promise.resolve());
  const toReadOnly = (uri: vscode.Uri) => terms.toReadOnly(uri);
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
        terms,
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
      client = createClient(context);
      await startClient(client, tree);
    }),
  );
  await vscode.commands.executeCommand('setContext', 'llmGlossary.languages', SERVED_LANGUAGES);
  await startClient(client, tree);
  setTimeout(() => early.dispose(), HANDOVER_MS);
}

async function startClient(languageClient: LanguageClient, tree: TermTreeProvider): Promise<void> {
  treeOfClient = tree;
  const starting = languageClient.start();
  clientStarted = starting.then(
    () => {
      handover.clientStarted();
      return languageClient;
    },
    () => undefined,
  );
  try {
    await starting;
  } catch (error) {
    // Said by the error handler (the server stopped) or here: activation itself never fails on it.
    output?.error(`the server did not start: ${(error as Error).message}`);
    return;
  }
  // By method name: the server's notification carries a null params member, which a typed zero-parameter
  // handler reports as an error on every glossary change.
  languageClient.onNotification(GlossaryChangedNotification.method, () => void tree.refresh());
  await tree.refresh();
}

let treeOfClient: TermTreeProvider | undefined;

/** The output channel, also keeping its last lines (the server's stderr among them) for the crash message. */
function recordingChannel(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
  const writers = new Set(['append', 'appendLine', 'trace', 'debug', 'info', 'warn', 'error']);
  return new Proxy(channel, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (typeof key !== 'string' || !writers.has(key)) return method;
      return (first: unknown, ...rest: unknown[]) => {
        const text = first instanceof Error ? first.message : String(first);
        recentOutput.append(key === 'append' ? text : `${text}\n`);
        return method(first, ...rest);
      };
    },
  });
}

/**
 * After a crash the server is restarted, quietly, until it has stopped five times within three minutes; then it is
 * left stopped (VS Code stays as it was, without glossary features) and a message says so with the last error and
 * a Restart action. Every crash is logged to the output channel.
 */
const errorHandler: ErrorHandler = {
  error(error, _message, count) {
    output?.error(`connection to the server: ${error.message}`);
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  },
  closed() {
    const decision = crashes.crashed();
    ownLog?.warn(
      `the server stopped (${crashes.recentCrashes} time(s) in ${crashes.windowMs / 60_000} minutes); ${decision === 'restart' ? 'restarting it' : 'not restarting it again'}`,
    );
    if (decision === 'restart') return { action: CloseAction.Restart, handled: true };
    void offerRestart();
    return { action: CloseAction.DoNotRestart, handled: true };
  },
};

async function offerRestart(): Promise<void> {
  const last = recentOutput.lastError();
  const restart = vscode.l10n.t('Restart');
  const show = vscode.l10n.t('Show Output');
  const choice = await vscode.window.showErrorMessage(
    vscode.l10n.t(
      'The LLM Glossary server stopped {0} times in {1} minutes and was not restarted; hovers and the glossary view are off until it runs again.{2}',
      crashes.recentCrashes,
      crashes.windowMs / 60_000,
      last ? ` ${vscode.l10n.t('Last error: {0}', last)}` : '',
    ),
    restart,
    show,
  );
  if (choice === show) output?.show(true);
  if (choice === restart && client) {
    crashes.reset();
    ownLog?.info('restarting the server, as asked');
    if (treeOfClient) await startClient(client, treeOfClient);
  }
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server's cache goes to the extension's own storage (a user's own setting of the variable wins).
  const storage = context.globalStorageUri;
  const env: Record<string, string | undefined> = { ...SERVER_ENV };
  if (process.env[CACHE_DIR_VARIABLE] === undefined && storage.scheme === 'file')
    env[CACHE_DIR_VARIABLE] = path.join(storage.fsPath, 'cache');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'], env },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // Bundled term files open read-only (see bundledTerms.ts).
    middleware: bundled ? clientMiddleware(bundled, handover) : undefined,
    synchronize: { configurationSection: 'llmGlossary' },
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    // Glossary text is untrusted: no HTML and no command links in hovers (the middleware enables exactly one command,
    // llmGlossary.openTerm, on the links it writes itself to open bundled terms read-only).
    markdown: { isTrusted: false, supportHtml: false },
    outputChannel: output,
    errorHandler,
  };
  return new LanguageClient('llmGlossary', 'LLM Deployment Glossary', serverOptions, clientOptions);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
