import * as assert from 'assert';
import fc from 'fast-check';
import { Glossary } from '../../server/src/core/glossary';
import { SurfaceForm } from '../../server/src/core/matcher';
import { foldCase, isIgnorable, isSeparator, isWordChar, significantChars } from '../../server/src/core/textFolding';
import { makeTerm } from '../support/termFactory';

/**
 * The obviously-correct matcher the fast one must equal: at every word start, try every form with a
 * character-by-character comparison, keep the longest that ends at a word boundary (after an optional
 * plural/possessive suffix), and continue after it.
 */
function referenceScan(
  forms: readonly SurfaceForm[],
  text: string,
): { start: number; end: number; termIds: string[] }[] {
  const result: { start: number; end: number; termIds: string[] }[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isWordChar(text.charCodeAt(i)) || (i > 0 && isWordChar(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    // Underscores opening a word are emphasis: a match starts after them.
    let start = i;
    while (text[start] === '_' && text[start + 1] === '_') start++;
    if (text[start] === '_' && start + 1 < text.length && !isSeparator(text.charCodeAt(start + 1))) start++;
    let best: { start: number; end: number; termIds: string[]; raw: number } | undefined;
    for (const form of forms) {
      const raw = matchFormAt(form.text, text, start);
      if (raw < 0) continue;
      if (form.caseSensitive && significantChars(text.slice(start, raw)) !== significantChars(form.text)) continue;
      const end = boundaryEnd(text, raw);
      if (end < 0) continue;
      if (!best || raw > best.raw) best = { start, end, termIds: [form.termId], raw };
      else if (raw === best.raw && !best.termIds.includes(form.termId)) best.termIds.push(form.termId);
    }
    if (best) {
      result.push({ start: best.start, end: best.end, termIds: best.termIds });
      i = best.end;
    } else i++;
  }
  return result;
}

/** End of `form` matched at text[start] with separators folded and ignorables skipped, or -1. */
function matchFormAt(form: string, text: string, start: number): number {
  const words = form.split(/[\s\-_/\u00a0\u2010-\u2013\u202f]+/).filter(Boolean);
  let at = start;
  for (let w = 0; w < words.length; w++) {
    if (w > 0) {
      // Words are split by at least one real separator; invisible characters alone do not split them.
      let separators = 0;
      while (at < text.length && (isSeparator(text.charCodeAt(at)) || isIgnorable(text.charCodeAt(at))))
        separators += isSeparator(text.charCodeAt(at++)) ? 1 : 0;
      if (separators === 0) return -1;
    }
    for (const ch of words[w]) {
      while (at < text.length && isIgnorable(text.charCodeAt(at))) at++;
      if (at >= text.length || foldCase(text.charCodeAt(at)) !== foldCase(ch.charCodeAt(0))) return -1;
      at++;
    }
  }
  return at;
}

function boundaryEnd(text: string, end: number): number {
  if (text[end] === '_') {
    let k = end;
    while (text[k] === '_') k++;
    return k >= text.length || !isWordChar(text.charCodeAt(k)) ? end : -1;
  }
  for (const suffix of ["'s", '\u2019s', "s'", 'es', 's']) {
    const after = end + suffix.length;
    if (text.startsWith(suffix, end) && (after >= text.length || !isWordChar(text.charCodeAt(after)))) return after;
  }
  return end >= text.length || !isWordChar(text.charCodeAt(end)) ? end : -1;
}

const NAMES = ['KV cache', 'TP', 'paged attention', 'attention', 'SLO', 'Kv', 'cache hit', 'prefill', 'TTFT', 'p99'];
const PIECES = [
  ...NAMES,
  ...NAMES.map((n) => n.toLowerCase()),
  'KV-cache',
  'kv_cache',
  'HTTP',
  'caches',
  "TP's",
  ' ',
  ' ',
  '-',
  '_',
  '__',
  '/',
  '_KV cache_',
  '\n',
  '.',
  'x',
  'é',
  '\u200d',
  '(',
  ')',
  's',
  "'",
  'lowest_',
];

describe('The matcher, property-tested', () => {
  it('finds exactly what the slow reference implementation finds, on random text', () => {
    fc.assert(
      fc.property(
        fc.subarray(NAMES, { minLength: 1 }),
        fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }),
        (names, pieces) => {
          const glossary = new Glossary([names.map((name, i) => makeTerm(`t${i}`, name))]);
          const text = pieces.join('');
          assert.deepStrictEqual(glossary.matcher.scan(text), referenceScan(glossary.forms, text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never throws and keeps every match in bounds and in order, on arbitrary Unicode', () => {
    const glossary = new Glossary([NAMES.map((name, i) => makeTerm(`t${i}`, name))]);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        let last = 0;
        for (const m of glossary.matcher.scan(text)) {
          assert.ok(m.start >= last && m.end > m.start && m.end <= text.length);
          last = m.end;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
