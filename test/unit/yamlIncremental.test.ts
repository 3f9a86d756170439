import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments, Parser } from 'yaml';
import { commentRegions } from '../../server/src/core/commentRegions';
import { proseRegionsWithin } from '../../server/src/core/inlineExclusions';
import type { Region } from '../../server/src/core/region';
import { changeBetween } from '../../server/src/core/textChange';
import {
  analyzeYaml,
  CODE_KEYS,
  QUOTED,
  readsLikeProse,
  readsLikeScript,
  SHELL,
  updateYaml,
  YamlParse,
  yamlRegionsAround,
} from '../../server/src/core/yamlRegions';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../../server/src/analysisCache';
import { analyzeDocument, mentionAt } from '../../server/src/core/mentions';
import { sampleGlossary } from '../support/termFactory';

// The YAML region finder as it was before segments: one parse of the whole text and a generic walk of every field of
// every node. What the segment-by-segment analysis is checked against, on every text the parser reads without error.
interface CstToken {
  type?: string;
  offset?: number;
  source?: string;
  [key: string]: unknown;
}
function referenceRegions(text: string): { regions: Region[]; errors: boolean } {
  const out: Region[] = [];
  let errors = false;
  const stack: { node: CstToken; isKey: boolean; code: boolean; kind: boolean }[] = [];
  for (const token of new Parser().parse(text) as Iterable<CstToken>)
    stack.push({ node: token, isKey: false, code: false, kind: false });
  while (stack.length > 0) {
    const { node, isKey, code, kind } = stack.pop()!;
    const { type, offset, source } = node;
    if (type === 'error') errors = true;
    if (typeof offset === 'number' && typeof source === 'string') {
      if (type === 'comment') proseRegionsWithin(text, offset + 1, offset + source.length, 'comment', out);
      else if (!isKey && !code && (type === 'scalar' || QUOTED.has(type ?? ''))) {
        if (kind || readsLikeProse(source)) {
          const quote = QUOTED.has(type ?? '') ? 1 : 0;
          proseRegionsWithin(text, offset + quote, offset + source.length - quote, 'string', out);
        }
      } else if (type === 'block-scalar') {
        const props = (node.props as CstToken[] | undefined) ?? [];
        const last = props[props.length - 1];
        const bodyStart = last && typeof last.offset === 'number' ? last.offset + (last.source?.length ?? 0) : offset;
        const bodyEnd = bodyStart + source.length;
        if (code || readsLikeScript(source))
          for (const c of commentRegions(text.slice(bodyStart, bodyEnd), SHELL))
            out.push({ start: c.start + bodyStart, end: c.end + bodyStart, kind: 'comment' });
        else proseRegionsWithin(text, bodyStart, bodyEnd, 'string', out);
      }
    }
    const key = node.key as CstToken | undefined;
    const keyName = key && typeof key.source === 'string' ? key.source : undefined;
    const codeValue =
      code || (keyName !== undefined && (CODE_KEYS.has(keyName) || /\.(?:sh|bash|py|js|ps1)$/.test(keyName)));
    for (const name in node) {
      if (name === 'source') continue;
      const value = node[name];
      const childCode = name === 'value' ? codeValue : code;
      const childKind = name === 'value' ? keyName === 'kind' : kind;
      if (Array.isArray(value)) {
        for (const item of value)
          if (item && typeof item === 'object')
            stack.push({ node: item as CstToken, isKey: false, code: childCode, kind: childKind });
      } else if (value && typeof value === 'object')
        stack.push({ node: value as CstToken, isKey: name === 'key', code: childCode, kind: childKind });
    }
  }
  // Errors of the parse or of composing its documents (an unclosed quote is one only there).
  errors ||= parseAllDocuments(text).some((doc) => doc.errors.length > 0);
  return { regions: out.sort((a, b) => a.start - b.start), errors };
}

const LINES = [
  'name: vllm-server',
  'kind: Deployment',
  'description: Keeps the KV cache warm between batches',
  '  # the scheduler preempts requests here',
  '# top-level comment about TTFT',
  'notes: |',
  '  Continuous batching keeps the GPU busy.',
  '  Tensor parallelism splits each layer.',
  'folded: >',
  'not indented text after a folded header',
  'command:',
  '  - python -m vllm.entrypoints.api_server # serve the model',
  'args: ["--max-num-seqs", "256"]',
  'script: |',
  '  set -e',
  '  echo "TTFT budget" # check the TTFT budget',
  'spec:',
  '  replicas: 2',
  '  template:',
  '    metadata:',
  '      labels: { app: llm, tier: "serving layer here" }',
  '  description: "the router keeps prefix caching on"',
  '- item one with several words',
  '- second: mapping in a list',
  '---',
  '...',
  'quoted: "starts a string',
  'ends it" and: more',
  "single: 'a quoted value that goes on",
  "and on'",
  'flow: [one, two,',
  'three]',
  '? explicit key',
  ': explicit value',
  'anchors: &a { x: 1 }',
  'alias: *a',
  'run.sh: |',
  '  curl -s localhost # the KV cache metric',
  'key with spaces: value with three words',
  '"quoted key": the value reads like prose',
  '',
  '   ',
  'tab:\tvalue',
  'url: http://example.com/a#b',
];
const yamlDoc = fc
  .array(fc.constantFrom(...LINES), { maxLength: 40 })
  .map((lines) => lines.join('\n') + '\n')
  .chain((text) => fc.constantFrom(text, '%YAML 1.2\n---\n' + text, text.replace(/\n/g, '\r\n')));
const edit = fc.record({
  at: fc.integer({ min: 0, max: 1000 }),
  remove: fc.integer({ min: 0, max: 40 }),
  insert: fc.constantFrom('', 'x', ' ', '\n', ':', '#', '"', "'", '[', ']', 'key: value\n', '  - a\n', '|\n', '---\n'),
});

describe('YAML analysed segment by segment', () => {
  it('finds exactly the regions of one parse of the whole text, whenever that text is valid YAML', () => {
    let checked = 0;
    fc.assert(
      fc.property(yamlDoc, (text) => {
        const reference = referenceRegions(text);
        if (reference.errors) return;
        checked++;
        assert.deepStrictEqual(analyzeYaml(text).regions, reference.regions, JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
    assert.ok(checked > 300, `only ${checked} documents parsed without error`);
  });

  it('finds exactly the regions of one parse of the whole text in the repository YAML files', () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const files = ['samples/values.yaml', 'test/e2e/fixtures/values.yaml', 'editors/helix/languages.toml']
      .map((f) => path.join(root, f))
      .filter((f) => f.endsWith('.yaml') && fs.existsSync(f));
    assert.ok(files.length > 0);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      assert.deepStrictEqual(analyzeYaml(text).regions, referenceRegions(text).regions, file);
    }
  });

  it('re-analyses only the segments around an edit, with the same segments and regions as a full analysis', () => {
    let partial = 0;
    fc.assert(
      fc.property(yamlDoc, fc.array(edit, { minLength: 1, maxLength: 5 }), (doc, edits) => {
        let text = doc;
        let analysis = analyzeYaml(text);
        for (const e of edits) {
          const at = Math.floor((e.at / 1000) * text.length);
          const next = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          const change = changeBetween(text, next);
          text = next;
          if (!change) continue;
          analysis = updateYaml(analysis, text, change);
          if (analysis.segments.length > 2) partial++;
          assert.deepStrictEqual(analysis, analyzeYaml(text), JSON.stringify({ doc, edits }));
        }
      }),
      { numRuns: 3000 },
    );
    assert.ok(partial > 500, `only ${partial} edits had segments to keep`);
  });

  it('finds the regions around an offset exactly as the full analysis has them there', () => {
    fc.assert(
      fc.property(yamlDoc, fc.integer({ min: 0, max: 1000 }), (text, x) => {
        const offset = Math.floor((x / 1000) * text.length);
        const around = yamlRegionsAround(text, offset);
        if (!around) return;
        assert.ok(around.start <= offset && offset <= around.end);
        const full = analyzeYaml(text).regions.filter((r) => r.start >= around.start && r.start < around.end);
        assert.deepStrictEqual(around.regions, full, JSON.stringify({ text, offset }));
      }),
      { numRuns: 2000 },
    );
  });

  it('analyses a document a few segments at a time into the same analysis', () => {
    fc.assert(
      fc.property(yamlDoc, fc.integer({ min: 1, max: 200 }), (text, chars) => {
        const parse = new YamlParse(text);
        while (!parse.done) parse.parseMore(chars);
        assert.deepStrictEqual(parse.analysis(), analyzeYaml(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('answers a hover in a just-opened long document from the segments around it exactly as a full analysis', () => {
    const glossary = sampleGlossary();
    const longDoc = fc
      .array(fc.constantFrom(...LINES, 'ttft: TTFT (time to first token) grows', 'p: the KV cache and TP here'), {
        minLength: 40,
        maxLength: 200,
      })
      .map((lines) => lines.join('\n') + '\n');
    let early = 0;
    fc.assert(
      fc.property(longDoc, fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 4 }), (text, xs) => {
        const cache = new AnalysisCache(() => undefined);
        cache.prefixMinChars = 0;
        const document = TextDocument.create('file:///values.yaml', 'yaml', 1, text);
        const full = analyzeDocument(glossary, 'yaml', text).mentions;
        for (const x of xs) {
          const offset = Math.floor((x / 1000) * text.length);
          assert.deepStrictEqual(
            cache.mentionAt(document, glossary, offset),
            mentionAt(full, offset),
            JSON.stringify({ text, offset }),
          );
          if (!cache.analyzed(document)) early++;
        }
        while (!cache.analyzeSome(document, 0));
        assert.deepStrictEqual(cache.get(document, glossary).mentions, full);
      }),
      { numRuns: 800 },
    );
    assert.ok(early > 500, `only ${early} hovers were answered from the segments around them`);
  });
});
