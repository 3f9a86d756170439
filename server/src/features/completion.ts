import { CompletionItem, CompletionItemKind, CompletionList, MarkupKind, Range, TextEdit } from 'vscode-languageserver';
import type { CompletionAnswer } from '../core/completion';
import type { Glossary } from '../core/glossary';
import { sanitizeGlossaryMarkdown } from './hover';

/**
 * Completion items for term names: label = canonical name, filterText = the form the user's prefix matched
 * (so typing an acronym or alias still finds the term), documentation = the definition.
 */
export function completionList(glossary: Glossary, answer: CompletionAnswer, replace: Range): CompletionList {
  const items: CompletionItem[] = [];
  for (const candidate of answer.candidates) {
    const term = glossary.get(candidate.termId);
    if (!term) continue;
    const definition = term.sections.Definition?.text;
    items.push({
      label: term.title,
      kind: CompletionItemKind.Text,
      detail: `${glossary.categoryTitle(term.category)}${candidate.matchedForm !== term.title ? ` · ${candidate.matchedForm}` : ''}`,
      filterText: candidate.matchedForm,
      sortText: term.title.toLowerCase(),
      textEdit: TextEdit.replace(replace, term.title),
      documentation: definition ? { kind: MarkupKind.Markdown, value: sanitizeGlossaryMarkdown(definition) } : undefined,
      tags: term.deprecated ? [1] : undefined,
    });
  }
  return { isIncomplete: answer.candidates.length === 0 || answer.candidates.length > 200, items };
}
