import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hoverText, pathToUri, TestClient } from '../support/lspClient';
import { termFileOf } from '../support/termFactory';

const termFile = (id: string, title: string, definition: string) =>
  termFileOf(`id: ${id}\ntitle: ${title}\ncategory: serving`, (s) => (s === 'Definition' ? definition : 'x'));

describe('A multi-root workspace', () => {
  let base: string;
  let client: TestClient;
  const uriIn = (folder: string, name: string) => pathToUri(path.join(base, folder, name));

  before(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-multi-'));
    for (const [folder, definition] of [
      ['payments', 'In payments, the fleet of GPU hosts for fraud models.'],
      ['search', 'In search, the ranking cluster.'],
    ]) {
      fs.mkdirSync(path.join(base, folder, '.glossary'), { recursive: true });
      fs.writeFileSync(path.join(base, folder, '.glossary', 'fleet.md'), termFile('fleet', 'Fleet', definition));
    }
    fs.writeFileSync(
      path.join(base, 'search', '.glossary', 'ttft.md'),
      termFile('ttft', 'TTFT', 'Search measures TTFT at the ranking gateway.'),
    );
    client = await TestClient.start({ folders: [path.join(base, 'payments'), path.join(base, 'search')] });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('gives each folder its own workspace terms', async () => {
    await client.open(uriIn('payments', 'a.md'), 'markdown', 'The fleet is busy.');
    await client.open(uriIn('search', 'b.md'), 'markdown', 'The fleet is busy.');
    assert.match(hoverText(await client.hover(uriIn('payments', 'a.md'), 0, 5)), /fraud models/);
    assert.match(hoverText(await client.hover(uriIn('search', 'b.md'), 0, 5)), /ranking cluster/);
  });

  it('lets an override in one folder leave the other folder on the bundled term', async () => {
    await client.open(uriIn('payments', 'c.md'), 'markdown', 'TTFT');
    await client.open(uriIn('search', 'd.md'), 'markdown', 'TTFT');
    assert.doesNotMatch(hoverText(await client.hover(uriIn('payments', 'c.md'), 0, 1)), /ranking gateway/);
    assert.match(hoverText(await client.hover(uriIn('search', 'd.md'), 0, 1)), /ranking gateway/);
  });
});
