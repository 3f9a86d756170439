import { commentRegions, commentSyntaxFor } from './commentRegions';
import { proseRegionsWithin } from './inlineExclusions';
import { markdownRegions } from './markdownRegions';
import { spanIndexAt } from './spans';
import { yamlRegions } from './yamlRegions';

/** A span of a document where mentions are looked for: [start, end) in UTF-16 offsets. */
export interface Region {
  start: number;
  end: number;
  kind: 'prose' | 'comment' | 'string';
}

/**
 * Exact comment ranges from a real parser (tree-sitter in the server), when one is ready for the language.
 * Returns undefined to fall back to the core's own comment lexer. Injected so the core does no I/O.
 */
export type CommentParser = (languageId: string, text: string) => { start: number; end: number }[] | undefined;

/** The languages whose documents have regions, by LSP language id. */
export function isSupportedLanguage(languageId: string): boolean {
  return languageId === 'markdown' || languageId === 'yaml' || commentSyntaxFor(languageId) !== undefined;
}

/**
 * Where in a document prose can appear: Markdown text, YAML comments and prose-like strings, code comments.
 * Never code, code spans, URLs or keys. Regions are sorted and do not overlap.
 */
export function findRegions(languageId: string, text: string, parseComments?: CommentParser): Region[] {
  if (languageId === 'markdown') return markdownRegions(text);
  if (languageId === 'yaml') return yamlRegions(text);
  const parsed = parseComments?.(languageId, text);
  if (parsed) {
    const regions: Region[] = [];
    for (const comment of parsed) proseRegionsWithin(text, comment.start, comment.end, 'comment', regions);
    return regions;
  }
  const syntax = commentSyntaxFor(languageId);
  return syntax ? commentRegions(text, syntax) : [];
}

/** Index of the region containing offset (end inclusive, so a cursor right after a word counts), or -1. */
export function regionIndexAt(regions: readonly Region[], offset: number): number {
  return spanIndexAt(regions, offset);
}
