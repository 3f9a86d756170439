import * as assert from 'assert';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  SemanticTokensRequest,
} from 'vscode-languageserver-protocol';
import { TermMentionsRequest } from '../../server/shared/messages';
import { hoverText } from '../support/lspClient';
import { MemoryClient } from '../support/memoryServer';
import { memoryGlossary, termFileText } from '../support/memoryGlossary';

const DOC = 'file:///ws/docs/design.md';

describe('Settings and watched files, in memory', () => {
  let client: MemoryClient;
  afterEach(() => client?.stop());

  const tokensOf = (uri: string) =>
    client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });

  it('follows a setting pushed with didChangeConfiguration by an editor that does not pull settings', async () => {
    client = await MemoryClient.start(memoryGlossary(), { folders: ['/ws'] });
    await client.open(DOC, 'markdown', 'TTFT\n');
    assert.strictEqual(await tokensOf(DOC), null);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { llmGlossary: { semanticHighlighting: true } },
    });
    await client.waitFor('semantic tokens turned on', async () =>
      (await tokensOf(DOC))?.data.length ? true : undefined,
    );
  });

  it('pulls its settings with workspace/configuration, at start and again on each change notification', async () => {
    let semanticHighlighting = false;
    const asked: string[] = [];
    client = await MemoryClient.start(memoryGlossary(), {
      folders: ['/ws'],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
      clientHandlers: (connection) => {
        connection.onRequest(ConfigurationRequest.type, ({ items }) => {
          asked.push(...items.map((i) => i.section ?? ''));
          return items.map((i) => (i.section === 'llmGlossary' ? { semanticHighlighting } : {}));
        });
        connection.onRequest('client/registerCapability', () => null);
      },
    });
    await client.open(DOC, 'markdown', 'TTFT\n');
    await client.waitFor('the first pull', () => (asked.includes('llmGlossary') ? true : undefined));
    assert.deepStrictEqual([...new Set(asked)].sort(), ['files.exclude', 'llmGlossary', 'search.exclude']);
    assert.strictEqual(await tokensOf(DOC), null);
    semanticHighlighting = true;
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitFor('semantic tokens turned on', async () =>
      (await tokensOf(DOC))?.data.length ? true : undefined,
    );
  });

  it('rebuilds the glossary when a watched term file is created, and drops a deleted one', async () => {
    const fileSystem = memoryGlossary().write('/ws/.glossary/mbu.md', termFileText('mbu', 'MBU'));
    client = await MemoryClient.start(fileSystem, { folders: ['/ws'] });
    await client.open(DOC, 'markdown', 'MFU and MBU.\n');
    assert.match(hoverText(await client.hover(DOC, 0, 9)), /### MBU/);
    assert.strictEqual(await client.hover(DOC, 0, 1), null);

    fileSystem.write('/ws/.glossary/mfu.md', termFileText('mfu', 'MFU'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: 'file:///ws/.glossary/mfu.md', type: FileChangeType.Created }],
    });
    await client.waitFor('the new term', async () =>
      /### MFU/.test(hoverText(await client.hover(DOC, 0, 1))) ? true : undefined,
    );

    fileSystem.remove('/ws/.glossary/mbu.md');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: 'file:///ws/.glossary/mbu.md', type: FileChangeType.Deleted }],
    });
    await client.waitFor('the deleted term gone', async () =>
      (await client.hover(DOC, 0, 9)) === null ? true : undefined,
    );
  });

  it('re-indexes a watched workspace file that is created, changed or deleted', async () => {
    const fileSystem = memoryGlossary().write('/ws/a.md', 'TTFT\n');
    client = await MemoryClient.start(fileSystem, { folders: ['/ws'] });
    const mentioned = async () =>
      (await client.connection.sendRequest(TermMentionsRequest, { termId: 'ttft' })).map((l) => l.uri).sort();
    assert.deepStrictEqual(await mentioned(), ['file:///ws/a.md']);

    fileSystem.write('/ws/b.md', 'The time to first token.\n').write('/ws/a.md', 'Nothing here.\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: 'file:///ws/b.md', type: FileChangeType.Created },
        { uri: 'file:///ws/a.md', type: FileChangeType.Changed },
      ],
    });
    await client.waitFor('b.md indexed, a.md without its mention', async () => {
      const uris = await mentioned();
      return uris.length === 1 && uris[0] === 'file:///ws/b.md' ? true : undefined;
    });

    fileSystem.remove('/ws/b.md');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: 'file:///ws/b.md', type: FileChangeType.Deleted }],
    });
    await client.waitFor('b.md dropped', async () => ((await mentioned()).length === 0 ? true : undefined));
  });
});
