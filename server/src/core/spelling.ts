import type { Glossary } from './glossary';
import type { Mention } from './mentions';
import { foldForm, isSeparator } from './textFolding';

export interface SpellingHint {
  start: number;
  end: number;
  kind: 'non-canonical' | 'deprecated';
  termId: string;
  /** The text to write instead. */
  replacement: string;
}

const SUFFIX = /(?:'s|\u2019s|s'|es|s)$/;

/**
 * Hints for mentions written differently from their term's declared spelling ("Kv-Cache" → "KV cache",
 * "VLLM" → "vLLM"), and for mentions of deprecated terms (→ their successor). Case is compared only for
 * words the form writes with inner capitals (KV, vLLM); ordinary words may take sentence case.
 */
export function spellingHints(
  glossary: Glossary,
  text: string,
  mentions: readonly Mention[],
  which: { nonCanonical: boolean; deprecated: boolean },
): SpellingHint[] {
  const hints: SpellingHint[] = [];
  for (const mention of mentions) {
    const term = glossary.get(mention.termIds[0]);
    // Exact names (knobs) and mentions that begin inside another one are written as they must be.
    if (!term || mention.termIds.length > 1 || mention.extendsFrom !== undefined || mention.knobs) continue;
    const written = text.slice(mention.start, mention.end);
    if (written.includes('(')) continue; // "time to first token (TTFT)": both halves were already matched as declared
    if (which.deprecated && term.deprecated && term.replacedBy) {
      const successor = glossary.get(term.replacedBy);
      if (successor)
        hints.push({
          start: mention.start,
          end: mention.end,
          kind: 'deprecated',
          termId: term.id,
          replacement: successor.title,
        });
      continue;
    }
    if (!which.nonCanonical) continue;
    // An identifier (ROPE_SCALING, kv_cache_dtype) names a setting or a variable: its spelling is not a slip.
    if (written.includes('_')) continue;
    const core = foldForm(written) === foldForm(written.replace(SUFFIX, '')) ? written : written.replace(SUFFIX, '');
    const suffix = written.slice(core.length);
    const form = [term.title, ...term.aliases].find((f) => foldForm(f) === foldForm(core));
    if (!form || sameSpelling(form, core)) continue;
    hints.push({
      start: mention.start,
      end: mention.end,
      kind: 'non-canonical',
      termId: term.id,
      replacement: form + suffix,
    });
  }
  return hints;
}

function sameSpelling(form: string, written: string): boolean {
  const formWords = words(form);
  const writtenWords = words(written);
  if (formWords.length !== writtenWords.length) return false;
  return formWords.every((word, i) =>
    /[A-Z]/.test(word.slice(1)) || /^[a-z]+[A-Z]/.test(word)
      ? word === writtenWords[i]
      : word.toLowerCase() === writtenWords[i].toLowerCase(),
  );
}

function words(text: string): string[] {
  const result: string[] = [];
  let current = '';
  for (const ch of text) {
    if (isSeparator(ch.charCodeAt(0))) {
      if (current) result.push(current);
      current = '';
    } else current += ch;
  }
  if (current) result.push(current);
  return result;
}
