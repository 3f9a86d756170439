import * as assert from 'assert';
import { ReferencesRequest } from 'vscode-languageserver-protocol';
import { WorkspaceIndex } from '../../server/src/workspaceIndex';
import { hoverText } from '../support/lspClient';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import { MemoryClient } from '../support/memoryServer';
import { memoryGlossary } from '../support/memoryGlossary';

const DOC = 'file:///ws/docs/design.md';

/** Records every folder listed below /ws: the workspace index's listing. */
function recordingListings(fileSystem: MemoryFileSystem): string[] {
  const listed: string[] = [];
  const readDirectory = fileSystem.readDirectory.bind(fileSystem);
  fileSystem.readDirectory = (dir: string) => {
    if (dir.startsWith('/ws')) listed.push(dir);
    return readDirectory(dir);
  };
  return listed;
}

describe('The server as it starts, in memory', () => {
  let client: MemoryClient;
  const { startQuietMs, startMaxDelayMs } = WorkspaceIndex;
  afterEach(() => {
    client?.stop();
    Object.assign(WorkspaceIndex, { startQuietMs, startMaxDelayMs });
  });

  it('answers the first hover before it lists the workspace for its index, and indexes it once requests pause', async () => {
    Object.assign(WorkspaceIndex, { startQuietMs: 60_000, startMaxDelayMs: 60_000 }); // never on its own in this test
    const fileSystem = memoryGlossary().write('/ws/notes.md', 'TTFT matters.\n');
    const listed = recordingListings(fileSystem);
    client = await MemoryClient.start(fileSystem, { folders: ['/ws'] });
    await client.open(DOC, 'markdown', 'Watch TTFT.\n');
    assert.match(hoverText(await client.hover(DOC, 0, 7)), /TTFT/);
    assert.deepStrictEqual(listed, []);
    Object.assign(WorkspaceIndex, { startQuietMs: 0 });
    client.session.glossaries.postponeBackgroundWork(); // the next request, now that requests pause at once
    await client.waitFor('the workspace listed', () => (listed.length > 0 ? true : undefined));
    await client.session.folderOf(DOC).index.ready;
    assert.deepStrictEqual(
      client.session
        .folderOf(DOC)
        .index.mentionsOf('ttft')
        .map((m) => m.uri),
      ['file:///ws/notes.md'],
    );
  });

  it('starts the index at once for a request that needs it, and answers that from the whole workspace', async () => {
    Object.assign(WorkspaceIndex, { startQuietMs: 60_000, startMaxDelayMs: 60_000 });
    const fileSystem = memoryGlossary().write('/ws/notes.md', 'TTFT matters.\n').write('/ws/more.md', 'TTFT.\n');
    client = await MemoryClient.start(fileSystem, { folders: ['/ws'] });
    await client.open(DOC, 'markdown', 'Watch TTFT.\n');
    const locations = await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: DOC },
      position: { line: 0, character: 7 },
      context: { includeDeclaration: false },
    });
    assert.deepStrictEqual((locations ?? []).map((l) => l.uri).sort(), ['file:///ws/more.md', 'file:///ws/notes.md']);
  });

  it('answers a hover while it lists a large workspace under a .gitignore of 85,000 patterns', async () => {
    Object.assign(WorkspaceIndex, { startQuietMs: 60_000, startMaxDelayMs: 60_000 });
    const fileSystem = memoryGlossary().write(
      '/ws/.gitignore',
      Array.from({ length: 85_000 }, (_, i) => `pat*x${i}`).join('\n'),
    );
    for (let i = 0; i < 1000; i++) fileSystem.write(`/ws/docs/p${i % 10}/f${i}.md`, 'TTFT matters.\n');
    client = await MemoryClient.start(fileSystem, { folders: ['/ws'] });
    await client.open(DOC, 'markdown', 'Watch TTFT.\n');
    // References start the listing at once; the hover sent right after it is answered before the listing ends.
    const listed = () => client.logs.some((m) => /workspace index: \d+ file\(s\) queued/.test(m));
    const references = client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: DOC },
      position: { line: 0, character: 7 },
      context: { includeDeclaration: false },
    });
    const hover = await client.hover(DOC, 0, 7);
    const listedBeforeHover = listed();
    assert.match(hoverText(hover), /TTFT/);
    assert.strictEqual(listedBeforeHover, false, 'the listing ended before the hover was answered');
    assert.strictEqual((await references)?.length, 1000);
  });
});
