import { FOLDED_SEPARATOR, foldCase, foldForm, isIgnorable, isSeparator, isWordChar, significantChars } from './textFolding';

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
  termIds: string[];
}

interface Output {
  termId: string;
  caseSensitive: boolean;
  exact: string; // significant characters, compared when caseSensitive
}

// Suffixes a mention may carry after the form: plurals and possessives ("KV caches", "the scheduler's").
const SUFFIXES = ["'s", '\u2019s', "s'", 'es', 's'];

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
  private readonly rootTable = new Int32Array(128).fill(-1); // dense first step for ASCII
  private readonly acceptIndex: Int32Array; // per node: index into outputLists, or -1
  private readonly outputLists: Output[][];
  readonly formCount: number;

  constructor(forms: readonly SurfaceForm[]) {
    // Built from the sorted keys: a key shares its path with the previous key up to their common prefix, so no
    // per-node lookup structure is needed, and each node's edges come out in character order.
    const entries = forms
      .map((form) => ({ key: foldForm(form.text), output: { termId: form.termId, caseSensitive: form.caseSensitive, exact: significantChars(form.text) } }))
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
    for (const { key, output } of entries) {
      if (key !== previous) {
        let common = 0;
        while (common < key.length && common < previous.length && key.charCodeAt(common) === previous.charCodeAt(common)) common++;
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
      if (!list.some((o) => o.termId === output.termId && o.caseSensitive === output.caseSensitive && o.exact === output.exact)) {
        list.push(output);
        count++;
      }
      acceptAt.set(node, list);
    }
    this.formCount = count;
    // Compressed sparse rows: edges grouped by parent (a stable counting sort keeps character order).
    this.edgeStart = new Int32Array(nodeCount + 1);
    for (const parent of parents) this.edgeStart[parent + 1]++;
    for (let n = 0; n < nodeCount; n++) this.edgeStart[n + 1] += this.edgeStart[n];
    this.edgeChar = new Uint16Array(parents.length);
    this.edgeTarget = new Int32Array(parents.length);
    const fill = this.edgeStart.slice(0, nodeCount);
    for (let e = 0; e < parents.length; e++) {
      const at = fill[parents[e]]++;
      this.edgeChar[at] = chars[e];
      this.edgeTarget[at] = children[e];
    }
    this.acceptIndex = new Int32Array(nodeCount).fill(-1);
    this.outputLists = [];
    for (const [node, list] of acceptAt) {
      this.acceptIndex[node] = this.outputLists.length;
      this.outputLists.push(list);
    }
    for (let e = this.edgeStart[0]; e < this.edgeStart[1]; e++) if (this.edgeChar[e] < 128) this.rootTable[this.edgeChar[e]] = this.edgeTarget[e];
  }

  private step(node: number, code: number): number {
    if (node === 0 && code < 128) return this.rootTable[code];
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
    let i = from;
    while (i < to) {
      const code = text.charCodeAt(i);
      if (!isWordChar(code) || (i > from && isWordChar(text.charCodeAt(i - 1)))) {
        i++;
        continue;
      }
      const found = this.longestAt(text, i, to);
      if (found) {
        matches.push(found);
        i = found.end;
      } else {
        i++;
        while (i < to && isWordChar(text.charCodeAt(i))) i++; // the rest of this word cannot start a match
      }
    }
    return matches;
  }

  /** The longest match starting exactly at `start` (which must be a word start), if any. */
  longestAt(text: string, start: number, to = text.length): Match | undefined {
    let node = 0;
    let i = start;
    let best: Match | undefined;
    while (i < to) {
      const code = text.charCodeAt(i);
      if (isIgnorable(code)) {
        i++;
        continue;
      }
      if (isSeparator(code)) {
        let j = i + 1;
        while (j < to && (isSeparator(text.charCodeAt(j)) || isIgnorable(text.charCodeAt(j)))) j++;
        node = this.step(node, FOLDED_SEPARATOR);
        i = j;
      } else {
        node = this.step(node, foldCase(code));
        i++;
      }
      if (node < 0) break;
      if (this.acceptIndex[node] >= 0) {
        const end = this.acceptedEnd(text, i, to);
        if (end >= 0) {
          const termIds = this.acceptedTerms(node, text, start, i);
          if (termIds.length > 0) best = { start, end, termIds };
        }
      }
    }
    return best;
  }

  /** Where a match ending at `end` really ends once an optional plural/possessive suffix is taken, or -1 if it ends mid-word. */
  private acceptedEnd(text: string, end: number, to: number): number {
    for (const suffix of SUFFIXES) {
      const after = end + suffix.length;
      if (after <= to && text.startsWith(suffix, end) && (after >= to || !isWordChar(text.charCodeAt(after)))) return after;
    }
    return end >= to || !isWordChar(text.charCodeAt(end)) ? end : -1;
  }

  private acceptedTerms(node: number, text: string, start: number, end: number): string[] {
    const ids: string[] = [];
    let exactText: string | undefined;
    for (const output of this.outputLists[this.acceptIndex[node]]) {
      if (output.caseSensitive) {
        exactText ??= significantChars(text.slice(start, end));
        if (exactText !== output.exact) continue;
      }
      if (!ids.includes(output.termId)) ids.push(output.termId);
    }
    return ids;
  }
}
