import * as assert from 'assert';
import fc from 'fast-check';
import * as path from 'path';
import { Glossary } from '../../server/src/core/glossary';
import { buildSnapshot } from '../../server/src/glossary/buildSnapshot';
import { nodeFileSystem } from '../../server/src/glossary/fileSystem';
import { loadGlossary, LoadedGlossary, LoadOptions } from '../../server/src/glossary/load';
import { GlossaryMeta, readGlossaryMeta } from '../../server/src/glossary/meta';
import { RACY_MS, readSnapshot, SNAPSHOT_PATH } from '../../server/src/glossary/snapshot';
import { answers, textOf } from '../support/glossaryAnswers';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import { memoryGlossary, termFileText } from '../support/memoryGlossary';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const bundledLayer = (root: string) => [{ name: 'bundled', folder: path.join(root, 'terms') }];

const TERM_FILE = fc.record({
  id: fc.constantFrom('kv-cache', 'ttft', 'paged-attention', 'decode', 'batching', 'prefill', 'rank', 'nccl'),
  title: fc.constantFrom('KV cache', 'TTFT', 'Decode', 'Batching', 'Prefill', 'Rank', 'NCCL', 'llama.cpp', 'Token'),
  front: fc.constantFrom(
    '',
    'aliases: [key-value cache, KVC]\n',
    'aliases: [TTFT, ttft]\n',
    'related: [ttft]\n',
    'status: deprecated\nreplaced_by: kv-cache\n',
    'avoid: ["decode ... {certificate|base64}", "{PEM|JSON} ... decode", "batch job"]\n',
    'context_forms: [rank]\ncontext_terms: [nccl]\n',
    'exclude_forms: [batch]\n',
    'case_sensitive: [Rank]\n',
    'match: explicit\n',
    'forms: [decoding step]\n',
    'knobs: [{ name: --max-num-seqs, engine: vllm, kind: flag, source: "https://example.org/a" }, { name: VLLM_X_Y, engine: vllm, kind: env, source: "https://example.org/b" }, { name: temperature, engine: vllm, kind: param, source: "https://example.org/c" }]\n',
    'metrics:\n  - { name: "vllm:num_requests_waiting", engine: vllm, type: gauge, source: "https://example.org/m" }\n',
  ),
});

/** Loads the bundled layer with the snapshot (the prebuilt glossary when it may be used) and from the files alone. */
function bothWays(fileSystem: MemoryFileSystem | typeof nodeFileSystem, root: string, options: LoadOptions = {}) {
  const meta = readGlossaryMeta(fileSystem, root);
  const prebuilt = loadGlossary(fileSystem, bundledLayer(root), meta, options);
  const files = loadGlossary(fileSystem, bundledLayer(root), withoutSnapshot(meta), options);
  return { meta, prebuilt, files, used: usedPrebuilt(meta, prebuilt) };
}

function withoutSnapshot(meta: GlossaryMeta): GlossaryMeta {
  return { ...meta, snapshot: undefined };
}

function usedPrebuilt(meta: GlossaryMeta, loaded: LoadedGlossary): boolean {
  return loaded.glossary === meta.snapshot?.prebuiltGlossary(meta.categories, meta.engines);
}

function plainLoad(loaded: LoadedGlossary) {
  return JSON.parse(
    JSON.stringify({
      problems: [...loaded.problems].sort(([a], [b]) => a.localeCompare(b)),
      fileUris: loaded.fileUris,
      notes: loaded.notes,
    }),
  );
}

function writeSnapshot(fileSystem: MemoryFileSystem, options: { buildId?: string; recordedAtMs?: number } = {}) {
  fileSystem.writeBytes(path.join('/bundled', SNAPSHOT_PATH), buildSnapshot(fileSystem, '/bundled', options));
}

/** A file system that records which files were read. */
class CountingFileSystem extends MemoryFileSystem {
  reads: string[] = [];
  override readTextFile(p: string, maxBytes: number) {
    this.reads.push(p);
    return super.readTextFile(p, maxBytes);
  }
}

describe('The prebuilt glossary', () => {
  it('answers exactly as the glossary built from its terms, on random glossaries and random text', () => {
    fc.assert(
      fc.property(fc.array(TERM_FILE, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 4 }), (termFiles, seeds) => {
        const fileSystem = memoryGlossary();
        for (const f of termFiles) fileSystem.write(`/bundled/terms/${f.id}.md`, termFileText(f.id, f.title, f.front));
        writeSnapshot(fileSystem);
        const { meta, prebuilt, files, used } = bothWays(fileSystem, '/bundled');
        assert.ok(used, 'the prebuilt glossary was not used');
        const texts = seeds.map((seed) => fc.sample(textOf(files.glossary), { numRuns: 1, seed })[0]);
        assert.deepStrictEqual(answers(prebuilt.glossary, texts), answers(files.glossary, texts));
        assert.deepStrictEqual(plainLoad(prebuilt), plainLoad(files));
        // The core alone: a glossary from another's data answers as that one.
        const core = files.glossary;
        const copy = Glossary.fromData(structuredClone(core.toData()), core.terms, meta.categories, {
          engines: meta.engines,
        });
        assert.deepStrictEqual(answers(copy, texts), answers(core, texts));
      }),
      { numRuns: 150 },
    );
  });

  it('of the bundled glossary answers exactly as the glossary built from its terms, on the terms own text', function () {
    this.timeout(120_000);
    const { prebuilt, files, used } = bothWays(nodeFileSystem, ROOT);
    assert.ok(used, `${SNAPSHOT_PATH} was not used: run npm run build`);
    const texts = [...files.glossary.terms.values()]
      .slice(0, 120)
      .map((term) => Object.values(term.sections).map((s) => s?.text ?? ''))
      .map((sections) => sections.join('\n\n'));
    assert.deepStrictEqual(answers(prebuilt.glossary, texts), answers(files.glossary, texts));
    assert.deepStrictEqual(plainLoad(prebuilt), plainLoad(files));
  });

  it('reads no term file when every file has the stat the build recorded, and decodes a term only when asked', () => {
    const fileSystem = new CountingFileSystem();
    const source = memoryGlossary();
    for (const p of ['taxonomy.md', 'common-words.txt'])
      fileSystem.write(`/bundled/_meta/${p}`, read(source, `/bundled/_meta/${p}`));
    for (const { name } of source.readDirectory('/bundled/terms'))
      fileSystem.write(`/bundled/terms/${name}`, read(source, `/bundled/terms/${name}`));
    writeSnapshot(fileSystem);
    fileSystem.reads = [];
    const meta = readGlossaryMeta(fileSystem, '/bundled');
    const loaded = loadGlossary(fileSystem, bundledLayer('/bundled'), meta);
    assert.ok(usedPrebuilt(meta, loaded));
    assert.deepStrictEqual(fileSystem.reads, ['/bundled/_meta/taxonomy.md']);
    assert.strictEqual(loaded.glossary.get('kv-cache')?.title, 'KV cache');
  });

  it('is not used once a term file, the taxonomy or the everyday words changed, nor for a file added or removed', () => {
    const changes: [string, (fileSystem: MemoryFileSystem) => void][] = [
      [
        'a term edited',
        (f) => f.write('/bundled/terms/ttft.md', termFileText('ttft', 'TTFT', 'aliases: [first token]\n')),
      ],
      ['a term added', (f) => f.write('/bundled/terms/qps.md', termFileText('qps', 'QPS'))],
      ['a term removed', (f) => f.remove('/bundled/terms/tpot.md')],
      [
        'a term renamed',
        (f) => f.write('/bundled/terms/a.md', read(f, '/bundled/terms/ttft.md')).remove('/bundled/terms/ttft.md'),
      ],
      ['a non-term file added', (f) => f.write('/bundled/terms/notes.md', '# Notes\n')],
      ['the everyday words', (f) => f.write('/bundled/_meta/common-words.txt', 'cache\ntoken\n')],
      [
        'the taxonomy',
        (f) => f.write('/bundled/_meta/taxonomy.md', read(f, '/bundled/_meta/taxonomy.md').replace('vLLM', 'VLLM')),
      ],
      [
        'a term edited to the same size, its modification time set back',
        (f) => {
          const before = f.stat('/bundled/terms/ttft.md')!;
          f.write('/bundled/terms/ttft.md', read(f, '/bundled/terms/ttft.md').replace('TTFT', 'TTFX'));
          f.touch('/bundled/terms/ttft.md', before.mtimeMs);
        },
      ],
    ];
    for (const [what, change] of changes) {
      const fileSystem = memoryGlossary();
      writeSnapshot(fileSystem);
      change(fileSystem);
      const { prebuilt, files, used } = bothWays(fileSystem, '/bundled');
      assert.ok(!used, `used after ${what}`);
      assert.deepStrictEqual(
        answers(prebuilt.glossary, ['TTFT, TTFX and the KV cache']),
        answers(files.glossary, ['TTFT, TTFX and the KV cache']),
        what,
      );
      assert.deepStrictEqual(plainLoad(prebuilt), plainLoad(files), what);
    }
  });

  it('is used when files were rewritten with the same content, or are open with it; not when an open buffer differs', () => {
    const fileSystem = memoryGlossary();
    writeSnapshot(fileSystem);
    for (const { name } of fileSystem.readDirectory('/bundled/terms'))
      fileSystem.write(`/bundled/terms/${name}`, read(fileSystem, `/bundled/terms/${name}`));
    const same = new Map([['/bundled/terms/ttft.md', read(fileSystem, '/bundled/terms/ttft.md')]]);
    assert.ok(bothWays(fileSystem, '/bundled', { openBuffers: same }).used);
    const edited = new Map([['/bundled/terms/ttft.md', termFileText('ttft', 'TTFX')]]);
    const { prebuilt, files, used } = bothWays(fileSystem, '/bundled', { openBuffers: edited });
    assert.ok(!used);
    assert.strictEqual(prebuilt.glossary.get('ttft')?.title, 'TTFX');
    assert.deepStrictEqual(plainLoad(prebuilt), plainLoad(files));
  });

  it('reads and hashes a file changed just before the build recorded its stat, and then is still used', () => {
    const fileSystem = new CountingFileSystem();
    const source = memoryGlossary();
    for (const p of [
      '/bundled/_meta/taxonomy.md',
      '/bundled/_meta/common-words.txt',
      '/bundled/terms/ttft.md',
      '/bundled/terms/kv-cache.md',
    ])
      fileSystem.write(p, read(source, p));
    const now = Date.now();
    fileSystem.touch('/bundled/terms/ttft.md', now - RACY_MS / 2);
    writeSnapshot(fileSystem, { recordedAtMs: now });
    fileSystem.reads = [];
    const meta = readGlossaryMeta(fileSystem, '/bundled');
    assert.ok(usedPrebuilt(meta, loadGlossary(fileSystem, bundledLayer('/bundled'), meta)));
    assert.deepStrictEqual(fileSystem.reads, ['/bundled/_meta/taxonomy.md', '/bundled/terms/ttft.md']);
  });

  it('is not used with a team folder, with substance checks, or when another build made it', () => {
    const fileSystem = memoryGlossary();
    fileSystem.write('/team/qps.md', termFileText('qps', 'QPS'));
    writeSnapshot(fileSystem, { buildId: 'one' });
    const meta = readGlossaryMeta(fileSystem, '/bundled');
    const team = [...bundledLayer('/bundled'), { name: '/team', folder: '/team' }];
    assert.ok(!usedPrebuilt(meta, loadGlossary(fileSystem, team, meta)));
    assert.ok(!usedPrebuilt(meta, loadGlossary(fileSystem, bundledLayer('/bundled'), meta, { quality: true })));
    assert.ok(usedPrebuilt(meta, loadGlossary(fileSystem, bundledLayer('/bundled'), meta)));
    assert.ok(readSnapshot(fileSystem, '/bundled', undefined, 'one'));
    const logged: string[] = [];
    assert.strictEqual(
      readSnapshot(fileSystem, '/bundled', (m) => logged.push(m), 'two'),
      undefined,
    );
    assert.match(logged[0], /another build/);
  });

  it('is not read when the snapshot is damaged: the glossary is loaded from its files', () => {
    const fileSystem = memoryGlossary();
    writeSnapshot(fileSystem);
    const bytes = fileSystem.readBytes('/bundled/dist/glossary.bin', 1 << 30) as { bytes: Uint8Array };
    for (const damaged of [
      bytes.bytes.subarray(0, bytes.bytes.length >> 1),
      bytes.bytes.subarray(0, 20),
      new Uint8Array(40),
    ]) {
      fileSystem.writeBytes('/bundled/dist/glossary.bin', damaged);
      const logged: string[] = [];
      const meta = readGlossaryMeta(fileSystem, '/bundled', (m) => logged.push(m));
      const loaded = loadGlossary(fileSystem, bundledLayer('/bundled'), meta);
      assert.strictEqual(meta.snapshot, undefined);
      assert.strictEqual(logged.length, 1);
      assert.strictEqual(loaded.glossary.get('ttft')?.title, 'TTFT');
    }
  });
});

function read(fileSystem: MemoryFileSystem, p: string): string {
  const result = fileSystem.readTextFile(p, 1 << 30);
  if ('refused' in result) throw new Error(result.refused);
  return result.text;
}
