import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import {
  ClientCapabilities, CompletionList, CompletionRequest, createProtocolConnection, DefinitionRequest, Diagnostic, DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification, ExitNotification, Hover, HoverRequest, InitializedNotification, InitializeRequest, Location,
  ProtocolConnection, PublishDiagnosticsNotification, PublishDiagnosticsParams, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

export const SERVER_PATH = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

/**
 * A minimal LSP client for protocol tests: spawns the built server over stdio, like an editor would,
 * and collects what the server publishes.
 */
export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection) {}

  static async start(options: { rootPath?: string; folders?: string[]; initializationOptions?: unknown; capabilities?: ClientCapabilities; nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection);
    connection.onNotification(PublishDiagnosticsNotification.method, (p: PublishDiagnosticsParams) => {
      client.diagnostics.set(p.uri, p.diagnostics);
    });
    for (const method of ['window/logMessage', 'window/showMessage']) {
      connection.onNotification(method, (p: { message: string }) => {
        client.logs.push(p.message);
      });
    }
    connection.listen();
    const folders = options.folders ?? (options.rootPath ? [options.rootPath] : []);
    const rootUri = folders.length > 0 ? pathToUri(folders[0]) : null;
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: folders.length > 0 ? folders.map((f, i) => ({ uri: pathToUri(f), name: `folder${i}` })) : null,
      capabilities: options.capabilities ?? {},
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  async replaceText(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  async definition(uri: string, line: number, character: number): Promise<Location[]> {
    const result = await this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line, character } });
    return (Array.isArray(result) ? result : result ? [result] : []) as Location[];
  }

  async completion(uri: string, line: number, character: number): Promise<CompletionList> {
    const result = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
    return Array.isArray(result) ? { isIncomplete: false, items: result } : (result ?? { isIncomplete: false, items: [] });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Polls until the predicate holds on what the server published, or fails after the timeout. */
  async waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The server may already be gone; the kill below still ends it.
    }
    this.connection.dispose();
    this.process.kill();
  }
}

export function pathToUri(p: string): string {
  return 'file://' + p.split(path.sep).map(encodeURIComponent).join('/');
}

/** The Markdown of a hover, whichever of the LSP shapes the server used. */
export function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return parts.map((part) => (typeof part === 'string' ? part : part.value)).join('\n');
}
