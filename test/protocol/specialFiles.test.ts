import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { peakRssMiB, within } from '../support/bounds';
import { hoverText, pathToUri, TestClient } from '../support/lspClient';

// Bounds for a hang or a runaway read (they used to block the glossary load for good, or read 8 GiB a minute).
const ANSWER_BOUND_MS = 5000;
const MEMORY_BOUND_MIB = 300;

describe('The server with FIFOs and devices named *.md in its folders', () => {
  let workspace: string;
  let client: TestClient;
  before(async function () {
    if (process.platform === 'win32') this.skip();
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-special-'));
    for (const folder of ['team', 'docs']) {
      fs.mkdirSync(path.join(workspace, folder));
      spawnSync('mkfifo', [path.join(workspace, folder, 'fifo.md')]);
      fs.symlinkSync('/dev/zero', path.join(workspace, folder, 'zero.md'));
      fs.symlinkSync('/dev/urandom', path.join(workspace, folder, 'urandom.md'));
    }
    fs.writeFileSync(path.join(workspace, 'docs', 'guide.md'), 'The KV cache fills up.\n');
    client = await TestClient.start({ rootPath: workspace, initializationOptions: { glossaryPaths: ['team'] } });
  });
  after(async () => {
    await client?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  const hoverGuide = async () => {
    const uri = pathToUri(path.join(workspace, 'docs', 'guide.md'));
    await client.open(uri, 'markdown', 'The KV cache fills up.\n');
    return hoverText(await within(ANSWER_BOUND_MS, 'hover', client.hover(uri, 0, 6)));
  };

  it('loads the glossary and answers a hover, with bounded memory', async () => {
    assert.match(await hoverGuide(), /^### KV cache/);
    assert.ok(peakRssMiB(client.process.pid!) < MEMORY_BOUND_MIB, `peak RSS ${peakRssMiB(client.process.pid!)} MiB`);
  });

  it('reports each one in the glossary folder as not a regular file', async () => {
    for (const name of ['fifo.md', 'zero.md', 'urandom.md']) {
      const uri = pathToUri(path.join(workspace, 'team', name));
      const diagnostics = await client.waitFor(`diagnostics of ${name}`, () => client.diagnostics.get(uri));
      assert.match(String(diagnostics[0].message), /not a regular file/);
    }
  });

  it('indexes the workspace around them: references are answered', async () => {
    const uri = pathToUri(path.join(workspace, 'docs', 'guide.md'));
    const locations = await within(
      ANSWER_BOUND_MS,
      'references',
      client.request<{ uri: string }[]>('textDocument/references', {
        textDocument: { uri },
        position: { line: 0, character: 6 },
        context: { includeDeclaration: false },
      }),
    );
    assert.deepStrictEqual(
      locations.map((l) => l.uri),
      [uri],
    );
  });

  it('stays responsive after watched-file events for them', async () => {
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: ['team', 'docs'].flatMap((folder) =>
        ['fifo.md', 'zero.md', 'urandom.md'].map((name) => ({
          uri: pathToUri(path.join(workspace, folder, name)),
          type: 2,
        })),
      ),
    });
    await new Promise((resolve) => setTimeout(resolve, 200)); // past the rebuild the events schedule
    assert.match(await hoverGuide(), /^### KV cache/);
    assert.ok(peakRssMiB(client.process.pid!) < MEMORY_BOUND_MIB, `peak RSS ${peakRssMiB(client.process.pid!)} MiB`);
  });
});
