import * as assert from 'assert';
import { findRegions } from '../../server/src/core/regions';

// Documents that once made the region finders stall for seconds to minutes (quadratic regular expressions) or
// overflow the stack (recursive YAML walk). Each must now be read in one pass: the test's timeout is the hang detector.
const HOSTILE: [string, string, string][] = [
  ['a Markdown line of "<a" runs (400 KB)', 'markdown', `x ${'<a'.repeat(200_000)}`],
  ['runs of "<!--" (4 MB)', 'markdown', '<!--'.repeat(1_000_000)],
  ['a Markdown line of "[a" runs (300 KB)', 'markdown', '[a'.repeat(150_000)],
  ['a Markdown line of "](x" runs (300 KB)', 'markdown', '](x'.repeat(100_000)],
  ['unmatched backtick runs', 'markdown', '` x ``'.repeat(60_000)],
  ['"<a" runs in a Python comment (400 KB)', 'python', `# ${'<a'.repeat(200_000)}`],
  ['"<a" runs in a YAML comment (100 KB)', 'yaml', `# ${'<a'.repeat(50_000)}`],
  ['YAML flow sequences nested 5,000 deep', 'yaml', `k: ${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['YAML mappings nested 3,000 deep', 'yaml', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
  ['runs of "{{"', 'markdown', '{{'.repeat(200_000)],
  ['a YAML line of 5,000 block-sequence dashes, then another item', 'yaml', `${'- '.repeat(5000)}\n- y\n`],
  ['a YAML line of 5,000 explicit-key marks, then another key', 'yaml', `${'? '.repeat(5000)}\n? y\n`],
  ['a YAML line of 5,000 colons, then another', 'yaml', `${': '.repeat(5000)}\n: y\n`],
];

describe('Region finders on hostile documents', () => {
  for (const [what, languageId, text] of HOSTILE) {
    it(`read ${what} in one pass, with regions in bounds`, function () {
      this.timeout(5000);
      const regions = findRegions(languageId, text);
      for (const r of regions) assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length);
    });
  }
});

describe('A YAML segment the parser cannot take', () => {
  it('is read for its # comments only, line by line', () => {
    const text = `${'- '.repeat(5000)}x  # the KV cache line\n- y\n`;
    const regions = findRegions('yaml', text);
    assert.deepStrictEqual(
      regions.map((r) => text.slice(r.start, r.end)),
      ['the KV cache line'],
    );
  });
});

describe('A YAML segment with more indicators than the parser is given at once', () => {
  const big = (item: (i: number) => string, count = 4_000) => Array.from({ length: count }, (_, i) => item(i)).join('');

  it('is parsed block by block: prose values and comments found, command values not', () => {
    const text = `spec:\n  versions:\n${big(
      (i) =>
        `    - name: v${i}\n      description: the KV cache stays warm\n      command:\n        - echo the KV cache stays warm\n      # the KV cache line\n`,
    )}next: the KV cache stays warm\n`;
    const found = findRegions('yaml', text).map((r) => text.slice(r.start, r.end).trim());
    assert.strictEqual(found.filter((r) => r === 'the KV cache stays warm').length, 4_001); // descriptions and next:
    assert.strictEqual(found.filter((r) => r === 'the KV cache line').length, 4_000);
    assert.strictEqual(found.length, 8_001); // never the echo commands
  });

  it('keeps a block under a command or script key code, comments aside', () => {
    const text = `script:\n${big((i) => `  - echo the KV cache stays warm ${i}  # the KV cache line\n`, 6_000)}`;
    const found = findRegions('yaml', text).map((r) => text.slice(r.start, r.end).trim());
    assert.deepStrictEqual(new Set(found), new Set(['the KV cache line']));
    assert.strictEqual(found.length, 6_000);
  });

  it('reads a line too long to parse (no block below it) for its # comments only', () => {
    // 40,000 commas on one line: past the bound, so its syntax tree (some 40 MB) is never made.
    const text = `k:\n  v: the KV cache stays warm  # the KV cache line\n  w: [${'a, '.repeat(40_000)}]  # the KV cache\nnext: the KV cache stays warm\n`;
    assert.deepStrictEqual(
      findRegions('yaml', text).map((r) => text.slice(r.start, r.end).trim()),
      ['the KV cache stays warm', 'the KV cache line', 'the KV cache', 'the KV cache stays warm'],
    );
  });

  it('is parsed whole below that bound', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `  key${i}: plain value ${i}`);
    const text = `root:\n${lines.join('\n')}\n  last: the KV cache stays warm\n`;
    const regions = findRegions('yaml', text);
    assert.deepStrictEqual(
      regions.map((r) => text.slice(r.start, r.end)),
      ['the KV cache stays warm'],
    );
  });
});
