import * as vscode from 'vscode';
import { DefinitionRequest, HoverRequest, LanguageClient, Middleware } from 'vscode-languageclient/node';
import type { BundledTerms } from './bundledTerms';

/** How long a hover or F12 asked before the language server is ready waits for it. */
export const EARLY_REQUEST_TIMEOUT_MS = 10_000;

/** Shows bundled term files read-only wherever a location or a hover link points at one. */
export function readOnlyTermsMiddleware(bundled: BundledTerms): Middleware {
  return {
    provideDefinition: async (document, position, token, next) =>
      mapDefinition(bundled, await next(document, position, token)),
    provideHover: async (document, position, token, next) => mapHover(bundled, await next(document, position, token)),
    provideWorkspaceSymbols: async (query, token, next) =>
      (await next(query, token))?.map((symbol) =>
        'location' in symbol && symbol.location instanceof vscode.Location
          ? { ...symbol, location: new vscode.Location(bundled.toReadOnly(symbol.location.uri), symbol.location.range) }
          : symbol,
      ),
  };
}

function mapDefinition(
  bundled: BundledTerms,
  result: vscode.Definition | vscode.LocationLink[] | null | undefined,
): vscode.Definition | vscode.LocationLink[] | null | undefined {
  if (!result) return result;
  const all = Array.isArray(result) ? result : [result];
  return all.map((l) =>
    'targetUri' in l
      ? { ...l, targetUri: bundled.toReadOnly(l.targetUri) }
      : new vscode.Location(bundled.toReadOnly(l.uri), l.range),
  ) as vscode.Location[] | vscode.LocationLink[];
}

function mapHover(bundled: BundledTerms, hover: vscode.Hover | null | undefined): vscode.Hover | null | undefined {
  if (!hover) return hover;
  const contents = hover.contents.map((c) => {
    if (!(c instanceof vscode.MarkdownString)) return c;
    const rewritten = new vscode.MarkdownString(bundled.rewriteLinks(c.value));
    rewritten.isTrusted = { enabledCommands: ['llmGlossary.openTerm'] };
    rewritten.supportHtml = false;
    return rewritten;
  });
  return new vscode.Hover(contents, hover.range);
}

/**
 * Hover and definition providers for the time between activation and the language client's own providers:
 * VS Code runs F12 only when some definition provider is registered, so without these an F12 pressed while the
 * server starts does nothing at all. They wait (at most EARLY_REQUEST_TIMEOUT_MS) for the client, then ask the
 * server; once the client runs, its own providers answer and these step aside.
 */
export function registerEarlyProviders(
  selector: vscode.DocumentSelector,
  started: () => Promise<LanguageClient | undefined>,
  isRunning: () => boolean,
  bundled: BundledTerms,
): vscode.Disposable {
  let stepAside = false;
  const whenReady = async (token: vscode.CancellationToken): Promise<LanguageClient | undefined> => {
    // A running client answers through its own providers: answering here too would show every hover twice.
    if (stepAside || isRunning()) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), EARLY_REQUEST_TIMEOUT_MS)),
    );
    const cancelled = new Promise<'cancelled'>((resolve) => token.onCancellationRequested(() => resolve('cancelled')));
    const client = await Promise.race([started(), timeout, cancelled]);
    clearTimeout(timer);
    if (client === 'timeout') {
      void vscode.window.setStatusBarMessage(
        vscode.l10n.t('$(warning) The glossary language server is still starting; try again in a moment.'),
        5000,
      );
      return undefined;
    }
    return client === 'cancelled' ? undefined : client;
  };
  const disposables = [
    vscode.languages.registerHoverProvider(selector, {
      provideHover: async (document, position, token) => {
        const client = await whenReady(token);
        if (!client) return undefined;
        const params = client.code2ProtocolConverter.asTextDocumentPositionParams(document, position);
        const hover = await client.sendRequest(HoverRequest.type, params, token);
        return mapHover(bundled, await client.protocol2CodeConverter.asHover(hover));
      },
    }),
    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition: async (document, position, token) => {
        const client = await whenReady(token);
        if (!client) return undefined;
        const params = client.code2ProtocolConverter.asTextDocumentPositionParams(document, position);
        const result = await client.sendRequest(DefinitionRequest.type, params, token);
        return mapDefinition(bundled, await client.protocol2CodeConverter.asDefinitionResult(result, token));
      },
    }),
  ];
  return new vscode.Disposable(() => {
    stepAside = true;
    for (const d of disposables) d.dispose();
  });
}
