import * as assert from 'assert';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../server/src/analysisCache';
import {
  analyzeMarkdown,
  analyzeMarkdownAtOnce,
  MarkdownParse,
  updateMarkdown,
} from '../../server/src/core/markdownRegions';
import { analyzeDocument, mentionAround, mentionAt, mentionsInRegion } from '../../server/src/core/mentions';
import { changeBetween, composeChanges, TextChange } from '../../server/src/core/textChange';
import type { Region } from '../../server/src/core/region';
import { sampleGlossary } from '../support/termFactory';

// Markdown lines that change how their neighbours parse: fences, lists and their continuations, setext
// underlines, tables, HTML blocks, indented code, quotes, reference definitions, front matter fences.
const LINES = [
  '',
  '',
  '',
  'The KV cache grows with context.',
  'TTFT (time to first token) matters',
  '# Heading with TTFT',
  'Setext title',
  '===',
  '---',
  '```',
  '```python',
  '~~~',
  '- item about paged attention',
  '  continued under the item',
  '1. first',
  '2. second',
  '    indented code with KV cache',
  '> quoted TTFT',
  '| KV cache | TTFT |',
  '|---|---|',
  '| a | b |',
  '<div>',
  '</div>',
  '<!-- TTFT -->',
  '<!-- an open comment',
  '-->',
  '[ref]: https://example.com/kv-cache',
  'See [the scheduler](https://x.io/a) for tensor parallelism.',
  'key-value cache and `KV cache` in code',
  '***',
  'a CRLF line about TTFT\r',
  '\r',
  'continuous\nbatching across a line break',
  'each rank holds a shard',
  'rank 0 with tensor parallelism',
];
const markdownDoc = fc.array(fc.constantFrom(...LINES), { maxLength: 30 }).map((lines) => lines.join('\n'));
const withFrontMatter = fc
  .tuple(fc.boolean(), markdownDoc)
  .map(([fm, doc]) => (fm ? `---\ntitle: x\n---\n${doc}` : doc));
/** An edit as offsets relative to the text (0..1) and what to insert: a piece of a line, a whole line, or nothing. */
const edit = fc.record({
  at: fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
  length: fc.integer({ min: 0, max: 40 }),
  insert: fc.oneof(
    fc.constant(''),
    fc.constantFrom(...LINES).map((l) => `${l}\n`),
    fc.constantFrom('\n', '\n\n', '`', '```\n', '- ', '  ', 'KV', ' cache', '|', '=', '>'),
  ),
});

function applyEdit(text: string, e: { at: number; length: number; insert: string }): string {
  const start = Math.floor(e.at * text.length);
  return text.slice(0, start) + e.insert + text.slice(Math.min(text.length, start + e.length));
}

function applyChange(oldText: string, newText: string, c: TextChange): string {
  return oldText.slice(0, c.start) + newText.slice(c.start, c.newEnd) + oldText.slice(c.oldEnd);
}

describe('Incremental analysis after an edit (property tests)', () => {
  it('finds the smallest change between two texts, and composes two changes into one', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (a, b, c) => {
          const ab = changeBetween(a, b);
          const bc = changeBetween(b, c);
          if (ab) assert.strictEqual(applyChange(a, b, ab), b);
          else assert.strictEqual(a, b);
          if (ab && bc) assert.strictEqual(applyChange(a, c, composeChanges(ab, bc)), c);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('re-parses only around an edit yet finds exactly the Markdown structure and regions of a full parse', () => {
    fc.assert(
      fc.property(withFrontMatter, fc.array(edit, { minLength: 1, maxLength: 4 }), (doc, edits) => {
        let text = doc;
        let analysis = analyzeMarkdown(text);
        for (const e of edits) {
          const next = applyEdit(text, e);
          const change = changeBetween(text, next);
          if (change) analysis = updateMarkdown(analysis, next, change);
          text = next;
          assert.deepStrictEqual(analysis, analyzeMarkdownAtOnce(text), JSON.stringify({ doc, edits }));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same mentions as a fresh analysis, also when versions are skipped and the glossary changes', () => {
    const glossaries = [sampleGlossary(), sampleGlossary()];
    for (const languageId of ['markdown', 'python', 'yaml']) {
      fc.assert(
        fc.property(
          markdownDoc,
          fc.array(fc.tuple(edit, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 6 }),
          (doc, steps) => {
            const cache = new AnalysisCache(() => undefined);
            const source = languageId === 'python' ? doc.replace(/^/gm, '# ') : doc;
            let document = TextDocument.create('file:///doc', languageId, 1, source);
            let glossary = glossaries[0];
            cache.get(document, glossary);
            for (const [e, ask, switchGlossary] of steps) {
              document = TextDocument.create(
                'file:///doc',
                languageId,
                document.version + 1,
                applyEdit(document.getText(), e),
              );
              if (switchGlossary) glossary = glossaries[1 - glossaries.indexOf(glossary)];
              if (!ask) continue; // a version nobody asked about, as when typing fast
              assert.deepStrictEqual(
                cache.get(document, glossary),
                analyzeDocument(glossary, languageId, document.getText()),
              );
            }
          },
        ),
        { numRuns: 700 },
      );
    }
  });

  it('finds the mention at an offset from the regions around it exactly as from a full analysis, expansions included', () => {
    const glossary = sampleGlossary();
    // Expansions that chain across lines, paragraphs and list items: "TTFT\n\n(TTFT)\n\n(time to first token)".
    const chain = fc
      .array(
        fc.tuple(
          fc.constantFrom(
            'TTFT',
            '(TTFT)',
            '(time to first token)',
            'KV cache',
            '(KV cache)',
            '(key-value cache)',
            'word',
            '(',
            '`TTFT`',
            '- TTFT',
            'rank',
            'tensor parallelism',
          ),
          fc.constantFrom(' ', '\n', '\n\n', '\n\n\n'),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.map(([piece, gap]) => piece + gap).join(''));
    const doc = fc.oneof(
      markdownDoc,
      chain,
      fc.tuple(markdownDoc, chain).map(([d, c]) => `${d}\n${c}`),
    );
    for (const languageId of ['markdown', 'python', 'yaml']) {
      fc.assert(
        fc.property(doc, fc.option(edit), (text, change) => {
          const source = languageId === 'python' ? text.replace(/^/gm, '# ') : text;
          const cache = new AnalysisCache(() => undefined);
          let document = TextDocument.create('file:///doc', languageId, 1, source);
          if (change) {
            // After an edit the mentions of untouched regions are carried over, the rest matched when needed.
            cache.mentionAt(document, glossary, 0);
            document = TextDocument.create('file:///doc', languageId, 2, applyEdit(source, change));
          }
          const full = analyzeDocument(glossary, languageId, document.getText()).mentions;
          for (let offset = 0; offset <= document.getText().length; offset++) {
            assert.deepStrictEqual(
              cache.mentionAt(document, glossary, offset),
              mentionAt(full, offset),
              JSON.stringify({ text: document.getText(), offset }),
            );
          }
          assert.deepStrictEqual(cache.get(document, glossary).mentions, full);
        }),
        { numRuns: 500 },
      );
    }
  });

  // Long documents: mostly whole blocks (closed fences, lists, tables, HTML, setext headings, expansions across
  // paragraphs), now and then one of the tricky lines above, such as an unclosed fence.
  const BLOCKS = [
    'The KV cache grows with context.',
    '```\ncode with TTFT\n```',
    '~~~python\nKV cache\n~~~',
    '<div>\nTTFT\n</div>',
    '<!-- TTFT -->',
    '| KV cache | TTFT |\n|---|---|\n| a | b |',
    'Setext title with TTFT\n===',
    '- item about paged attention\n  continued under the item',
    '1. first\n2. second TTFT',
    '    indented code with KV cache',
    '> quoted TTFT\nlazy line',
    '[ref]: https://example.com/kv-cache',
    'KV cache (key-value cache) and TTFT',
    'TTFT\n\n(TTFT) after',
    '(time to first token)',
    '# Heading with TTFT',
  ];
  const longDoc = fc
    .tuple(
      fc.boolean(),
      fc.array(
        fc.tuple(
          fc.oneof(
            { weight: 9, arbitrary: fc.constantFrom(...BLOCKS) },
            { weight: 1, arbitrary: fc.constantFrom(...LINES) },
          ),
          fc.constantFrom('\n', '\n\n', '\n\n\n'),
        ),
        { minLength: 80, maxLength: 250 },
      ),
    )
    .map(([fm, parts]) => (fm ? '---\ntitle: x\n---\n' : '') + parts.map(([block, gap]) => block + gap).join(''));

  it('parses a Markdown document in pieces into exactly the structure and regions of one parse of all of it', () => {
    fc.assert(
      fc.property(fc.oneof(withFrontMatter, longDoc), fc.integer({ min: 1, max: 40 }), (text, pieceLines) => {
        assert.deepStrictEqual(
          new MarkdownParse(text, pieceLines).analysis(),
          analyzeMarkdownAtOnce(text),
          JSON.stringify({ text, pieceLines }),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('stops a parse anywhere with regions that are exactly those of a full parse up to there', () => {
    let stopped = 0;
    fc.assert(
      fc.property(
        longDoc,
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 300 }),
        (text, x, pieceLines) => {
          const lines = text.split('\n');
          const line = Math.floor((x / 1000) * lines.length);
          const parse = new MarkdownParse(text, pieceLines);
          parse.advance(line);
          const full = analyzeMarkdownAtOnce(text).regions;
          assert.ok(parse.line >= line || parse.done, 'the lines asked for are parsed');
          if (!parse.done) stopped++;
          assert.deepStrictEqual(
            parse.regions,
            full.filter((r) => r.start < parse.settled),
            JSON.stringify({ text, line, pieceLines }),
          );
          assert.ok(parse.regions.every((r) => r.end <= parse.settled));
          assert.deepStrictEqual(parse.analysis(), analyzeMarkdownAtOnce(text));
        },
      ),
      { numRuns: 1500 },
    );
    assert.ok(stopped > 300, `only ${stopped} of 1500 parses stopped before the end`);
  });

  it('answers a hover in a just-opened long document from its first part exactly as from a full analysis', () => {
    const glossary = sampleGlossary();
    let early = 0;
    fc.assert(
      fc.property(
        longDoc,
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 6 }),
        fc.option(fc.integer({ min: 1, max: 40 })),
        (text, xs, pieceLines) => {
          const cache = new AnalysisCache(() => undefined);
          cache.prefixMinChars = 0;
          cache.markdownPieceLines = pieceLines ?? undefined;
          const document = TextDocument.create('file:///doc.md', 'markdown', 1, text);
          const full = analyzeDocument(glossary, 'markdown', text).mentions;
          for (const x of xs) {
            const offset = Math.floor((x / 1000) * text.length);
            assert.deepStrictEqual(
              cache.mentionAt(document, glossary, offset),
              mentionAt(full, offset),
              JSON.stringify({ text, offset }),
            );
            if (!cache.analyzed(document)) early++;
          }
          assert.deepStrictEqual(cache.get(document, glossary).mentions, full);
        },
      ),
      { numRuns: 800 },
    );
    assert.ok(early > 200, `only ${early} hovers were answered from the first part of their document`);
  });

  it('parses a just-opened document once: the full analysis goes on from where the first hover stopped', () => {
    const glossary = sampleGlossary();
    const text = 'The KV cache.\n\n'.repeat(20_000) + 'TTFT at the end.\n';
    const cache = new AnalysisCache(() => undefined);
    const document = TextDocument.create('file:///doc.md', 'markdown', 1, text);
    assert.deepStrictEqual(cache.mentionAt(document, glossary, 4), { start: 4, end: 12, termIds: ['kv-cache'] });
    assert.strictEqual(cache.analyzed(document), false);
    let slices = 0;
    while (!cache.analyzeSome(document, 0)) slices++;
    assert.ok(slices > 5, `the rest was analysed in ${slices} slices`);
    assert.strictEqual(cache.analyzed(document), true);
    assert.deepStrictEqual(
      cache.get(document, glossary).mentions,
      analyzeDocument(glossary, 'markdown', text).mentions,
    );
  });

  it('does not answer from the first regions alone when a later one may extend the mention ("TTFT\\n\\n(TTFT)")', () => {
    const glossary = sampleGlossary();
    const text = 'TTFT\n\n(TTFT)\n\nKV cache\n';
    const regions = analyzeMarkdown(text).regions;
    const mentionsOf = (i: number) => mentionsInRegion(glossary, text, regions[i]);
    assert.deepStrictEqual(mentionAround(glossary, text, regions, mentionsOf, 1)?.mention, {
      start: 0,
      end: 12,
      termIds: ['ttft'],
    });
    assert.strictEqual(
      mentionAround(glossary, text, regions.slice(0, 1), mentionsOf, 1, true),
      undefined,
      'the next region could join the mention',
    );
    assert.deepStrictEqual(mentionAround(glossary, text, regions, mentionsOf, 1, true), {
      mention: { start: 0, end: 12, termIds: ['ttft'] },
    });
  });

  it('looks at each region once on its way back from a mention that may join one before it', () => {
    // 20,000 comment regions without a mention, then "(TTFT)": the mention follows "(", so it may extend one before.
    const glossary = sampleGlossary();
    const text = `${'// a\n'.repeat(20_000)}// (TTFT)\n`;
    const regions: Region[] = Array.from({ length: 20_001 }, (_, i) => ({
      start: i * 5 + 3,
      end: i * 5 + (i < 20_000 ? 4 : 9),
      kind: 'comment',
    }));
    let lookups = 0;
    const mentionsOf = (i: number) => (lookups++, mentionsInRegion(glossary, text, regions[i]));
    const offset = text.indexOf('TTFT');
    assert.deepStrictEqual(mentionAround(glossary, text, regions, mentionsOf, offset)?.mention, {
      start: offset,
      end: offset + 4,
      termIds: ['ttft'],
    });
    assert.ok(lookups < 3 * regions.length, `${lookups} lookups of ${regions.length} regions`);
  });

  it('re-parses a window, not the whole document, for an edit in the middle of a long one', () => {
    const paragraphs = Array.from({ length: 2000 }, (_, i) => `Paragraph ${i} mentions the KV cache.`).join('\n\n');
    const before = analyzeMarkdown(paragraphs);
    const at = paragraphs.indexOf('Paragraph 1000 ');
    const next = paragraphs.slice(0, at) + 'TTFT. ' + paragraphs.slice(at);
    const after = updateMarkdown(before, next, changeBetween(paragraphs, next)!);
    assert.deepStrictEqual(after, analyzeMarkdown(next));
    // Regions before the window are the very same objects; the ones after it are shifted copies.
    assert.strictEqual(after.regions[10], before.regions[10]);
    assert.notStrictEqual(after.regions[1500], before.regions[1500]);
  });
});
