import * as assert from 'assert';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol';
import { hoverText } from '../support/lspClient';
import { MemoryClient } from '../support/memoryServer';
import { memoryGlossary } from '../support/memoryGlossary';

const DOC = 'file:///ws/docs/notes.md';

describe('Document versions, in memory', () => {
  let client: MemoryClient;
  afterEach(() => client?.stop());

  it('ignores a change older than the document, and says so in the log', async () => {
    client = await MemoryClient.start(memoryGlossary(), { folders: ['/ws'] });
    await client.open(DOC, 'markdown', 'The KV cache.\n', 1);
    await client.replaceText(DOC, 'Watch TTFT here.\n', 5);
    await client.replaceText(DOC, 'The KV cache.\n', 3); // late: version 3 after 5
    assert.match(hoverText(await client.hover(DOC, 0, 7)), /^### TTFT/);
    assert.ok(client.logs.some((m) => /ignored a change .* version 3: the document is already at version 5/.test(m)));
  });

  it('ignores an incremental change sent twice with the same version', async () => {
    client = await MemoryClient.start(memoryGlossary(), { folders: ['/ws'] });
    await client.open(DOC, 'markdown', 'KV cache\n', 1);
    const insert = {
      textDocument: { uri: DOC, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'TTFT ' }],
    };
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, insert);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, insert);
    assert.match(hoverText(await client.hover(DOC, 0, 6)), /^### KV cache/); // "TTFT KV cache", not "TTFT TTFT KV cache"
  });

  it('applies changes with rising versions, gaps included', async () => {
    client = await MemoryClient.start(memoryGlossary(), { folders: ['/ws'] });
    await client.open(DOC, 'markdown', 'nothing\n', 1);
    await client.replaceText(DOC, 'The KV cache.\n', 7);
    assert.match(hoverText(await client.hover(DOC, 0, 6)), /^### KV cache/);
  });

  it('publishes a document opened before the settings arrive without an error, hints included once they do', async () => {
    // The client is asked for its settings (workspace/configuration) and has not answered yet.
    client = await MemoryClient.start(memoryGlossary(), {
      folders: ['/ws'],
      capabilities: { workspace: { configuration: true } },
      initializationOptions: { diagnostics: { spelling: true } },
    });
    // A handler's error reaches the connection's logger, which in this process is the console.
    const errors: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.map(String).join(' '));
    try {
      await client.open(DOC, 'markdown', 'The Kv-Cache fills up.\n', 1);
      await client.waitFor('diagnostics of the document', () => client.diagnostics.get(DOC));
    } finally {
      console.error = consoleError;
    }
    assert.deepStrictEqual(
      [...errors, ...client.logs].filter((m) => /TypeError|Cannot read/.test(m)),
      [],
    );
  });
});
