import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { termFileBody } from '../support/termFactory';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: workspace });
const SECTIONS = termFileBody();
let workspace: string;
/** The SARIF 2.1.0 JSON schema (OASIS), as Microsoft's SARIF matchers ship it. */
const SARIF_SCHEMA = '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

describe('The llm-glossary command line', () => {
  before(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-cli-'));
    fs.mkdirSync(path.join(workspace, 'good'));
    fs.mkdirSync(path.join(workspace, 'bad'));
    fs.mkdirSync(path.join(workspace, 'docs'));
    fs.writeFileSync(
      path.join(workspace, 'good', 'gold-path.md'),
      `---\nid: gold-path\ntitle: Gold path\naliases: [GP]\ncategory: serving\nrelated: [kv-cache]\n---\n\n${termFileBody((s) => (s === 'Related terms' ? '- [KV cache](kv-cache.md) — x' : 'Text.'))}`,
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
    fs.writeFileSync(
      path.join(workspace, 'good', 'step-time.md'),
      `---\nid: step-time\ntitle: Step time\ncategory: serving\nmetrics:\n` +
        `  - { name: "vllm:demo_old_seconds", engine: vllm, type: histogram, deprecated: 1.0.0, removed: 2.0.0, replaced_by: "vllm:demo_new_seconds", source: "https://example.org/m" }\n` +
        `  - { name: "vllm:demo_new_seconds", engine: vllm, type: histogram, since: 1.0.0, source: "https://example.org/m" }\n---\n\n${SECTIONS}`,
    );
    fs.mkdirSync(path.join(workspace, 'deploy'));
    fs.writeFileSync(
      path.join(workspace, 'deploy', 'alerts.yaml'),
      'expr: rate(vllm:demo_old_seconds_bucket[5m])\nnext: rate(vllm:demo_new_seconds_sum[5m])\n',
    );
    fs.mkdirSync(path.join(workspace, 'more'));
    fs.writeFileSync(path.join(workspace, 'more', 'env.md'), '## ROPE_SCALING\n\nSets the RoPE scaling.\n');
    fs.writeFileSync(
      path.join(workspace, 'more', 'analysis.ipynb'),
      JSON.stringify(
        {
          cells: [
            { cell_type: 'markdown', metadata: {}, source: ['# Why "TTFT" grows\n', '\n', 'The Kv-Cache fills.'] },
            { cell_type: 'code', metadata: {}, outputs: [], source: ['ttft = 1  # the KV cache\n'] },
            { cell_type: 'raw', metadata: {}, source: ['TTFT'] },
          ],
          metadata: { kernelspec: { language: 'python', name: 'python3' } },
          nbformat: 4,
          nbformat_minor: 5,
        },
        null,
        1,
      ),
    );
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
    assert.match(result.stdout, /lint: 3 file\(s\), 3 term\(s\), 0 error\(s\)/);
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
      endLine: 1,
      endColumn: 13,
      surface: 'KV cache',
      termIds: ['kv-cache'],
    });
    const sarif = JSON.parse(run('check', '--glossary', 'good', '--format', 'sarif', 'docs').stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    assert.deepStrictEqual(
      sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId),
      ['glossary/deprecated', 'glossary/non-canonical'],
    );
    assert.deepStrictEqual(sarif.runs[0].results[1].locations[0].physicalLocation, {
      artifactLocation: { uri: 'docs/guide.md', uriBaseId: 'SRCROOT' },
      region: { startLine: 1, startColumn: 48, endLine: 1, endColumn: 56 },
    });
    assert.strictEqual(sarif.runs[0].originalUriBaseIds.SRCROOT.uri, `${pathToFileURL(workspace).href}/`);
    assert.deepStrictEqual(sarif.runs[0].results[1].fixes[0].artifactChanges[0].replacements[0].insertedContent, {
      text: 'KV cache',
    });
    assert.doesNotMatch(JSON.stringify(sarif), /example\.invalid/);
  });

  it('writes SARIF that the official SARIF 2.1.0 schema accepts, for scan and check', () => {
    // Not unicode regular expressions: the schema's language pattern (`[a-zA-Z]{2}]?`) is valid only without the u flag.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(require.resolve(SARIF_SCHEMA), 'utf8')));
    for (const args of [
      ['check', '--glossary', 'good', '--format', 'sarif', 'docs', 'more'],
      ['scan', '--glossary', 'good', '--format', 'sarif', 'docs', 'more'],
      ['check', '--format', 'sarif', path.join(workspace, 'docs', 'guide.md')],
      ['check', '--glossary', 'good', '--format', 'sarif', 'deploy'],
    ]) {
      const sarif: unknown = JSON.parse(run(...args).stdout);
      assert.ok(validate(sarif), `${args.join(' ')}: ${ajv.errorsText(validate.errors)}`);
    }
  });

  it('ends scan and check with a summary line on stderr', () => {
    assert.strictEqual(
      run('scan', '--glossary', 'good', 'docs').stderr,
      'scan: 5 mentions of 4 terms in 2 of 2 files\n',
    );
    assert.strictEqual(
      run('check', '--glossary', 'good', 'docs').stderr,
      'check: 2 problems (1 written differently from the glossary, 1 deprecated) in 1 of 2 files\n',
    );
    assert.strictEqual(run('check', 'docs/clean.md').stderr, 'check: no problems in 1 file\n');
  });

  it('reads the Markdown cells and code-cell comments of a notebook, reporting positions in the .ipynb file', () => {
    const text = fs.readFileSync(path.join(workspace, 'more', 'analysis.ipynb'), 'utf8');
    const scan = run('scan', 'more/analysis.ipynb');
    assert.strictEqual(scan.status, 0, scan.stderr);
    const lines = scan.stdout.trim().split('\n');
    assert.deepStrictEqual(
      lines.map((l) => l.split('\t').slice(1).join('\t')),
      ['TTFT\tttft', 'Kv-Cache\tkv-cache', 'KV cache\tkv-cache'],
    );
    for (const line of lines) {
      const [where, surface] = line.split('\t');
      const [, row, column] = where.split(':').map(Number);
      assert.strictEqual(text.split('\n')[row - 1].slice(column - 1, column - 1 + surface.length), surface, line);
    }
    assert.match(
      run('check', 'more/analysis.ipynb').stdout,
      /analysis\.ipynb:\d+:\d+: write "KV cache" instead of "Kv-Cache"/,
    );
  });

  it('does not take an identifier in a heading (ROPE_SCALING) for a misspelt term', () => {
    const check = run('check', 'more/env.md');
    assert.strictEqual(check.stdout, '');
    assert.strictEqual(check.status, 0);
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

  it('checks engine flags and metrics against the engine version the files target, with a fix in SARIF', () => {
    const anyVersion = run('check', '--glossary', 'good', 'deploy');
    assert.strictEqual(anyVersion.status, 1);
    assert.strictEqual(
      anyVersion.stdout,
      'deploy/alerts.yaml:1:12: `vllm:demo_old_seconds_bucket` was removed in vLLM 2.0.0; use `vllm:demo_new_seconds`\n',
    );
    assert.strictEqual(
      run('check', '--glossary', 'good', '--engine-version', 'vllm=1.5', 'deploy').stdout,
      'deploy/alerts.yaml:1:12: `vllm:demo_old_seconds_bucket` is deprecated since vLLM 1.0.0; use `vllm:demo_new_seconds`\n',
    );
    const old = run('check', '--glossary', 'good', '--engine-version', 'vllm=0.9', 'deploy');
    assert.strictEqual(
      old.stdout,
      'deploy/alerts.yaml:2:12: `vllm:demo_new_seconds_sum` needs vLLM 1.0.0 or later; this workspace targets vLLM 0.9\n',
    );
    assert.match(old.stderr, /1 knob or metric name removed, deprecated or too new/);
    const sarif = JSON.parse(run('check', '--glossary', 'good', '--format', 'sarif', 'deploy').stdout);
    const [result] = sarif.runs[0].results;
    assert.strictEqual(result.ruleId, 'glossary/knob-removed');
    assert.strictEqual(
      result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text,
      'vllm:demo_new_seconds_bucket',
    );
    assert.strictEqual(run('check', '--engine-version', 'vllm', 'deploy').status, 2);
  });

  it('rejects unknown options with usage and exit 2', () => {
    const result = run('scan', '--format', 'xml', 'docs');
    assert.strictEqual(result.status, 2);
    assert.match(result.stderr, /unknown --format "xml"/);
  });

  it('refuses to lint a path that is not a folder (missing, a file, a FIFO), saying so on stderr, with exit 2', function () {
    fs.writeFileSync(path.join(workspace, 'plain.md'), 'Not a folder.\n');
    const targets = ['missing', 'plain.md'];
    if (process.platform !== 'win32') {
      spawnSync('mkfifo', [path.join(workspace, 'fifo.md')]);
      targets.push('fifo.md');
    }
    for (const target of targets) {
      const result = run('lint', target);
      assert.strictEqual(result.status, 2, `${target}: ${result.stdout}`);
      assert.match(
        result.stderr,
        new RegExp(`^llm-glossary lint: ${target.replace('.', '\\.')}: (no such folder|not a folder)`),
      );
      assert.strictEqual(result.stdout, '');
    }
    // A good folder named with a missing one is not linted either: the typo is the news.
    assert.strictEqual(run('lint', 'good', 'missing').status, 2);
  });

  it('says on stderr what is wrong with a --glossary folder (missing, a term file not loaded) and exits 2', () => {
    for (const command of ['scan', 'check']) {
      const missing = run(command, '--glossary', 'nowhere', 'docs/clean.md');
      assert.strictEqual(missing.status, 2, missing.stderr);
      assert.match(missing.stderr, /^llm-glossary: --glossary nowhere: no such folder$/m);
      assert.match(missing.stdout + missing.stderr, /KV cache|no problems/); // the files are still read
      const broken = run(command, '--glossary', 'bad', 'docs/clean.md');
      assert.strictEqual(broken.status, 2, broken.stderr);
      assert.match(broken.stderr, /^bad\/evil\.md:1: error: front matter language "js" is not allowed/m);
      // thin.md is loaded despite its problems (lint's business), so it is not named here.
      assert.doesNotMatch(broken.stderr, /thin\.md/);
      assert.match(broken.stderr, /^llm-glossary: 1 problem\(s\) with the --glossary folders \(above\)/m);
      assert.strictEqual(run(command, '--glossary', 'good/gold-path.md', 'docs/clean.md').status, 2);
    }
    assert.strictEqual(run('scan', '--glossary').status, 2);
  });

  it('exits 2 when a path to scan or check names nothing', () => {
    const result = run('scan', 'docs/clean.md', 'nothing-here.md');
    assert.strictEqual(result.status, 2);
    assert.match(result.stderr, /^nothing-here\.md: no such file or folder$/m);
    assert.match(result.stdout, /docs\/clean\.md:1:5\tKV cache/);
  });
});
