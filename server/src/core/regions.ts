import { asciidocRegions } from './asciidocRegions';
import { commentRegions, docstringRegions } from './commentRegions';
import { helmRegions } from './helmRegions';
import { proseRegionsWithin } from './inlineExclusions';
import { proseFinderOf } from './languages';
import { markdownRegions } from './markdownRegions';
import { mdxRegions } from './mdxRegions';
import { gitCommitRegions, plainTextRegions } from './plainTextRegions';
import type { CommentParser, Region } from './region';
import { restructuredTextRegions } from './restructuredTextRegions';
import { spanIndexAt } from './spans';
import { yamlRegions } from './yamlRegions';

export type { CommentParser, Region };

/** The languages whose documents have regions, by LSP language id. */
export function isSupportedLanguage(languageId: string): boolean {
  return proseFinderOf(languageId) !== undefined;
}

/**
 * Where in a document prose can appear: Markdown text, YAML comments and prose-like strings, code comments.
 * Never code, code spans, URLs or keys. Regions are sorted and do not overlap.
 */
export function findRegions(languageId: string, text: string, parseComments?: CommentParser): Region[] {
  const finder = proseFinderOf(languageId);
  if (!finder) return [];
  if (finder.kind === 'markdown') return markdownRegions(text);
  if (finder.kind === 'yaml') return yamlRegions(text);
  if (finder.kind === 'mdx') return mdxRegions(text);
  if (finder.kind === 'restructuredtext') return restructuredTextRegions(text);
  if (finder.kind === 'asciidoc') return asciidocRegions(text);
  if (finder.kind === 'plaintext') return plainTextRegions(text);
  if (finder.kind === 'gitcommit') return gitCommitRegions(text);
  if (finder.kind === 'helm') return helmRegions(text);
  const parsed = parseComments?.(languageId, text);
  if (parsed) {
    const regions: Region[] = [];
    for (const comment of parsed) {
      // A docstring is a string statement, possibly with a prefix (r"""...): prose but for its doctests.
      const prefix = /^[rRuUbBfF]{0,2}/.exec(text.slice(comment.start, comment.start + 2))![0].length;
      const quote = text.charCodeAt(comment.start + prefix);
      if (finder.syntax.docstrings && (quote === 34 || quote === 39))
        docstringRegions(text, comment.start, comment.end, regions);
      else proseRegionsWithin(text, comment.start, comment.end, 'comment', regions);
    }
    return regions;
  }
  return commentRegions(text, finder.syntax);
}

/** Index of the region containing offset (end inclusive, so a cursor right after a word counts), or -1. */
export function regionIndexAt(regions: readonly Region[], offset: number): number {
  return spanIndexAt(regions, offset);
}
