import * as assert from 'assert';
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  HoverRequest,
} from 'vscode-languageserver-protocol';
import { hoverText } from '../support/lspClient';
import { MemoryClient } from '../support/memoryServer';
import { memoryGlossary, termFileText } from '../support/memoryGlossary';

// What a server keeps of a document must end with the document: the fuzzer opens, edits and closes thousands in one
// server, and an editor does the same in a day. Counts of what is held, never timings.
const KINDS: { languageId: string; extension: string; text: (i: number) => string }[] = [
  { languageId: 'markdown', extension: 'md', text: (i) => `# Notes ${i}\n\nThe KV cache fills up.\n` },
  // Large ones are answered from their first part (a partial parse is kept) and analysed further when idle.
  { languageId: 'markdown', extension: 'md', text: () => 'The KV cache fills up.\n\n'.repeat(8_000) },
  { languageId: 'yaml', extension: 'yaml', text: () => 'key: the KV cache stays warm here\n'.repeat(6_000) },
  { languageId: 'yaml', extension: 'yaml', text: (i) => `# The KV cache ${i}\nkey: value\n` },
  { languageId: 'python', extension: 'py', text: (i) => `# The KV cache ${i}\nx = 1\n` },
  // Skipped documents (binary) are said once each: that note is per document too.
  { languageId: 'markdown', extension: 'md', text: () => 'The KV cache\u0000\n' },
];

describe('State kept for documents, in memory', () => {
  let client: MemoryClient;
  afterEach(() => client?.stop());

  it('ends with the document: after 120 documents of every kind opened, edited, asked and closed, none is held', async () => {
    client = await MemoryClient.start(memoryGlossary(), {
      folders: ['/ws'],
      initializationOptions: { diagnostics: { spelling: true } },
    });
    const { session } = client;
    const uris: string[] = [];
    for (let i = 0; i < 120; i++) {
      const kind = KINDS[i % KINDS.length];
      const uri = `file:///ws/docs/doc${i}.${kind.extension}`;
      uris.push(uri);
      const text = kind.text(i);
      await client.open(uri, kind.languageId, text, 1);
      const at = { textDocument: { uri }, position: { line: 2, character: 6 } };
      await client.request(HoverRequest.method, at);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x ' }],
      });
      await client.request(HoverRequest.method, at);
      await client.request(CompletionRequest.method, at);
      // Every tenth document is closed only after its idle analysis and diagnostics had time to run.
      if (i % 10 === 0) await client.waitFor(`diagnostics of ${uri}`, () => client.diagnostics.get(uri));
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
    // A request after the last close: every notification before it has been handled.
    await client.request(HoverRequest.method, { textDocument: { uri: uris[0] }, position: { line: 0, character: 0 } });
    assert.deepStrictEqual(session.documents.keys(), []);
    assert.deepStrictEqual(
      uris.filter((uri) => session.analyses.holds(uri)),
      [],
    );
    assert.strictEqual(session.analyses.documentCount, 0);
    // Timers set for a document before it closed run once and are gone.
    await client.waitFor('no timer left for any document', () =>
      session.pendingDocumentTimers === 0 ? true : undefined,
    );
    assert.strictEqual(session.analyses.documentCount, 0);
  });

  it('stops following the editor buffer of a term file once it is closed', async () => {
    const fileSystem = memoryGlossary();
    fileSystem.write('/ws/.glossary/mfu.md', termFileText('mfu', 'MFU'));
    client = await MemoryClient.start(fileSystem, { folders: ['/ws'] });
    const term = 'file:///ws/.glossary/mfu.md';
    const doc = 'file:///ws/docs/notes.md';
    await client.open(doc, 'markdown', 'The MFU and the MBU.\n');
    for (let round = 0; round < 20; round++) {
      await client.open(term, 'markdown', termFileText('mfu', 'MFU', `aliases: [MBU]\n`), 1);
      await client.waitFor('the buffer followed', async () =>
        /### MFU/.test(hoverText(await client.hover(doc, 0, 17))) ? true : undefined,
      );
      const buffers = () => client.session.glossaries.all().reduce((n, f) => n + f.store.openBufferCount, 0);
      assert.strictEqual(buffers(), 1);
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: term } });
      await client.waitFor('the disk again', async () =>
        (await client.hover(doc, 0, 17)) === null ? true : undefined,
      );
      assert.strictEqual(buffers(), 0);
    }
  });
});
