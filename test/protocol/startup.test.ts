import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TestClient } from '../support/lspClient';

describe('Server start-up', () => {
  it('answers initialize before loading any parser, and loads markdown-it only when a Markdown document is analysed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-loads-'));
    const record = path.join(dir, 'loads.txt');
    const client = await TestClient.start({
      nodeArgs: ['--require', path.join(__dirname, '..', 'support', 'recordLoads.js')],
      env: { RECORD_LOADS_FILE: record },
    });
    try {
      await client.open('file:///workspace/notes.md', 'markdown', 'The KV cache is warm.\n');
      assert.ok(
        await client.hover('file:///workspace/notes.md', 0, 6),
        'the hover works with the parsers loaded on demand',
      );
      const lines = fs.readFileSync(record, 'utf8').split('\n');
      const answered = lines.findIndex((l) => l.startsWith('write ') && l.includes('"capabilities"'));
      const parsers = lines.map((l, i) => [l, i] as const).filter(([l]) => /^require \.\/parsers\//.test(l));
      assert.ok(answered >= 0, 'the initialize answer was recorded');
      assert.ok(
        parsers.some(([l]) => l.includes('markdown-it')),
        `markdown-it was loaded from dist/parsers: ${parsers.map(([l]) => l).join('; ')}`,
      );
      for (const [line, index] of parsers) assert.ok(index > answered, `"${line}" came before the initialize answer`);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
