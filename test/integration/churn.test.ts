import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { nodeFileSystem } from '../../server/src/glossary/fileSystem';
import { loadGlossary } from '../../server/src/glossary/load';
import { readGlossaryMeta } from '../../server/src/glossary/meta';
import { prebuiltSourceOf } from '../../server/src/glossary/snapshot';
import { GlossaryStore } from '../../server/src/glossary/store';
import { WorkspaceIndex } from '../../server/src/workspaceIndex';
import { sampleGlossary } from '../support/termFactory';
import { termFileBody } from '../support/termFactory';

const NAMES = ['a.md', 'b.md', 'notes/c.md', 'svc.py', 'values.yaml', 'deep/er/d.go'];
const CONTENTS = ['The KV cache.', '# TTFT\nx', 'nothing', 'TP and TP', '', '\u0000binary KV cache'];
type Op = { kind: 'write' | 'delete'; name: string; content: string } | { kind: 'rename'; name: string; to: string };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('write' as const, 'delete' as const),
    name: fc.constantFrom(...NAMES),
    content: fc.constantFrom(...CONTENTS),
  }),
  fc.record({ kind: fc.constant('rename' as const), name: fc.constantFrom(...NAMES), to: fc.constantFrom(...NAMES) }),
);

function snapshot(index: WorkspaceIndex): string[] {
  return ['kv-cache', 'ttft', 'tensor-parallelism']
    .flatMap((id) =>
      index.mentionsOf(id).map(({ uri, mention }) => `${id} ${uri} ${mention.line}:${mention.character}`),
    )
    .sort();
}

describe('The workspace index under file churn', () => {
  it('converges to a fresh rebuild after any sequence of creates, edits, renames and deletes (its worker thread, a main-thread rebuild)', async () => {
    const glossary = sampleGlossary();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-churn-'));
        try {
          const incremental = new WorkspaceIndex(
            nodeFileSystem,
            () => glossary,
            () => undefined,
            () => undefined,
            WorkspaceIndex.workerScriptFor(nodeFileSystem),
          );
          incremental.rebuild([root]);
          await incremental.ready;
          const event = (name: string, deleted: boolean) =>
            incremental.update(URI.file(path.join(root, name)).toString(), deleted);
          for (const o of ops) {
            const file = path.join(root, o.name);
            if (o.kind === 'write') {
              fs.mkdirSync(path.dirname(file), { recursive: true });
              fs.writeFileSync(file, o.content);
              event(o.name, false);
            } else if (o.kind === 'delete') {
              fs.rmSync(file, { force: true });
              event(o.name, true);
            } else if (o.kind === 'rename' && fs.existsSync(file) && o.to !== o.name) {
              fs.mkdirSync(path.dirname(path.join(root, o.to)), { recursive: true });
              fs.renameSync(file, path.join(root, o.to));
              event(o.name, true); // a rename arrives as a delete and a create
              event(o.to, false);
            }
          }
          const fresh = new WorkspaceIndex(
            nodeFileSystem,
            () => glossary,
            () => undefined,
            () => undefined,
          );
          fresh.rebuild([root]);
          await Promise.all([incremental.ready, fresh.ready]);
          assert.deepStrictEqual(snapshot(incremental), snapshot(fresh));
          incremental.dispose();
          fresh.dispose();
        } finally {
          fs.rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('The workspace index in its worker thread', () => {
  for (const prebuilt of [true, false])
    it(`finds exactly what the main thread finds with the bundled glossary ${prebuilt ? 'prebuilt (the worker makes it from the snapshot)' : 'made from its terms'} (generated forms, names, senses)`, async () => {
      await sameInWorker(prebuilt);
    });
});

/** The index of a few real files in the worker thread and on the main thread, with the bundled glossary. */
async function sameInWorker(prebuilt: boolean): Promise<void> {
  const rootDir = path.resolve(__dirname, '..', '..', '..');
  const read = readGlossaryMeta(nodeFileSystem, rootDir);
  const meta = prebuilt ? read : { ...read, snapshot: undefined };
  const { glossary } = loadGlossary(nodeFileSystem, [{ name: 'bundled', folder: path.join(rootDir, 'terms') }], meta);
  assert.strictEqual(prebuiltSourceOf(glossary) !== undefined, prebuilt);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-worker-'));
  try {
    for (const file of [
      'README.md',
      'samples/design-doc.md',
      'samples/values.yaml',
      'samples/serve.py',
      'samples/runbook.md',
    ])
      if (fs.existsSync(path.join(rootDir, file)))
        fs.copyFileSync(path.join(rootDir, file), path.join(root, path.basename(file)));
    fs.writeFileSync(
      path.join(root, 'notes.md'),
      'Decoding is slow; we decode a certificate here. Set --gpu-memory-utilization and watch vllm:num_requests_waiting.\n',
    );
    const index = (script?: string) => {
      const built = new WorkspaceIndex(
        nodeFileSystem,
        () => glossary,
        () => undefined,
        () => undefined,
        script,
        () => meta.commonWords,
      );
      built.rebuild([root]);
      return built;
    };
    const inWorker = index(WorkspaceIndex.workerScriptFor(nodeFileSystem));
    const onMain = index(undefined);
    await Promise.all([inWorker.ready, onMain.ready]);
    const all = (built: WorkspaceIndex) =>
      [...glossary.terms.keys()]
        .flatMap((id) =>
          built.mentionsOf(id).map(({ uri, mention: m }) => `${id} ${uri} ${m.line}:${m.character}-${m.endCharacter}`),
        )
        .sort();
    assert.ok(all(onMain).length > 50);
    assert.deepStrictEqual(all(inWorker), all(onMain));
    inWorker.dispose();
    onMain.dispose();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('The glossary store under churn', () => {
  const sections = termFileBody(() => 'x');
  const term = (id: string, title: string) => `---\nid: ${id}\ntitle: ${title}\ncategory: serving\n---\n\n${sections}`;
  let root: string;
  let store: GlossaryStore;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-store-'));
    fs.mkdirSync(path.join(root, 'team'));
    store = new GlossaryStore(
      nodeFileSystem,
      () => ({ categories: [], engines: [], commonWords: new Set(), notes: [] }),
      () => undefined,
    );
    store.setLayers([{ name: 'team', folder: path.join(root, 'team') }]);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('follows hundreds of term files being created, edited, renamed and deleted', () => {
    for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(root, 'team', `t${i}.md`), term(`t${i}`, `Term ${i}`));
    store.reload();
    assert.strictEqual(store.glossary.terms.size, 300);
    for (let i = 0; i < 100; i++)
      fs.renameSync(path.join(root, 'team', `t${i}.md`), path.join(root, 'team', `r${i}.md`));
    for (let i = 100; i < 200; i++) fs.rmSync(path.join(root, 'team', `t${i}.md`));
    for (let i = 200; i < 300; i++) fs.writeFileSync(path.join(root, 'team', `t${i}.md`), term(`t${i}`, `Edited ${i}`));
    store.reload();
    // Deleted terms are gone; renamed files still load (their id is intact) but are reported for the mismatch.
    assert.strictEqual(store.glossary.terms.size, 200);
    assert.strictEqual(store.glossary.get('t150'), undefined);
    assert.strictEqual(store.glossary.get('t250')?.title, 'Edited 250');
    assert.strictEqual([...store.problems.keys()].filter((u) => /\/r\d+\.md$/.test(u)).length, 100);
  });

  it('survives its glossary folder being deleted, and a symbolic link loop', () => {
    fs.writeFileSync(path.join(root, 'team', 'a.md'), term('a', 'A'));
    fs.symlinkSync(path.join(root, 'team'), path.join(root, 'team', 'loop'));
    store.reload();
    assert.strictEqual(store.glossary.terms.size, 1);
    fs.rmSync(path.join(root, 'team'), { recursive: true });
    store.reload();
    assert.strictEqual(store.glossary.terms.size, 0);
  });

  it('reports an unreadable term file and keeps the others', function () {
    if (process.getuid?.() === 0) {
      // root reads any file whatever its mode, so unreadability is simulated with a directory named like a term file.
      fs.mkdirSync(path.join(root, 'team', 'locked.md', 'x'), { recursive: true });
    } else {
      fs.writeFileSync(path.join(root, 'team', 'locked.md'), term('locked', 'Locked'));
      fs.chmodSync(path.join(root, 'team', 'locked.md'), 0o000);
    }
    fs.writeFileSync(path.join(root, 'team', 'ok.md'), term('ok', 'Ok'));
    fs.writeFileSync(path.join(root, 'team', 'bin.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff]));
    store.reload();
    assert.deepStrictEqual([...store.glossary.terms.keys()], ['ok']);
    const problems = [...store.problems.values()].flat().map((p) => p.message);
    assert.ok(
      problems.some((m) => /binary/.test(m)),
      problems.join('\n'),
    );
  });
});
