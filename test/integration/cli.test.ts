import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: workspace });
const SECTIONS = [
  'Definition',
  'Why it exists',
  'Where in the stack',
  'Key properties',
  'Common pitfalls',
  'Related terms',
  'In practice',
]
  .map((s) => `## ${s}\n\nText.\n`)
  .join('\n');
let workspace: string;

describe('The llm-glossary command line', () => {
  before(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-cli-'));
    fs.mkdirSync(path.join(workspace, 'good'));
    fs.mkdirSync(path.join(workspace, 'bad'));
    fs.mkdirSync(path.join(workspace, 'docs'));
    fs.writeFileSync(
      path.join(workspace, 'good', 'gold-path.md'),
      `---\nid: gold-path\ntitle: Gold path\naliases: [GP]\ncategory: serving\nrelated: [kv-cache]\n---\n\n${SECTIONS.replace('## Related terms\n\nText.', '## Related terms\n\n- [KV cache](kv-cache.md) — x')}`,
    );
    fs.writeFileSync(
      path.join(workspace, 'good', 'old-path.md'),
      `---\nid: old-path\ntitle: Old path\ncategory: serving\nstatus: deprecated\nreplaced_by: gold-path\n---\n\n${SECTIONS}`,
    );
    fs.writeFileSync(path.join(workspace, 'bad', 'evil.md'), '---js\n{}\n---\n');
    fs.writeFileSync(
      path.join(workspace, 'bad', 'thin.md'),
      '---\nid: thin\ntitle: Thin\ncategory: nowhere\naliases: [cache]\n---\n## Definition\n\nx\n',
    );
    fs.writeFileSync(
      path.join(workspace, 'docs', 'guide.md'),
      'Take the gold path (GP), not the old path. Our Kv-Cache is `kv_cache = KV cache` in code.\n',
    );
    fs.writeFileSync(path.join(workspace, 'docs', 'clean.md'), 'The KV cache and TTFT.\n');
  });
  after(() => fs.rmSync(workspace, { recursive: true, force: true }));

  it('scans a folder as the workspace index reads it: .gitignore, build and hidden folders left out', () => {
    const repo = path.join(workspace, 'repo');
    for (const [file, text] of Object.entries({
      '.gitignore': 'generated/\n',
      'README.md': 'The KV cache.\n',
      'generated/api.md': 'The KV cache.\n',
      'node_modules/x/README.md': 'The KV cache.\n',
      '.github/notes.md': 'The KV cache.\n',
      'src/main.go': '// TTFT budget\nvar s = "KV cache"\n',
    })) {
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.writeFileSync(path.join(repo, file), text);
    }
    const result = run('scan', 'repo');
    assert.strictEqual(result.status, 0, result.stderr);
    assert.deepStrictEqual(result.stdout.trim().split('\n'), [
      `repo${path.sep}README.md:1:5\tKV cache\tkv-cache`,
      `repo${path.sep}src${path.sep}main.go:1:4\tTTFT\tttft`,
    ]);
  });

  it('lints a clean team folder on top of the bundled glossary with exit 0', () => {
    const result = run('lint', 'good');
    assert.strictEqual(result.status, 0, result.stdout);
    assert.match(result.stdout, /lint: 2 file\(s\), 2 term\(s\), 0 error\(s\)/);
  });

  it('lints a broken folder with file:line messages and exit 1', () => {
    const result = run('lint', 'bad');
    assert.strictEqual(result.status, 1);
    assert.match(result.stdout, /^bad\/evil\.md:1: error: front matter language "js" is not allowed/m);
    assert.match(result.stdout, /^bad\/thin\.md:4: error: unknown category "nowhere"/m);
    assert.match(result.stdout, /^bad\/thin\.md:5: error: alias "cache" is an everyday English word/m);
    assert.match(result.stdout, /^bad\/thin\.md:7: error: missing section "## Why it exists"/m);
  });

  it('scans folders for mentions, merging an acronym with its expansion, skipping code spans', () => {
    const result = run('scan', '--glossary', 'good', 'docs');
    assert.strictEqual(result.status, 0, result.stderr);
    assert.strictEqual(
      result.stdout,
      [
        'docs/clean.md:1:5\tKV cache\tkv-cache',
        'docs/clean.md:1:18\tTTFT\tttft',
        'docs/guide.md:1:10\tgold path (GP)\tgold-path',
        'docs/guide.md:1:34\told path\told-path',
        'docs/guide.md:1:48\tKv-Cache\tkv-cache',
        '',
      ].join('\n'),
    );
  });

  it('writes JSON and SARIF 2.1.0 for tools', () => {
    const json = JSON.parse(run('scan', '--format', 'json', 'docs/clean.md').stdout);
    assert.deepStrictEqual(json[0], {
      file: 'docs/clean.md',
      line: 1,
      column: 5,
      surface: 'KV cache',
      termIds: ['kv-cache'],
    });
    const sarif = JSON.parse(run('check', '--glossary', 'good', '--format', 'sarif', 'docs').stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    assert.deepStrictEqual(
      sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId),
      ['glossary/deprecated', 'glossary/non-canonical'],
    );
    assert.deepStrictEqual(sarif.runs[0].results[1].locations[0].physicalLocation.region, {
      startLine: 1,
      startColumn: 48,
      endColumn: 56,
    });
  });

  it('checks docs for non-canonical and deprecated terms, failing only when it finds some', () => {
    const dirty = run('check', '--glossary', 'good', 'docs');
    assert.strictEqual(dirty.status, 1);
    assert.strictEqual(
      dirty.stdout,
      'docs/guide.md:1:34: "old path" (Old path) is deprecated: use "Gold path"\ndocs/guide.md:1:48: write "KV cache" instead of "Kv-Cache"\n',
    );
    assert.strictEqual(run('check', 'docs/clean.md').status, 0);
  });

  it('rejects unknown options with usage and exit 2', () => {
    const result = run('scan', '--format', 'xml', 'docs');
    assert.strictEqual(result.status, 2);
    assert.match(result.stderr, /unknown --format "xml"/);
  });
});
