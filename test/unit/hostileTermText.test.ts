import * as assert from 'assert';
import { Glossary } from '../../server/src/core/glossary';
import { MAX_SANITIZED_CHARS, sanitizeGlossaryMarkdown } from '../../server/src/core/safeMarkdown';
import { parseTermFile } from '../../server/src/core/termFile';
import { describeTerm } from '../../server/src/features/hover';
import { callWithin } from '../support/deadline';
import { termFileBody } from '../support/termFactory';

// Hang bounds, not timings: each of these took from 10 s to many minutes before, and takes milliseconds now.
const HANG_BOUND_MS = 5000;
const sections = termFileBody((name) => `Text for ${name}.`);

describe('Term files with hostile text', () => {
  it('split into sections without hanging on a heading line of 400,000 "#" and a letter', async () => {
    // The run must not end the line: the old regex then retried it from every position (minutes).
    const body = `## a${'#'.repeat(400_000)}x\n## Definition\n\nStill found.\n`;
    const found = await callWithin<Record<string, { text: string; line: number }>>(
      HANG_BOUND_MS,
      'core/termFile.js',
      'readSections',
      body,
      5,
    );
    assert.deepStrictEqual(found.Definition, { text: 'Still found.', line: 6 });
  });

  it('split into sections without hanging on 200,000 headings', async () => {
    const body = '## x\n'.repeat(200_000) + '## Definition\nLast.\n';
    const found = await callWithin<Record<string, { line: number }>>(
      HANG_BOUND_MS,
      'core/termFile.js',
      'readSections',
      body,
      0,
    );
    assert.strictEqual(found.Definition.line, 200_000);
  });

  it('keep section headings as before: trailing "#", tabs, CRLF, other "##" headings ending a section', () => {
    const result = parseTermFile(
      `---\r\nid: x\r\ntitle: X\r\ncategory: execution\r\n---\r\n\r\n##\tDefinition ##\r\nOne.\r\n## Notes\r\nnot part of it\r\n${sections.replace('## Definition', '## Elsewhere')}`,
      'x',
      'file:///x.md',
      'team',
    );
    assert.deepStrictEqual(result.term?.sections.Definition, { text: 'One.', line: 6 });
  });

  it('read front matter of 65,000 blank lines without hanging', async () => {
    const text = `---\n${'\n'.repeat(65_000)}id: x\n---\nbody\n`;
    const front = await callWithin<{ data: { id: string }; bodyLine: number }>(
      HANG_BOUND_MS,
      'core/frontMatter.js',
      'readFrontMatter',
      text,
    );
    assert.strictEqual(front.data.id, 'x');
    assert.strictEqual(front.bodyLine, 65_003);
  });

  it('parse front matter with 3,000 unknown keys and as many unknown related ids without hanging', async () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `k${i}: 1`).join('\n');
    const related = Array.from({ length: 3000 }, (_, i) => `r${i}`).join(', ');
    const text = `---\nid: x\ntitle: X\ncategory: execution\nrelated: [${related}]\n${keys}\n---\n${sections}${'word '.repeat(80_000)}`;
    const result = await callWithin<{ problems: { line: number; message: string }[] }>(
      HANG_BOUND_MS,
      'core/lint.js',
      'lintGlossary',
      [{ uri: 'file:///x.md', stem: 'x', text, layer: 'team' }],
    );
    const unknown = (result.problems as unknown as [string, { line: number; message: string }[]][])[0]?.[1] ?? [];
    assert.ok(unknown.length >= 6000, `${unknown.length} problems`);
  });

  it('report a front matter key that is not a valid regular expression instead of throwing', () => {
    const result = parseTermFile(
      `---\nid: x\ntitle: X\ncategory: execution\n"(": 1\n---\n${sections}`,
      'x',
      'f',
      'team',
    );
    assert.deepStrictEqual(
      result.problems.map((p) => [p.line, p.message]),
      [[4, 'unknown front matter key "("']],
    );
  });

  it('keep titles and aliases on one line, so blank lines cannot break the hover heading', () => {
    const result = parseTermFile(
      `---\nid: x\ntitle: "Real title\\n\\n### Injected heading"\naliases: ["a\\n\\nb"]\ncategory: execution\n---\n${sections}`,
      'x',
      'file:///g/x.md',
      'team',
    );
    assert.strictEqual(result.term?.title, 'Real title ### Injected heading');
    assert.deepStrictEqual(result.term?.aliases, ['a b']);
    const hover = describeTerm(new Glossary([[result.term!]]), result.term!);
    assert.strictEqual(hover.split('\n')[0], '### Real title \\#\\#\\# Injected heading');
    assert.strictEqual(hover.split('\n')[1], '');
  });
});

describe('The hover sanitiser', () => {
  const roots = { base: 'file:///team/glossary/x.md', fileRoots: ['file:///team/glossary'] };

  it('decodes entities before judging a link: comm&#97;nd: and javascript&#58; stay text', () => {
    assert.strictEqual(
      sanitizeGlossaryMarkdown(
        '[a](comm&#97;nd:workbench.action.terminal.new) [b](javascript&#58;alert(1)) [c](JaVaScRiPt:x)',
      ),
      'a b c',
    );
  });

  it('keeps https links and file links into the glossary folders, nothing else', () => {
    assert.strictEqual(
      sanitizeGlossaryMarkdown(
        '[ok](https://docs.vllm.ai/x) [term](kv-cache.md) [abs](file:///team/glossary/sub/y.md) [pw](file:///etc/passwd) [up](../../../etc/passwd) [enc](%2e%2e/%2e%2e/etc/passwd) [vs](vscode://ms-python.python/x) [http](http://x.io) [unc](file://host/share/x.md) [cred](https://u:p@x.io)',
        roots,
      ),
      '[ok](https://docs.vllm.ai/x) [term](file:///team/glossary/kv-cache.md) [abs](file:///team/glossary/sub/y.md) pw up enc vs http unc cred',
    );
    assert.strictEqual(sanitizeGlossaryMarkdown('[abs](file:///team/glossary/y.md)'), 'abs');
  });

  it('judges reference links and autolinks the same way, and writes no reference definitions', () => {
    assert.strictEqual(
      sanitizeGlossaryMarkdown(
        '[x][cmd] [y][ok] <command:foo> <https://x.io>\n\n[cmd]: command:foo\n[ok]: https://ok.io',
      ),
      'x [y](https://ok.io/) command:foo [https://x.io](https://x.io/)',
    );
  });

  it('drops images, keeping their alt text', () => {
    assert.strictEqual(
      sanitizeGlossaryMarkdown('See ![a tracking pixel](https://evil.example/p.png).'),
      'See a tracking pixel.',
    );
  });

  it('escapes raw HTML and entities so neither can form again', () => {
    assert.strictEqual(
      sanitizeGlossaryMarkdown('<img src=x onerror=alert(1)> <!-- c --> &amp;#97; &lt;b&gt;'),
      '\\<img src=x onerror=alert(1)\\> \\<!-- c --\\> \\&\\#97; \\<b\\>',
    );
  });

  it('keeps emphasis, code, lists and quotes readable', () => {
    assert.strictEqual(
      sanitizeGlossaryMarkdown('A *KV* **cache** with `a`b` code:\n- one\n- two\n\n> quoted'),
      'A *KV* **cache** with `a`b\\` code:\n\n- one\n- two\n\n> quoted\n>',
    );
  });

  it('cuts very long text before parsing it, and answers 400,000 "[" without hanging', async () => {
    assert.ok(sanitizeGlossaryMarkdown('word '.repeat(10_000)).length <= MAX_SANITIZED_CHARS + 2);
    for (const text of ['['.repeat(400_000), '[a'.repeat(200_000), '*_'.repeat(200_000), '<a'.repeat(200_000)])
      await callWithin(HANG_BOUND_MS, 'core/safeMarkdown.js', 'sanitizeGlossaryMarkdown', text);
  });
});
