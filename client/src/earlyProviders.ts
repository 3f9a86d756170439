import * as vscode from 'vscode';
import { DefinitionRequest, HoverRequest, LanguageClient, Middleware } from 'vscode-languageclient/node';
import type { BundledTerms } from './bundledTerms';

/** How long a hover or F12 asked before the language server is ready waits for it. */
export const EARLY_REQUEST_TIMEOUT_MS = 10_000;
/**
 * How long after the client has started the early providers still answer. The client registers its own providers
 * in the extension host when it starts, but VS Code learns of them a moment later: a request in that moment reaches
 * only the early providers, which must not have stepped aside yet.
 */
export const HANDOVER_MS = 1500;

/**
 * Who answers hovers and F12: the early providers until HANDOVER_MS after the client has started, the client's own
 * providers after that. Exactly one of them answers any request, so a hover never shows twice or not at all.
 */
export class Handover {
  private at: number | undefined;

  clientStarted(): void {
    this.at = Date.now() + HANDOVER_MS;
  }

  earlyAnswers(): boolean {
    return this.at === undefined || Date.now() < this.at;
  }
}

/**
 * The client's middleware: bundled term files shown read-only wherever a location or a hover link points at one,
 * and hovers and definitions left to the early providers until the handover.
 */
export function clientMiddleware(bundled: BundledTerms, handover: Handover): Middleware {
  return {
    provideDefinition: async (document, position, token, next) =>
      handover.earlyAnswers() ? undefined : mapDefinition(bundled, await next(document, position, token)),
    provideHover: async (document, position, token, next) =>
      handover.earlyAnswers() ? undefined : mapHover(bundled, await next(document, position, token)),
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
 * Hover and definition providers registered first thing on activation: VS Code runs F12 only when some definition
 * provider is registered, so without these an F12 pressed while the server starts does nothing at all. They wait (at
 * most EARLY_REQUEST_TIMEOUT_MS, then say so in the status bar) for the client to start, then ask the server
 * themselves; after the handover the client's own providers answer and these are disposed.
 */
export function registerEarlyProviders(
  selector: vscode.DocumentSelector,
  started: () => Promise<LanguageClient | undefined>,
  handover: Handover,
  bundled: BundledTerms,
): vscode.Disposable {
  const whenReady = async (token: vscode.CancellationToken): Promise<LanguageClient | undefined> => {
    if (!handover.earlyAnswers()) return undefined;
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
        return mapHover(bundled, client.protocol2CodeConverter.asHover(hover));
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
    for (const d of disposables) d.dispose();
  });
}
