import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PARSE_BUDGET_MS, PARSE_MEMORY_BUDGET_BYTES, TreeSitterComments } from '../../server/src/treeSitterComments';

describe('Tree-sitter on text its error recovery is slow on', () => {
  const logs: string[] = [];
  const treeSitter = new TreeSitterComments(
    TreeSitterComments.findWasmDir(path.resolve(__dirname, '..', '..', '..', 'dist'))!,
    (message) => logs.push(message),
    () => undefined,
  );
  before(() => treeSitter.load('cpp'));

  it('gives the parse up after its budget (100,000 "~" as C++ took 16 s), says so once, and parses the next document', () => {
    const started = performance.now();
    assert.strictEqual(treeSitter.parse('cpp', '~'.repeat(100_000)), undefined);
    // A hang bound, many times the budget: the full parse took 16 s.
    assert.ok(performance.now() - started < PARSE_BUDGET_MS * 6, `${Math.round(performance.now() - started)} ms`);
    assert.strictEqual(treeSitter.parse('cpp', '~'.repeat(100_000)), undefined);
    assert.strictEqual(
      logs.filter((m) => /went over its budget \(\d+ ms, \d+ MiB\) on a cpp document/.test(m)).length,
      1,
    );
    assert.deepStrictEqual(treeSitter.parse('cpp', '// KV cache\nint a;\n'), [{ start: 0, end: 11 }]);
  });

  it('gives the parse up when it grows the process past its memory budget (100,000 "<a" as C++ grew it by 400 MiB)', () => {
    const before = process.memoryUsage.rss();
    assert.strictEqual(treeSitter.parse('cpp', '<a'.repeat(100_000)), undefined);
    const grown = (process.memoryUsage.rss() - before) / 1024 / 1024;
    assert.ok(grown < (PARSE_MEMORY_BUDGET_BYTES / 1024 / 1024) * 2, `grew by ${Math.round(grown)} MiB`);
    assert.deepStrictEqual(treeSitter.parse('cpp', '// KV cache\nint a;\n'), [{ start: 0, end: 11 }]);
  });

  it('loads the runtime afresh after WebAssembly crashes on a document, and falls back to the lexer after three', async () => {
    const crasher = fs.readFileSync(
      path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'hostile', 'tree-sitter-crash.ts.txt'),
      'utf8',
    );
    const ready: string[] = [];
    const fresh = new TreeSitterComments(
      TreeSitterComments.findWasmDir(path.resolve(__dirname, '..', '..', '..', 'dist'))!,
      (message) => logs.push(message),
      (languageId) => ready.push(languageId),
    );
    await fresh.load('typescript');
    for (let crash = 1; crash <= 3; crash++) {
      assert.strictEqual(fresh.parse('typescript', crasher), undefined);
      assert.match(logs[logs.length - 1], /tree-sitter crashed on a typescript document/);
      assert.strictEqual(fresh.parse('typescript', '// KV cache\n'), undefined); // loading again
      await fresh.load('typescript');
      const again = crash < 3 ? [{ start: 0, end: 11 }] : undefined;
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (crash < 3) await waitFor(() => ready.length > crash);
      assert.deepStrictEqual(fresh.parse('typescript', '// KV cache\n'), again);
    }
    assert.match(logs[logs.length - 1], /from now on/);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
