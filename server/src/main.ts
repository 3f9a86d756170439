// The llm-glossary-ls process: a connection on stdio, IPC or a socket (as the arguments say), a server on the disk.
import * as os from 'os';
import { format } from 'util';
import { setFlagsFromString } from 'v8';
import {
  Connection,
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { defaultCacheFolder } from './cacheFolder';
import { saveCodeCache } from './codeCache';
import { SERVER_V8_FLAGS } from '../shared/launch';
import { FramingGuard } from './framing';
import { nodeFileSystem } from './glossary/fileSystem';
import { findBundledGlossary } from './glossary/layers';
import { CONNECTION_OPTIONS, createServer } from './server';

// First thing: how soon the heap's garbage is collected (see SERVER_V8_FLAGS).
for (const flag of SERVER_V8_FLAGS) setFlagsFromString(flag);

/** How long a message may stay half-received with nothing more arriving before the stream counts as out of step. */
const STALL_MS = Number(process.env.LLM_GLOSSARY_STALL_MS) > 0 ? Number(process.env.LLM_GLOSSARY_STALL_MS) : 10_000;

let shutdownReceived = false;
let exiting = false;

/** Ends the process without a trace: the editor is gone or the stream cannot be trusted. */
function exit(why?: string): never {
  if (!exiting && why) {
    exiting = true;
    try {
      process.stderr.write(`llm-glossary-ls: ${why}\n`);
    } catch {
      // stderr may be closed as well.
    }
  }
  process.exit(shutdownReceived ? 0 : 1);
}

/**
 * Over stdio the server reads the byte stream itself, to notice when it gets out of step: a header without a
 * Content-Length, a Content-Length that is not a whole number (framing.ts: the reader takes -1 for "nothing pending"),
 * or a message left incomplete with nothing more arriving (a Content-Length longer than what was sent). vscode-jsonrpc reports those and goes on reading, answering nothing ever after; here the server exits
 * instead, so the editor starts a fresh one and sends it every open document again. A body that is not JSON keeps
 * the framing intact: it is logged and skipped. When stdin ends or stdout closes, the process exits quietly.
 */
function stdioConnection(): Connection {
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  reader.partialMessageTimeout = STALL_MS;
  // Registered before the reader's own listener (connection.listen), so a bad header is caught before it reads it.
  const framing = new FramingGuard();
  process.stdin.on('data', (chunk: Buffer) => {
    const why = framing.feed(chunk);
    if (why) exit(`the message stream is out of step (${why}); exiting so the editor restarts the server`);
  });
  const connection = createConnection(ProposedFeatures.all, reader, writer, CONNECTION_OPTIONS);
  reader.onError((error) => {
    if (error instanceof SyntaxError) connection.console.error(`ignored a message that is not JSON: ${error.message}`);
    else
      exit(
        `the message stream is out of step (${error.message.split('\n')[0]}); exiting so the editor restarts the server`,
      );
  });
  reader.onPartialMessage(({ waitingTime }) =>
    exit(
      `a message stayed incomplete for ${waitingTime} ms (its Content-Length is longer than what was sent); exiting so the editor restarts the server`,
    ),
  );
  reader.onClose(() => exit());
  writer.onError(() => exit());
  writer.onClose(() => exit());
  process.stdin.on('end', () => exit());
  process.stdout.on('error', () => exit());
  // Anything a library prints must not land in the protocol stream.
  const log = connection.console;
  console.log = console.info = (...args: unknown[]) => log.log(format(...args));
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.error = (...args: unknown[]) => log.error(format(...args));
  return connection;
}

const connection = process.argv.includes('--stdio')
  ? stdioConnection()
  : createConnection(ProposedFeatures.all, CONNECTION_OPTIONS);
// One failed promise (a client refusing a registration, say) must never take the server down with it; a rejection
// because the connection is already closed means the editor is gone.
process.on('unhandledRejection', (reason) => {
  try {
    connection.console.error(
      `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    );
  } catch {
    exit();
  }
});
const session = createServer(connection, {
  fileSystem: nodeFileSystem,
  bundledRoot: findBundledGlossary(nodeFileSystem, __dirname),
  home: process.env.HOME,
  cacheFolder: defaultCacheFolder(process.env, process.platform, os.homedir()),
});
connection.onShutdown(() => {
  shutdownReceived = true;
  // No request comes any more: the time to write what waited for a pause.
  session.glossaries.saveCaches();
  saveCodeCache(session.log);
});
connection.listen();
