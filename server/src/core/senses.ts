import type { Term } from './termFile';
import { foldForm } from './textFolding';

/**
 * A context in which a term's forms mean something else, from an `avoid` entry with a gap: "decode ... {certificate|
 * base64|JSON}" skips Decode when one of those words follows within a few words; "{PEM|base64} ... decode" when one
 * precedes. (Entries without "..." are plain phrases that block their span; see Glossary.)
 */
export interface ContextRule {
  side: 'before' | 'after';
  /** Folded words or phrases, any of which marks the other sense. */
  words: string[];
  /**
   * The folded names the entry gives the term ("GPU instance" in "GPU instance ... {EC2|type}"): the rule is about
   * mentions that read like one of them, not about the term's other names ("MIG device type" is no cloud instance).
   */
  names: string[];
}

/** How many words on that side are looked at. */
export const CONTEXT_WORDS = 6;
const WINDOW_CHARS = 120;

export function contextRulesOf(term: Term): ContextRule[] {
  const rules: ContextRule[] = [];
  const own = new Set([term.title, ...term.aliases, ...term.forms].map(foldForm));
  for (const entry of term.avoid) {
    const gap = entry.indexOf('...');
    if (gap < 0) continue;
    const left = entry.slice(0, gap).trim();
    const right = entry.slice(gap + 3).trim();
    const alternatives = (part: string) => {
      const m = /^\{([^{}]*)\}$/.exec(part);
      return (m ? m[1].split('|') : [part]).map(foldForm).filter((w) => w !== '');
    };
    // The side that names the term itself is where the mention is; the other side is the context.
    const leftIsTerm = alternatives(left).some((w) => own.has(w) || startsLikeTerm(w, own));
    if (leftIsTerm) rules.push({ side: 'after', words: alternatives(right), names: alternatives(left) });
    else rules.push({ side: 'before', words: alternatives(left), names: alternatives(right) });
  }
  return rules;
}

/** "decode" names Decode though the title is "Decode" and its forms include "decoding": compare by stem. */
function startsLikeTerm(word: string, own: ReadonlySet<string>): boolean {
  for (const form of own)
    if (form.length >= 4 && (word.startsWith(form.slice(0, 4)) || form.startsWith(word.slice(0, 4)))) return true;
  return false;
}

/**
 * Whether a mention text[start, end) stands in a context one of the rules names: a word or phrase among the next
 * (or previous) few words of the same sentence, for a rule about a name the mention reads like.
 */
export function inOtherSense(text: string, start: number, end: number, rules: readonly ContextRule[]): boolean {
  let mention: string | undefined;
  for (const rule of rules) {
    mention ??= foldForm(text.slice(start, end));
    if (!readsLike(mention, rule.names)) continue;
    const window = rule.side === 'after' ? wordsAfter(text, end) : wordsBefore(text, start);
    const joined = ` ${window.join(' ')} `;
    if (rule.words.some((w) => joined.includes(` ${w} `) || window.some((x) => x === `${w}s`))) return true;
  }
  return false;
}

/** A mention reads like a name when they start alike (compared by stem: "decoding" reads like "decode"). */
function readsLike(mention: string, names: readonly string[]): boolean {
  for (const name of names) {
    const stem = Math.min(4, name.length, mention.length);
    if (mention.slice(0, stem) === name.slice(0, stem)) return true;
  }
  return false;
}

function wordsAfter(text: string, from: number): string[] {
  const slice = text.slice(from, from + WINDOW_CHARS).split(/[.!?;\n]/, 1)[0];
  return slice
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, CONTEXT_WORDS)
    .map((w) => w.toLowerCase());
}

function wordsBefore(text: string, to: number): string[] {
  const slice = text.slice(Math.max(0, to - WINDOW_CHARS), to);
  const sentence = slice.split(/[.!?;\n]/).pop() ?? '';
  return sentence
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(-CONTEXT_WORDS)
    .map((w) => w.toLowerCase());
}

// Not "that" or "these": "adapters that are loaded", "the adapter these requests use" keep the noun.
const DETERMINERS = new Set(['the', 'a', 'an', 'each', 'every', 'all', 'both', 'its', 'their', 'our', 'your', 'my']);

/**
 * Whether the word after text[..end) (one space or tab away, before `limit`) is a determiner: an everyday word used as
 * a context form reads as a verb there ("Cache each full block", "rank the candidates"), not as the term's noun. A
 * plural is left alone: "sharded across ranks the same way" is the noun.
 */
export function beforeDeterminer(text: string, end: number, limit: number): boolean {
  let k = end;
  if (text.charCodeAt(end - 1) === 115 /* s */ || text.charCodeAt(end - 1) === 83 /* S */) return false;
  if (k >= limit || (text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9)) return false;
  k++;
  let word = '';
  while (k < limit && word.length <= 6) {
    const c = text.charCodeAt(k);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) break;
    word += text[k];
    k++;
  }
  return word.length > 0 && word.length <= 6 && DETERMINERS.has(word.toLowerCase()) && !isWordCode(text.charCodeAt(k));
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
