import type { Region } from './region';

/**
 * The text with each span replaced by spaces (line breaks kept), so a finder for the host language reads around
 * them and every offset stays the same: Helm's `{{ actions }}` in YAML, MDX's `{expressions}` in Markdown.
 */
export function maskSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const { start, end } of spans) {
    if (start < at) continue;
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}

/** Regions from two finders over the same text, sorted, with any region overlapping an earlier one dropped. */
export function mergeRegions(a: readonly Region[], b: readonly Region[]): Region[] {
  const all = [...a, ...b].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: Region[] = [];
  for (const region of all) if (out.length === 0 || region.start >= out[out.length - 1].end) out.push(region);
  return out;
}

/** Line starts and ends ([start, end) without the line break) of a text. */
export function linesOf(text: string): { start: number; end: number }[] {
  const lines: { start: number; end: number }[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const next = newline < 0 ? text.length : newline;
    const end = next > start && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    lines.push({ start, end });
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}

/** Regions with the (sorted) spans cut out of them: what a finder read in masked text, without the masked parts. */
export function subtractSpans(regions: readonly Region[], spans: readonly { start: number; end: number }[]): Region[] {
  if (spans.length === 0) return [...regions];
  const out: Region[] = [];
  let s = 0;
  for (const region of regions) {
    let at = region.start;
    while (s < spans.length && spans[s].end <= at) s++;
    for (let k = s; k < spans.length && spans[k].start < region.end; k++) {
      if (spans[k].start > at) out.push({ start: at, end: spans[k].start, kind: region.kind });
      at = Math.max(at, spans[k].end);
    }
    if (region.end > at) out.push({ start: at, end: region.end, kind: region.kind });
  }
  return out;
}
