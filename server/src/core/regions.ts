import { asciidocRegions } from './asciidocRegions';
import { commentRegions } from './commentRegions';
import { helmRegions } from './helmRegions';
import { proseFinderOf } from './languages';
import { markdownRegions } from './markdownRegions';
import { mdxRegions } from './mdxRegions';
import { gitCommitRegions, plainTextRegions } from './plainTextRegions';
import type { Region } from './region';
import { restructuredTextRegions } from './restructuredTextRegions';
import { spanIndexAt } from './spans';
import { yamlRegions } from './yamlRegions';

export type { Region };

/** The languages whose documents have regions, by LSP language id. */
export function isSupportedLanguage(languageId: string): boolean {
  return proseFinderOf(languageId) !== undefined;
}

/**
 * Where in a document prose can appear: Markdown text, YAML comments and prose-like strings, code comments.
 * Never code, code spans, URLs or keys. Regions are sorted and do not overlap.
 */
export function findRegions(languageId: string, text: string): Region[] {
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
  return commentRegions(text, finder.syntax);
}

/** Index of the region containing offset (end inclusive, so a cursor right after a word counts), or -1. */
export function regionIndexAt(regions: readonly Region[], offset: number): number {
  return spanIndexAt(regions, offset);
}
