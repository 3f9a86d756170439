import { SurfaceForm, SurfaceMatcher } from './matcher';
import { foldForm, isAcronymForm } from './textFolding';
import { Category } from './taxonomy';
import { Term } from './termFile';

/**
 * The terms in force after layering (bundled first, then each team folder; a later layer replaces an
 * earlier term with the same id), and the matcher compiled once from all their titles and aliases.
 */
export class Glossary {
  readonly terms: ReadonlyMap<string, Term>;
  readonly matcher: SurfaceMatcher;
  readonly forms: readonly SurfaceForm[];
  /** Ids whose term in force replaced one from an earlier layer. */
  readonly overridden: ReadonlySet<string>;
  private readonly categoryTitles: ReadonlyMap<string, string>;
  private readonly formsByKey: { key: string; form: SurfaceForm }[];

  constructor(layers: readonly (readonly Term[])[], categories: readonly Category[] = []) {
    const terms = new Map<string, Term>();
    const overridden = new Set<string>();
    for (const layer of layers) {
      for (const term of layer) {
        if (terms.has(term.id)) overridden.add(term.id);
        terms.set(term.id, term);
      }
    }
    this.terms = terms;
    this.overridden = overridden;
    this.forms = [...terms.values()].flatMap(surfaceFormsOf);
    this.matcher = new SurfaceMatcher(this.forms);
    this.categoryTitles = new Map(categories.map((c) => [c.id, c.title]));
    this.formsByKey = this.forms
      .filter((form) => form.termId !== BLOCKING_TERM_ID)
      .map((form) => ({ key: foldForm(form.text), form }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Forms whose folded text starts with the folded prefix, by binary search over the sorted keys. */
  formsStartingWith(foldedPrefix: string): SurfaceForm[] {
    let lo = 0;
    let hi = this.formsByKey.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.formsByKey[mid].key < foldedPrefix) lo = mid + 1;
      else hi = mid;
    }
    const found: SurfaceForm[] = [];
    for (let i = lo; i < this.formsByKey.length && this.formsByKey[i].key.startsWith(foldedPrefix); i++)
      found.push(this.formsByKey[i].form);
    return found;
  }

  get(id: string): Term | undefined {
    return this.terms.get(id);
  }

  categoryTitle(id: string): string {
    return this.categoryTitles.get(id) ?? id;
  }
}

/**
 * Every form a term can be mentioned by, with the case rule that applies to it, plus its `avoid` phrases
 * as blocking forms (empty termId): being longer, they win the leftmost-longest match and claim the span.
 */
export function surfaceFormsOf(term: Term): SurfaceForm[] {
  const exact = new Set(term.caseSensitive);
  const relaxed = new Set(term.caseInsensitive);
  const forms = [term.title, ...term.aliases, ...term.caseSensitive];
  const seen = new Set<string>();
  const result: SurfaceForm[] = [];
  for (const text of forms) {
    if (seen.has(text)) continue;
    seen.add(text);
    const caseSensitive = term.explicitOnly || exact.has(text) || (isAcronymForm(text) && !relaxed.has(text));
    result.push({ text, termId: term.id, caseSensitive });
  }
  for (const text of term.avoid) result.push({ text, termId: BLOCKING_TERM_ID, caseSensitive: false });
  return result;
}

/** The termId of forms that only block: a match of one of them is no mention. */
export const BLOCKING_TERM_ID = '';
