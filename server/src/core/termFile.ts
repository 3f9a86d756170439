import { Problem, lineOfKey, readFrontMatter } from './frontMatter';
import { Knob, parseKnobList } from './knobs';

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
  /** Extra word forms that match like aliases ("decoding" for Decode) but are not shown as names. */
  forms: string[];
  /** Generated word forms this term refuses ("batch" for Batching: an everyday word). */
  excludeForms: string[];
  /**
   * Everyday words that mean this term only next to a mention of it or of its context terms ("rank" near NCCL or
   * all-reduce): matched only there.
   */
  contextForms: string[];
  /** The terms whose mentions make `contextForms` count; the term itself and its related terms when not given. */
  contextTerms: string[];
  /** Primary sources the entry was checked against (https URLs). */
  sources: string[];
  /** When the entry was last checked against its sources, and the engine versions it was checked at. */
  reviewed?: Review;
  /** Engine flags, environment variables, config fields, request parameters and metrics that belong to the term. */
  knobs: Knob[];
  sections: Partial<Record<SectionName, Section>>;
  /** Where the term came from (a file URI or path); opaque to the core. */
  source: string;
  /** Which glossary layer supplied it: "bundled", or the folder it was read from. */
  layer: string;
}

export interface Review {
  /** ISO date, YYYY-MM-DD. */
  date: string;
  /** Engine id → the version its claims were checked against. */
  versions: Record<string, string>;
}

/** Names the parser checks against: taxonomy categories and known engines (both optional). */
export interface Vocabulary {
  categories?: ReadonlySet<string>;
  engines?: ReadonlySet<string>;
}

export interface TermFileResult {
  term?: Term;
  problems: Problem[];
}

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Every front matter key a term file may use (the TextMate grammar in syntaxes/ is generated from this list). */
export const FRONT_MATTER_KEYS = [
  'id',
  'title',
  'aliases',
  'category',
  'related',
  'case_sensitive',
  'case_insensitive',
  'status',
  'replaced_by',
  'avoid',
  'match',
  'forms',
  'exclude_forms',
  'context_forms',
  'context_terms',
  'sources',
  'reviewed',
  'knobs',
  'metrics',
] as const;
const KNOWN_KEYS = new Set<string>(FRONT_MATTER_KEYS);

/**
 * Parses and validates one term file. A file whose front matter cannot identify a term (no valid id or
 * title) yields no term; softer problems (unknown category, missing sections) are reported but the term loads,
 * so a team's half-written term still hovers while its author fixes it.
 */
export function parseTermFile(
  text: string,
  fileStem: string,
  source: string,
  layer: string,
  vocabulary: Vocabulary = {},
): TermFileResult {
  const { categories, engines } = vocabulary;
  const front = readFrontMatter(text);
  const problems = [...front.problems];
  if (!front.data) return { problems };
  const data = front.data;
  const at = (key: string) => lineOfKey(text, key);
  const error = (key: string, message: string) => problems.push({ line: at(key), severity: 'error', message });

  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.has(key))
      problems.push({ line: at(key), severity: 'warning', message: `unknown front matter key "${key}"` });
  }
  const id = data.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    error('id', 'front matter "id" must be lower-case kebab-case text, such as kv-cache');
  } else if (id !== fileStem) {
    error('id', `id "${id}" must equal the file name "${fileStem}"`);
  }
  const title = data.title;
  if (typeof title !== 'string' || title.trim() === '')
    error('title', 'front matter "title" must be non-empty text: the canonical name of the term');
  const aliases = stringList(data.aliases, 'aliases', error);
  const related = stringList(data.related, 'related', error);
  const caseSensitive = stringList(data.case_sensitive, 'case_sensitive', error);
  const caseInsensitive = stringList(data.case_insensitive, 'case_insensitive', error);
  const avoid = stringList(data.avoid, 'avoid', error);
  const forms = stringList(data.forms, 'forms', error);
  const excludeForms = stringList(data.exclude_forms, 'exclude_forms', error);
  const contextForms = stringList(data.context_forms, 'context_forms', error);
  const contextTerms = stringList(data.context_terms, 'context_terms', error);
  for (const bad of contextTerms.filter((r) => !ID_PATTERN.test(r)))
    error('context_terms', `context term "${bad}" is not a term id`);
  const sources = stringList(data.sources, 'sources', error);
  for (const bad of sources.filter((s) => !/^https:\/\/\S+$/.test(s)))
    error('sources', `source "${bad}" is not an https URL`);
  const reviewed = readReview(data.reviewed, (message) => error('reviewed', message));
  const knobs: Knob[] = [];
  for (const key of ['knobs', 'metrics'] as const) {
    const parsed = parseKnobList(data[key], key, at(key), engines);
    knobs.push(...parsed.knobs);
    problems.push(...parsed.problems);
  }
  if (data.match !== undefined && data.match !== 'explicit' && data.match !== 'auto')
    error('match', 'front matter "match" may only be "auto" (the default) or "explicit"');
  for (const bad of related.filter((r) => !ID_PATTERN.test(r)))
    error('related', `related entry "${bad}" is not a term id`);

  const category = data.category;
  if (typeof category !== 'string' || category === '') {
    error('category', 'front matter "category" must name one category of _meta/taxonomy.md');
  } else if (categories && !categories.has(category)) {
    error('category', `unknown category "${category}"; expected one of: ${[...categories].join(', ')}`);
  }
  const status = data.status;
  if (status !== undefined && status !== 'deprecated' && status !== 'active')
    error('status', 'front matter "status" may only be "active" or "deprecated"');
  const replacedBy = data.replaced_by;
  if (replacedBy !== undefined && (typeof replacedBy !== 'string' || !ID_PATTERN.test(replacedBy)))
    error('replaced_by', '"replaced_by" must be a term id');
  if (status === 'deprecated' && replacedBy === undefined)
    problems.push({
      line: at('status'),
      severity: 'warning',
      message: 'a deprecated term should name its successor in "replaced_by"',
    });

  const sections = readSections(front.body, front.bodyLine);
  for (const name of SECTION_NAMES) {
    const section = sections[name];
    if (!section) problems.push({ line: front.bodyLine, severity: 'error', message: `missing section "## ${name}"` });
    else if (section.text === '')
      problems.push({ line: section.line, severity: 'error', message: `section "## ${name}" is empty` });
  }

  if (typeof id !== 'string' || !ID_PATTERN.test(id) || typeof title !== 'string' || title.trim() === '')
    return { problems };
  return {
    problems,
    term: {
      id,
      title: title.replace(/\s+/g, ' ').trim(),
      aliases,
      category: typeof category === 'string' ? category : '',
      related,
      caseSensitive,
      caseInsensitive,
      avoid,
      explicitOnly: data.match === 'explicit',
      deprecated: status === 'deprecated',
      replacedBy: typeof replacedBy === 'string' ? replacedBy : undefined,
      forms,
      excludeForms,
      contextForms,
      contextTerms,
      sources,
      reviewed,
      knobs,
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
  // One line each: a title or alias with line breaks would break the hover heading and the tree's tooltip.
  return value.map((v) => String(v).replace(/\s+/g, ' ').trim()).filter((v) => v !== '');
}

/** `reviewed: 2026-11-26`, or `reviewed: { date: 2026-11-26, versions: { vllm: 0.11.2 } }`. */
function readReview(value: unknown, error: (message: string) => void): Review | undefined {
  if (value === undefined || value === null) return undefined;
  const asDate = (v: unknown): string | undefined => {
    const text =
      v instanceof Date && !Number.isNaN(v.getTime())
        ? v.toISOString().slice(0, 10)
        : typeof v === 'string'
          ? v.trim()
          : undefined;
    return text && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) ? text : undefined;
  };
  const shape =
    'front matter "reviewed" must be a date (YYYY-MM-DD) or { date: YYYY-MM-DD, versions: { engine: version } }';
  if (typeof value !== 'object' || value instanceof Date) {
    const date = asDate(value);
    if (!date) error(shape);
    return date ? { date, versions: {} } : undefined;
  }
  const record = value as Record<string, unknown>;
  const date = asDate(record.date);
  if (!date || Array.isArray(value)) {
    error(shape);
    return undefined;
  }
  const raw = record.versions;
  if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw)))
    error('"reviewed.versions" must map engine ids to versions');
  const entries =
    raw && typeof raw === 'object'
      ? Object.entries(raw).filter(([, v]) => typeof v === 'string' || typeof v === 'number')
      : [];
  return { date, versions: Object.fromEntries(entries.map(([engine, v]) => [engine, String(v)])) };
}

/**
 * Splits a Markdown body into its "## " sections, keyed by heading, with the heading's file line. One pass over the
 * lines (no regex over a whole line: a heading of 400,000 "#" once took minutes).
 */
export function readSections(body: string, bodyLine: number): Partial<Record<SectionName, Section>> {
  const sections: Partial<Record<SectionName, Section>> = {};
  let open: { name: SectionName | undefined; start: number; line: number } | undefined;
  const close = (end: number) => {
    if (open?.name && !sections[open.name])
      sections[open.name] = { text: body.slice(open.start, end).trim(), line: open.line };
  };
  let line = bodyLine;
  for (let start = 0; start <= body.length; line++) {
    const end = lineEnd(body, start);
    const name = sectionHeading(body, start, end);
    if (name !== null) {
      close(start);
      open = { name, start: end, line };
    }
    // A CRLF pair ends one line; any other line terminator (as in a regex's multiline mode) ends one each.
    if (end >= body.length) break;
    start = end + (body.charCodeAt(end) === 13 && body.charCodeAt(end + 1) === 10 ? 2 : 1);
    if (body.charCodeAt(end) !== 10 && !(body.charCodeAt(end) === 13 && body.charCodeAt(end + 1) === 10)) line--;
  }
  close(body.length);
  return sections;
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return i;
  }
  return text.length;
}

/** The section a line `## Name` (trailing `#`s allowed) opens; undefined for another `## ` heading, null for no heading. */
function sectionHeading(text: string, start: number, end: number): SectionName | undefined | null {
  // As `^##[ \t]+(.+?)[ \t#]*$` did: "##", a space or tab, and at least one more character.
  if (end - start < 4 || text.charCodeAt(start) !== 35 || text.charCodeAt(start + 1) !== 35) return null;
  let from = start + 2;
  if (text[from] !== ' ' && text[from] !== '\t') return null;
  while (from < end && (text[from] === ' ' || text[from] === '\t')) from++;
  let to = end;
  while (to > from && (text[to - 1] === ' ' || text[to - 1] === '\t' || text[to - 1] === '#')) to--;
  if (to - from > MAX_SECTION_NAME_LENGTH) return undefined;
  const heading = text.slice(from, to).trim().toLowerCase();
  return SECTION_NAMES.find((n) => n.toLowerCase() === heading);
}

const MAX_SECTION_NAME_LENGTH = Math.max(...SECTION_NAMES.map((n) => n.length)) + 8;
