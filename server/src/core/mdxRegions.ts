import { markdownRegions } from './markdownRegions';
import { linesOf, maskSpans, subtractSpans } from './masking';
import type { Region } from './region';

/**
 * Regions of an MDX document: Markdown, with the ESM lines (`import`/`export` statements, up to the next blank
 * line) and `{expressions}` (JSX attributes and `{/* comments *\/}` alike) masked first. JSX elements are HTML to
 * the Markdown parser, so they are left out as HTML is.
 */
export function mdxRegions(text: string): Region[] {
  const masked: { start: number; end: number }[] = [];
  let inEsm = false;
  let fence: string | undefined;
  for (const { start, end } of linesOf(text)) {
    const line = text.slice(start, end);
    const fenceOpen = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceOpen && fenceOpen[1][0] === fence[0] && fenceOpen[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceOpen) {
      fence = fenceOpen[1];
      continue;
    }
    if (/^(import|export)\s/.test(line)) inEsm = true;
    else if (line.trim() === '') inEsm = false;
    if (inEsm) {
      masked.push({ start, end });
      continue;
    }
    for (const expression of expressionsIn(line))
      masked.push({ start: start + expression.start, end: start + expression.end });
  }
  return subtractSpans(markdownRegions(maskSpans(text, masked)), masked);
}

/** `{...}` spans of one line with balanced braces, outside `code spans`; an unbalanced `{` masks nothing. */
function expressionsIn(line: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '`') {
      const close = line.indexOf('`', i + 1);
      i = close < 0 ? line.length : close + 1;
    } else if (ch === '{') {
      let depth = 0;
      let j = i;
      for (; j < line.length; j++) {
        if (line[j] === '{') depth++;
        else if (line[j] === '}' && --depth === 0) break;
      }
      if (j >= line.length) return spans;
      spans.push({ start: i, end: j + 1 });
      i = j + 1;
    } else i++;
  }
  return spans;
}
