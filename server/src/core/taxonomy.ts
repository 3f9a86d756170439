import { Problem, readFrontMatter } from './frontMatter';

export interface Category {
  id: string;
  title: string;
  description: string;
}

export interface TaxonomyResult {
  categories: Category[];
  problems: Problem[];
}

/** Reads the machine-readable category list from the front matter of _meta/taxonomy.md. */
export function parseTaxonomy(text: string): TaxonomyResult {
  const front = readFrontMatter(text);
  const problems = [...front.problems];
  const raw = front.data?.categories;
  if (!Array.isArray(raw)) {
    if (front.data) problems.push({ line: 0, severity: 'error', message: 'taxonomy front matter needs a "categories" list' });
    return { categories: [], problems };
  }
  const categories: Category[] = [];
  for (const entry of raw) {
    const e = entry as Record<string, unknown> | null;
    if (e && typeof e.id === 'string' && typeof e.title === 'string') {
      categories.push({ id: e.id, title: e.title, description: typeof e.description === 'string' ? e.description : '' });
    } else {
      problems.push({ line: 0, severity: 'error', message: 'each taxonomy category needs an "id" and a "title"' });
    }
  }
  return { categories, problems };
}
