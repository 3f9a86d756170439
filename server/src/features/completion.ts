import { CompletionItem, CompletionItemKind, CompletionList, MarkupContent, MarkupKind, Range, TextEdit } from './lsp';
import { CompletionAnswer, insertionFor } from '../core/completion';
import type { Glossary } from '../core/glossary';
import type { Knob } from '../core/knobs';
import type { NameCompletionAnswer } from '../core/nameCompletion';
import { describeKnobs } from '../core/knobText';
import { sanitizeGlossaryMarkdown } from '../core/safeMarkdown';

/** What `completionItem/resolve` needs to find an item's term again. */
export interface CompletionData {
  termId: string;
  uri: string;
}

/**
 * Completion items for term names: label = canonical name, filterText = the form the user's prefix matched
 * (so typing an acronym or alias still finds the term), documentation = the definition. With `lazyFor`, the
 * documentation is left to `completionItem/resolve` (a 10k-term glossary offers a hundred items per keystroke).
 */
export function completionList(
  glossary: Glossary,
  answer: CompletionAnswer,
  replace: Range,
  lazyFor?: string,
  /** The text the item replaces, as typed: its first letter's case is kept mid-sentence. */
  typed = '',
): CompletionList {
  const items: CompletionItem[] = [];
  for (const candidate of answer.candidates) {
    const term = glossary.get(candidate.termId);
    if (!term) continue;
    // Named in the row only when the prefix matched a declared alias ("time to first token" for TTFT), not a word
    // form the glossary derived from the title ("continuous batch").
    const viaAlias = candidate.matchedForm !== term.title && term.aliases.includes(candidate.matchedForm);
    items.push({
      label: term.title,
      // The alias that matched shows in the list row; the details header keeps only the short category, which VS
      // Code would otherwise break mid-word ("time to fir / st token") in its narrow details pane.
      labelDetails: viaAlias ? { description: candidate.matchedForm } : undefined,
      kind: CompletionItemKind.Text,
      detail: glossary.categoryTitle(term.category),
      filterText: candidate.matchedForm,
      sortText: term.title.toLowerCase(),
      textEdit: TextEdit.replace(replace, insertionFor(term.title, typed, answer.midSentence)),
      documentation: lazyFor === undefined ? documentationOf(glossary, term.id) : undefined,
      data: lazyFor === undefined ? undefined : ({ termId: term.id, uri: lazyFor } satisfies CompletionData),
      tags: term.deprecated ? [1] : undefined,
    });
  }
  return { isIncomplete: answer.candidates.length === 0 || answer.truncated, items };
}

/** The item with its documentation, for a client that asked for it to be resolved lazily. */
export function resolveCompletionItem(glossary: Glossary, item: CompletionItem): CompletionItem {
  const data = item.data as Partial<CompletionData> | undefined;
  return typeof data?.termId === 'string' ? { ...item, documentation: documentationOf(glossary, data.termId) } : item;
}

function documentationOf(glossary: Glossary, termId: string): MarkupContent | undefined {
  const definition = glossary.get(termId)?.sections.Definition?.text;
  return definition ? { kind: MarkupKind.Markdown, value: sanitizeGlossaryMarkdown(definition) } : undefined;
}

const KNOB_ITEM_KINDS: Record<Knob['kind'], CompletionItemKind> = {
  flag: CompletionItemKind.Property,
  env: CompletionItemKind.Variable,
  config: CompletionItemKind.Field,
  param: CompletionItemKind.Field,
  command: CompletionItemKind.Function,
  metric: CompletionItemKind.Value,
};

/**
 * Knob and metric names being typed (`--max-n`, `vllm:num_`, `VLLM_`): label = the exact name, detail = the engines
 * that have it and the term it belongs to, documentation = the knob's hover. A removed name is offered struck out.
 */
export function knobCompletionList(glossary: Glossary, answer: NameCompletionAnswer, replace: Range): CompletionList {
  const items: CompletionItem[] = answer.candidates.map((candidate) => {
    const engines = [...new Set(candidate.knobs.map((k) => glossary.engineTitle(k.engine)))];
    const term = glossary.get(candidate.termIds[0]);
    return {
      label: candidate.name,
      kind: KNOB_ITEM_KINDS[candidate.knobs[0].kind],
      detail: [engines.join(', '), term?.title].filter(Boolean).join(' · '),
      textEdit: TextEdit.replace(replace, candidate.name),
      documentation: { kind: MarkupKind.Markdown, value: describeKnobs(glossary, candidate.knobs) },
      tags: candidate.knobs.every((k) => k.removed ?? k.deprecated) ? [1] : undefined,
    };
  });
  return { isIncomplete: items.length >= 200, items };
}
