import { Location, Range } from './lsp';
import type { Glossary } from '../core/glossary';
import type { WorkspaceIndex } from '../workspaceIndex';

/** Locations of every indexed mention of a term, plus (when asked) the term file itself. */
export function mentionLocations(
  index: WorkspaceIndex,
  glossary: Glossary,
  termId: string,
  includeDeclaration: boolean,
): Location[] {
  const locations = index
    .mentionsOf(termId)
    .map(({ uri, mention }) =>
      Location.create(uri, Range.create(mention.line, mention.character, mention.endLine, mention.endCharacter)),
    );
  const term = glossary.get(termId);
  if (includeDeclaration && term) {
    const line = term.sections.Definition?.line ?? 0;
    locations.unshift(Location.create(term.source, Range.create(line, 0, line, 0)));
  }
  return locations;
}

/** The term a term file defines, when the document is one. */
export function termOfFile(glossary: Glossary, uri: string): string | undefined {
  for (const term of glossary.terms.values()) if (term.source === uri) return term.id;
  return undefined;
}
