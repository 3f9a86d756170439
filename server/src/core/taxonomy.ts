import { Problem, readFrontMatter } from './frontMatter';

export interface Category {
  id: string;
  title: string;
  description: string;
}

/** An engine or tool that knobs and metrics belong to ("vllm", "kubernetes"). */
export interface Engine {
  id: string;
  title: string;
}

export interface TaxonomyResult {
  categories: Category[];
  engines: Engine[];
  problems: Problem[];
}

/** Reads the machine-readable category list from the front matter of _meta/taxonomy.md. */
export function parseTaxonomy(text: string): TaxonomyResult {
  const front = readFrontMatter(text);
  const problems = [...front.problems];
  const raw = front.data?.categories;
  if (!Array.isArray(raw)) {
    if (front.data)
      problems.push({ line: 0, severity: 'error', message: 'taxonomy front matter needs a "categories" list' });
    return { categories: [], engines: [], problems };
  }
  const categories: Category[] = [];
  for (const entry of raw) {
    const e = entry as Record<string, unknown> | null;
    if (e && typeof e.id === 'string' && typeof e.title === 'string') {
      categories.push({
        id: e.id,
        title: e.title,
        description: typeof e.description === 'string' ? e.description : '',
      });
    } else {
      problems.push({ line: 0, severity: 'error', message: 'each taxonomy category needs an "id" and a "title"' });
    }
  }
  const engines: Engine[] = [];
  const rawEngines = front.data?.engines;
  if (rawEngines !== undefined && !Array.isArray(rawEngines))
    problems.push({ line: 0, severity: 'error', message: 'taxonomy "engines" must be a list' });
  for (const entry of Array.isArray(rawEngines) ? rawEngines : []) {
    const e = entry as Record<string, unknown> | null;
    if (e && typeof e.id === 'string' && typeof e.title === 'string') engines.push({ id: e.id, title: e.title });
    else problems.push({ line: 0, severity: 'error', message: 'each taxonomy engine needs an "id" and a "title"' });
  }
  return { categories, engines, problems };
}
