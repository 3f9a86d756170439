import { Problem, countLines, lineOfKey, readFrontMatter } from './frontMatter';

/** The seven sections every term is written to, in order. */
export const SECTION_NAMES = [
  'Definition',
  'Why it exists',
  'Where in the stack',
  'Key properties',
  'Common pitfalls',
  'Related terms',
  'In practice',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface Section {
  text: string;
  line: number; // zero-based line of the "## " heading
}

export interface Term {
  id: string;
  title: string;
  aliases: string[];
  category: string;
  related: string[];
  /** Forms that must match in their exact case although they contain lower-case letters. */
  caseSensitive: string[];
  /** Acronym forms that may match in any case ("fp8" for FP8). */
  caseInsensitive: string[];
  /** Phrases in which this term's forms mean something else ("access token" for token): no mention there. */
  avoid: string[];
  /** `match: explicit`: the term matches only in the exact case of its title and aliases. */
  explicitOnly: boolean;
  deprecated: boolean;
  replacedBy?: string;
  sections: Partial<Record<SectionName, Section>>;
  /** Where the term came from (a file URI or path); opaque to the core. */
  source: string;
  /** Which glossary layer supplied it: "bundled", or the folder it was read from. */
  layer: string;
}

export interface TermFileResult {
  term?: Term;
  problems: Problem[];
}

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Every front matter key a term file may use (the TextMate grammar in syntaxes/ is generated from this list). */
export const FRONT_MATTER_KEYS = ['id', 'title', 'aliases', 'category', 'related', 'case_sensitive', 'case_insensitive', 'status', 'replaced_by', 'avoid', 'match'] as const;
const KNOWN_KEYS = new Set<string>(FRONT_MATTER_KEYS);

/**
 * Parses and validates one term file. A file whose front matter cannot identify a term (no valid id or
 * title) yields no term; softer problems (unknown category, missing sections) are reported but the term loads,
 * so a team's half-written term still hovers while its author fixes it.
 */
export function parseTermFile(text: string, fileStem: string, source: string, layer: string, categories?: ReadonlySet<string>): TermFileResult {
  const front = readFrontMatter(text);
  const problems = [...front.problems];
  if (!front.data) return { problems };
  const data = front.data;
  const at = (key: string) => lineOfKey(text, key);
  const error = (key: string, message: string) => problems.push({ line: at(key), severity: 'error', message });

  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.has(key)) problems.push({ line: at(key), severity: 'warning', message: `unknown front matter key "${key}"` });
  }
  const id = data.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    error('id', 'front matter "id" must be lower-case kebab-case text, such as kv-cache');
  } else if (id !== fileStem) {
    error('id', `id "${id}" must equal the file name "${fileStem}"`);
  }
  const title = data.title;
  if (typeof title !== 'string' || title.trim() === '') error('title', 'front matter "title" must be non-empty text: the canonical name of the term');
  const aliases = stringList(data.aliases, 'aliases', error);
  const related = stringList(data.related, 'related', error);
  const caseSensitive = stringList(data.case_sensitive, 'case_sensitive', error);
  const caseInsensitive = stringList(data.case_insensitive, 'case_insensitive', error);
  const avoid = stringList(data.avoid, 'avoid', error);
  if (data.match !== undefined && data.match !== 'explicit' && data.match !== 'auto') error('match', 'front matter "match" may only be "auto" (the default) or "explicit"');
  for (const bad of related.filter((r) => !ID_PATTERN.test(r))) error('related', `related entry "${bad}" is not a term id`);

  const category = data.category;
  if (typeof category !== 'string' || category === '') {
    error('category', 'front matter "category" must name one category of _meta/taxonomy.md');
  } else if (categories && !categories.has(category)) {
    error('category', `unknown category "${category}"; expected one of: ${[...categories].join(', ')}`);
  }
  const status = data.status;
  if (status !== undefined && status !== 'deprecated' && status !== 'active') error('status', 'front matter "status" may only be "active" or "deprecated"');
  const replacedBy = data.replaced_by;
  if (replacedBy !== undefined && (typeof replacedBy !== 'string' || !ID_PATTERN.test(replacedBy))) error('replaced_by', '"replaced_by" must be a term id');
  if (status === 'deprecated' && replacedBy === undefined) problems.push({ line: at('status'), severity: 'warning', message: 'a deprecated term should name its successor in "replaced_by"' });

  const sections = readSections(front.body, front.bodyLine);
  for (const name of SECTION_NAMES) {
    const section = sections[name];
    if (!section) problems.push({ line: front.bodyLine, severity: 'error', message: `missing section "## ${name}"` });
    else if (section.text === '') problems.push({ line: section.line, severity: 'error', message: `section "## ${name}" is empty` });
  }

  if (typeof id !== 'string' || !ID_PATTERN.test(id) || typeof title !== 'string' || title.trim() === '') return { problems };
  return {
    problems,
    term: {
      id,
      title: title.trim(),
      aliases,
      category: typeof category === 'string' ? category : '',
      related,
      caseSensitive,
      caseInsensitive,
      avoid,
      explicitOnly: data.match === 'explicit',
      deprecated: status === 'deprecated',
      replacedBy: typeof replacedBy === 'string' ? replacedBy : undefined,
      sections,
      source,
      layer,
    },
  };
}

function stringList(value: unknown, key: string, error: (key: string, message: string) => void): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    error(key, `front matter "${key}" must be a list of text entries`);
    return [];
  }
  return value.map((v) => String(v).trim()).filter((v) => v !== '');
}

/** Splits a Markdown body into its "## " sections, keyed by heading, with the heading's file line. */
export function readSections(body: string, bodyLine: number): Partial<Record<SectionName, Section>> {
  const sections: Partial<Record<SectionName, Section>> = {};
  const headings = [...body.matchAll(/^##[ \t]+(.+?)[ \t#]*$/gm)];
  headings.forEach((heading, index) => {
    const name = SECTION_NAMES.find((n) => n.toLowerCase() === heading[1].trim().toLowerCase());
    if (!name || sections[name]) return;
    const start = heading.index + heading[0].length;
    const end = index + 1 < headings.length ? headings[index + 1].index : body.length;
    sections[name] = { text: body.slice(start, end).trim(), line: bodyLine + countLines(body.slice(0, heading.index)) };
  });
  return sections;
}
