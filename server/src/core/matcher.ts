import { stringTable } from './interning';
import {
  classOf,
  FOLDED_SEPARATOR,
  foldCase,
  foldForm,
  IGNORABLE,
  SEPARATOR,
  significantChars,
  WORD,
} from './textFolding';

/** One surface form to find, e.g. "KV cache" for the term kv-cache. */
export interface SurfaceForm {
  text: string;
  termId: string;
  caseSensitive: boolean;
}

/** A match in the scanned text: [start, end) in UTF-16 offsets, with every term whose form matched there. */
export interface Match {
  start: number;
  end: number;
  /** Shared between matches of the same form: read it, never change it. */
  termIds: readonly string[];
}

export type MatchVisitor = (start: number, end: number, termIds: readonly string[]) => void;

interface Output {
  termId: string;
  caseSensitive: boolean;
  exact: string; // significant characters, compared when caseSensitive
}

/** The forms accepted at one trie node; `anyCase` holds their term ids when none is case-sensitive (the common case). */
interface Accepted {
  outputs: Output[];
  anyCase?: readonly string[];
}

// Suffixes a mention may carry after the form: plurals and possessives ("KV caches", "the scheduler's").
const SUFFIXES = ["'s", '\u2019s', "s'", 'es', 's'];

const DENSE_MIN_CHILDREN = 6;
const UNDERSCORE = 95;

/** A run of underscores at `at` that ends the word (_KV cache_): emphasis, not part of an identifier (kv_cache_dtype). */
function closesEmphasis(text: string, at: number, to: number): boolean {
  let k = at;
  while (k < to && text.charCodeAt(k) === UNDERSCORE) k++;
  return k >= to || (classOf(text.charCodeAt(k)) & WORD) === 0;
}

/**
 * A compiled SurfaceMatcher as flat arrays and strings, nothing else: what the build stores so that a start need not
 * compile the forms again (see SurfaceMatcher.fromData). The accepted forms of accepting node `a` (numbered in
 * `acceptIndex`) are outputs [outputStart[a], outputStart[a + 1]), their term ids and exact texts indexes into `strings`.
 */
export interface SurfaceMatcherData {
  edgeStart: Int32Array;
  edgeChar: Uint16Array;
  edgeTarget: Int32Array;
  denseRow: Int32Array;
  denseTable: Int32Array;
  acceptIndex: Int32Array;
  outputStart: Int32Array;
  outputTermId: Int32Array;
  outputExact: Int32Array;
  outputCaseSensitive: Uint8Array;
  strings: string[];
  maxDepth: number;
  formCount: number;
}

/**
 * All surface forms compiled into one trie over folded characters, stored flat in typed arrays
 * (compressed sparse rows) so that scanning allocates nothing per character. The scan walks the trie
 * from each word start and keeps the longest accepted end, which gives leftmost-longest matches:
 * "paged attention" wins over "attention".
 */
export class SurfaceMatcher {
  private readonly edgeStart: Int32Array; // edges of node n are [edgeStart[n], edgeStart[n+1])
  private readonly edgeChar: Uint16Array;
  private readonly edgeTarget: Int32Array;
  // Nodes with many children (the root, the first letters) also get a dense row over ASCII: one load instead of a
  // binary search on the steps every word start takes.
  private readonly denseRow: Int32Array; // per node: its row in denseTable, or -1
  private readonly denseTable: Int32Array;
  private readonly acceptIndex: Int32Array; // per node: index into accepted, or -1
  // Made from the data the first time a walk reaches the node: a start makes none it does not use.
  private readonly accepted: (Accepted | undefined)[];
  // Accepting nodes passed on one walk, as (node, walked to, match end) triples: only the longest that holds
  // a term is kept, so terms are computed after the walk rather than at every accepting node.
  private readonly candidates: Int32Array; // a walk takes one trie step per character: at most one per depth
  private foundTermIds: readonly string[] = []; // the terms of the match longestAt last found
  readonly formCount: number;

  /** `data`: the forms compiled before (toData of a matcher of the same forms); by default they are compiled here. */
  constructor(
    forms: readonly SurfaceForm[],
    private readonly data: SurfaceMatcherData = compileSurfaceForms(forms),
  ) {
    this.edgeStart = data.edgeStart;
    this.edgeChar = data.edgeChar;
    this.edgeTarget = data.edgeTarget;
    this.denseRow = data.denseRow;
    this.denseTable = data.denseTable;
    this.acceptIndex = data.acceptIndex;
    this.accepted = new Array<Accepted | undefined>(data.outputStart.length - 1);
    this.candidates = new Int32Array(3 * (data.maxDepth + 1));
    this.formCount = data.formCount;
  }

  /** A matcher from data a matcher's toData gave: it answers exactly as that matcher. */
  static fromData(data: SurfaceMatcherData): SurfaceMatcher {
    return new SurfaceMatcher([], data);
  }

  /** What this matcher is made of; shared, never to be changed. */
  toData(): SurfaceMatcherData {
    return this.data;
  }

  private step(node: number, code: number): number {
    if (code < 128) {
      const row = this.denseRow[node];
      if (row >= 0) return this.denseTable[row * 128 + code];
    }
    let lo = this.edgeStart[node];
    let hi = this.edgeStart[node + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.edgeChar[mid];
      if (c === code) return this.edgeTarget[mid];
      if (c < code) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Finds non-overlapping leftmost-longest matches in text[from, to). */
  scan(text: string, from = 0, to = text.length): Match[] {
    const matches: Match[] = [];
    this.forEachMatch(text, from, to, (start, end, termIds) => void matches.push({ start, end, termIds }));
    return matches;
  }

  /**
   * Calls `visit` for each match of `scan`, in order, without building match objects: callers that keep only
   * some matches, or build their own records, save the allocation (a 20 MB text has some 300,000 matches).
   */
  forEachMatch(text: string, from: number, to: number, visit: MatchVisitor): void {
    let i = from;
    for (;;) {
      while (i < to && (classOf(text.charCodeAt(i)) & WORD) === 0) i++;
      if (i >= to) return;
      // A word start: a match ends before a word character, so the character after one never continues a word.
      // Underscores opening a word are emphasis (_KV cache_, __TTFT__): the match starts after them.
      while (i + 1 < to && text.charCodeAt(i) === UNDERSCORE && text.charCodeAt(i + 1) === UNDERSCORE) i++;
      const start =
        text.charCodeAt(i) === UNDERSCORE && i + 1 < to && (classOf(text.charCodeAt(i + 1)) & SEPARATOR) === 0
          ? i + 1
          : i;
      const end = this.longestAt(text, start, to);
      if (end >= 0) {
        visit(start, end, this.foundTermIds);
        i = end;
        while (i < to && text.charCodeAt(i) === UNDERSCORE) i++; // an emphasis closer (KV cache_) opens nothing
      } else {
        i++;
        while (i < to && (classOf(text.charCodeAt(i)) & WORD) !== 0) i++; // the rest of this word cannot start a match
      }
    }
  }

  /** The longest match starting exactly at `start`, a word start, and ending by `to`. */
  matchAt(text: string, start: number, to: number): { end: number; termIds: readonly string[] } | undefined {
    const end = this.longestAt(text, start, to);
    return end >= 0 ? { end, termIds: this.foundTermIds } : undefined;
  }

  /** The end of the longest match starting exactly at `start` (a word start), its terms in foundTermIds; or -1. */
  private longestAt(text: string, start: number, to: number): number {
    const candidates = this.candidates;
    let count = 0;
    let node = 0;
    let i = start;
    while (i < to) {
      const code = text.charCodeAt(i);
      const cls = classOf(code);
      if ((cls & IGNORABLE) !== 0) {
        i++;
        continue;
      }
      if ((cls & SEPARATOR) !== 0) {
        i++;
        while (i < to && (classOf(text.charCodeAt(i)) & (SEPARATOR | IGNORABLE)) !== 0) i++;
        node = this.step(node, FOLDED_SEPARATOR);
      } else {
        node = this.step(node, foldCase(code));
        i++;
      }
      if (node < 0) break;
      if (this.acceptIndex[node] >= 0) {
        const end = this.acceptedEnd(text, i, to);
        if (end >= 0) {
          candidates[3 * count] = node;
          candidates[3 * count + 1] = i;
          candidates[3 * count + 2] = end;
          count++;
        }
      }
    }
    for (let c = count - 1; c >= 0; c--) {
      this.foundTermIds = this.acceptedTerms(candidates[3 * c], text, start, candidates[3 * c + 1]);
      if (this.foundTermIds.length > 0) return candidates[3 * c + 2];
    }
    return -1;
  }

  /** Where a match ending at `end` really ends once an optional plural/possessive suffix is taken, or -1 if it ends mid-word. */
  private acceptedEnd(text: string, end: number, to: number): number {
    if (end >= to) return end;
    const next = text.charCodeAt(end);
    if (next === UNDERSCORE) return closesEmphasis(text, end, to) ? end : -1;
    // Every suffix starts with one of these: anything else either ends the word here or continues it.
    if (next !== 39 /* ' */ && next !== 0x2019 && next !== 115 /* s */ && next !== 101 /* e */)
      return (classOf(next) & WORD) === 0 ? end : -1;
    for (const suffix of SUFFIXES) {
      const after = end + suffix.length;
      if (
        after <= to &&
        text.startsWith(suffix, end) &&
        (after >= to || (classOf(text.charCodeAt(after)) & WORD) === 0)
      )
        return after;
    }
    return (classOf(next) & WORD) === 0 ? end : -1;
  }

  private acceptedTerms(node: number, text: string, start: number, end: number): readonly string[] {
    const index = this.acceptIndex[node];
    const accepted = this.accepted[index] ?? this.acceptedAt(index);
    if (accepted.anyCase) return accepted.anyCase;
    const ids: string[] = [];
    let exactText: string | undefined;
    for (const output of accepted.outputs) {
      if (output.caseSensitive) {
        exactText ??= significantChars(text.slice(start, end));
        if (exactText !== output.exact) continue;
      }
      if (!ids.includes(output.termId)) ids.push(output.termId);
    }
    return ids;
  }

  private acceptedAt(index: number): Accepted {
    const { outputStart, outputTermId, outputExact, outputCaseSensitive, strings } = this.data;
    const outputs: Output[] = [];
    for (let o = outputStart[index]; o < outputStart[index + 1]; o++)
      outputs.push({
        termId: strings[outputTermId[o]],
        caseSensitive: outputCaseSensitive[o] === 1,
        exact: strings[outputExact[o]],
      });
    const anyCase = outputs.some((o) => o.caseSensitive) ? undefined : [...new Set(outputs.map((o) => o.termId))];
    return (this.accepted[index] = { outputs, anyCase });
  }
}

/**
 * The trie of the forms as flat arrays. Built from the sorted keys: a key shares its path with the previous key up to
 * their common prefix, so no per-node lookup structure is needed, and each node's edges come out in character order.
 */
function compileSurfaceForms(forms: readonly SurfaceForm[]): SurfaceMatcherData {
  const entries = forms
    .map((form) => ({
      key: foldForm(form.text),
      output: { termId: form.termId, caseSensitive: form.caseSensitive, exact: significantChars(form.text) },
    }))
    .filter((e) => e.key.length > 0)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const parents: number[] = [];
  const chars: number[] = [];
  const children: number[] = [];
  const acceptAt = new Map<number, Output[]>();
  let nodeCount = 1;
  let previous = '';
  const path = [0]; // path[i]: the node reached after the first i characters of `previous`
  let count = 0;
  let maxDepth = 0;
  for (const { key, output } of entries) {
    maxDepth = Math.max(maxDepth, key.length);
    if (key !== previous) {
      let common = 0;
      while (common < key.length && common < previous.length && key.charCodeAt(common) === previous.charCodeAt(common))
        common++;
      path.length = common + 1;
      for (let i = common; i < key.length; i++) {
        parents.push(path[i]);
        chars.push(key.charCodeAt(i));
        children.push(nodeCount);
        path.push(nodeCount++);
      }
      previous = key;
    }
    const node = path[key.length];
    const list = acceptAt.get(node) ?? [];
    if (
      !list.some(
        (o) => o.termId === output.termId && o.caseSensitive === output.caseSensitive && o.exact === output.exact,
      )
    ) {
      list.push(output);
      count++;
    }
    acceptAt.set(node, list);
  }
  // Compressed sparse rows: edges grouped by parent (a stable counting sort keeps character order).
  const edgeStart = new Int32Array(nodeCount + 1);
  for (const parent of parents) edgeStart[parent + 1]++;
  for (let n = 0; n < nodeCount; n++) edgeStart[n + 1] += edgeStart[n];
  const edgeChar = new Uint16Array(parents.length);
  const edgeTarget = new Int32Array(parents.length);
  const fill = edgeStart.slice(0, nodeCount);
  for (let e = 0; e < parents.length; e++) {
    const at = fill[parents[e]]++;
    edgeChar[at] = chars[e];
    edgeTarget[at] = children[e];
  }
  const acceptIndex = new Int32Array(nodeCount).fill(-1);
  const outputStart = new Int32Array(acceptAt.size + 1);
  const outputTermId = new Int32Array(count);
  const outputExact = new Int32Array(count);
  const outputCaseSensitive = new Uint8Array(count);
  const { strings, intern } = stringTable();
  let accepted = 0;
  let o = 0;
  for (const [node, outputs] of acceptAt) {
    acceptIndex[node] = accepted++;
    for (const output of outputs) {
      outputTermId[o] = intern(output.termId);
      outputExact[o] = intern(output.exact);
      outputCaseSensitive[o] = output.caseSensitive ? 1 : 0;
      o++;
    }
    outputStart[accepted] = o;
  }
  const denseRow = new Int32Array(nodeCount).fill(-1);
  const denseNodes = [];
  for (let n = 0; n < nodeCount; n++)
    if (n === 0 || edgeStart[n + 1] - edgeStart[n] >= DENSE_MIN_CHILDREN) denseNodes.push(n);
  const denseTable = new Int32Array(denseNodes.length * 128).fill(-1);
  denseNodes.forEach((n, row) => {
    denseRow[n] = row;
    for (let e = edgeStart[n]; e < edgeStart[n + 1]; e++)
      if (edgeChar[e] < 128) denseTable[row * 128 + edgeChar[e]] = edgeTarget[e];
  });
  return {
    edgeStart,
    edgeChar,
    edgeTarget,
    denseRow,
    denseTable,
    acceptIndex,
    outputStart,
    outputTermId,
    outputExact,
    outputCaseSensitive,
    strings,
    maxDepth,
    formCount: count,
  };
}
