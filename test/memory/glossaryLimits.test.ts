import * as assert from 'assert';
import { ReloadGlossaryRequest } from '../../server/shared/messages';
import { MAX_FOLDER_DEPTH, MAX_TERM_FILES_PER_LAYER } from '../../server/src/glossary/termFiles';
import { MAX_INDEXED_FILES } from '../../server/src/workspaceFiles';
import { hoverText } from '../support/lspClient';
import { MemoryClient } from '../support/memoryServer';
import { memoryGlossary, termFileText } from '../support/memoryGlossary';

const DOC = 'file:///ws/docs/design.md';

describe('Glossary limits and conflicts, in memory', () => {
  let client: MemoryClient;
  afterEach(() => client?.stop());

  it('reports a second file whose id is already used in the same glossary folder, and loads the first', async () => {
    const fileSystem = memoryGlossary()
      .write('/ws/team/a/gold-path.md', termFileText('gold-path', 'Gold path', '', 'The first one.'))
      .write('/ws/team/b/gold-path.md', termFileText('gold-path', 'Golden path', '', 'The second one.'));
    client = await MemoryClient.start(fileSystem, {
      folders: ['/ws'],
      initializationOptions: { glossaryPaths: ['team'] },
    });
    const diagnostics = await client.waitFor('diagnostics of the second file', () =>
      client.diagnostics.get('file:///ws/team/b/gold-path.md'),
    );
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.range.start.line, d.message]),
      [
        [
          1,
          'id "gold-path" is already used by file:///ws/team/a/gold-path.md in the same glossary folder; this file is not loaded',
        ],
      ],
    );
    await client.open(DOC, 'markdown', 'Take the gold path.\n');
    assert.match(hoverText(await client.hover(DOC, 0, 10)), /The first one/);
  });

  it('loads the file named after an id that two files of one folder share, and reports the other', async () => {
    const fileSystem = memoryGlossary()
      .write('/ws/team/gold-path.md', termFileText('gold-path', 'Gold path', '', 'The well-named one.'))
      .write('/ws/team/gold-path-2.md', termFileText('gold-path', 'Gold path', '', 'The misnamed one.'));
    client = await MemoryClient.start(fileSystem, {
      folders: ['/ws'],
      initializationOptions: { glossaryPaths: ['team'] },
    });
    const diagnostics = await client.waitFor('diagnostics of the misnamed file', () =>
      client.diagnostics.get('file:///ws/team/gold-path-2.md'),
    );
    assert.deepStrictEqual(
      diagnostics.map((d) => d.message),
      [
        'id "gold-path" must equal the file name "gold-path-2"',
        'id "gold-path" is already used by file:///ws/team/gold-path.md in the same glossary folder; this file is not loaded',
      ],
    );
    assert.deepStrictEqual(client.diagnostics.get('file:///ws/team/gold-path.md') ?? [], []);
    await client.open(DOC, 'markdown', 'Take the gold path.\n');
    assert.match(hoverText(await client.hover(DOC, 0, 10)), /The well-named one/);
  });

  it('says once, in a window message, that term folders deeper than the cap were not read', async () => {
    const deep = `/ws/team/${Array.from({ length: MAX_FOLDER_DEPTH + 1 }, (_, i) => `d${i}`).join('/')}`;
    const fileSystem = memoryGlossary()
      .write(`${deep}/gold-path.md`, termFileText('gold-path', 'Gold path'))
      .write(`${deep}/other/golden.md`, termFileText('golden', 'Golden'));
    client = await MemoryClient.start(fileSystem, {
      folders: ['/ws'],
      initializationOptions: { glossaryPaths: ['team'] },
    });
    const message = await client.waitFor('a message about the depth cap', () =>
      client.messages.find((m) => /deeper than/.test(m)),
    );
    assert.match(
      message,
      /^LLM Glossary: glossary folder \/ws\/team: 1 folder\(s\) deeper than 8 levels not read, such as \/ws\/team\/d0\/.*\/d8\.$/,
    );
    assert.ok(client.logs.some((m) => m.includes('deeper than 8 levels')));
    await client.request(ReloadGlossaryRequest.method, undefined);
    assert.strictEqual(client.messages.filter((m) => /deeper than/.test(m)).length, 1);
  });

  it(`says in a window message that a glossary folder of more than ${MAX_TERM_FILES_PER_LAYER} term files was cut`, async () => {
    const fileSystem = memoryGlossary();
    for (let i = 0; i <= MAX_TERM_FILES_PER_LAYER; i++) fileSystem.write(`/big/n${i}.md`, 'A note, not a term.\n');
    client = await MemoryClient.start(fileSystem, {
      folders: ['/ws'],
      initializationOptions: { glossaryPaths: ['/big'] },
    });
    await client.waitFor('a message about the file cap', () =>
      client.messages.find((m) =>
        m.includes(`more than ${MAX_TERM_FILES_PER_LAYER} term files; the rest are not read`),
      ),
    );
  });

  it('skips the Markdown files of a folder configured too widely that are not term files, with one note and no diagnostics', async () => {
    const fileSystem = memoryGlossary().write('/ws/terms/gold-path.md', termFileText('gold-path', 'Gold path'));
    for (let i = 0; i < 300; i++) fileSystem.write(`/ws/docs/page${i}.md`, `# Page ${i}\n\nAbout the KV cache.\n`);
    fileSystem.write('/ws/docs/jekyll.md', '---\nlayout: post\n---\n# A post\n');
    client = await MemoryClient.start(fileSystem, {
      folders: ['/ws'],
      initializationOptions: { glossaryPaths: ['.'] },
    });
    await client.waitFor('a note about skipped files', () =>
      client.messages.find((m) =>
        m.includes('301 Markdown file(s) skipped, as they do not start with term front matter'),
      ),
    );
    assert.deepStrictEqual(
      [...client.diagnostics].filter(([, d]) => d.length > 0).map(([uri]) => uri),
      [],
    );
    await client.open(DOC, 'markdown', 'Take the gold path.\n');
    assert.match(hoverText(await client.hover(DOC, 0, 10)), /^### Gold path/);
  });

  it('never reads the root of the file system as a glossary folder, and says so', async () => {
    client = await MemoryClient.start(memoryGlossary(), {
      folders: ['/ws'],
      initializationOptions: { glossaryPaths: ['/'] },
    });
    await client.waitFor('a note about the root', () =>
      client.messages.find((m) =>
        m.includes('glossary folder / not read: the root of the file system is never a glossary folder'),
      ),
    );
  });

  it(`says in a window message that a workspace folder of more than ${MAX_INDEXED_FILES} files was not wholly indexed`, async () => {
    const fileSystem = memoryGlossary();
    for (let i = 0; i <= MAX_INDEXED_FILES; i++) fileSystem.write(`/ws/docs/p${i % 100}/n${i}.md`, 'Notes.\n');
    client = await MemoryClient.start(fileSystem, { folders: ['/ws'] });
    client.session.glossaries.postponeBackgroundWork();
    const message = await client.waitFor(
      'a message about the workspace file cap',
      () => client.messages.find((m) => m.includes('files to index')),
      30_000,
    );
    assert.strictEqual(
      message,
      `LLM Glossary: workspace index: /ws has more than ${MAX_INDEXED_FILES} files to index; the rest are not.`,
    );
  });

  it('says in a window message that a .gitignore over 1 MiB is not applied', async () => {
    const fileSystem = memoryGlossary()
      .write('/ws/.gitignore', `generated/\n${'#'.repeat(1_100_000)}\n`)
      .write('/ws/generated/a.md', 'KV cache.\n');
    client = await MemoryClient.start(fileSystem, { folders: ['/ws'] });
    const message = await client.waitFor('a message about the .gitignore', () =>
      client.messages.find((m) => m.includes('.gitignore')),
    );
    assert.strictEqual(
      message,
      'LLM Glossary: /ws/.gitignore is 1100012 bytes; the limit is 1048576; it is not applied.',
    );
  });
});
