import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSnapshot } from '../../server/src/glossary/buildSnapshot';
import { defaultCacheFolder, GlossaryCache } from '../../server/src/glossary/cache';
import type { GlossaryLayer } from '../../server/src/glossary/layers';
import { loadGlossary } from '../../server/src/glossary/load';
import { readGlossaryMeta } from '../../server/src/glossary/meta';
import { nodeFileSystem } from '../../server/src/glossary/fileSystem';
import { encodeSnapshot, parseSnapshot, SNAPSHOT_PATH } from '../../server/src/glossary/snapshot';
import { GlossaryStore } from '../../server/src/glossary/store';
import { answers } from '../support/glossaryAnswers';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import { memoryGlossary, termFileText } from '../support/memoryGlossary';

const LAYERS: GlossaryLayer[] = [
  { name: 'bundled', folder: '/bundled/terms' },
  { name: '/team', folder: '/team' },
];
const TEXTS = ['The KV cache and QPS, TTFT and the gold path.', 'Decoding with --max-num-seqs at 40 QPS.'];

/** A file system that records which files were read. */
class CountingFileSystem extends MemoryFileSystem {
  reads: string[] = [];
  override readTextFile(p: string, maxBytes: number) {
    this.reads.push(p);
    return super.readTextFile(p, maxBytes);
  }
}

function teamGlossary<T extends CountingFileSystem>(fileSystem: T = new CountingFileSystem() as T): T {
  const bundled = memoryGlossary();
  for (const dir of ['/bundled/_meta', '/bundled/terms'])
    for (const { name } of bundled.readDirectory(dir))
      fileSystem.write(`${dir}/${name}`, read(bundled, `${dir}/${name}`));
  fileSystem.write('/team/qps.md', termFileText('qps', 'QPS', 'aliases: [queries per second]\n'));
  fileSystem.write('/team/gold-path.md', termFileText('gold-path', 'Gold path'));
  fileSystem.write('/team/kv-cache.md', termFileText('kv-cache', 'KV store', 'aliases: [KV cache]\n'));
  fileSystem.write('/team/notes.md', '# Notes of the team\n'); // no term file: skipped, with a note
  fileSystem.write('/team/nested/decode.md', termFileText('decode', 'Decode'));
  return fileSystem;
}

/** A store as a server makes it at start: its glossary from the cache when it can, else from the files. */
function startStore(fileSystem: MemoryFileSystem, logs: string[] = [], layers: typeof LAYERS = LAYERS) {
  const meta = readGlossaryMeta(fileSystem, '/bundled');
  const cache = new GlossaryCache(fileSystem, '/cache', (m) => logs.push(m), 'build-1');
  const store = new GlossaryStore(
    fileSystem,
    () => meta,
    (m) => logs.push(m),
    () => '2026-11-26',
    cache,
  );
  store.setLayers(layers);
  store.reload();
  return { store, cache, meta, logs, cached: logs.some((m) => /^glossary: .*\(cached\)/.test(m)) };
}

/** The same layers loaded from their files alone. */
function fromFiles(fileSystem: MemoryFileSystem) {
  const meta = readGlossaryMeta(fileSystem, '/bundled');
  return loadGlossary(fileSystem, LAYERS, { ...meta, snapshot: undefined });
}

function plain(store: GlossaryStore) {
  return JSON.parse(
    JSON.stringify({
      answers: answers(store.glossary, TEXTS),
      problems: [...store.problems].sort(([a], [b]) => a.localeCompare(b)),
      notes: store.notes,
    }),
  );
}

function plainLoad(loaded: ReturnType<typeof fromFiles>) {
  return JSON.parse(
    JSON.stringify({
      answers: answers(loaded.glossary, TEXTS),
      problems: [...loaded.problems].sort(([a], [b]) => a.localeCompare(b)),
      notes: loaded.notes,
    }),
  );
}

describe('The glossary cache', () => {
  it('gives a start the glossary a team folder gave the start before, reading no term file, exactly as the files do', () => {
    const fileSystem = teamGlossary();
    const first = startStore(fileSystem);
    assert.ok(!first.cached);
    first.store.saveNow();
    fileSystem.reads = [];
    const second = startStore(fileSystem);
    assert.ok(second.cached, second.logs.join('\n'));
    assert.deepStrictEqual(
      fileSystem.reads.filter((p) => p.endsWith('.md') && !p.endsWith('taxonomy.md')),
      [],
    );
    assert.strictEqual(second.store.glossary.get('kv-cache')?.title, 'KV store');
    assert.deepStrictEqual(plain(second.store), plainLoad(fromFiles(fileSystem)));
    assert.deepStrictEqual(plain(second.store), plain(first.store));
  });

  it('is not used after any change to the files it was made from, and is written again', () => {
    const change = fc.constantFrom(
      (f: MemoryFileSystem) => f.write('/team/qps.md', termFileText('qps', 'QPS', 'aliases: [RPS]\n')),
      (f: MemoryFileSystem) => f.write('/team/new.md', termFileText('new', 'New term')),
      (f: MemoryFileSystem) => f.remove('/team/gold-path.md'),
      (f: MemoryFileSystem) => f.write('/team/notes.md', termFileText('notes', 'Notes')), // now a term file
      (f: MemoryFileSystem) => f.write('/team/nested/deeper/x.md', termFileText('x', 'X')),
      (f: MemoryFileSystem) =>
        f.write('/bundled/terms/ttft.md', termFileText('ttft', 'TTFT', 'aliases: [first token]\n')),
      (f: MemoryFileSystem) => f.write('/bundled/_meta/common-words.txt', 'cache\ntoken\nmemory\npath\n'),
      (f: MemoryFileSystem) => {
        const before = f.stat('/team/qps.md')!;
        f.write('/team/qps.md', read(f, '/team/qps.md').replace('QPS', 'RPS'));
        f.touch('/team/qps.md', before.mtimeMs); // the same size, the modification time set back
      },
      (f: MemoryFileSystem) => f.write('/team/qps.md', read(f, '/team/qps.md')), // rewritten as it was
    );
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), (changes) => {
        const fileSystem = teamGlossary();
        startStore(fileSystem).store.saveNow();
        for (const c of changes) c(fileSystem);
        const next = startStore(fileSystem);
        assert.deepStrictEqual(plain(next.store), plainLoad(fromFiles(fileSystem)));
        next.store.saveNow();
        const after = startStore(fileSystem);
        assert.ok(after.cached, 'the entry was not written again');
        assert.deepStrictEqual(plain(after.store), plainLoad(fromFiles(fileSystem)));
      }),
      { numRuns: 60 },
    );
  });

  it('is not used with substance checks, with an open buffer that differs from its file, or by another build', () => {
    const fileSystem = teamGlossary();
    startStore(fileSystem).store.saveNow();
    const meta = readGlossaryMeta(fileSystem, '/bundled');
    const cache = (buildId: string) => new GlossaryCache(fileSystem, '/cache', () => undefined, buildId);
    assert.ok(cache('build-1').load(LAYERS, meta, {}));
    assert.strictEqual(cache('build-1').load(LAYERS, meta, { quality: true }), undefined);
    const edited = new Map([['/team/qps.md', termFileText('qps', 'Requests per second')]]);
    assert.strictEqual(cache('build-1').load(LAYERS, meta, { openBuffers: edited }), undefined);
    const same = new Map([['/team/qps.md', read(fileSystem, '/team/qps.md')]]);
    assert.ok(cache('build-1').load(LAYERS, meta, { openBuffers: same }));
    assert.strictEqual(cache('build-2').load(LAYERS, meta, {}), undefined);
    assert.strictEqual(cache('build-1').load([LAYERS[0]], meta, {}), undefined);
  });

  it('spares an installed extension reading its bundled files when their stats are not the build’s', () => {
    const fileSystem = teamGlossary();
    fileSystem.remove('/team');
    fileSystem.writeBytes(path.join('/bundled', SNAPSHOT_PATH), buildSnapshot(fileSystem, '/bundled'));
    // Installed: the same files, written again (other inodes and times than the build recorded).
    for (const { name } of fileSystem.readDirectory('/bundled/terms'))
      fileSystem.write(`/bundled/terms/${name}`, read(fileSystem, `/bundled/terms/${name}`));
    const bundledOnly = (logs: string[] = []) => startStore(fileSystem, logs, [LAYERS[0]]).store;
    bundledOnly().saveNow();
    fileSystem.reads = [];
    const logs: string[] = [];
    const store = bundledOnly(logs);
    assert.ok(logs.some((m) => /\(cached\)/.test(m)));
    assert.deepStrictEqual(fileSystem.reads, ['/bundled/_meta/taxonomy.md']);
    assert.strictEqual(store.glossary.get('ttft')?.title, 'TTFT');
  });

  it('ignores a damaged entry, says so, and writes it again', () => {
    const fileSystem = teamGlossary();
    const first = startStore(fileSystem);
    first.store.saveNow();
    const entry = first.cache.fileFor(LAYERS, first.meta);
    fileSystem.writeBytes(entry, new Uint8Array(100));
    const next = startStore(fileSystem);
    assert.ok(!next.cached);
    assert.ok(next.logs.some((m) => m.includes('glossary cache') && m.includes('is not a glossary snapshot')));
    assert.deepStrictEqual(plain(next.store), plainLoad(fromFiles(fileSystem)));
    next.store.saveNow();
    assert.ok(startStore(fileSystem).cached);
  });

  it('never answers from a damaged entry: a changed byte or a cut is found at start or when its term is decoded, said, and the entry removed', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(), (at, xor, cut) => {
        const fileSystem = teamGlossary();
        const first = startStore(fileSystem);
        first.store.saveNow();
        const entry = first.cache.fileFor(LAYERS, first.meta);
        const read = fileSystem.readBytes(entry, 1 << 30);
        if ('refused' in read) throw new Error(read.refused);
        const bytes = new Uint8Array(read.bytes);
        const i = at % bytes.length;
        if (cut) fileSystem.writeBytes(entry, bytes.subarray(0, i));
        else {
          bytes[i] ^= xor;
          fileSystem.writeBytes(entry, bytes);
        }
        const next = startStore(fileSystem);
        let answers: unknown;
        try {
          answers = plain(next.store);
        } catch (error) {
          assert.match((error as Error).message, /damaged/);
          assert.ok(next.logs.some((m) => m.includes(`glossary cache ${entry} is damaged`)));
          assert.strictEqual(fileSystem.stat(entry), undefined, 'the damaged entry is removed');
          assert.deepStrictEqual(plain(startStore(fileSystem).store), plainLoad(fromFiles(fileSystem)));
          return;
        }
        if (!next.cached)
          assert.ok(
            next.logs.some((m) => m.startsWith(`glossary cache ${entry} `)),
            next.logs.join('\n'),
          );
        assert.deepStrictEqual(answers, plainLoad(fromFiles(fileSystem)));
      }),
      { numRuns: 200 },
    );
  });

  it('says once that it cannot write its folder, and the glossary is the files’ all the same', () => {
    class ReadOnly extends CountingFileSystem {
      attempts = 0;
      override writeFileAtomic(): void {
        this.attempts++;
        throw new Error('EROFS: read-only file system');
      }
    }
    const fileSystem = teamGlossary(new ReadOnly());
    const first = startStore(fileSystem);
    first.store.saveNow();
    assert.strictEqual(fileSystem.attempts, 1);
    assert.deepStrictEqual(
      first.logs.filter((m) => m.includes('glossary cache')),
      ['glossary cache not written to /cache (EROFS: read-only file system); glossaries load from their files'],
    );
    fileSystem.write('/team/qps.md', termFileText('qps', 'QPS', 'aliases: [RPS]\n'));
    first.store.reload();
    first.store.saveNow(); // not tried again
    assert.strictEqual(fileSystem.attempts, 1);
    assert.deepStrictEqual(plain(first.store), plainLoad(fromFiles(fileSystem)));
  });

  it('never gives two servers sharing it a glossary of files older than theirs, whichever writes last', () => {
    const fileSystem = teamGlossary();
    const a = startStore(fileSystem);
    const b = startStore(fileSystem);
    fileSystem.write('/team/gold-path.md', termFileText('gold-path', 'Golden path'));
    b.store.reload(); // b sees the change and writes its entry; a writes the entry of the files it read before
    b.store.saveNow();
    a.store.saveNow();
    const next = startStore(fileSystem);
    assert.strictEqual(next.store.glossary.get('gold-path')?.title, 'Golden path');
    assert.deepStrictEqual(plain(next.store), plainLoad(fromFiles(fileSystem)));
    next.store.saveNow();
    assert.ok(startStore(fileSystem).cached);
  });

  it('after a start from it, reloads a changed folder parsing only the changed file', () => {
    const fileSystem = teamGlossary();
    startStore(fileSystem).store.saveNow();
    const { store } = startStore(fileSystem);
    fileSystem.write('/team/qps.md', termFileText('qps', 'QPS', 'aliases: [RPS]\n'));
    store.reload();
    assert.strictEqual(store.glossary.get('qps')?.aliases.includes('RPS'), true);
    // The unchanged files' terms are the entry's parse results themselves: not parsed again.
    const seed = (store as unknown as { cache: GlossaryCache }).cache.lastRead!;
    assert.strictEqual(store.glossary.get('gold-path'), seed.byUri.get('file:///team/gold-path.md')?.result.term);
    assert.notStrictEqual(store.glossary.get('qps'), seed.byUri.get('file:///team/qps.md')?.result.term);
    assert.deepStrictEqual(plain(store), plainLoad(fromFiles(fileSystem)));
  });

  it('keeps a few entries on a disk, writes each whole, and removes what a killed write left', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-cache-test-'));
    try {
      const fileSystem = teamGlossary();
      const meta = readGlossaryMeta(fileSystem, '/bundled');
      const loaded = loadGlossary(fileSystem, LAYERS, meta);
      const content = loaded.cacheable!()!;
      const logs: string[] = [];
      const cache = new GlossaryCache(nodeFileSystem, folder, (m) => logs.push(m), 'build-1');
      const stale = path.join(folder, 'glossary-x.bin.1-abc.tmp');
      fs.writeFileSync(stale, 'half');
      fs.utimesSync(stale, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
      for (let i = 0; i < 9; i++) cache.save([...LAYERS, { name: `/more${i}`, folder: `/more${i}` }], meta, content);
      const names = fs.readdirSync(folder);
      assert.ok(
        names.every((n) => /^glossary-[0-9a-f]{14}\.bin$/.test(n)),
        names.join(' '),
      );
      assert.ok(names.length <= 6, names.join(' '));
      assert.deepStrictEqual(logs, []);
      for (const name of names) {
        const parsed = parseSnapshot('/bundled', fs.readFileSync(path.join(folder, name)), 'build-1');
        assert.notStrictEqual(typeof parsed, 'string');
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('stores any strings and files exactly (non-ASCII, a byte order mark, lone surrogates, empty)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('\uFEFFbom', '\uD800', 'a\uDC00', '', 'KV cache', 'é'),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 40 }), fc.array(text, { maxLength: 40 }), (ids, paths) => {
        const files = paths.map((p, i) => ({
          path: p,
          hash: i % 3 === 0 ? '' : (i * 7919).toString(16).padStart(14, '0'),
          size: i,
          mtimeMs: 1.5 * i,
          ...(i % 2 ? { ctimeMs: 2.25 * i, ino: 2 ** 52 + i } : {}),
          ...(i % 4 === 1 ? { skipped: true as const } : { result: { problems: [] } }),
        }));
        const bytes = encodeSnapshot({
          recordedAtMs: 1,
          vocabulary: '',
          taxonomy: { path: 't', hash: '', size: 0, mtimeMs: 0, categories: [], engines: [], problems: [] },
          commonWords: { path: 'c', hash: '', size: 0, mtimeMs: 0 },
          layers: [{ name: 'team', folder: '/team' }],
          files,
          glossary: {
            ids,
            files: ids.map(() => files.findIndex((f) => 'result' in f)).map((i) => Math.max(i, 0)),
            problems: [],
            data: { formTexts: ids } as never,
          },
        });
        const parsed = parseSnapshot('/', bytes, null);
        if (typeof parsed === 'string') {
          // Only a glossary with no file holding a result cannot point its terms at one.
          assert.ok(ids.length > 0 && !files.some((f) => 'result' in f), parsed);
          return;
        }
        assert.deepStrictEqual([...parsed.prebuilt!.ids], ids);
        assert.deepStrictEqual([...(parsed.prebuilt!.data as unknown as { formTexts: string[] }).formTexts], ids);
        assert.deepStrictEqual(
          parsed.files.map((f) => ({
            path: f.path,
            hash: f.hash,
            size: f.size,
            mtimeMs: f.mtimeMs,
            ctimeMs: f.ctimeMs,
            ino: f.ino,
            skipped: f.skipped,
          })),
          files.map((f) => ({
            path: f.path,
            hash: f.hash,
            size: f.size,
            mtimeMs: f.mtimeMs,
            ctimeMs: f.ctimeMs,
            ino: f.ino,
            skipped: 'skipped' in f ? f.skipped : undefined,
          })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('lives in the user’s cache folder, or where LLM_GLOSSARY_CACHE_DIR says ("off": nowhere)', () => {
    assert.strictEqual(defaultCacheFolder({}, 'linux', '/home/a'), '/home/a/.cache/llm-glossary');
    assert.strictEqual(defaultCacheFolder({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/a'), '/xdg/llm-glossary');
    assert.strictEqual(defaultCacheFolder({}, 'darwin', '/Users/a'), '/Users/a/Library/Caches/llm-glossary');
    assert.strictEqual(
      defaultCacheFolder({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32', 'C:\\Users\\a'),
      path.join('C:\\Users\\a\\AppData\\Local', 'llm-glossary', 'Cache'),
    );
    assert.strictEqual(defaultCacheFolder({ LLM_GLOSSARY_CACHE_DIR: '/tmp/c' }, 'linux', '/home/a'), '/tmp/c');
    assert.strictEqual(defaultCacheFolder({ LLM_GLOSSARY_CACHE_DIR: 'off' }, 'linux', '/home/a'), undefined);
    assert.strictEqual(defaultCacheFolder({}, 'linux', undefined), undefined);
  });
});

function read(fileSystem: MemoryFileSystem, p: string): string {
  const result = fileSystem.readTextFile(p, 1 << 30);
  if ('refused' in result) throw new Error(result.refused);
  return result.text;
}
