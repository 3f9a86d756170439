import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { nodeWithPeakRss, printedPeakRssMiB } from '../support/bounds';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
// Bounds for a hang or a runaway read (they used to hang for good, or read 8 GiB in a minute): far above normal.
const HANG_BOUND_MS = 15_000;
const MEMORY_BOUND_MIB = 300;

/** Runs the CLI with a time limit; a run killed at the limit fails the test with what it printed. */
function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, nodeWithPeakRss(CLI, args), {
    encoding: 'utf8',
    cwd,
    timeout: HANG_BOUND_MS,
  });
  assert.strictEqual(result.signal, null, `killed after ${HANG_BOUND_MS} ms: ${result.stderr}`);
  const peak = printedPeakRssMiB(result.stderr);
  assert.ok(peak < MEMORY_BOUND_MIB, `peak RSS ${peak} MiB`);
  return result;
}

describe('The command line on FIFOs, devices and link loops named *.md', () => {
  let workspace: string;
  before(function () {
    if (process.platform === 'win32') this.skip();
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-special-'));
    for (const folder of ['team', 'docs']) {
      fs.mkdirSync(path.join(workspace, folder));
      spawnSync('mkfifo', [path.join(workspace, folder, 'fifo.md')]);
      fs.symlinkSync('/dev/zero', path.join(workspace, folder, 'zero.md'));
      fs.symlinkSync('/dev/urandom', path.join(workspace, folder, 'urandom.md'));
      fs.symlinkSync('.', path.join(workspace, folder, 'loop'));
    }
    fs.writeFileSync(path.join(workspace, 'docs', 'guide.md'), 'The KV cache fills up.\n');
  });
  after(() => workspace && fs.rmSync(workspace, { recursive: true, force: true }));

  it('lints a glossary folder holding them, reporting each as not a regular file', () => {
    const result = run(workspace, 'lint', '--no-quality', 'team');
    for (const name of ['fifo.md', 'zero.md', 'urandom.md'])
      assert.match(result.stdout, new RegExp(`team/${name}:1: error: term file is not a regular file`));
    assert.strictEqual(result.status, 1);
  });

  it('scans a folder holding them: the real files are scanned, the others skipped with a note', () => {
    const result = run(workspace, 'scan', 'docs');
    assert.match(result.stdout, /docs\/guide\.md:1:5\tKV cache\tkv-cache/);
    for (const name of ['fifo.md', 'zero.md', 'urandom.md'])
      assert.match(result.stderr, new RegExp(`docs/${name}: not scanned: not a regular file`));
    assert.strictEqual(result.status, 0);
  });

  it('refuses them when named on the command line, and still scans the rest', () => {
    const result = run(workspace, 'check', 'docs/fifo.md', 'docs/zero.md', 'docs/urandom.md', 'docs/guide.md');
    for (const name of ['fifo.md', 'zero.md', 'urandom.md'])
      assert.match(result.stderr, new RegExp(`docs/${name}: not scanned: is not a regular file`));
    assert.strictEqual(result.status, 0);
  });

  it('uses them as a --glossary folder without hanging', () => {
    const result = run(workspace, 'scan', '--glossary', 'team', 'docs/guide.md');
    assert.match(result.stdout, /KV cache/);
  });
});
