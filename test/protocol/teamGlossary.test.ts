import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hoverText, pathToUri, TestClient } from '../support/lspClient';
import { termFileOf } from '../support/termFactory';

function termFile(id: string, title: string, definition: string, category = 'serving'): string {
  return termFileOf(`id: ${id}\ntitle: ${title}\ncategory: ${category}`, (s) =>
    s === 'Definition' ? definition : `About ${title}.`,
  );
}

describe('The server with a team glossary folder', () => {
  let workspace: string;
  let client: TestClient;
  const marker = path.join(os.tmpdir(), `glossary-pwned-${process.pid}`);

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-ws-'));
    const team = path.join(workspace, 'team-terms');
    fs.mkdirSync(team);
    fs.writeFileSync(path.join(team, 'gold-path.md'), termFile('gold-path', 'Gold path', 'Our blessed serving stack.'));
    fs.writeFileSync(
      path.join(team, 'ttft.md'),
      termFile('ttft', 'TTFT', 'Team-specific TTFT: measured at our gateway.', 'performance-metrics'),
    );
    fs.writeFileSync(
      path.join(team, 'evil.md'),
      `---js\n{ title: require('fs').writeFileSync(${JSON.stringify(marker)}, 'x') }\n---\n## Definition\nx\n`,
    );
    fs.writeFileSync(path.join(team, 'broken.md'), '---\nid: broken\ntitle: [oops\n---\n');
    client = await TestClient.start({ rootPath: workspace, initializationOptions: { glossaryPaths: ['team-terms'] } });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it("hovers the team's own term", async () => {
    await client.open('file:///doc/a.md', 'markdown', 'Ship it on the gold path.\n');
    assert.match(
      hoverText(await client.hover('file:///doc/a.md', 0, 17)),
      /^### Gold path\n[\s\S]*Our blessed serving stack/,
    );
  });

  it('lets a team term override the bundled term with the same id', async () => {
    await client.open('file:///doc/b.md', 'markdown', 'Watch TTFT.\n');
    const text = hoverText(await client.hover('file:///doc/b.md', 0, 7));
    assert.match(text, /measured at our gateway/);
    assert.match(text, /your workspace glossary/);
  });

  it('rejects a ---js term file with a diagnostic and runs nothing', async () => {
    const uri = pathToUri(path.join(workspace, 'team-terms', 'evil.md'));
    const diagnostics = await client.waitFor('diagnostics of evil.md', () => client.diagnostics.get(uri));
    assert.match(String(diagnostics[0].message), /front matter language "js" is not allowed/);
    assert.strictEqual(fs.existsSync(marker), false);
  });

  it('reports a term file with broken YAML at its line and keeps the rest working', async () => {
    const uri = pathToUri(path.join(workspace, 'team-terms', 'broken.md'));
    const diagnostics = await client.waitFor('diagnostics of broken.md', () => client.diagnostics.get(uri));
    assert.match(String(diagnostics[0].message), /invalid YAML/);
    await client.open('file:///doc/c.md', 'markdown', 'The KV cache.\n');
    assert.match(hoverText(await client.hover('file:///doc/c.md', 0, 6)), /^### KV cache/);
  });
});
