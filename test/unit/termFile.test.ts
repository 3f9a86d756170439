import * as assert from 'assert';
import { readFrontMatter } from '../../server/src/core/frontMatter';
import { parseTermFile, SECTION_NAMES } from '../../server/src/core/termFile';
import { termFileBody } from '../support/termFactory';

const categories = new Set(['execution', 'gpu-memory']);
const sections = termFileBody((name) => `Text for ${name}.`);
const termText = (front: string) => `---\n${front}\n---\n\n${sections}`;

describe('Term files', () => {
  it('parse into a term with every section and its line', () => {
    const result = parseTermFile(
      termText('id: kv-cache\ntitle: KV cache\naliases: [KV-cache]\ncategory: gpu-memory\nrelated: [prefill]'),
      'kv-cache',
      'file:///t/kv-cache.md',
      'bundled',
      { categories },
    );
    assert.deepStrictEqual(result.problems, []);
    assert.strictEqual(result.term?.title, 'KV cache');
    assert.deepStrictEqual(result.term?.aliases, ['KV-cache']);
    assert.strictEqual(result.term?.sections.Definition?.text, 'Text for Definition.');
    assert.strictEqual(result.term?.sections.Definition?.line, 8);
  });

  for (const language of ['js', 'javascript', 'coffee', 'JS ']) {
    it(`with "---${language}" front matter are rejected without running anything`, () => {
      const marker = `__glossary_pwned_${language.trim()}`;
      const text = `---${language}\n{ title: (globalThis.${marker} = 1, "x") }\n---\n## Definition\nx`;
      const result = parseTermFile(text, 'evil', 'file:///evil.md', 'team');
      assert.strictEqual(result.term, undefined);
      assert.match(result.problems[0].message, /not allowed/);
      assert.strictEqual((globalThis as Record<string, unknown>)[marker], undefined);
    });
  }

  it('report invalid YAML at the line where it is wrong', () => {
    const result = parseTermFile(
      '---\nid: x\ntitle: [unclosed\ncategory: execution\n---\n',
      'x',
      'file:///x.md',
      'team',
    );
    assert.strictEqual(result.term, undefined);
    assert.match(result.problems[0].message, /invalid YAML/);
    assert.ok(result.problems[0].line >= 2, `line ${result.problems[0].line}`);
  });

  it('refuse YAML alias bombs instead of expanding them', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghi'.split('').map(
        (k, i) =>
          `${k}: &${k} [${Array(9)
            .fill('*' + 'abcdefghi'[i])
            .join(',')}]`,
      ),
    ].join('\n');
    const front = readFrontMatter(`---\n${bomb}\n---\n`);
    assert.strictEqual(front.data, undefined);
    assert.strictEqual(front.problems.length, 1);
  });

  it('report an id that differs from the file name, and an unknown category', () => {
    const result = parseTermFile(
      termText('id: kv-cache\ntitle: KV cache\ncategory: vibes'),
      'kvcache',
      'file:///kvcache.md',
      'team',
      { categories },
    );
    const messages = result.problems.map((p) => `${p.line}: ${p.message}`);
    assert.ok(
      messages.some((m) => m.startsWith('1: id "kv-cache" must equal the file name')),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m.startsWith('3: unknown category "vibes"')),
      messages.join('\n'),
    );
  });

  it('still load a term whose sections are missing, with an error for each', () => {
    const result = parseTermFile(
      '---\nid: x\ntitle: X\ncategory: execution\n---\n## Definition\n\nAn x.\n',
      'x',
      'file:///x.md',
      'team',
      { categories },
    );
    assert.strictEqual(result.term?.sections.Definition?.text, 'An x.');
    assert.strictEqual(result.problems.filter((p) => p.severity === 'error').length, SECTION_NAMES.length - 1);
  });

  it('without a title are reported and skipped', () => {
    const result = parseTermFile(termText('id: x\ntitle: 42\ncategory: execution'), 'x', 'file:///x.md', 'team');
    assert.strictEqual(result.term, undefined);
    assert.ok(result.problems.some((p) => p.line === 2 && /title/.test(p.message)));
  });

  it('with a list where text belongs, or prototype keys, load safely', () => {
    const result = parseTermFile(
      termText('id: x\ntitle: X\ncategory: execution\naliases: {__proto__: {polluted: 1}}\nconstructor: 1'),
      'x',
      'file:///x.md',
      'team',
    );
    assert.deepStrictEqual(result.term?.aliases, []);
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });

  it('accept a byte order mark and Windows line endings', () => {
    const text = '\uFEFF' + termText('id: x\ntitle: X\ncategory: execution').replace(/\n/g, '\r\n');
    const result = parseTermFile(text, 'x', 'file:///x.md', 'team', { categories });
    assert.deepStrictEqual(result.problems, []);
    assert.strictEqual(result.term?.sections['In practice']?.text, 'Text for In practice.');
  });
});
