import * as assert from 'assert';
import * as fc from 'fast-check';
import ignore from 'ignore';
import { GitignoreRules, MAX_SCANNED_PATTERNS } from '../../server/src/gitignore';
import { listIndexableFiles } from '../../server/src/workspaceFiles';
import { MemoryFileSystem } from '../support/memoryFileSystem';

/** The verdict on a path as the `ignore` library gives it: a folder on the way that is ignored ignores it. */
function ignoredByRules(rules: GitignoreRules, path: string, isDirectory: boolean): boolean {
  const names = path.split('/');
  for (let i = 1; i < names.length; i++) if (rules.test(names.slice(0, i).join('/'), true) === true) return true;
  return rules.test(path, isDirectory) === true;
}

const NAME_PIECES = ['a', 'b', 'A', 'x.md', '.', 'c', '-', 'ab', ' ', '!', '#'];
const GLOB_PIECES = ['*', '?', '**', '***', '[ab]', '[!a]', '[a-c]', '[[:alpha:]]', '[]a]', '[!]]', '\\', '**/', '/'];

describe('The .gitignore matcher', () => {
  it('agrees with the ignore library on patterns made from the paths they are tested on', () => {
    const name = fc.array(fc.constantFrom(...NAME_PIECES), { minLength: 1, maxLength: 2 }).map((p) => p.join(''));
    const path = fc.array(name, { minLength: 1, maxLength: 3 });
    // A pattern is a piece of the path (or another) with some characters turned into wildcards, anchored or not,
    // for folders only or not, negated or not.
    const pattern = (names: string[]) =>
      fc
        .record({
          from: fc.nat(names.length - 1),
          globs: fc.array(fc.option(fc.constantFrom(...GLOB_PIECES), { freq: 3 }), { maxLength: 12 }),
          lead: fc.boolean(),
          trail: fc.boolean(),
          negate: fc.boolean(),
          spaces: fc.boolean(),
        })
        .map(({ from, globs, lead, trail, negate, spaces }) => {
          const text = names.slice(from).join('/');
          let body = [...text].map((c, i) => globs[i] ?? c).join('');
          if (lead) body = '/' + body;
          if (trail) body += '/';
          return (negate ? '!' : '') + body + (spaces ? '  ' : '');
        });
    const example = path.chain((names) =>
      fc.record({
        names: fc.constant(names),
        isDirectory: fc.boolean(),
        lines: fc.array(fc.oneof(pattern(names), path.chain(pattern)), { minLength: 1, maxLength: 4 }),
      }),
    );
    fc.assert(
      fc.property(example, ({ names, isDirectory, lines }) => {
        // An escaped `/` is read differently by git and by the library; a class across a `/` too.
        fc.pre(!lines.some((l) => l.includes('\\/') || /\[[^\]]*\//.test(l)));
        fc.pre(names.every((n) => n !== '.' && n !== '..')); // never in a listed path
        const text = lines.join('\n');
        const path = names.join('/');
        const expected = ignore()
          .add(text)
          .test(path + (isDirectory ? '/' : '')).ignored;
        assert.strictEqual(ignoredByRules(new GitignoreRules(text), path, isDirectory), expected, `${text} on ${path}`);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads patterns as git does: anchoring, folders only, **, negation and the last match deciding', () => {
    const rules = new GitignoreRules(
      [
        '# a comment',
        'generated/',
        '*.log.md',
        '/site',
        'docs/**/draft-*.md',
        '**/cache',
        'out/**',
        '!keep.log.md',
        'trailing\\ ',
        '\\#hash.md',
      ].join('\n'),
    );
    const verdicts = (paths: [string, boolean][]) => paths.map(([p, dir]) => rules.test(p, dir));
    assert.deepStrictEqual(
      verdicts([
        ['generated', true],
        ['generated', false],
        ['a/generated', true],
        ['x.log.md', false],
        ['a/B.LOG.md', false],
        ['keep.log.md', false],
        ['site', true],
        ['a/site', true],
        ['docs/draft-1.md', false],
        ['docs/a/b/draft-1.md', false],
        ['a/docs/draft-1.md', false],
        ['cache', true],
        ['a/b/cache', true],
        ['out', true],
        ['out/x.md', false],
        ['trailing ', false],
        ['#hash.md', false],
        ['README.md', false],
      ]),
      [
        true,
        undefined,
        true,
        true,
        true,
        false,
        true,
        undefined,
        true,
        true,
        undefined,
        true,
        true,
        undefined,
        true,
        true,
        true,
        undefined,
      ],
    );
  });

  it('tests a path against 85,000 patterns with a handful of evaluations, not one per pattern', () => {
    const patterns = Array.from({ length: 85_000 }, (_, i) => `pat*x${i}`);
    const rules = new GitignoreRules([...patterns, '*.tmp.md', 'docs/*.draft.md', 'build-*'].join('\n'));
    assert.strictEqual(rules.size, 85_003);
    assert.strictEqual(rules.dropped, 0);
    const paths = Array.from({ length: 1000 }, (_, i) => `docs/p${i % 10}/f${i}.md`);
    assert.ok(paths.every((p) => rules.test(p, false) === undefined));
    assert.ok(rules.evaluations <= paths.length, `${rules.evaluations} evaluations for ${paths.length} paths`);
    rules.evaluations = 0;
    assert.deepStrictEqual(
      ['pat-x42', 'PATTERNx84999', 'patx420', 'a/b.tmp.md', 'docs/a.draft.md', 'build-7', 'pat-x42.md'].map((p) =>
        rules.test(p, false),
      ),
      [true, true, true, true, true, true, undefined],
    );
    assert.ok(rules.evaluations <= 20, `${rules.evaluations} evaluations`);
  });

  it('looks names and paths without wildcards up without evaluating a pattern', () => {
    const names = Array.from({ length: 50_000 }, (_, i) => `file-${i}.md`);
    const rules = new GitignoreRules([...names, '/root/only.md', 'a/b/c.md', '!file-7.md'].join('\n'));
    assert.deepStrictEqual(
      ['file-49999.md', 'deep/file-3.md', 'file-7.md', 'root/only.md', 'x/root/only.md', 'a/b/c.md', 'other.md'].map(
        (p) => rules.test(p, false),
      ),
      [true, true, false, true, undefined, true, undefined],
    );
    assert.strictEqual(rules.evaluations, 0);
  });

  it('lets the last matching pattern decide when a full bucket sends some patterns to be tried in turn', () => {
    // 65 patterns share their pieces ("a", ".md"): the 65th is tried in turn, after "*" was; "!a64.md" lies between.
    const lines = [...Array.from({ length: 65 }, (_, i) => `a*${i}*.md`), '!a64.md', '*'];
    assert.strictEqual(new GitignoreRules(lines.join('\n')).test('a64.md', false), true);
    assert.strictEqual(new GitignoreRules(lines.slice(0, -1).join('\n')).test('a64.md', false), false);
  });

  it('compiles in steps to the same rules as at once', () => {
    const text = [...Array.from({ length: 500 }, (_, i) => `pat*x${i}`), 'docs/**', '!docs/keep.md', '*.log'].join(
      '\n',
    );
    const stepped = new GitignoreRules(text, MAX_SCANNED_PATTERNS, true);
    let steps = 0;
    while (!stepped.compile(50)) steps++;
    assert.ok(steps >= 10, `${steps} steps`);
    const paths = ['patx7', 'a/patternx499', 'docs/a.md', 'docs/keep.md', 'x.log', 'x.md'];
    const whole = new GitignoreRules(text);
    assert.deepStrictEqual(
      paths.map((p) => stepped.test(p, false)),
      paths.map((p) => whole.test(p, false)),
    );
  });

  it(`honours at most ${MAX_SCANNED_PATTERNS} patterns made of wildcards alone, and counts the rest`, () => {
    const patterns = Array.from(
      { length: MAX_SCANNED_PATTERNS + 500 },
      (_, i) => `*[${'ab'[i % 2]}]*${'?'.repeat(i % 7)}`,
    );
    const rules = new GitignoreRules(patterns.join('\n'));
    assert.strictEqual(rules.dropped, 500);
    rules.test('docs/some-file.md', false);
    assert.ok(rules.evaluations <= MAX_SCANNED_PATTERNS);
  });
});

describe('The workspace listing with large .gitignore files', () => {
  it('says when a .gitignore is over 1 MiB and not applied, or has patterns past what is honoured', () => {
    const fileSystem = new MemoryFileSystem({
      '/ws/.gitignore': 'a'.repeat(1_100_000),
      '/ws/docs/.gitignore': Array.from({ length: MAX_SCANNED_PATTERNS + 1 }, (_, i) => `*${'?'.repeat(i)}`).join('\n'),
      '/ws/docs/a.md': 'KV cache',
    });
    const listed = listIndexableFiles(fileSystem, '/ws');
    assert.deepStrictEqual(listed.limits, [
      '/ws/.gitignore is 1100000 bytes; the limit is 1048576; it is not applied',
      `/ws/docs/.gitignore: 1 pattern(s) past the first ${MAX_SCANNED_PATTERNS} made of wildcards alone are not applied`,
    ]);
    assert.deepStrictEqual(listed.files, []);
  });

  it('lists 1,000 files under a .gitignore of 85,000 patterns, leaving out those it names', () => {
    const fileSystem = new MemoryFileSystem({
      '/ws/.gitignore': Array.from({ length: 85_000 }, (_, i) => `pat*x${i}`).join('\n') + '\n*.skip.md\n',
    });
    for (let i = 0; i < 1000; i++) fileSystem.write(`/ws/docs/p${i % 10}/f${i}.md`, 'KV cache');
    fileSystem.write('/ws/docs/patternx17.md', 'KV cache').write('/ws/docs/a.skip.md', 'KV cache');
    const listed = listIndexableFiles(fileSystem, '/ws');
    assert.strictEqual(listed.files.length, 1001);
    assert.ok(listed.files.includes('/ws/docs/patternx17.md'));
    assert.ok(!listed.files.includes('/ws/docs/a.skip.md'));
  });
});
