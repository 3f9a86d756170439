import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { nodeFileSystem } from '../../server/src/glossary/fileSystem';
import { loadGlossary, LoadedGlossary } from '../../server/src/glossary/load';
import { readGlossaryMeta } from '../../server/src/glossary/meta';
import { buildSnapshot } from '../../server/src/glossary/buildSnapshot';
import { contentHash, SNAPSHOT_PATH } from '../../server/src/glossary/snapshot';
import { listMarkdownFiles } from '../../server/src/glossary/termFiles';
import { memoryGlossary, termFileText } from '../support/memoryGlossary';
import type { MemoryFileSystem } from '../support/memoryFileSystem';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BUNDLED = [{ name: 'bundled', folder: path.join(ROOT, 'terms') }];

/** What a load gives, as plain data (a term's absent optional field and an undefined one are the same). */
function plain(loaded: LoadedGlossary) {
  return JSON.parse(
    JSON.stringify({
      terms: [...loaded.glossary.terms.values()],
      forms: loaded.glossary.forms,
      overridden: [...loaded.glossary.overridden],
      problems: [...loaded.problems].sort(([a], [b]) => a.localeCompare(b)),
      fileUris: loaded.fileUris,
      notes: loaded.notes,
    }),
  );
}

/** Loads the layers twice: with the bundled root's snapshot, and parsing every file. */
function bothWays(
  fileSystem: typeof nodeFileSystem,
  root: string,
  layers = [{ name: 'bundled', folder: path.join(root, 'terms') }],
) {
  const meta = readGlossaryMeta(fileSystem, root);
  const options = { today: '2026-11-26', quality: true };
  return {
    meta,
    snapshot: loadGlossary(fileSystem, layers, meta, options),
    files: loadGlossary(fileSystem, layers, { ...meta, snapshot: undefined }, options),
  };
}

describe('The glossary snapshot', () => {
  it('is built by the current sources for every bundled term file with its current content (run npm run build when this fails)', () => {
    const meta = readGlossaryMeta(nodeFileSystem, ROOT);
    assert.ok(meta.snapshot, `${SNAPSHOT_PATH} is missing: npm run build writes it`);
    assert.strictEqual(meta.snapshot.buildId, sourcesHash(), `${SNAPSHOT_PATH} was built from other sources`);
    const stale: string[] = [];
    for (const file of listMarkdownFiles(nodeFileSystem, BUNDLED[0].folder)) {
      const entry = [...meta.snapshot.byUri.values()].find((e) =>
        e.result.term?.source.endsWith(`/${path.basename(file)}`),
      );
      if (!entry || entry.hash !== contentHash(fs.readFileSync(file, 'utf8'))) stale.push(path.relative(ROOT, file));
    }
    assert.deepStrictEqual(stale, [], `${SNAPSHOT_PATH} is stale for these files: run npm run build`);
    assert.strictEqual(meta.snapshot.byUri.size, listMarkdownFiles(nodeFileSystem, BUNDLED[0].folder).length);
    assert.strictEqual(
      meta.snapshot.taxonomy.hash,
      contentHash(fs.readFileSync(path.join(ROOT, '_meta', 'taxonomy.md'), 'utf8')),
    );
    assert.strictEqual(
      meta.snapshot.commonWords.hash,
      contentHash(fs.readFileSync(path.join(ROOT, '_meta', 'common-words.txt'), 'utf8')),
    );
  });

  it('loads the bundled glossary exactly as parsing its files does', () => {
    const { meta, snapshot, files } = bothWays(nodeFileSystem, ROOT);
    assert.deepStrictEqual(plain(snapshot), plain(files));
    assert.ok(snapshot.glossary.terms.size > 100);
    // Taken from the snapshot, not parsed again.
    const kvCache = snapshot.glossary.get('kv-cache')!;
    assert.strictEqual(kvCache, meta.snapshot!.byUri.get(kvCache.source)?.result.term);
  });

  it('is never used for a file whose content changed since the build, nor for a team folder', () => {
    const fileSystem = memoryGlossary();
    writeSnapshot(fileSystem);
    fileSystem.write('/bundled/terms/ttft.md', termFileText('ttft', 'Time to first token', 'aliases: [TTFT]\n'));
    fileSystem.write('/team/kv-cache.md', termFileText('kv-cache', 'KV store'));
    const layers = [
      { name: 'bundled', folder: '/bundled/terms' },
      { name: '/team', folder: '/team' },
    ];
    const { meta, snapshot, files } = bothWays(fileSystem, '/bundled', layers);
    assert.strictEqual(snapshot.glossary.get('ttft')?.title, 'Time to first token');
    const kvCache = meta.snapshot!.byUri.get('file:///bundled/terms/kv-cache.md')!.result.term;
    assert.strictEqual(
      snapshot.glossary.get('paged-attention'),
      meta.snapshot!.byUri.get('file:///bundled/terms/paged-attention.md')!.result.term,
    );
    assert.notStrictEqual(kvCache, undefined);
    assert.strictEqual(snapshot.glossary.get('kv-cache')?.title, 'KV store');
    assert.deepStrictEqual(plain(snapshot), plain(files));
  });

  it('loads any glossary as parsing its files does, however many files changed after the build', () => {
    const termFile = fc.record({
      id: fc.constantFrom('kv-cache', 'ttft', 'paged-attention', 'old-cache', 'prefill', 'decode'),
      title: fc.constantFrom('KV cache', 'TTFT', 'Prefill', 'Decode', 'Cache', 'token', ''),
      front: fc.constantFrom(
        '',
        'aliases: [key-value cache]\n',
        'aliases: [TTFT, ttft]\n',
        'related: [ttft]\n',
        'related: [nope]\n',
        'status: deprecated\n',
        'aliases: [cache]\n',
        'aliases: {broken\n',
        'category: nowhere\n',
        'knobs: [{ name: --x, engine: vllm, kind: flag, source: "https://example.org" }]\n',
      ),
      definition: fc.constantFrom('A test term.', '', 'See [x](javascript:alert(1)).'),
    });
    const version = fc.array(termFile, { maxLength: 6 });
    fc.assert(
      fc.property(version, version, fc.constantFrom('', 'categories: []\n'), (built, edited, taxonomyEdit) => {
        const fileSystem = memoryGlossary();
        for (const f of built)
          fileSystem.write(`/bundled/terms/${f.id}.md`, termFileText(f.id, f.title, f.front, f.definition));
        writeSnapshot(fileSystem);
        for (const f of edited)
          fileSystem.write(`/bundled/terms/${f.id}.md`, termFileText(f.id, f.title, f.front, f.definition));
        if (taxonomyEdit) fileSystem.write('/bundled/_meta/taxonomy.md', `---\n${taxonomyEdit}---\n`);
        const { snapshot, files } = bothWays(fileSystem, '/bundled');
        assert.deepStrictEqual(plain(snapshot), plain(files));
      }),
      { numRuns: 300 },
    );
  });
});

/** The build's id (scripts/build.mjs): a hash of the server's sources. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    const entries = fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.ts'))
        hash
          .update(`${relative}\0`)
          .update(fs.readFileSync(path.join(ROOT, relative)))
          .update('\0');
    }
  };
  for (const dir of ['server/src', 'server/shared']) walk(dir);
  return hash.digest('hex').slice(0, 16);
}

function writeSnapshot(fileSystem: MemoryFileSystem): void {
  fileSystem.writeBytes(path.join('/bundled', SNAPSHOT_PATH), buildSnapshot(fileSystem, '/bundled'));
}
