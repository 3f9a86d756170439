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
  private readonly outputsOf: Output[][];
  readonly formCount: number;

  constructor(forms: readonly SurfaceForm[]) {
    const children: Map<number, number>[] = [new Map()];
    const outputs: Output[][] = [[]];
    let count = 0;
    for (const form of forms) {
      const key = foldForm(form.text);
      if (key.length === 0) continue;
      let node = 0;
      for (let i = 0; i < key.length; i++) {
        const code = key.charCodeAt(i);
        let next = children[node].get(code);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          outputs.push([]);
          children[node].set(code, next);
        }
        node = next;
      }
      const exact = significantChars(form.text);
      const existing = outputs[node];
      if (!existing.some((o) => o.termId === form.termId && o.caseSensitive === form.caseSensitive && o.exact === exact)) {
        existing.push({ termId: form.termId, caseSensitive: form.caseSensitive, exact });
        count++;
      }
    }
    this.formCount = count;
    this.outputsOf = outputs;
    const nodeCount = children.length;
    let edgeCount = 0;
    for (const c of children) edgeCount += c.size;
    this.edgeStart = new Int32Array(nodeCount + 1);
    this.edgeChar = new Uint16Array(edgeCount);
    this.edgeTarget = new Int32Array(edgeCount);
    let at = 0;
    for (let n = 0; n < nodeCount; n++) {
      this.edgeStart[n] = at;
      for (const [code, target] of [...children[n]].sort((a, b) => a[0] - b[0])) {
        this.edgeChar[at] = code;
        this.edgeTarget[at] = target;
        at++;
      }
    }
    this.edgeStart[nodeCount] = at;
    for (const [code, target] of children[0]) if (code < 128) this.rootTable[code] = target;
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
      if (this.outputsOf[node].length > 0) {
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
    for (const output of this.outputsOf[node]) {
      if (output.caseSensitive) {
        exactText ??= significantChars(text.slice(start, end));
        if (exactText !== output.exact) continue;
      }
      if (!ids.includes(output.termId)) ids.push(output.termId);
    }
    return ids;
  }
}
