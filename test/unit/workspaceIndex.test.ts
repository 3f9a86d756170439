import * as assert from 'assert';
import * as fc from 'fast-check';
import { URI } from 'vscode-uri';
import { languageOfPath } from '../../server/src/core/languages';
import { findRegions } from '../../server/src/core/regions';
import { findMentions } from '../../server/src/core/mentions';
import { LineMap } from '../../server/src/core/lineMap';
import { isIndexable, listIndexableFiles } from '../../server/src/workspaceFiles';
import { WorkspaceIndex } from '../../server/src/workspaceIndex';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import { sampleGlossary } from '../support/termFactory';

const glossary = sampleGlossary();
const uri = (p: string) => URI.file(p).toString();

/** Counts file reads, to see which files an index pass reads again. */
class CountingFileSystem extends MemoryFileSystem {
  reads: string[] = [];
  override readTextFile(p: string, maxBytes: number) {
    this.reads.push(p);
    return super.readTextFile(p, maxBytes);
  }
}

async function indexOf(fileSystem: MemoryFileSystem, exclude: string[] = []) {
  const index = new WorkspaceIndex(
    fileSystem,
    () => glossary,
    () => undefined,
    () => undefined,
  );
  index.rebuild(['/ws'], exclude);
  await index.ready;
  return index;
}

/** Every (uri, line:character-endLine:endCharacter, terms) the index holds, sorted. */
function contents(index: WorkspaceIndex): string[] {
  const ids = new Set([...glossary.terms.keys()]);
  return [...ids]
    .flatMap((id) =>
      index
        .mentionsOf(id)
        .map(
          ({ uri: u, mention: m }) =>
            `${u} ${m.line}:${m.character}-${m.endLine}:${m.endCharacter} ${m.termIds.join(',')}`,
        ),
    )
    .sort();
}

const PIECES = [
  'The KV cache fills. ',
  '# TTFT budget\n',
  '// paged attention here\n',
  '"KV cache" ',
  "'''TP docstring'''\n",
  '/* time to first token */\n',
  '`KV cache` ',
  'key: Continuous batching keeps going\n',
  '- TP and QPS\n',
  '```\nKV cache\n```\n',
  '\n',
  'x = 1\n',
  '<!-- TTFT -->\n',
];
const NAMES = ['/ws/a.md', '/ws/docs/b.md', '/ws/svc.py', '/ws/values.yaml', '/ws/main.go', '/ws/run.sh', '/ws/x.ts'];

describe('The workspace index', () => {
  it('equals the mentions found file by file with the same region finder (the lexer for comments)', async () => {
    const files = fc.dictionary(
      fc.constantFrom(...NAMES),
      fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join('')),
    );
    await fc.assert(
      fc.asyncProperty(files, async (workspace) => {
        const fileSystem = new MemoryFileSystem(workspace);
        const index = await indexOf(fileSystem);
        const expected = Object.entries(workspace)
          .flatMap(([p, text]) => {
            const languageId = languageOfPath(p)!;
            const lines = new LineMap(text);
            return findMentions(glossary, text, findRegions(languageId, text)).map((m) => {
              const s = lines.positionAt(m.start);
              const e = lines.positionAt(m.end);
              return `${uri(p)} ${s.line}:${s.character}-${e.line}:${e.character} ${m.termIds.join(',')}`;
            });
          })
          .flatMap((line) => [...new Set(line.split(' ')[2].split(','))].map(() => line))
          .sort();
        // One line per term a mention names (mentionsOf lists a mention under each of its terms).
        assert.deepStrictEqual(contents(index), expected);
      }),
      { numRuns: 200 },
    );
  });

  it('reads again only the files that changed when it is rebuilt with the same glossary', async () => {
    const fileSystem = new CountingFileSystem({
      '/ws/a.md': 'The KV cache.\n',
      '/ws/b.md': 'TTFT.\n',
      '/ws/c.py': '# TP\n',
    });
    const index = await indexOf(fileSystem);
    fileSystem.write('/ws/b.md', 'TTFT and QPS.\n');
    fileSystem.reads = [];
    index.rebuild(['/ws']);
    await index.ready;
    assert.deepStrictEqual(fileSystem.reads, ['/ws/b.md']);
    assert.strictEqual(index.mentionsOf('qps').length, 1);
    fileSystem.remove('/ws/c.py');
    index.rebuild(['/ws']);
    await index.ready;
    assert.strictEqual(index.mentionsOf('tensor-parallelism').length, 0);
  });

  it('honours .gitignore files (nested ones and negations too) and the exclude globs', async () => {
    const fileSystem = new MemoryFileSystem({
      '/ws/.gitignore': 'generated/\n*.log.md\n/site\n',
      '/ws/generated/a.md': 'KV cache',
      '/ws/notes.log.md': 'KV cache',
      '/ws/site/b.md': 'KV cache',
      '/ws/docs/site/c.md': 'KV cache',
      '/ws/docs/.gitignore': '*.md\n!keep.md\n',
      '/ws/docs/keep.md': 'KV cache',
      '/ws/docs/drop.md': 'KV cache',
      '/ws/tmp/scratch.md': 'KV cache',
      '/ws/tmp/kept.md': 'KV cache',
      '/ws/README.md': 'KV cache',
    });
    const exclude = ['**/tmp/scratch.md'];
    const listed = listIndexableFiles(fileSystem, '/ws', exclude).files.sort();
    assert.deepStrictEqual(listed, ['/ws/README.md', '/ws/docs/keep.md', '/ws/tmp/kept.md']);
    const index = await indexOf(fileSystem, exclude);
    assert.deepStrictEqual(
      index
        .mentionsOf('kv-cache')
        .map((m) => m.uri)
        .sort(),
      listed.map(uri),
    );
    // A file created later is judged by the same rules.
    const judged = [
      '/ws/generated/new.md',
      '/ws/docs/site/new.md',
      '/ws/docs/keep.md',
      '/ws/tmp/scratch.md',
      '/ws/new.md',
    ];
    assert.deepStrictEqual(
      judged.filter((p) => isIndexable(fileSystem, '/ws', p, exclude)),
      ['/ws/docs/keep.md', '/ws/new.md'],
    );
    fileSystem.write('/ws/generated/new.md', 'KV cache');
    index.update(uri('/ws/generated/new.md'), false);
    await index.ready;
    assert.strictEqual(index.mentionsOf('kv-cache').length, 3);
  });
});
