import * as assert from 'assert';
import { Glossary } from '../../server/src/core/glossary';
import { sanitizeGlossaryMarkdown } from '../../server/src/core/safeMarkdown';
import { describeKnobs } from '../../server/src/core/knobText';
import { describeTerm, describeTermBriefly, hoverForMention } from '../../server/src/features/hover';
import type { Knob } from '../../server/src/core/knobs';
import { makeTerm } from '../support/termFactory';

describe('Hover text', () => {
  const kv = makeTerm('kv-cache', 'KV cache', {
    aliases: ['key-value cache'],
    related: ['prefill'],
    category: 'gpu-memory',
  });
  kv.sections.Definition = { text: 'First paragraph.\n\nSecond paragraph stays in the file.', line: 6 };
  const glossary = new Glossary(
    [
      [kv, makeTerm('prefill', 'Prefill')],
      [makeTerm('prefill', 'Prefill', { layer: 'team', source: 'file:///team/prefill.md' })],
    ],
    [{ id: 'gpu-memory', title: 'GPU & Memory', description: '' }],
  );

  it('shows the canonical name, category, aliases and only the first paragraph', () => {
    const text = describeTerm(glossary, kv);
    assert.match(text, /^### KV cache\n\n\*GPU & Memory\* · also: key-value cache\n\nFirst paragraph\.\n\n/);
    assert.doesNotMatch(text, /Second paragraph/);
  });

  it('links related terms and the longer sections to their lines in the term files', () => {
    const text = describeTerm(glossary, kv);
    assert.match(text, /\*\*Related:\*\* \[Prefill\]\(file:\/\/\/team\/prefill\.md#L7\)/);
    assert.match(
      text,
      /\[Open the KV cache entry\]\(file:\/\/\/glossary\/kv-cache\.md#L7\) · \[Key properties\]\(file:\/\/\/glossary\/kv-cache\.md#L13\)/,
    );
  });

  it('marks a workspace term that overrides a bundled one', () => {
    assert.match(describeTerm(glossary, glossary.get('prefill')!), /from your workspace glossary/);
  });

  it('answers a hover with the same text as describeTerm, and with the new text once the glossary is rebuilt', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } };
    const mention = { start: 0, end: 8, termIds: ['kv-cache'] };
    const hovered = (g: Glossary) => (hoverForMention(g, mention, range)?.contents as { value: string }).value;
    assert.strictEqual(hovered(glossary), describeTerm(glossary, kv));
    assert.strictEqual(hovered(glossary), describeTerm(glossary, kv), 'asked again: the same text');
    const edited = makeTerm('kv-cache', 'KV cache', { category: 'gpu-memory' });
    edited.sections.Definition = { text: 'An edited definition.', line: 6 };
    const rebuilt = new Glossary([[edited]], [{ id: 'gpu-memory', title: 'GPU & Memory', description: '' }]);
    assert.match(hovered(rebuilt), /An edited definition\./);
    assert.doesNotMatch(hovered(rebuilt), /First paragraph/);
  });

  it('neutralises HTML and command or script links from glossary text', () => {
    const cleaned = sanitizeGlossaryMarkdown(
      '<img src=x onerror=alert(1)> [run](command:workbench.action.terminal.new) [js](javascript:alert(1)) [ok](https://x.io)',
    );
    assert.strictEqual(cleaned, '\\<img src=x onerror=alert(1)\\> run js [ok](https://x.io/)');
  });
});

describe('A compact hover', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `t${i}`);
  const hub = makeTerm('hub', 'Hub', { related: ids });
  hub.sections['Related terms'] = { text: 'x', line: 30 };
  const others = ids.map((id, i) => makeTerm(id, `Term ${i}`, { related: i === 9 || i === 11 ? ['hub'] : [] }));
  const glossary = new Glossary([[hub, ...others]], []);

  it('shows at most six related terms, those naming the term back first, then "+N more" into the Related terms', () => {
    const text = describeTerm(glossary, hub);
    const related = /\*\*Related:\*\* (.*)/.exec(text)![1];
    assert.deepStrictEqual(
      [...related.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]),
      ['Term 9', 'Term 11', 'Term 0', 'Term 1', 'Term 2', 'Term 3', '+6 more'],
    );
    assert.match(related, /\[\+6 more\]\(file:\/\/\/glossary\/hub\.md#L31\)$/);
  });

  it('ends with the row of section links when the entry names no sources', () => {
    const lines = describeTerm(glossary, hub).split('\n\n');
    assert.match(lines[lines.length - 1], /^\[Open the Hub entry\]/);
  });

  it("keeps every bundled term's hover short: at most six related links and one paragraph of definition", () => {
    const kv = makeTerm('kv', 'KV cache', { related: ids });
    assert.ok(describeTerm(new Glossary([[kv, ...others]], []), kv).split('\n\n').length <= 6);
  });
});

describe('Knobs and sources in a hover', () => {
  const knob = (name: string, engine: string, extra: Partial<Knob> = {}): Knob => ({
    name,
    spellings: [],
    engine,
    kind: 'flag',
    source: 'https://github.com/vllm-project/vllm/blob/abc/vllm/config/cache.py',
    ...extra,
  });
  const names = ['--a', '--b', '--c', '--d', '--e'];
  const term = makeTerm('kvq', 'KV cache quantization', {
    knobs: [...names.map((n) => knob(n, 'vllm')), knob('KV_TYPE', 'ollama', { kind: 'env' })],
    sources: [
      'https://github.com/vllm-project/vllm/blob/abc/vllm/config/cache.py',
      'http://insecure.example/page',
      'https://docs.sglang.ai/advanced_features/server_arguments.html',
    ],
    reviewed: { date: '2026-11-26', versions: { vllm: 'v0.11.0' } },
  });
  const engines = [
    { id: 'vllm', title: 'vLLM' },
    { id: 'ollama', title: 'Ollama' },
  ];
  const glossary = new Glossary([[term]], [], { engines });

  it("keeps knobs and sources out of a term's hover, so it fits without scrolling (the entry lists them)", () => {
    const text = describeTerm(glossary, term);
    assert.doesNotMatch(text, /--a|KV_TYPE|vllm-project|reviewed/);
    assert.match(text.split('\n\n').pop()!, /^\[Open the KV cache quantization entry\]/);
  });

  it('shows under a knob its term in one paragraph, the name linking to the entry', () => {
    assert.strictEqual(
      describeTermBriefly(glossary, term),
      '**[KV cache quantization](file:///glossary/kvq.md#L7)** · *execution* — KV cache quantization definition.',
    );
  });

  it('describes a knob per engine with its kind, default, versions, replacement and source', () => {
    const text = describeKnobs(glossary, [
      knob('--max-model-len', 'vllm', { default: 'None', since: '0.2.0' }),
      knob('--max-model-len', 'vllm', { default: 'None', since: '0.2.0' }),
      knob('max_model_len', 'ollama', { kind: 'config', deprecated: '0.5', replacedBy: 'num_ctx', source: 'x' }),
    ]);
    assert.deepStrictEqual(text.split('\n\n'), [
      '### `--max-model-len`',
      '**vLLM** flag · default `None` · since 0.2.0 · [vllm-project/vllm …/cache.py](https://github.com/vllm-project/vllm/blob/abc/vllm/config/cache.py)',
      '**Ollama** config field · as `max_model_len` · **deprecated in 0.5** · use `num_ctx`',
    ]);
  });

  it('keeps a source with a malformed escape or brackets from breaking the link', () => {
    const row = describeKnobs(glossary, [knob('--x', 'vllm', { source: 'https://example.com/a/%E0%A4%A/(x)' })]);
    assert.match(row, /\[example\.com …\/\(x\)\]\(https:\/\/example\.com\/a\/%E0%A4%A\/%28x%29\)$/);
  });
});
