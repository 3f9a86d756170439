// Shows the language server working without an editor: it opens the sample documents over stdio, exactly as
// an editor would, and prints what a hover and go-to-definition answer for each glossary mention it finds.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const rpc = createRequire(import.meta.url)('vscode-languageserver-protocol/node');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const folder = resolve(process.argv[2] ?? join(root, 'samples'));
const languages = {
  '.md': 'markdown',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.py': 'python',
  '.ts': 'typescript',
  '.go': 'go',
  '.rs': 'rust',
};
const server = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const connection = rpc.createProtocolConnection(
  new rpc.StreamMessageReader(server.stdout),
  new rpc.StreamMessageWriter(server.stdin),
);
connection.listen();
await connection.sendRequest(rpc.InitializeRequest.type, {
  processId: process.pid,
  rootUri: pathToFileURL(folder).href,
  capabilities: {},
  workspaceFolders: null,
});
await connection.sendNotification(rpc.InitializedNotification.type, {});

for (const name of readdirSync(folder).sort()) {
  const languageId = languages[name.slice(name.lastIndexOf('.'))];
  if (!languageId) continue;
  const uri = pathToFileURL(join(folder, name)).href;
  const text = readFileSync(join(folder, name), 'utf8');
  await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId, version: 1, text },
  });
  console.log(`\n\x1b[1m${name}\x1b[0m (${languageId})`);
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    // Probe each word start; the server decides what is a mention (regions, case rules, longest match).
    for (let character = 0; character < lines[line].length; character++) {
      if (!/\w/.test(lines[line][character]) || (character > 0 && /\w/.test(lines[line][character - 1]))) continue;
      const hover = await connection.sendRequest(rpc.HoverRequest.type, {
        textDocument: { uri },
        position: { line, character },
      });
      if (!hover || hover.range.start.character !== character || hover.range.start.line !== line) continue;
      const surface = lines[line].slice(hover.range.start.character, hover.range.end.character);
      const markdown = hover.contents.value;
      const heading = markdown.match(/^### (.*)$/m)?.[1].replace(/\\/g, '') ?? '?';
      const definition = (markdown.split('\n\n')[2] ?? '').replace(/\s+/g, ' ').split(/(?<=\.)\s/)[0] ?? '';
      const [location] = await connection.sendRequest(rpc.DefinitionRequest.type, {
        textDocument: { uri },
        position: { line, character },
      });
      const target = location
        ? location.uri.slice(location.uri.indexOf('/terms/') + 1) + `:${location.range.start.line + 1}`
        : '';
      console.log(
        `  ${String(line + 1).padStart(3)}:${String(character + 1).padEnd(3)} \x1b[36m${surface.padEnd(22)}\x1b[0m → ${heading} (${target})\n           ${definition.slice(0, 110)}`,
      );
    }
  }
}
await connection.sendRequest(rpc.ShutdownRequest.type);
await connection.sendNotification(rpc.ExitNotification.type);
connection.dispose();
server.kill();
