import { MemoryFileSystem } from './memoryFileSystem';
import { termFileBody } from './termFactory';

const TAXONOMY = `---
categories:
  - { id: execution, title: Execution, description: How a forward pass runs. }
  - { id: gpu-memory, title: GPU & Memory, description: Memory. }
  - { id: performance-metrics, title: Performance & Metrics, description: Metrics. }
engines:
  - { id: vllm, title: vLLM }
---
`;

const TPOT_METRICS = `knobs:
  - { name: --max-num-seqs, engine: vllm, kind: flag, default: "256", source: "https://example.org/args" }
metrics:
  - { name: "vllm:inter_token_latency_seconds", engine: vllm, type: histogram, since: 0.11.0, source: "https://example.org/m" }
  - name: "vllm:time_per_output_token_seconds"
    engine: vllm
    type: histogram
    deprecated: 0.11.0
    removed: 0.13.0
    replaced_by: "vllm:inter_token_latency_seconds"
    source: "https://example.org/m"
`;

/** The text of a complete term file; `front` is extra front matter, `related` ids get a Related terms bullet each. */
export function termFileText(
  id: string,
  title: string,
  front = '',
  definition = `${title} is a test term.`,
  related: string[] = [],
): string {
  const body = termFileBody((name) =>
    name === 'Definition'
      ? definition
      : name === 'Related terms'
        ? related.map((r) => `- [${r}](${r}.md) — related.`).join('\n') || 'None.'
        : `${name} of ${title}.`,
  );
  const relatedLine = related.length > 0 ? `related: [${related.join(', ')}]\n` : '';
  return `---\nid: ${id}\ntitle: ${title}\ncategory: ${id === 'ttft' ? 'performance-metrics' : 'gpu-memory'}\n${relatedLine}${front}---\n\n${body}`;
}

/** A small bundled glossary at /bundled (terms/ and _meta/) in a fresh MemoryFileSystem. */
export function memoryGlossary(): MemoryFileSystem {
  return new MemoryFileSystem({
    '/bundled/_meta/taxonomy.md': TAXONOMY,
    '/bundled/_meta/common-words.txt': 'cache\ntoken\nmemory\n',
    '/bundled/terms/kv-cache.md': termFileText(
      'kv-cache',
      'KV cache',
      'aliases: [key-value cache]\n',
      'The store of attention keys and values.',
      ['ttft'],
    ),
    '/bundled/terms/ttft.md': termFileText('ttft', 'TTFT', 'aliases: [time to first token]\n', 'Time to first token.', [
      'kv-cache',
    ]),
    '/bundled/terms/paged-attention.md': termFileText(
      'paged-attention',
      'Paged attention',
      'aliases: [PagedAttention]\n',
    ),
    '/bundled/terms/old-cache.md': termFileText(
      'old-cache',
      'Token cache',
      'status: deprecated\nreplaced_by: kv-cache\n',
    ),
    '/bundled/terms/tpot.md': termFileText('tpot', 'TPOT', TPOT_METRICS, 'Time per output token.'),
  });
}
