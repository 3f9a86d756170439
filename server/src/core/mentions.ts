import { BLOCKING_TERM_ID, CONTEXT_PREFIX, Glossary } from './glossary';
import type { Knob } from './knobs';
import { familyOf } from './languages';
import { followsParamTag, isSnakeCaseToken } from './inlineExclusions';
import { findRegions, Region } from './regions';
import { beforeDeterminer, inOtherSense } from './senses';
import { partitionPoint, spanIndexAt } from './spans';
import type { TextChange } from './textChange';
import { isWordChar } from './textFolding';

/** A mention of one or more terms in a document: [start, end) in UTF-16 offsets. */
export interface Mention {
  start: number;
  end: number;
  termIds: readonly string[];
  /**
   * Where the mention really starts when it begins inside the mention before it ("GPU memory bandwidth": Memory
   * bandwidth starts inside GPU memory). [start, end) is then only its part after that mention, so mentions stay
   * disjoint for lookups at an offset; locations and scans use [extendsFrom, end).
   */
  extendsFrom?: number;
  /** The knobs or metrics an exact name stands for (`--max-num-seqs`, `vllm:num_requests_waiting`). */
  knobs?: readonly Knob[];
}

export interface DocumentAnalysis {
  regions: Region[];
  mentions: Mention[];
}

/** Regions of the document, and every mention of a glossary term inside them, in document order. */
export function analyzeDocument(glossary: Glossary, languageId: string, text: string): DocumentAnalysis {
  const regions = findRegions(languageId, text);
  const names = findNames(glossary, languageId, text, regions);
  return { regions, mentions: withNames(findMentions(glossary, text, regions), names) };
}

/**
 * Exact names (knobs, metrics, identifier-like term names) anywhere in text[from, to): in code files, names that read
 * like ordinary identifiers (`block_size`) count only inside comments and other prose regions.
 */
export function findNames(
  glossary: Glossary,
  languageId: string,
  text: string,
  regions: readonly Region[],
  from = 0,
  to = text.length,
): Mention[] {
  // Identifiers are cut out of prose regions, so a name in prose touches a region on one side or the other.
  const inProse = (start: number, end: number) => spanIndexAt(regions, start) >= 0 || spanIndexAt(regions, end) >= 0;
  const family = familyOf(languageId);
  return glossary.names
    .scan(text, { family, inProse }, from, to)
    .filter((m) => !followsParamTag(text, m.start)) // `@param max_num_seqs` names the program's own parameter
    .filter((m) => family !== 'code' || !opensParameterEntry(text, m.start, m.end))
    .map((m) => ({ start: m.start, end: m.end, termIds: m.termIds, knobs: m.knobs }));
}

/**
 * A program's comment documenting its own parameter or field: "/// `max_num_seqs`: caps ...", "# * `block_size` - ...":
 * the name in backticks opens the comment line and a colon or dash follows it. (In a document the same line lists an
 * engine's setting, and the name counts.)
 */
function opensParameterEntry(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(start - 1) !== 96 || text.charCodeAt(end) !== 96) return false;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (start - lineStart > 40 || !/^[\s/#*!-]*`$/.test(text.slice(lineStart, start))) return false;
  return /^`\s*(?::|-\s|\u2014)/.test(text.slice(end, end + 4));
}

/** Prose mentions and exact names as one list in document order; where they overlap, the name stands, with both terms. */
export function withNames(mentions: readonly Mention[], names: readonly Mention[]): Mention[] {
  if (names.length === 0) return mentions as Mention[];
  const pending = names.map((name) => ({ ...name }));
  const out: Mention[] = [];
  let n = 0;
  for (const mention of mentions) {
    while (n < pending.length && pending[n].end <= mention.start) out.push(pending[n++]);
    const name = pending[n];
    if (name && name.start < mention.end && mention.start < name.end) {
      name.termIds = [...name.termIds, ...mention.termIds.filter((id) => !name.termIds.includes(id))];
      continue;
    }
    out.push(mention);
  }
  while (n < pending.length) out.push(pending[n++]);
  return out;
}

/** Mentions inside already-found regions (regions do not depend on the glossary, so they can be reused). */
export function findMentions(glossary: Glossary, text: string, regions: readonly Region[]): Mention[] {
  return confirmContext(
    glossary,
    mergeExpansions(
      text,
      regions.map((region) => mentionsInRegion(glossary, text, region)),
    ),
  );
}

/** The mentions inside one region: they depend on its text alone, so a region an edit did not touch keeps them. */
export function mentionsInRegion(glossary: Glossary, text: string, region: Region): Mention[] {
  const mentions: Mention[] = [];
  const keep = (start: number, end: number, ids: readonly string[]): readonly string[] => {
    let termIds = ids.includes(BLOCKING_TERM_ID) ? ids.filter((id) => id !== BLOCKING_TERM_ID) : ids;
    // A context form ("driver" for NVIDIA driver, "~nvidia-driver" until confirmed) obeys its term's senses too.
    const rulesOf = (id: string) =>
      glossary.contextRules.get(id.startsWith(CONTEXT_PREFIX) ? id.slice(CONTEXT_PREFIX.length) : id);
    if (glossary.contextRules.size > 0 && termIds.some((id) => rulesOf(id))) {
      const window = text.slice(region.start, region.end); // senses look only inside the region, as matching does
      termIds = termIds.filter((id) => {
        const rules = rulesOf(id);
        return !rules || !inOtherSense(window, start - region.start, end - region.start, rules);
      });
    }
    // An everyday word right before a determiner is a verb: "Cache each block", "it batches the requests".
    if (termIds.some((id) => id.startsWith(CONTEXT_PREFIX)) && beforeDeterminer(text, end, region.end))
      termIds = termIds.filter((id) => !id.startsWith(CONTEXT_PREFIX));
    return termIds;
  };
  glossary.matcher.forEachMatch(text, region.start, region.end, (start, end, ids) => {
    // In a code span only a whole name counts: `helm`, not `helm install` or `kv_cache_size`.
    // A snake_case span is a program's identifier (`batch_size`); a knob's exact name there is the name matcher's.
    if (region.kind === 'codespan' && (start !== region.start || end !== region.end || snakeCaseSpan(text, region)))
      return;
    if (insideKebabName(text, start, end)) return;
    const termIds = keep(start, end, ids);
    if (termIds.length > 0) mentions.push({ start, end, termIds });
  });
  return region.kind === 'codespan' ? mentions : withOverlaps(glossary, text, region, mentions, keep);
}

function snakeCaseSpan(text: string, region: Region): boolean {
  return isSnakeCaseToken(text.slice(region.start, region.end));
}

/** How far (characters) a related mention may start from a context form for it to count. */
export const CONTEXT_REACH = 2000;

/**
 * Context forms (everyday words such as "rank" for Process rank) count only when a mention of the term or of one of
 * its context terms starts within reach; otherwise they are dropped. Regions keep them unconfirmed (their mentions
 * depend on their own text alone); this runs on the merged list, or on a window that spans the reach.
 */
export function confirmContext(glossary: Glossary, mentions: readonly Mention[]): Mention[] {
  if (!mentions.some((m) => m.termIds.some((id) => id.startsWith(CONTEXT_PREFIX)))) return mentions as Mention[];
  const out: Mention[] = [];
  for (const mention of mentions) {
    if (!mention.termIds.some((id) => id.startsWith(CONTEXT_PREFIX))) {
      out.push(mention);
      continue;
    }
    const termIds: string[] = [];
    for (const id of mention.termIds) {
      if (!id.startsWith(CONTEXT_PREFIX)) {
        if (!termIds.includes(id)) termIds.push(id);
        continue;
      }
      const termId = id.slice(CONTEXT_PREFIX.length);
      const context = glossary.contextTermsOf.get(termId);
      const near = mentions.some(
        (other) =>
          other !== mention &&
          Math.abs(other.start - mention.start) <= CONTEXT_REACH &&
          other.termIds.some((o) => !o.startsWith(CONTEXT_PREFIX) && context?.has(o)),
      );
      if (near && !termIds.includes(termId)) termIds.push(termId);
    }
    if (termIds.length > 0) out.push({ ...mention, termIds });
  }
  return out;
}

/**
 * Whether a match is a piece of a longer hyphenated name — `custom-dcgm-exporter-metrics`,
 * `deepseek-r1-bf16`, `disagg-demo-0-58f7-prefill` — rather than words: parts joined to it on both sides, or four
 * parts or more in all, or one lower-case word before two more (`k8s-driver-manager`). "KV-cache-aware" and
 * "prefill-decode" stay words.
 */
function insideKebabName(text: string, start: number, end: number): boolean {
  const joined = (at: number) =>
    text.charCodeAt(at) === 45 /* - */ && isWordChar(text.charCodeAt(at - 1)) && isWordChar(text.charCodeAt(at + 1));
  const partsBefore = countParts(text, start, -1, joined);
  const partsAfter = countParts(text, end, 1, joined);
  if (partsBefore === 0 && partsAfter === 0) return false;
  let inside = 1;
  for (let k = start; k < end; k++) if (joined(k)) inside++;
  if ((partsBefore > 0 && partsAfter > 0) || partsBefore + inside + partsAfter >= 4) return true;
  // One word heading two more in lower case is a component's name: k8s-driver-manager, not "KV-cache-aware".
  return inside === 1 && partsBefore === 0 && partsAfter >= 2 && lowerCaseToken(text, start);
}

/**
 * Whether the hyphenated token starting at `start` reads like a name: no capital letter, and no joining word such as
 * "by" or "to" ("token-by-token", "end-to-end" are phrases). Looked at up to 80 characters.
 */
function lowerCaseToken(text: string, start: number): boolean {
  let k = start;
  while (k < start + 80 && (isWordChar(text.charCodeAt(k)) || text.charCodeAt(k) === 45)) k++;
  const token = text.slice(start, k);
  return !/[A-Z]/.test(token) && !/-(?:by|to|of|and|or|per|for|in|on|the|a)-/.test(token);
}

/** How many hyphen-joined parts continue a token from a match edge, in one direction (capped: 4 is plenty). */
function countParts(text: string, edge: number, step: 1 | -1, joined: (at: number) => boolean): number {
  let parts = 0;
  let at = step === 1 ? edge : edge - 1;
  while (parts < 4 && joined(at)) {
    parts++;
    at += step;
    while (isWordChar(text.charCodeAt(at)) && text.charCodeAt(at) !== 95) at += step;
  }
  return parts;
}

/**
 * Adds the mentions that start inside another one and run past it ("GPU memory bandwidth": Memory bandwidth after
 * GPU memory), as their part after it (see Mention.extendsFrom), when nothing else claims that part.
 */
function withOverlaps(
  glossary: Glossary,
  text: string,
  region: Region,
  mentions: Mention[],
  keep: (start: number, end: number, ids: readonly string[]) => readonly string[],
): Mention[] {
  const out: Mention[] = [];
  let added = false;
  for (let m = 0; m < mentions.length; m++) {
    const mention = mentions[m];
    out.push(mention);
    const limit = m + 1 < mentions.length ? mentions[m + 1].start : region.end;
    for (let w = mention.start + 1; w < mention.end; w++) {
      if (isWordChar(text.charCodeAt(w - 1)) || !isWordChar(text.charCodeAt(w))) continue; // word starts only
      const found = glossary.matcher.matchAt(text, w, region.end);
      if (!found || found.end <= mention.end || found.end > limit) continue;
      const termIds = keep(w, found.end, found.termIds);
      if (termIds.length === 0) continue;
      let tail = mention.end;
      while (tail < found.end && !isWordChar(text.charCodeAt(tail))) tail++;
      out.push({ start: tail, end: found.end, termIds, extendsFrom: w });
      added = true;
      break;
    }
  }
  return added ? out : mentions;
}

/**
 * All mentions in document order, where "time to first token (TTFT)" and "TTFT (time to first token)" are one:
 * a mention followed by another of the same term in parentheses grows to cover both. Never changes its input,
 * which callers cache per region.
 */
export function mergeExpansions(text: string, perRegion: readonly (readonly Mention[])[]): Mention[] {
  const mentions: Mention[] = [];
  for (const list of perRegion) {
    for (const next of list) {
      const previous = mentions[mentions.length - 1];
      const merged = previous && mergedExpansion(text, previous, next);
      if (merged) mentions[mentions.length - 1] = merged;
      else mentions.push(next);
    }
  }
  return mentions;
}

function mergedExpansion(text: string, previous: Mention, next: Mention): Mention | undefined {
  if (text.charCodeAt(next.start - 1) !== 40 /* ( */ || text[next.end] !== ')') return undefined;
  if (
    !previous.termIds.some((id) => next.termIds.includes(id)) ||
    !/^\s*\($/.test(text.slice(previous.end, next.start))
  )
    return undefined;
  return {
    start: previous.start,
    end: next.end + 1,
    termIds: previous.termIds.filter((id) => next.termIds.includes(id)),
  };
}

/**
 * The previous version's per-region mentions that still hold after `change`: a region that lies wholly before or
 * after it, with the same bounds (shifted, after it) as before, keeps them; the others get undefined (match again).
 */
export function carriedOverMentions(
  regions: readonly Region[],
  previous: { regions: readonly Region[]; perRegion: readonly (readonly Mention[] | undefined)[] },
  change: TextChange,
): (readonly Mention[] | undefined)[] {
  const shift = change.newEnd - change.oldEnd;
  const previousMentions = (start: number, end: number): readonly Mention[] | undefined => {
    const index = spanIndexAt(previous.regions, start);
    const old = previous.regions[index];
    return old && old.start === start && old.end === end ? previous.perRegion[index] : undefined;
  };
  return regions.map((region) => {
    if (region.end <= change.start) return previousMentions(region.start, region.end);
    if (region.start >= change.newEnd)
      return previousMentions(region.start - shift, region.end - shift)?.map((m) => ({
        start: m.start + shift,
        end: m.end + shift,
        termIds: m.termIds,
      }));
    return undefined;
  });
}

/**
 * The mention covering offset, as `mentionAt(mergeExpansions(...))` over the whole document finds it, but matching
 * only the regions around the offset (`mentionsOf(i)` gives region i's mentions). The window widens while an
 * expansion ("TTFT (time to first token)") can join a mention inside it to one outside: only a mention right after
 * "(" joins the one before it. With `partial`, `regions` are only the first ones of the document, and the answer is
 * undefined when it may depend on later ones.
 */
export function mentionAround(
  glossary: Glossary,
  text: string,
  regions: readonly Region[],
  mentionsOf: (i: number) => readonly Mention[],
  offset: number,
  partial = false,
): { mention: Mention | undefined } | undefined {
  // The first region that ends at or after the offset (binary search), and one region on either side.
  const lo = partitionPoint(regions.length, (i) => regions[i].end < offset);
  let first = Math.max(0, lo - 1);
  let last = Math.min(regions.length - 1, lo + 1);
  const joinsPrevious = (m: Mention) => text.charCodeAt(m.start - 1) === 40; /* ( */
  const firstMentionFrom = (from: number) => {
    for (let i = from; i <= last; i++) if (mentionsOf(i).length > 0) return mentionsOf(i)[0];
    return undefined;
  };
  // Forward: take in the first mention after the window while it could join the window's last one.
  let settled = false;
  for (let next = last + 1; next < regions.length; next++) {
    const found = mentionsOf(next);
    if (found.length === 0) continue;
    settled = !joinsPrevious(found[0]);
    if (settled) break;
    last = next;
  }
  if (partial && !settled) return undefined;
  // No mention in the window, and none after it joins one: nothing covers the offset.
  let firstMention = firstMentionFrom(first);
  if (!firstMention) return { mention: undefined };
  // Backward: while the window's first mention could join one before the window.
  while (first > 0 && joinsPrevious(firstMention)) {
    first--;
    firstMention = firstMentionFrom(first)!;
  }
  const merge = () => {
    const window: (readonly Mention[])[] = [];
    for (let i = first; i <= last; i++) window.push(mentionsOf(i));
    return mergeExpansions(text, window);
  };
  let merged = merge();
  if (merged.some((m) => m.termIds.some((id) => id.startsWith(CONTEXT_PREFIX)))) {
    // A context form counts only with a related mention within reach: take in every region that may hold one.
    const from = offset - CONTEXT_REACH - CONTEXT_SLACK;
    const to = offset + CONTEXT_REACH + CONTEXT_SLACK;
    while (first > 0 && regions[first - 1].end >= from) first--;
    while (last + 1 < regions.length && regions[last + 1].start <= to) last++;
    if (partial && last === regions.length - 1) return undefined; // what follows the known regions may decide it
    merged = merge();
  }
  return { mention: mentionAt(confirmContext(glossary, merged), offset) };
}

/** Longer than a mention is long: the window around an offset covers every mention within reach of the one there. */
const CONTEXT_SLACK = 200;

/** The mention covering offset (a cursor just after the last character counts). */
export function mentionAt(mentions: readonly Mention[], offset: number): Mention | undefined {
  const index = spanIndexAt(mentions, offset);
  return index >= 0 ? mentions[index] : undefined;
}
