import { commentRegions, commentSyntaxFor } from './commentRegions';
import { markdownRegions } from './markdownRegions';
import { yamlRegions } from './yamlRegions';

/** A span of a document where mentions are looked for: [start, end) in UTF-16 offsets. */
export interface Region {
  start: number;
  end: number;
  kind: 'prose' | 'comment' | 'string';
}

/** The languages whose documents have regions, by LSP language id. */
export function isSupportedLanguage(languageId: string): boolean {
  return languageId === 'markdown' || languageId === 'yaml' || commentSyntaxFor(languageId) !== undefined;
}

/**
 * Where in a document prose can appear: Markdown text, YAML comments and prose-like strings, code comments.
 * Never code, code spans, URLs or keys. Regions are sorted and do not overlap.
 */
export function findRegions(languageId: string, text: string): Region[] {
  if (languageId === 'markdown') return markdownRegions(text);
  if (languageId === 'yaml') return yamlRegions(text);
  const syntax = commentSyntaxFor(languageId);
  return syntax ? commentRegions(text, syntax) : [];
}

/** Index of the region containing offset (end inclusive, so a cursor right after a word counts), or -1. */
export function regionIndexAt(regions: readonly Region[], offset: number): number {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = regions[mid];
    if (offset < r.start) hi = mid - 1;
    else if (offset > r.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
