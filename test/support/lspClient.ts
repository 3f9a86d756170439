import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import {
  ClientCapabilities,
  CompletionList,
  CompletionRequest,
  createProtocolConnection,
  DefinitionRequest,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  Hover,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  Location,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

export const SERVER_PATH = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

export interface StartOptions {
  rootPath?: string;
  folders?: string[];
  initializationOptions?: unknown;
  capabilities?: ClientCapabilities;
  /** Registers the client's answers to the server's requests (workspace/configuration, ...) before initialize. */
  clientHandlers?: (connection: ProtocolConnection) => void;
}

/**
 * A minimal LSP client for tests, over any connection: it initializes the server, collects what the server
 * publishes (diagnostics, log and show messages) and offers the requests tests make.
 */
export class ProtocolClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  /** Only what the server asked the editor to show (window/showMessage). */
  readonly messages: string[] = [];
  constructor(readonly connection: ProtocolConnection) {
    connection.onNotification(PublishDiagnosticsNotification.method, (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
    });
    for (const method of ['window/logMessage', 'window/showMessage']) {
      connection.onNotification(method, (p: { message: string }) => {
        this.logs.push(p.message);
        if (method === 'window/showMessage') this.messages.push(p.message);
      });
    }
    connection.listen();
  }

  /** `processId`: the editor's process, which a server watches and exits with; null for a server in this process. */
  protected async initialize(options: StartOptions, processId: number | null = process.pid): Promise<void> {
    const folders = options.folders ?? (options.rootPath ? [options.rootPath] : []);
    const rootUri = folders.length > 0 ? pathToUri(folders[0]) : null;
    options.clientHandlers?.(this.connection);
    await this.connection.sendRequest(InitializeRequest.type, {
      processId,
      rootUri,
      workspaceFolders: folders.length > 0 ? folders.map((f, i) => ({ uri: pathToUri(f), name: `folder${i}` })) : null,
      capabilities: options.capabilities ?? {},
      initializationOptions: options.initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  async replaceText(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  async definition(uri: string, line: number, character: number): Promise<Location[]> {
    const result = await this.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri },
      position: { line, character },
    });
    return (Array.isArray(result) ? result : result ? [result] : []) as Location[];
  }

  async completion(uri: string, line: number, character: number): Promise<CompletionList> {
    const result = await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line, character },
    });
    return Array.isArray(result)
      ? { isIncomplete: false, items: result }
      : (result ?? { isIncomplete: false, items: [] });
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
}

/** The built server (dist/server.js) in its own process over stdio, as an editor runs it. */
export class TestClient extends ProtocolClient {
  private constructor(
    readonly process: ChildProcess,
    connection: ProtocolConnection,
  ) {
    super(connection);
  }

  static async start(
    options: StartOptions & { nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {},
  ): Promise<TestClient> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_PATH, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    const client = new TestClient(
      child,
      createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)),
    );
    await client.initialize(options);
    return client;
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
