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

  it('compiles its code from the code cache it wrote at its first start; a damaged or unwritable cache is only logged', async function () {
    this.timeout(30_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-code-cache-'));
    const run = async (folder: string) => {
      const client = await TestClient.start({ env: { LLM_GLOSSARY_CACHE_DIR: folder } });
      try {
        await client.open('file:///workspace/notes.md', 'markdown', 'The KV cache is warm.\n');
        assert.ok(await client.hover('file:///workspace/notes.md', 0, 6));
      } finally {
        await client.stop();
      }
      return client.logs.filter((m) => m.includes('code cache'));
    };
    try {
      const folder = path.join(dir, 'cache');
      assert.deepStrictEqual(await run(folder), []);
      const written = fs.readdirSync(folder).filter((name) => name.startsWith('code-'));
      assert.deepStrictEqual(
        written.map((name) => name.replace(/^code-.*-(server-main|parsers_markdown-it)\.js\.bin$/, '$1')).sort(),
        ['parsers_markdown-it', 'server-main'],
      );
      const stamps = written.map((name) => fs.statSync(path.join(folder, name)).mtimeMs);
      assert.deepStrictEqual(await run(folder), [], 'the cache is used as it is');
      assert.deepStrictEqual(
        written.map((name) => fs.statSync(path.join(folder, name)).mtimeMs),
        stamps,
        'a cache that was used is not written again',
      );
      const main = path.join(
        folder,
        written.find((name) => name.includes('server-main'))!,
      );
      const bytes = fs.readFileSync(main);
      bytes[bytes.length >> 1] ^= 0xff;
      fs.writeFileSync(main, bytes);
      const damaged = await run(folder);
      assert.ok(
        damaged.some((m) => m.includes('is damaged; it is written again')),
        damaged.join('\n'),
      );
      assert.deepStrictEqual(await run(folder), [], 'written again, and used');
      const blocked = path.join(dir, 'a-file');
      fs.writeFileSync(blocked, '');
      const unwritable = await run(path.join(blocked, 'cache'));
      assert.strictEqual(
        unwritable.filter((m) => m.startsWith('code cache not written')).length,
        1,
        unwritable.join('\n'),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
