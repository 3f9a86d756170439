import type { Glossary } from './glossary';
import type { Knob } from './knobs';

export interface NameCandidate {
  name: string;
  termIds: readonly string[];
  knobs: readonly Knob[];
}

export interface NameCompletionAnswer {
  /** Start of the typed name the chosen item replaces. */
  replaceStart: number;
  candidates: NameCandidate[];
}

const NAME_CHAR = /[A-Za-z0-9_.:/-]/;

/**
 * Knob and metric names to offer where one is being typed — a flag after `--` (in a YAML args list, a shell line),
 * a metric after `vllm:` (PromQL), an environment variable in capitals — anywhere in the document, code included.
 * Plain words are left to the term-name completion.
 */
export function completeName(glossary: Glossary, text: string, offset: number): NameCompletionAnswer | undefined {
  let start = offset;
  while (start > 0 && offset - start < 120 && NAME_CHAR.test(text[start - 1])) start--;
  const typed = text.slice(start, offset);
  const looksLikeName = typed.startsWith('--') || /^[a-z][a-z0-9_]*:/.test(typed) || /^[A-Z][A-Z0-9]*_/.test(typed);
  if (!looksLikeName) return undefined;
  const candidates = glossary.names.namesStartingWith(typed).filter((c) => c.knobs.length > 0);
  return candidates.length > 0 ? { replaceStart: start, candidates } : undefined;
}
