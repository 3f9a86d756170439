import { Location, Range, SymbolInformation, SymbolKind } from './lsp';
import type { Glossary } from '../core/glossary';
import { foldForm } from '../core/textFolding';

const MAX_SYMBOLS = 200;

/** Terms whose title, alias or acronym contains the query (folded), as symbols located at their Definition. */
export function workspaceSymbols(glossary: Glossary, query: string): SymbolInformation[] {
  const wanted = foldForm(query);
  const scored: { score: number; symbol: SymbolInformation }[] = [];
  for (const term of glossary.terms.values()) {
    let best = -1;
    for (const form of [term.title, ...term.aliases]) {
      const key = foldForm(form);
      const at = key.indexOf(wanted);
      if (at < 0) continue;
      const score = (at === 0 ? 2 : 1) + (key === wanted ? 2 : 0);
      best = Math.max(best, score);
    }
    if (best < 0) continue;
    const line = term.sections.Definition?.line ?? 0;
    scored.push({
      score: best,
      symbol: {
        name: term.title,
        kind: SymbolKind.String,
        containerName: glossary.categoryTitle(term.category),
        location: Location.create(term.source, Range.create(line, 0, line, 0)),
      },
    });
  }
  scored.sort((a, b) => b.score - a.score || a.symbol.name.localeCompare(b.symbol.name));
  return scored.slice(0, MAX_SYMBOLS).map((s) => s.symbol);
}
