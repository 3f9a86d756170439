// The llm-glossary-ls process: a connection on stdio, IPC or a socket (as the arguments say), a server on the disk.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeFileSystem } from './glossary/fileSystem';
import { findBundledGlossary } from './glossary/layers';
import { CONNECTION_OPTIONS, createServer } from './server';
import { TreeSitterComments } from './treeSitterComments';

const connection = createConnection(ProposedFeatures.all, CONNECTION_OPTIONS);
// One failed promise (a client refusing a registration, say) must never take the server down with it.
process.on('unhandledRejection', (reason) =>
  connection.console.error(
    `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  ),
);
createServer(connection, {
  fileSystem: nodeFileSystem,
  bundledRoot: findBundledGlossary(nodeFileSystem, __dirname),
  wasmDir: TreeSitterComments.findWasmDir(__dirname),
  home: process.env.HOME,
});
connection.listen();
