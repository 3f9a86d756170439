import * as assert from 'assert';
import fc from 'fast-check';
import { lintGlossary } from '../../server/src/core/lint';
import { findRegions } from '../../server/src/core/regions';
import { parseTermFile } from '../../server/src/core/termFile';

const LANGUAGES = [
  'markdown',
  'yaml',
  'python',
  'typescript',
  'go',
  'rust',
  'shellscript',
  'dockerfile',
  'cpp',
  'sql',
  'lua',
  'ini',
  'mdx',
  'restructuredtext',
  'asciidoc',
  'plaintext',
  'git-commit',
  'helm',
];
// Fragments that stress the parsers: fences, quotes, comment markers, front matter fences, Unicode edge cases.
const FRAGMENTS = [
  '---',
  '---js',
  '```',
  '~~~',
  '`',
  '"',
  "'",
  '"""',
  '#',
  '//',
  '/*',
  '*/',
  '--',
  '\n',
  '\r\n',
  '\t',
  '    ',
  '|',
  '>',
  '- ',
  ': ',
  '[',
  '](',
  ')',
  '<',
  '>',
  'KV cache',
  'TTFT',
  '{{',
  '}}',
  '{{/*',
  '*/}}',
  '{',
  '}',
  '.. ',
  '.. code-block::',
  '::',
  '----',
  '////',
  '# ------------------------ >8 ------------------------',
  'import x from "y"',
  '\uFEFF',
  '\uD800',
  '\uDC00',
  '\u200D',
  '\u2011',
  '😀',
  'é',
  '\\',
  '&a [*a]',
  '__proto__:',
  '{{',
  '}}',
  'http://x.io/a b',
];
const wild = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join('')),
);

describe('Parsers on hostile input (property tests)', () => {
  it('never throw while parsing term files, and report problems on lines that exist', () => {
    fc.assert(
      fc.property(wild, (text) => {
        const result = parseTermFile(text, 'x', 'file:///x.md', 'team');
        const lines = text.split('\n').length;
        for (const p of result.problems) assert.ok(p.line >= 0 && p.line < lines + 1, `line ${p.line} of ${lines}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throw while linting a glossary of random files', () => {
    fc.assert(
      fc.property(fc.array(wild, { maxLength: 5 }), (texts) => {
        lintGlossary(
          texts.map((text, i) => ({ uri: `file:///g/t${i}.md`, stem: `t${i}`, text, layer: 'team' })),
          { commonWords: new Set(['cache']) },
        );
      }),
      { numRuns: 500 },
    );
  });

  for (const languageId of LANGUAGES) {
    it(`find ${languageId} regions that are in bounds, sorted and disjoint, on any text`, () => {
      fc.assert(
        fc.property(wild, (text) => {
          let last = 0;
          for (const r of findRegions(languageId, text)) {
            assert.ok(
              r.start >= last && r.end > r.start && r.end <= text.length,
              JSON.stringify({ r, last, length: text.length }),
            );
            last = r.end;
          }
        }),
        { numRuns: 600 },
      );
    });
  }
});
