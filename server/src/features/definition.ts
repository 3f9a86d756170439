import { Location, Range } from './lsp';
import type { Glossary } from '../core/glossary';
import type { Mention } from '../core/mentions';

/** Locations of the term files behind a mention, at their Definition section (or the top of the file). */
export function definitionForMention(glossary: Glossary, mention: Mention): Location[] {
  const locations: Location[] = [];
  for (const id of mention.termIds) {
    const term = glossary.get(id);
    if (!term) continue;
    const line = term.sections.Definition?.line ?? 0;
    locations.push(Location.create(term.source, Range.create(line, 0, line, 0)));
  }
  return locations;
}
