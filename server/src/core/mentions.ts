import { BLOCKING_TERM_ID, Glossary } from './glossary';
import { CommentParser, findRegions, Region } from './regions';
import { spanIndexAt } from './spans';

/** A mention of one or more terms in a document: [start, end) in UTF-16 offsets. */
export interface Mention {
  start: number;
  end: number;
  termIds: readonly string[];
}

export interface DocumentAnalysis {
  regions: Region[];
  mentions: Mention[];
}

/** Regions of the document, and every mention of a glossary term inside them, in document order. */
export function analyzeDocument(glossary: Glossary, languageId: string, text: string, parseComments?: CommentParser): DocumentAnalysis {
  const regions = findRegions(languageId, text, parseComments);
  return { regions, mentions: findMentions(glossary, text, regions) };
}

/** Mentions inside already-found regions (regions do not depend on the glossary, so they can be reused). */
export function findMentions(glossary: Glossary, text: string, regions: readonly Region[]): Mention[] {
  const mentions: Mention[] = [];
  const visit = (start: number, end: number, ids: readonly string[]) => {
    const termIds = ids.includes(BLOCKING_TERM_ID) ? ids.filter((id) => id !== BLOCKING_TERM_ID) : ids;
    if (termIds.length === 0) return;
    const mention = { start, end, termIds };
    if (!absorbedAsExpansion(text, mentions[mentions.length - 1], mention)) mentions.push(mention);
  };
  for (const region of regions) glossary.matcher.forEachMatch(text, region.start, region.end, visit);
  return mentions;
}

/**
 * "time to first token (TTFT)" and "TTFT (time to first token)" are one mention: when a mention is followed
 * by another of the same term in parentheses, the first grows to cover both.
 */
function absorbedAsExpansion(text: string, previous: Mention | undefined, next: Mention): boolean {
  if (!previous || !previous.termIds.some((id) => next.termIds.includes(id))) return false;
  if (!/^\s*\($/.test(text.slice(previous.end, next.start)) || text[next.end] !== ')') return false;
  previous.end = next.end + 1;
  previous.termIds = previous.termIds.filter((id) => next.termIds.includes(id));
  return true;
}

/** The mention covering offset (a cursor just after the last character counts). */
export function mentionAt(mentions: readonly Mention[], offset: number): Mention | undefined {
  const index = spanIndexAt(mentions, offset);
  return index >= 0 ? mentions[index] : undefined;
}
