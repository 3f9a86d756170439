import { PassThrough } from 'stream';
import { createConnection } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { CONNECTION_OPTIONS, createServer } from '../../server/src/server';
import type { Session } from '../../server/src/session';
import { ProtocolClient, StartOptions } from './lspClient';
import { MemoryFileSystem } from './memoryFileSystem';

/** The server made by createServer, in this process, over a pair of in-memory streams and a MemoryFileSystem. */
export class MemoryClient extends ProtocolClient {
  private constructor(
    readonly session: Session,
    connection: ReturnType<typeof createProtocolConnection>,
    private readonly closeServer: () => void,
  ) {
    super(connection);
  }

  /** `bundledRoot` is a folder of `fileSystem` with terms/ and _meta/ (see memoryGlossary). */
  static async start(
    fileSystem: MemoryFileSystem,
    options: StartOptions & { bundledRoot?: string } = {},
  ): Promise<MemoryClient> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(
      new StreamMessageReader(toServer),
      new StreamMessageWriter(toClient),
      CONNECTION_OPTIONS,
    );
    const session = createServer(serverConnection, {
      fileSystem,
      bundledRoot: options.bundledRoot ?? '/bundled',
      home: '/home/user',
    });
    serverConnection.listen();
    const client = new MemoryClient(
      session,
      createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)),
      () => {
        session.dispose();
        serverConnection.dispose();
        toServer.end();
        toClient.end();
      },
    );
    await client.initialize(options, null);
    return client;
  }

  /** Ends both ends; the server never sees `exit`, which would end this process. */
  stop(): void {
    this.connection.dispose();
    this.closeServer();
  }
}
