import type { Glossary } from '../core/glossary';
import type { TermSummary } from '../../shared/messages';
import { knobKindText } from '../core/knobText';

/** Every term in force as plain summaries for the client's quick pick and tree view. */
export function termSummaries(glossary: Glossary): TermSummary[] {
  return [...glossary.terms.values()].map((term) => ({
    id: term.id,
    title: term.title,
    aliases: term.aliases,
    category: term.category,
    categoryTitle: glossary.categoryTitle(term.category),
    layer: term.layer,
    overridesBundled: glossary.overridden.has(term.id),
    deprecated: term.deprecated,
    uri: term.source,
    definitionLine: term.sections.Definition?.line ?? 0,
    summary: firstSentence(term.sections.Definition?.text ?? ''),
    knobs: term.knobs.map((knob) => ({
      name: knob.name,
      engine: glossary.engineTitle(knob.engine),
      kind: knobKindText(knob),
      status: knob.removed
        ? `removed in ${knob.removed}`
        : knob.deprecated
          ? `deprecated in ${knob.deprecated}`
          : undefined,
    })),
  }));
}

export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/[.!?](\s|$)/);
  return end >= 0 ? flat.slice(0, end + 1) : flat;
}
