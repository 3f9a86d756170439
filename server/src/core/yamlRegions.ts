import type { Parser } from 'yaml';
import { proseRegionsWithin } from './inlineExclusions';
import { onFirstUse } from './onFirstUse';
import type { Region } from './region';

interface CstToken {
  type?: string;
  offset?: number;
  source?: string;
  [key: string]: unknown;
}

const yamlParserClass = onFirstUse(() => (require('yaml') as { Parser: typeof Parser }).Parser);
const QUOTED = new Set(['single-quoted-scalar', 'double-quoted-scalar']);

/**
 * Regions of a YAML document from the `yaml` library's concrete syntax tree: every comment, block scalars
 * (`description: |` paragraphs), and flow scalar values that read like prose (three words or more).
 * Keys, single words and identifiers such as `kv_cache_dtype: fp8` are never regions.
 */
export function yamlRegions(text: string): Region[] {
  const regions: Region[] = [];
  for (const token of new (yamlParserClass())().parse(text)) visit(token as unknown as CstToken, text, regions, false);
  regions.sort((a, b) => a.start - b.start);
  return regions;
}

/**
 * Three or more whitespace-separated words made of letters: "Keeps the KV cache warm" is prose; "fp8",
 * "x # y", an image reference or an expression such as `sum(vllm:num_requests_waiting)` is not.
 */
function readsLikeProse(source: string): boolean {
  let words = 0;
  for (const token of source.split(/\s+/)) if (/^["'(]?\p{L}[\p{L}'\u2019-]*[.,;:!?)"']*$/u.test(token)) words++;
  return words >= 3;
}

function visit(node: CstToken, text: string, out: Region[], isKey: boolean): void {
  const { type, offset, source } = node;
  if (typeof offset === 'number' && typeof source === 'string') {
    if (type === 'comment') {
      proseRegionsWithin(text, offset + 1, offset + source.length, 'comment', out);
    } else if (!isKey && (type === 'scalar' || QUOTED.has(type ?? ''))) {
      if (readsLikeProse(source)) {
        const quote = QUOTED.has(type ?? '') ? 1 : 0;
        proseRegionsWithin(text, offset + quote, offset + source.length - quote, 'string', out);
      }
    } else if (type === 'block-scalar') {
      // The token's offset is its `|` / `>` header; its source is the content that follows the header line.
      const props = (node.props as CstToken[] | undefined) ?? [];
      const last = props[props.length - 1];
      const bodyStart = last && typeof last.offset === 'number' ? last.offset + (last.source?.length ?? 0) : offset;
      proseRegionsWithin(text, bodyStart, bodyStart + source.length, 'string', out);
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'source') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === 'object') visit(item as CstToken, text, out, false);
    } else if (value && typeof value === 'object') {
      visit(value as CstToken, text, out, key === 'key');
    }
  }
}
