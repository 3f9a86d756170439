import type { Glossary } from './glossary';
import { regionIndexAt, Region } from './regions';
import { foldForm, isSeparator, isWordChar } from './textFolding';

export interface CompletionCandidate {
  termId: string;
  /** The form the typed prefix matched (title or alias), for the client's own filtering. */
  matchedForm: string;
}

export interface CompletionAnswer {
  /** Start of the typed text the chosen item replaces (may span several words, as in "KV c"). */
  replaceStart: number;
  candidates: CompletionCandidate[];
  /** Whether the typed text starts mid-sentence (after a word or a comma, not after a full stop or at the start). */
  midSentence: boolean;
  /** Whether more terms matched than `candidates` holds: the client should ask again as the user types on. */
  truncated: boolean;
}

const MAX_PREFIX_WORDS = 4;
/**
 * At most this many terms per answer (clangd's default limit too): a 10k-term team glossary has a thousand terms
 * starting with one letter, a list nobody scrolls and that costs more to send than to find.
 */
export const MAX_CANDIDATES = 100;

/**
 * Term names to offer at offset, when offset is inside a prose region. The prefix is the longest run of up
 * to four words before the cursor that starts some term's title or alias ("KV c" → "KV cache"), so a
 * multi-word name completes as one item; with nothing typed, every term is offered, up to MAX_CANDIDATES (the
 * closest ones: see candidatesFor).
 */
export function completeAt(
  glossary: Glossary,
  regions: readonly Region[],
  text: string,
  offset: number,
): CompletionAnswer | undefined {
  const regionIndex = regionIndexAt(regions, offset);
  if (regionIndex < 0 || regions[regionIndex].kind === 'codespan') return undefined; // no prose typed in code
  const region = regions[regionIndex];
  const wordStarts = precedingWordStarts(text, region.start, offset);
  for (const start of wordStarts) {
    const prefix = foldForm(text.slice(start, offset));
    if (prefix === '') continue;
    const found = candidatesFor(glossary, prefix);
    if (found.candidates.length > 0)
      return { replaceStart: start, ...found, midSentence: isMidSentence(text, region.start, start) };
  }
  const typingWord = offset > region.start && isWordChar(text.charCodeAt(offset - 1));
  if (typingWord) {
    const start = wordStartBefore(text, region.start, offset);
    return {
      replaceStart: start,
      candidates: [],
      truncated: false,
      midSentence: isMidSentence(text, region.start, start),
    };
  }
  // Nothing typed: the team's own terms first (as in the Glossary view), then the bundled ones, by their titles.
  const candidates: CompletionCandidate[] = [];
  for (const bundled of [false, true])
    for (const term of glossary.terms.values()) {
      if (candidates.length === MAX_CANDIDATES) break;
      if ((term.layer === 'bundled') === bundled) candidates.push({ termId: term.id, matchedForm: term.title });
    }
  const truncated = glossary.terms.size > candidates.length;
  return { replaceStart: offset, candidates, truncated, midSentence: isMidSentence(text, region.start, offset) };
}

/**
 * The text to insert for a term title where the user typed `typed`: the title, except that a sentence-case title
 * ("Continuous batching") takes the case of the typed first letter mid-sentence ("continuous b" → "continuous
 * batching"). Acronyms and names with inner capitals (KV cache, TTFT, vLLM, FlashAttention) keep their spelling.
 */
export function insertionFor(title: string, typed: string, midSentence: boolean): string {
  const first = typed.charAt(0);
  if (!midSentence || first === '' || first === first.toUpperCase()) return title;
  const firstWord = /^\p{L}[\p{L}\p{N}]*/u.exec(title)?.[0] ?? '';
  const sentenceCase = /^\p{Lu}\p{Ll}/u.test(firstWord) && !/\p{Lu}/u.test(firstWord.slice(1));
  if (!sentenceCase || first.toLowerCase() !== title.charAt(0).toLowerCase()) return title;
  return title.charAt(0).toLowerCase() + title.slice(1);
}

/** Whether `at` follows a word or a comma in the same sentence, rather than a sentence's end or the region's start. */
function isMidSentence(text: string, regionStart: number, at: number): boolean {
  let i = at;
  while (i > regionStart && /[ \t\r\n]/.test(text.charAt(i - 1))) {
    if (text.charAt(i - 1) === '\n' && /\n[ \t\r]*$/.test(text.slice(Math.max(regionStart, i - 80), i - 1)))
      return false;
    i--;
  }
  if (i <= regionStart) return false;
  return !/[.!?:#>*\-|]/.test(text.charAt(i - 1));
}

/**
 * The terms with a form starting with `prefix`, closest first: each by its shortest such form, shorter forms first
 * (an exact match is the shortest), one length in alphabetical order; at most MAX_CANDIDATES of them.
 */
function candidatesFor(glossary: Glossary, prefix: string): Pick<CompletionAnswer, 'candidates' | 'truncated'> {
  // One pass over the forms per length, shortest first, rather than a sort: one typed letter matches thousands of
  // forms in a 10k-term glossary (sorting them cost half a millisecond a keystroke), and a hundred terms are usually
  // found among the few shortest lengths. Within a length, formsStartingWith's alphabetical order stays.
  const forms = glossary.formsStartingWith(prefix);
  let shortest = Infinity;
  let longest = 0;
  for (const form of forms) {
    shortest = Math.min(shortest, form.text.length);
    longest = Math.max(longest, form.text.length);
  }
  const seen = new Set<string>();
  const candidates: CompletionCandidate[] = [];
  for (let length = shortest; length <= longest; length++) {
    for (const form of forms) {
      if (form.text.length !== length || seen.has(form.termId)) continue;
      if (candidates.length === MAX_CANDIDATES) return { candidates, truncated: true };
      seen.add(form.termId);
      candidates.push({ termId: form.termId, matchedForm: form.text });
    }
  }
  return { candidates, truncated: false };
}

/** Starts of the last few words before offset (within the region), farthest first: longer prefixes win. */
function precedingWordStarts(text: string, regionStart: number, offset: number): number[] {
  const starts: number[] = [];
  let i = offset;
  while (starts.length < MAX_PREFIX_WORDS && i > regionStart) {
    const code = text.charCodeAt(i - 1);
    if (isWordChar(code)) {
      i = wordStartBefore(text, regionStart, i);
      starts.push(i);
    } else if (isSeparator(code) && code !== 10 && code !== 13) {
      i--;
    } else {
      break;
    }
  }
  return starts.reverse();
}

function wordStartBefore(text: string, regionStart: number, offset: number): number {
  let i = offset;
  while (i > regionStart && isWordChar(text.charCodeAt(i - 1))) i--;
  return i;
}
